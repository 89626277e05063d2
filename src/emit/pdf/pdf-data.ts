import { dropUnprintable } from '../../text/characters.js';
import { typesettable } from '../../text/typeset.js';
import type { FootnoteDefinition, Nodes, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Edition, EditionPart, EditionPractice } from '../../model/edition.js';

/**
 * One node of the document tree the Typst template renders: a string is literal text; every other
 * node is `{t: kind, …}`. The template only ever shows these strings as text, so nothing a drafter
 * writes can run as Typst code.
 */
export type PdfNode =
  | string
  | { t: 'p' | 'em' | 'strong' | 'del' | 'quote' | 'li'; c: PdfNode[] }
  | { t: 'code' | 'pre'; v: string }
  | { t: 'a'; u: string; c: PdfNode[] }
  | { t: 'ref'; l: string; c: PdfNode[] }
  | { t: 'ul'; tight: boolean; c: PdfNode[] }
  | { t: 'ol'; tight: boolean; s: number; c: PdfNode[] }
  | { t: 'table'; a: ('start' | 'center' | 'end')[]; c: PdfNode[][][]; cap?: PdfNode[] }
  | { t: 'h'; d: number; c: PdfNode[] }
  | { t: 'fn'; n: number; lang: string; dir: 'ltr' | 'rtl'; c: PdfNode[] }
  | { t: 'fnref' | 'sup'; n: number }
  | { t: 'br' | 'hr' };

/** A front or back part, or a section's introduction, as the template reads it. */
export interface PdfPart {
  readonly id: string;
  readonly title: string;
  /** The language and direction its text is in (the authoritative one when untranslated). */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  readonly untranslated: boolean;
  readonly body: PdfNode[];
}

/** A practice as the template reads it. */
export interface PdfPractice extends PdfPart {
  readonly number: number;
  /** `Good Practice 7: Title`. */
  readonly heading: string;
  readonly statement: PdfNode[] | null;
  /** `Good Practice 3, Good Practice 9`, as links, joined the way the language lists things. */
  readonly related: PdfNode[];
}

/** The whole edition as the template's `edition.json`. */
export interface PdfData {
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  readonly status: 'draft' | 'final';
  /** The document date, from `SOURCE_DATE_EPOCH`; null writes none, so builds stay identical. */
  readonly date: { year: number; month: number; day: number; hour: number; minute: number; second: number } | null;
  readonly authors: string[];
  readonly keywords: string[];
  /** The running header's title: the short title. */
  readonly header: string;
  /** Whether labels, references and footnote marks are set as isolates (see `Edition.isolateNumbers`). */
  readonly isolate: boolean;
  /** The deepest heading level the contents list (see `Edition.contentsDepth`). */
  readonly contentsDepth: 1 | 2;
  readonly messages: Record<string, string>;
  readonly cover: {
    readonly title: string;
    readonly subtitle: string | null;
    readonly initiative: string | null;
    readonly workingGroup: string | null;
    readonly coLeads: string | null;
    readonly meeting: string | null;
    readonly adopted: string | null;
  };
  readonly courtesy: string | null;
  readonly front: PdfPart[];
  readonly sections: { id: string; heading: string; intro: PdfPart | null; practices: PdfPractice[] }[];
  readonly back: PdfPart[];
}

/**
 * How deep containers (lists, quotes, emphasis) may nest before the rest is flattened to plain
 * text. Typst limits how deep functions may call each other (the template recurses once or twice a
 * level), and no real draft nests this deep.
 */
const MAX_DEPTH = 12;


/**
 * Text as it may be typeset: control characters dropped (they have no glyph, and some PDF readers
 * choke on them) and lone surrogates replaced (Typst's JSON reader rejects them).
 */
export function cleanText(value: string): string {
  // PDF/UA-1 forbids text no font can show: such a character is U+FFFD here, and
  // `pdf-font-coverage` tells the drafter where it is.
  return typesettable(dropUnprintable(value));
}

/** A one-line text (a title): every line break becomes a space. */
function cleanLine(value: string): string {
  return cleanText(value.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' '));
}

/**
 * A label set on one line: its spaces do not break (a line ending "(Good" and the next starting
 * "Practice 21)" reads badly, a page break between them worse). Labels are short.
 */
const unbroken = (label: string): string => label.replace(/ /g, '\u00A0');

const optional = (value: string | undefined): string | null => (value === undefined || value === '' ? null : cleanLine(value));

/** Serialises one part or practice's mdast, tracking which footnotes were already typeset. */
class Serialiser {
  /** Footnote numbers already typeset once: a later call refers back to that footnote. */
  private readonly placed = new Set<number>();

  constructor(
    /** `practice:<id>` and `section:<id>` for every target this document contains. */
    private readonly targets: ReadonlySet<string>,
  ) {}

  blocks(nodes: readonly RootContent[], footnotes: readonly FootnoteDefinition[], text: { readonly textLang: string; readonly textDir: 'ltr' | 'rtl' }, headingShift: number, minLevel: number): PdfNode[] {
    const scope: Scope = { footnotes: new Map(footnotes.map((f) => [f.identifier, f])), lang: text.textLang, dir: text.textDir, headingShift, minLevel, inNote: false };
    return nodes.flatMap((node) => this.node(node, scope, 0));
  }

  private all(nodes: readonly Nodes[], scope: Scope, depth: number): PdfNode[] {
    return nodes.flatMap((node) => this.node(node, scope, depth + 1));
  }

  private node(node: Nodes, scope: Scope, depth: number): PdfNode[] {
    if (depth > MAX_DEPTH) {
      const flat = cleanText(toString(node));
      return flat === '' ? [] : [flat];
    }
    switch (node.type) {
      case 'text':
        return [cleanText(node.value)];
      case 'paragraph':
        // A table's caption is set with its table.
        if ((node.data as { tableCaption?: boolean } | undefined)?.tableCaption) return [];
        return [{ t: 'p', c: this.all(node.children, scope, depth) }];
      case 'emphasis':
        return [{ t: 'em', c: this.all(node.children, scope, depth) }];
      case 'strong':
        return [{ t: 'strong', c: this.all(node.children, scope, depth) }];
      case 'delete':
        return [{ t: 'del', c: this.all(node.children, scope, depth) }];
      case 'inlineCode':
        return [{ t: 'code', v: cleanLine(node.value) }];
      case 'code':
        return [{ t: 'pre', v: cleanText(node.value) }];
      case 'break':
        return [{ t: 'br' }];
      case 'thematicBreak':
        return [{ t: 'hr' }];
      case 'blockquote':
        return [{ t: 'quote', c: this.all(node.children, scope, depth) }];
      case 'heading': {
        const d = Math.min(6, Math.max(scope.minLevel, node.depth + scope.headingShift));
        return [{ t: 'h', d, c: this.all(node.children, scope, depth) }];
      }
      case 'list': {
        const items = node.children.map((item): PdfNode => ({ t: 'li', c: this.all(item.children, scope, depth + 1) }));
        const tight = node.spread !== true && node.children.every((item) => item.spread !== true);
        return [node.ordered ? { t: 'ol', tight, s: node.start ?? 1, c: items } : { t: 'ul', tight, c: items }];
      }
      case 'table': {
        const rows = node.children.map((row) => row.children.map((cell) => this.all(cell.children, scope, depth + 1)));
        const columns = Math.max(1, ...rows.map((row) => row.length));
        for (const row of rows) while (row.length < columns) row.push([]);
        const a = Array.from({ length: columns }, (_, i) => {
          const align = node.align?.[i];
          return align === 'center' ? 'center' : align === 'right' ? 'end' : 'start';
        });
        const caption = (node.data as { caption?: PhrasingContent[] } | undefined)?.caption;
        return [caption ? { t: 'table', a, c: rows, cap: this.all(caption, scope, depth) } : { t: 'table', a, c: rows }];
      }
      case 'link':
        return this.link(node.url, node.data, this.all(node.children, scope, depth));
      case 'linkReference':
        return this.all(node.children, scope, depth);
      case 'image':
      case 'imageReference':
        // An image would be a file read; its words are kept instead.
        return node.alt ? [cleanText(node.alt)] : [];
      case 'footnoteReference':
        return [this.footnote(node.identifier, scope, depth)];
      case 'html':
      case 'definition':
      case 'footnoteDefinition':
      case 'yaml':
        return [];
      default: {
        // Anything a future parser extension adds is shown as its words, never dropped silently.
        const other = node as { children?: Nodes[]; value?: unknown };
        if (other.children) return this.all(other.children, scope, depth);
        return typeof other.value === 'string' ? [cleanText(other.value)] : [];
      }
    }
  }

  private link(url: string, data: unknown, children: PdfNode[]): PdfNode[] {
    const reference = (data as { reference?: { kind?: string; id?: string; label?: string } } | undefined)?.reference;
    if (reference?.kind && reference.id !== undefined) {
      const target = `${reference.kind}:${reference.id}`;
      // A reference that reads as its label keeps its number on the label's line.
      const words = reference.label !== undefined && children.length === 1 && children[0] === reference.label ? [unbroken(reference.label)] : children;
      // A target left out of this document (a reduced edition when looking for a failing draft)
      // keeps its words: a link to a missing label is a Typst error.
      return this.targets.has(target) ? [{ t: 'ref', l: target, c: words }] : words;
    }
    // Only web and mail addresses become PDF links; anything else (a relative file, `javascript:`)
    // would point nowhere useful or somewhere unsafe.
    if (/^(https?:\/\/|mailto:)/i.test(url)) return [{ t: 'a', u: cleanLine(url), c: children.length > 0 ? children : [cleanLine(url)] }];
    return children;
  }

  private footnote(identifier: string, scope: Scope, depth: number): PdfNode {
    const n = Number(identifier);
    const definition = scope.footnotes.get(identifier);
    // A note inside a note has nowhere to go at the foot of the page: it keeps its number only.
    if (!Number.isInteger(n) || !definition || scope.inNote) return { t: 'sup', n: Number.isInteger(n) ? n : 0 };
    if (this.placed.has(n)) return { t: 'fnref', n };
    this.placed.add(n);
    return { t: 'fn', n, lang: scope.lang, dir: scope.dir, c: this.all(definition.children, { ...scope, inNote: true }, depth) };
  }
}

interface Scope {
  readonly footnotes: ReadonlyMap<string, FootnoteDefinition>;
  /** The language the text is in, and its direction, which its footnotes keep at the foot of the page. */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  readonly headingShift: number;
  readonly minLevel: number;
  readonly inNote: boolean;
}

function dateOf(instant: string | undefined): PdfData['date'] {
  if (instant === undefined) return null;
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return null;
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/**
 * Turns an edition into the data the Typst template renders: cover, messages, and every part and
 * practice as a compact tree of `PdfNode`s. Headings are typeset at level 1 (parts, sections), 2
 * (practices) and below; a draft's `##` sits one level under its practice.
 */
export function pdfData(edition: Edition): PdfData {
  const targets = new Set<string>([
    ...edition.sections.map((s) => `section:${s.id}`),
    ...edition.sections.flatMap((s) => s.practices.map((p) => `practice:${p.id}`)),
  ]);
  const serialiser = new Serialiser(targets);
  const { metadata, messages, lang } = edition;

  const part = (item: EditionPart): PdfPart => ({
    id: item.id,
    title: cleanLine(item.title),
    lang: item.textLang,
    dir: item.textDir,
    untranslated: item.untranslated,
    body: serialiser.blocks(item.body, item.footnotes, item, 0, 2),
  });

  const practice = (item: EditionPractice): PdfPractice => {
    const footnotes = item.footnotes;
    const statement = item.statement ? serialiser.blocks([item.statement], footnotes, item, 1, 3) : null;
    const first = statement?.[0];
    const related = item.relatedList.map((p): PdfNode => {
      if ('text' in p) return cleanText(p.text);
      const target = item.related[p.item];
      if (!target) return '';
      const label = `practice:${target.id}`;
      return targets.has(label) ? { t: 'ref', l: label, c: [unbroken(cleanLine(target.label))] } : unbroken(cleanLine(target.label));
    });
    return {
      id: item.id,
      number: item.number,
      heading: cleanLine(item.heading),
      title: cleanLine(item.title),
      lang: item.textLang,
      dir: item.textDir,
      untranslated: item.untranslated,
      statement: first && typeof first !== 'string' && first.t === 'p' ? first.c : null,
      body: serialiser.blocks(item.body, footnotes, item, 1, 3),
      related: item.related.length > 0 ? related : [],
    };
  };

  const coLeads = metadata.coLeadsText;
  const keywords = edition.keywords;
  const authors = metadata.coLeads.length > 0 ? [...metadata.coLeads] : [metadata.initiative ?? metadata.workingGroup].filter((a) => a !== undefined);

  const front = edition.front.map(part);
  const sections = edition.sections.map((s) => ({
    id: s.id,
    heading: cleanLine(s.heading),
    intro: s.intro ? part(s.intro) : null,
    practices: s.practices.map(practice),
  }));
  const back = edition.back.map(part);
  return {
    lang,
    dir: edition.dir,
    status: metadata.status,
    date: dateOf(edition.buildDate),
    authors: authors.map(cleanLine),
    keywords: keywords.map(cleanLine),
    header: cleanLine(metadata.shortTitle),
    isolate: edition.isolateNumbers,
    contentsDepth: edition.contentsDepth,
    // With the edition's colon beside them, for the labels the template composes (`m.colon`).
    messages: Object.fromEntries([...Object.entries(messages), ['colon', edition.colon]].flatMap(([key, value]) => (typeof value === 'string' ? [[key, cleanLine(value)]] : []))),
    cover: {
      title: cleanLine(metadata.title),
      subtitle: optional(metadata.subtitle),
      initiative: optional(metadata.initiative),
      workingGroup: optional(metadata.workingGroup),
      coLeads: optional(coLeads),
      meeting: optional(metadata.meeting),
      adopted: metadata.adoptedText ? cleanLine(metadata.adoptedText) : null,
    },
    courtesy: optional(edition.courtesyNote),
    front,
    sections,
    back,
  };
}
