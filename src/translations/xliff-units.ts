import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { parseMarkdown } from '../parse/markdown.js';

// What a translator is given: one unit per block of a draft (its title, each heading, paragraph,
// list item, table cell and footnote paragraph), each unit a run of text and inline codes. Inline
// Markdown (emphasis, links, cross-references, footnote calls, code, images) becomes codes that
// carry the Markdown they stand for, so a translator moves them but never edits their syntax.
//
// Unit ids (documented in the README) are the block's kind and its 1-based position among the
// blocks of that kind in the draft: `title`, `h2` (the second heading), `p3` (the third paragraph
// outside lists, tables and footnotes), `li4` (the fourth paragraph of a list item), `t1-r2-c3`
// (table 1, row 2 counting the header row as 1, cell 3), `fn2` (the second footnote paragraph).
// Inserting a paragraph only renumbers the paragraphs after it; headings, list items, tables and
// footnotes keep their ids.

/** What an inline code stands for. */
export type CodeKind = 'emphasis' | 'strong' | 'delete' | 'link' | 'xref' | 'footnote' | 'code' | 'image' | 'html' | 'break' | 'other';

/** An inline code of a unit: a span (around translatable text) or a standalone placeholder. */
export interface InlineCode {
  /** 1-based, in order of appearance in the unit's source. */
  readonly id: number;
  readonly kind: CodeKind;
  readonly span: boolean;
  /** The Markdown the code stands for: the whole placeholder, or the span's opening delimiter. */
  readonly start: string;
  /** The span's closing delimiter (`''` for a placeholder). */
  readonly end: string;
  /** For a cross-reference, the id it names. */
  readonly target?: string;
}

/** A piece of a unit's content: text, or where a code starts, ends or stands. */
export type Token =
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'start' | 'end' | 'placeholder'; readonly id: number };

export type UnitKind = 'title' | 'heading' | 'paragraph' | 'list-item' | 'table-cell' | 'footnote';

/** One translatable block of a draft. */
export interface Unit {
  readonly id: string;
  readonly kind: UnitKind;
  readonly tokens: readonly Token[];
  readonly codes: readonly InlineCode[];
  /** Where the block's inline content lies in the body (`[start, end)`); undefined for the title. */
  readonly range: readonly [number, number] | undefined;
  /** Where it is, for the translator: `statement`, `heading 2`, `table 1, row 2, column 3`. */
  readonly where: string;
}

/**
 * The units of a draft: its title, then every translatable block of its body in document order.
 * `body` is the draft's body (after the frontmatter); ranges are offsets into it.
 */
export function extractUnits(title: string, body: string): Unit[] {
  const tree = parseMarkdown(body, 1, 'full');
  const units: Unit[] = [{ id: 'title', kind: 'title', tokens: trimSpace(title) === '' ? [] : [{ type: 'text', value: trimSpace(normalizeSpace(title)) }], codes: [], range: undefined, where: 'title' }];
  const counts = { heading: 0, paragraph: 0, 'list-item': 0, table: 0, footnote: 0 };
  let statementSeen = false;

  const inline = (kind: UnitKind, id: string, where: string, children: readonly PhrasingContent[], fallback: number) => {
    const first = children[0]?.position?.start.offset;
    const last = children[children.length - 1]?.position?.end.offset;
    const range: [number, number] = first === undefined || last === undefined ? [fallback, fallback] : [first, last];
    const { tokens, codes } = tokenize(children, body);
    units.push({ id, kind, tokens, codes, range, where });
  };

  const walk = (nodes: readonly RootContent[], container: 'root' | 'list-item' | 'footnote') => {
    for (const node of nodes) {
      switch (node.type) {
        case 'heading':
          counts.heading++;
          inline('heading', `h${counts.heading}`, `heading ${counts.heading}`, node.children, node.position?.end.offset ?? 0);
          break;
        case 'paragraph': {
          if (container === 'list-item') {
            counts['list-item']++;
            inline('list-item', `li${counts['list-item']}`, `list item ${counts['list-item']}`, node.children, node.position?.end.offset ?? 0);
          } else if (container === 'footnote') {
            counts.footnote++;
            inline('footnote', `fn${counts.footnote}`, `footnote paragraph ${counts.footnote}`, node.children, node.position?.end.offset ?? 0);
          } else {
            counts.paragraph++;
            const where = !statementSeen && units.length === 1 ? 'statement (first paragraph)' : `paragraph ${counts.paragraph}`;
            statementSeen = true;
            inline('paragraph', `p${counts.paragraph}`, where, node.children, node.position?.end.offset ?? 0);
          }
          break;
        }
        case 'list':
          for (const item of node.children) walk(item.children, 'list-item');
          break;
        case 'listItem':
          walk(node.children, 'list-item');
          break;
        case 'blockquote':
          walk(node.children, container);
          break;
        case 'footnoteDefinition':
          walk(node.children, 'footnote');
          break;
        case 'table': {
          counts.table++;
          const t = counts.table;
          node.children.forEach((row, r) => {
            row.children.forEach((cell, c) => {
              const id = `t${t}-r${r + 1}-c${c + 1}`;
              inline('table-cell', id, `table ${t}, row ${r + 1}${r === 0 ? ' (header)' : ''}, column ${c + 1}`, cell.children, cell.position?.end.offset ?? 0);
            });
          });
          break;
        }
        default:
          // Code blocks, HTML, thematic breaks and link definitions are not translated: an import
          // keeps them as the source has them.
          break;
      }
    }
  };
  walk((tree as Root).children, 'root');
  return units;
}

function tokenize(children: readonly PhrasingContent[], body: string): { tokens: Token[]; codes: InlineCode[] } {
  const tokens: Token[] = [];
  const codes: InlineCode[] = [];
  const slice = (node: Nodes) => body.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
  const placeholder = (kind: CodeKind, markup: string, target?: string) => {
    const code: InlineCode = { id: codes.length + 1, kind, span: false, start: markup, end: '', ...(target === undefined ? {} : { target }) };
    codes.push(code);
    tokens.push({ type: 'placeholder', id: code.id });
  };
  const span = (kind: CodeKind, node: Nodes & { children: PhrasingContent[] }) => {
    const first = node.children[0]?.position?.start.offset;
    const last = node.children[node.children.length - 1]?.position?.end.offset;
    const from = node.position?.start.offset;
    const to = node.position?.end.offset;
    if (first === undefined || last === undefined || from === undefined || to === undefined) {
      placeholder(kind, slice(node));
      return;
    }
    const code: InlineCode = { id: codes.length + 1, kind, span: true, start: body.slice(from, first), end: body.slice(last, to) };
    codes.push(code);
    tokens.push({ type: 'start', id: code.id });
    visit(node.children);
    tokens.push({ type: 'end', id: code.id });
  };
  const visit = (nodes: readonly PhrasingContent[]) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          tokens.push({ type: 'text', value: normalizeSpace(node.value) });
          break;
        case 'emphasis':
        case 'strong':
        case 'delete':
          span(node.type, node);
          break;
        case 'link': {
          const markup = slice(node);
          const isReference = node.url.startsWith('#') && node.url.length > 1;
          // An autolink (`<https://…>`, `www.…`) shows its own address: translating it would change it.
          const autolink = node.children.length === 0 || markup.startsWith('<') || !markup.startsWith('[');
          if (isReference && node.children.length === 0) placeholder('xref', markup, decodeFragment(node.url.slice(1)));
          else if (autolink) placeholder('link', markup);
          else span('link', node);
          break;
        }
        case 'linkReference':
          if (node.referenceType === 'full') span('link', node);
          else placeholder('link', slice(node));
          break;
        case 'footnoteReference':
          placeholder('footnote', slice(node));
          break;
        case 'inlineCode':
          placeholder('code', slice(node));
          break;
        case 'image':
        case 'imageReference':
          placeholder('image', slice(node));
          break;
        case 'html':
          placeholder('html', slice(node));
          break;
        case 'break':
          placeholder('break', slice(node));
          break;
        default:
          placeholder('other', slice(node));
          break;
      }
    }
  };
  visit(children);
  return { tokens: trimTokens(mergeText(tokens)), codes };
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Line breaks and runs of spaces inside a block read as one space, as Markdown renders them. */
export function normalizeSpace(text: string): string {
  return text.replace(SPACE, ' ');
}

// Markdown's white space: spaces, tabs and line endings. Not `\s`, which takes in the no-break
// spaces that French typography puts before `:`, `;`, `!` and `?`, and which must stay.
const SPACE = /[ \t\r\n]+/g;

/** A text without Markdown white space at either end. */
function trimSpace(text: string): string {
  return text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/** Adjacent text tokens joined into one. */
export function mergeText(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const last = out[out.length - 1];
    if (token.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + token.value };
    else if (token.type !== 'text' || token.value !== '') out.push(token);
  }
  return out;
}

/** Tokens without the leading and trailing white space of the whole run. */
export function trimTokens(tokens: Token[]): Token[] {
  const out = [...tokens];
  const first = out[0];
  if (first?.type === 'text') out[0] = { type: 'text', value: first.value.replace(/^[ \t\r\n]+/, '') };
  const lastIndex = out.length - 1;
  const last = out[lastIndex];
  if (last?.type === 'text') out[lastIndex] = { type: 'text', value: last.value.replace(/[ \t\r\n]+$/, '') };
  return out.filter((t) => t.type !== 'text' || t.value !== '');
}

/** A unit's content as one comparable string: text as it is, codes as `{s1}`, `{e1}`, `{x2}`. */
export function tokenKey(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.type === 'text' ? t.value.replace(/[{}\\]/g, '\\$&') : `{${t.type[0]}${t.id}}`)).join('');
}

/** Whether a unit has something to translate (text, or codes only, which are kept). */
export function isEmpty(tokens: readonly Token[]): boolean {
  return tokens.every((t) => t.type === 'text' && t.value.trim() === '');
}

/**
 * The codes of a translated block matched to its source's codes: each translation code takes the
 * first unused source code with the same Markdown, else (emphasis, strong, struck text) the first
 * unused one of the same kind. Returns the translation's tokens renumbered with the source's code
 * ids, or undefined when a code has no counterpart.
 */
export function matchCodes(source: Unit, translation: Unit): Token[] | undefined {
  const used = new Set<number>();
  const map = new Map<number, number>();
  for (const code of translation.codes) {
    const candidates = source.codes.filter((c) => !used.has(c.id) && c.span === code.span && c.kind === code.kind);
    const match =
      candidates.find((c) => c.start === code.start && c.end === code.end) ??
      (code.kind === 'emphasis' || code.kind === 'strong' || code.kind === 'delete' ? candidates[0] : undefined);
    if (!match) return undefined;
    used.add(match.id);
    map.set(code.id, match.id);
  }
  return translation.tokens.map((t) => (t.type === 'text' ? t : { type: t.type, id: map.get(t.id) as number }));
}

/** Why a translated unit cannot be written into Markdown, or undefined when it can. */
export function checkTarget(unit: Unit, tokens: readonly Token[]): string | undefined {
  const byId = new Map(unit.codes.map((c) => [c.id, c]));
  const open: number[] = [];
  for (const token of tokens) {
    if (token.type === 'text') continue;
    const code = byId.get(token.id);
    if (!code) return `inline code ${token.id} is not in the source (it has ${unit.codes.length === 0 ? 'none' : unit.codes.map((c) => c.id).join(', ')})`;
    if (token.type === 'placeholder') {
      if (code.span) return `inline code ${token.id} is a span in the source, found as a placeholder`;
    } else if (!code.span) {
      return `inline code ${token.id} is a placeholder in the source, found as a span`;
    } else if (token.type === 'start') {
      open.push(token.id);
    } else if (open.pop() !== token.id) {
      return `inline code ${token.id} closes where it was not opened last`;
    }
  }
  if (open.length > 0) return `inline code ${open[open.length - 1]} is opened and never closed`;
  return undefined;
}

/**
 * The Markdown of a translated unit: its text escaped so that it reads back as the same text, and
 * each code as the Markdown of the source's code. One line: a block never spans lines.
 */
export function renderTarget(unit: Unit, tokens: readonly Token[]): string {
  // A title is frontmatter text, not Markdown: it has no codes and needs no escaping.
  if (unit.kind === 'title') return trimSpace(normalizeSpace(tokens.map((t) => (t.type === 'text' ? t.value : '')).join('')));
  const byId = new Map(unit.codes.map((c) => [c.id, c]));
  const pieces: { text: boolean; value: string }[] = tokens.map((t) => {
    if (t.type === 'text') return { text: true, value: normalizeSpace(t.value) };
    const code = byId.get(t.id) as InlineCode;
    return { text: false, value: t.type === 'end' ? code.end : code.start };
  });
  const cell = unit.kind === 'table-cell';
  let out = '';
  pieces.forEach((piece, i) => {
    if (!piece.text) {
      out += piece.value;
      return;
    }
    let text = escapeInline(piece.value, cell);
    const next = pieces[i + 1];
    // `!` right before a link's `[` would turn the link into an image.
    if (text.endsWith('!') && next && !next.text && next.value.startsWith('[')) text = `${text.slice(0, -1)}\\!`;
    if (i === 0) text = escapeLineStart(text, unit.kind);
    out += text;
  });
  out = trimSpace(out);
  if (unit.kind === 'heading' && /#$/.test(out)) out = `${out.slice(0, -1)}\\#`;
  return out;
}

/** Backslash-escapes what Markdown would read as syntax inside a line of text. */
function escapeInline(text: string, cell: boolean): string {
  let out = text.replace(/[\\`*_[\]<~]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  if (cell) out = out.replace(/\|/g, '\\|');
  return out;
}

/** Escapes what would make the start of a block something else (a heading, a list, a quote). */
function escapeLineStart(text: string, kind: UnitKind): string {
  const trimmed = text.replace(/^[ \t\r\n]+/, '');
  if (kind === 'title') return trimmed;
  if (/^(#{1,6}([ \t]|$)|>|[-+=]([ \t]|$)|[-=]+[ \t]*$)/.test(trimmed)) return `\\${trimmed}`;
  const ordered = /^(\d{1,9})([.)])([ \t]|$)/.exec(trimmed);
  if (ordered) return `${ordered[1]}\\${trimmed.slice((ordered[1] ?? '').length)}`;
  return trimmed;
}
