import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { InlineCode, Token } from './xliff-units.js';

// The XLIFF itself is written and read with xmlbuilder2, not with the `xliff` package: `xliff`
// (6.4) writes no `state` on a segment (2.0) or a target (1.2), no `category` on a note and no
// `originalData`, and reads none of them back; and its indented output puts line breaks and
// indentation inside `<source>` and `<target>`, around inline codes, which changes the text a
// translator sees. xmlbuilder2 escapes and namespaces the XML; the indentation between structural
// elements (never inside mixed content) is added here. The tests read every file back with `xliff`.

export const XLIFF_20 = 'urn:oasis:names:tc:xliff:document:2.0';
export const XLIFF_12 = 'urn:oasis:names:tc:xliff:document:1.2';

/** The two forms an export takes: XLIFF 2.0 (the default) and 1.2, for older CAT tools. */
export type XliffFormat = 'xliff20' | 'xliff12';

/** Where a unit's target stands. */
export type UnitState = 'new' | 'translated' | 'needs-review';

/** One unit of an XLIFF file: a block to translate, its codes, and its target when there is one. */
export interface XliffUnit {
  readonly id: string;
  readonly note: string;
  readonly codes: readonly InlineCode[];
  readonly source: readonly Token[];
  readonly target: readonly Token[] | undefined;
  readonly state: UnitState;
  /** For each cross-reference code id, what it shows in the target language (`Bonne pratique 7`). */
  readonly display?: ReadonlyMap<number, string>;
}

/** One `<file>`: one source draft (practice or part). */
export interface XliffFile {
  readonly id: string;
  /** The source draft's path relative to the framework folder. */
  readonly original: string;
  readonly note: string;
  readonly units: readonly XliffUnit[];
}

export interface XliffDocument {
  readonly srcLang: string;
  readonly trgLang: string;
  readonly files: readonly XliffFile[];
}

/** The subState (2.0) marking a target carried over from a translation whose source changed. */
export const NEEDS_REVIEW_SUBSTATE = 'gctf:needs-review';

/** An XLIFF document as text, in the chosen form, deterministic for the same input. */
export function writeXliff(doc: XliffDocument, format: XliffFormat): string {
  return format === 'xliff12' ? writeXliff12(doc) : writeXliff20(doc);
}

/** Appends an element on its own line, indented to `depth`, and returns it. */
function child(parent: XMLBuilder, depth: number, name: string, attributes: Record<string, string> = {}): XMLBuilder {
  parent.txt(`\n${'  '.repeat(depth)}`);
  return parent.ele(name, attributes);
}

/** Puts the closing tag of a structural element on its own line. */
function close(element: XMLBuilder, depth: number): void {
  element.txt(`\n${'  '.repeat(depth)}`);
}

function writeXliff20(doc: XliffDocument): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(XLIFF_20, 'xliff', { version: '2.0', srcLang: doc.srcLang, trgLang: doc.trgLang });
  for (const file of doc.files) {
    const f = child(root, 1, 'file', { id: file.id, original: file.original });
    const notes = child(f, 2, 'notes');
    child(notes, 3, 'note', { category: 'gctf:context' }).txt(file.note);
    close(notes, 2);
    for (const unit of file.units) {
      const u = child(f, 2, 'unit', { id: unit.id });
      const unitNotes = child(u, 3, 'notes');
      child(unitNotes, 4, 'note', { category: 'gctf:location' }).txt(unit.note);
      close(unitNotes, 3);
      const dataIds = dataRefs(unit.codes);
      if (unit.codes.length > 0) {
        const original = child(u, 3, 'originalData');
        for (const [markup, id] of dataIds) child(original, 4, 'data', { id }).txt(markup);
        close(original, 3);
      }
      const state: Record<string, string> =
        unit.target === undefined ? {} : unit.state === 'translated' ? { state: 'translated' } : { state: 'initial', subState: NEEDS_REVIEW_SUBSTATE };
      const segment = child(u, 3, 'segment', state);
      inline20(child(segment, 4, 'source'), unit.source, unit, dataIds);
      if (unit.target !== undefined) inline20(child(segment, 4, 'target'), unit.target, unit, dataIds);
      close(segment, 3);
      close(u, 2);
    }
    close(f, 1);
  }
  close(root, 0);
  return finish(root);
}

/** The document's text: the XML declaration on a line of its own, a final newline. */
function finish(root: XMLBuilder): string {
  return `${root.end({ prettyPrint: false }).replace(/^(<\?xml[^>]*\?>)/, '$1\n')}\n`;
}

/** Each distinct piece of Markdown a unit's codes stand for, with its `originalData` id. */
function dataRefs(codes: readonly InlineCode[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const code of codes) {
    for (const markup of code.span ? [code.start, code.end] : [code.start]) if (!ids.has(markup)) ids.set(markup, `d${ids.size + 1}`);
  }
  return ids;
}

/** XLIFF 2.0 `type` and `subType` of a code (section 4.7.1 of the specification). */
function codeType(code: InlineCode): Record<string, string> {
  switch (code.kind) {
    case 'emphasis':
      return { type: 'fmt', subType: 'xlf:i' };
    case 'strong':
      return { type: 'fmt', subType: 'xlf:b' };
    case 'delete':
      return { type: 'fmt' };
    case 'link':
      return { type: 'link' };
    case 'xref':
      return { type: 'link', subType: 'gctf:xref' };
    case 'footnote':
      return { type: 'other', subType: 'gctf:footnote' };
    case 'image':
      return { type: 'image' };
    case 'break':
      return { type: 'fmt', subType: 'xlf:lb' };
    default:
      return { type: 'other' };
  }
}

function inline20(parent: XMLBuilder, tokens: readonly Token[], unit: XliffUnit, dataIds: ReadonlyMap<string, string>): void {
  const byId = new Map(unit.codes.map((c) => [c.id, c]));
  const stack: XMLBuilder[] = [parent];
  for (const token of tokens) {
    const top = stack[stack.length - 1] as XMLBuilder;
    if (token.type === 'text') {
      top.txt(token.value);
      continue;
    }
    const code = byId.get(token.id) as InlineCode;
    if (token.type === 'placeholder') {
      const protectedCode = code.kind === 'xref' || code.kind === 'footnote' ? { canDelete: 'no' } : {};
      const disp = unit.display?.get(code.id);
      top.ele('ph', { id: String(code.id), dataRef: dataIds.get(code.start) ?? '', ...codeType(code), ...protectedCode, ...(disp === undefined ? {} : { disp }) });
    } else if (token.type === 'start') {
      stack.push(top.ele('pc', { id: String(code.id), dataRefStart: dataIds.get(code.start) ?? '', dataRefEnd: dataIds.get(code.end) ?? '', ...codeType(code) }));
    } else {
      stack.pop();
    }
  }
}

/** XLIFF 1.2 `ctype` of a code (section 2.4 of the 1.2 specification; `x-` values are ours). */
function ctype(code: InlineCode): string {
  switch (code.kind) {
    case 'emphasis':
      return 'italic';
    case 'strong':
      return 'bold';
    case 'link':
      return code.span ? 'link' : 'x-link';
    case 'image':
      return 'image';
    case 'break':
      return 'lb';
    default:
      return `x-${code.kind}`;
  }
}

function writeXliff12(doc: XliffDocument): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(XLIFF_12, 'xliff', { version: '1.2' });
  for (const file of doc.files) {
    const f = child(root, 1, 'file', { original: file.original, 'source-language': doc.srcLang, 'target-language': doc.trgLang, datatype: 'x-markdown' });
    const header = child(f, 2, 'header');
    child(header, 3, 'note', { from: 'gctf' }).txt(file.note);
    close(header, 2);
    const body = child(f, 2, 'body');
    for (const unit of file.units) {
      const u = child(body, 3, 'trans-unit', { id: unit.id });
      inline12(child(u, 4, 'source'), unit.source, unit);
      if (unit.target !== undefined) {
        inline12(child(u, 4, 'target', { state: unit.state === 'translated' ? 'translated' : 'needs-review-translation' }), unit.target, unit);
      } else {
        // A copy of the source, marked as still to translate: XLIFF 1.2 tools in the Okapi and
        // OmegaT tradition translate the target in place and skip a unit that has none.
        inline12(child(u, 4, 'target', { state: 'needs-translation' }), unit.source, unit);
      }
      child(u, 4, 'note', { from: 'gctf' }).txt(unit.note);
      close(u, 3);
    }
    close(body, 2);
    close(f, 1);
  }
  close(root, 0);
  return finish(root);
}

function inline12(parent: XMLBuilder, tokens: readonly Token[], unit: XliffUnit): void {
  const byId = new Map(unit.codes.map((c) => [c.id, c]));
  const stack: XMLBuilder[] = [parent];
  for (const token of tokens) {
    const top = stack[stack.length - 1] as XMLBuilder;
    if (token.type === 'text') {
      top.txt(token.value);
      continue;
    }
    const code = byId.get(token.id) as InlineCode;
    if (token.type === 'placeholder') {
      // `ph` holds the native code (the Markdown), as 1.2 intends for placeholders.
      top.ele('ph', { id: String(code.id), ctype: ctype(code) }).txt(code.start);
    } else if (token.type === 'start') {
      stack.push(top.ele('g', { id: String(code.id), ctype: ctype(code) }));
    } else {
      stack.pop();
    }
  }
}

/** A unit as read from an XLIFF file. */
export interface ReadUnit {
  readonly id: string;
  readonly source: Token[];
  /** Undefined when the unit has no target. */
  readonly target: Token[] | undefined;
  /** Whether the target is still marked as carried over from a changed source. */
  readonly needsReview: boolean;
  /** Whether the target is marked as not translated yet (1.2 `new`, `needs-translation`). */
  readonly untranslated: boolean;
}

export interface ReadFile {
  readonly original: string;
  readonly units: readonly ReadUnit[];
}

export interface ReadDocument {
  readonly version: '2.0' | '1.2';
  readonly srcLang: string;
  readonly trgLang: string;
  readonly files: readonly ReadFile[];
}

/** Why an XLIFF file cannot be read. */
export class XliffReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XliffReadError';
  }
}

interface DomNode {
  readonly nodeType: number;
  readonly localName?: string | null;
  readonly namespaceURI?: string | null;
  readonly data?: string;
  readonly childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

/**
 * Reads an XLIFF 2.0 or 1.2 file: for each `<file>`, its `original` and units (source, target,
 * whether the target is still marked for review). Segments of a unit are joined, as are the
 * annotation markers (`mrk`) that CAT tools add. Throws `XliffReadError` saying what was found.
 */
export function readXliff(text: string): ReadDocument {
  let root: DomNode;
  try {
    root = create(text).root().node as unknown as DomNode;
  } catch (error) {
    throw new XliffReadError(`not well-formed XML (${(error as Error).message.split('\n')[0]})`);
  }
  const ns = root.namespaceURI;
  if (root.localName !== 'xliff' || (ns !== XLIFF_20 && ns !== XLIFF_12)) {
    throw new XliffReadError(`the root element is <${root.localName ?? '?'}> in ${ns ? `namespace ${ns}` : 'no namespace'}; expected <xliff> in the XLIFF 2.0 (${XLIFF_20}) or 1.2 (${XLIFF_12}) namespace`);
  }
  const version = ns === XLIFF_20 ? '2.0' : '1.2';
  const elements = (node: DomNode, name?: string) => Array.from(node.childNodes).filter((c) => c.nodeType === ELEMENT && c.namespaceURI === ns && (name === undefined || c.localName === name));
  const attr = (node: DomNode, name: string) => node.getAttribute?.(name) ?? undefined;
  const files: ReadFile[] = [];
  let srcLang = version === '2.0' ? (attr(root, 'srcLang') ?? '') : '';
  let trgLang = version === '2.0' ? (attr(root, 'trgLang') ?? '') : '';
  for (const file of elements(root, 'file')) {
    const original = attr(file, 'original');
    if (original === undefined) throw new XliffReadError(`a <file> without \`original\`; expected the source draft's path there, as gctf translations export writes it`);
    if (version === '1.2') {
      srcLang ||= attr(file, 'source-language') ?? '';
      trgLang ||= attr(file, 'target-language') ?? '';
    }
    const units: ReadUnit[] = [];
    const collect = (container: DomNode) => {
      for (const el of elements(container)) {
        if (el.localName === 'group' || el.localName === 'body') collect(el);
        else if (version === '2.0' && el.localName === 'unit') units.push(unit20(el, elements, attr));
        else if (version === '1.2' && el.localName === 'trans-unit') units.push(unit12(el, elements, attr));
      }
    };
    collect(file);
    files.push({ original, units });
  }
  return { version, srcLang, trgLang, files };
}

type Elements = (node: DomNode, name?: string) => DomNode[];
type Attr = (node: DomNode, name: string) => string | undefined;

function unit20(unit: DomNode, elements: Elements, attr: Attr): ReadUnit {
  const id = attr(unit, 'id') ?? '';
  const source: Token[] = [];
  let target: Token[] | undefined;
  let needsReview = false;
  for (const part of elements(unit)) {
    if (part.localName !== 'segment' && part.localName !== 'ignorable') continue;
    const s = elements(part, 'source')[0];
    const t = elements(part, 'target')[0];
    if (s) source.push(...inlineTokens(s, id));
    if (t) (target ??= []).push(...inlineTokens(t, id));
    if (part.localName === 'segment' && attr(part, 'subState') === NEEDS_REVIEW_SUBSTATE && (attr(part, 'state') ?? 'initial') === 'initial') needsReview = true;
  }
  return { id, source, target, needsReview, untranslated: false };
}

function unit12(unit: DomNode, elements: Elements, attr: Attr): ReadUnit {
  const id = attr(unit, 'id') ?? '';
  const s = elements(unit, 'source')[0];
  const t = elements(unit, 'target')[0];
  return {
    id,
    source: s ? inlineTokens(s, id) : [],
    target: t ? inlineTokens(t, id) : undefined,
    needsReview: t !== undefined && attr(t, 'state') === 'needs-review-translation',
    untranslated: t !== undefined && (attr(t, 'state') === 'new' || attr(t, 'state') === 'needs-translation'),
  };
}

/** The text and inline codes of a `<source>` or `<target>`, in both versions' vocabularies. */
function inlineTokens(element: DomNode, unitId: string): Token[] {
  const tokens: Token[] = [];
  const idOf = (node: DomNode, name: string) => {
    const value = node.getAttribute?.(name) ?? '';
    if (!/^[1-9][0-9]{0,5}$/.test(value)) throw new XliffReadError(`unit ${unitId}: an inline <${node.localName ?? '?'}> with ${name}="${value}"; expected the code ids gctf exported (1, 2, …)`);
    return Number(value);
  };
  const visit = (node: DomNode) => {
    for (const c of Array.from(node.childNodes)) {
      if (c.nodeType === TEXT || c.nodeType === CDATA) {
        tokens.push({ type: 'text', value: c.data ?? '' });
        continue;
      }
      if (c.nodeType !== ELEMENT) continue;
      switch (c.localName) {
        case 'pc':
        case 'g':
          tokens.push({ type: 'start', id: idOf(c, 'id') });
          visit(c);
          tokens.push({ type: 'end', id: idOf(c, 'id') });
          break;
        case 'sc':
        case 'bx':
        case 'bpt':
          tokens.push({ type: 'start', id: idOf(c, 'id') });
          break;
        case 'ec':
          tokens.push({ type: 'end', id: idOf(c, c.getAttribute?.('startRef') ? 'startRef' : 'id') });
          break;
        case 'ex':
        case 'ept':
          tokens.push({ type: 'end', id: idOf(c, c.getAttribute?.('rid') ? 'rid' : 'id') });
          break;
        case 'ph':
        case 'x':
          tokens.push({ type: 'placeholder', id: idOf(c, 'id') });
          break;
        case 'cp': {
          const hex = c.getAttribute?.('hex') ?? '';
          if (/^[0-9A-Fa-f]{1,6}$/.test(hex)) tokens.push({ type: 'text', value: String.fromCodePoint(Number.parseInt(hex, 16)) });
          break;
        }
        case 'mrk':
          // An annotation (a term, a comment, a 1.2 segment marker): its content is the text.
          visit(c);
          break;
        default:
          // Annotation markers (`sm`, `em`) and 1.2 `it`/`sub` carry no text of the block.
          break;
      }
    }
  };
  visit(element);
  return tokens;
}
