import { FACE_METRICS, type FaceMetrics } from './font-metrics.js';

// Word and LibreOffice lay a document out when they open it; a .docx file holds no pages. The
// contents' page numbers must still be written (a PAGEREF's result), for the readers that never
// update fields. So the pages are estimated here, from the document as it is written: every
// paragraph's lines broken with the advance widths of the embedded faces (italic ones for italic
// Latin text), at the sizes and spacings of the style sheet, and laid on the page with page
// breaks, keep-with-next, kept lines, widow and orphan control, tables' repeated heading rows and
// footnotes. Where Word and LibreOffice differ, this follows LibreOffice, which the tests can
// run: between two paragraphs, the larger of the space after the first and before the second
// (Word may add the two, and so run a little longer; an editor's Update Table puts it right), and
// a paragraph that keeps with the next is never split (Word splits it, keeping its last lines
// with the next). No library lays out WordprocessingML, and no program may run during a build:
// this is written by hand, and kept to what moves a heading to another page. On the bundled
// framework, every heading of the English and French editions lands on the estimated page in
// LibreOffice, and all but one of the Arabic's, that one a page away (test/docx-readers.test.ts).
// It costs about a third of the Word output's time: 0.35 s of 1.1 s for 1,000 practices.

/** The page's size and margins, in twips. */
export interface PageGeometry {
  readonly size: { readonly width: number; readonly height: number };
  readonly margin: { readonly top: number; readonly bottom: number; readonly left: number; readonly right: number };
}

interface Paragraph {
  size: number;
  sizeCs: number;
  bold: boolean;
  italic: boolean;
  before: number;
  after: number;
  line: number;
  lineRule: string;
  left: number;
  right: number;
  /** The first line's indent beyond `left` (negative when it hangs). */
  firstLine: number;
  pageBreakBefore: boolean;
  keepNext: boolean;
  keepLines: boolean;
  /** Widow and orphan control: no line of the paragraph alone at the foot or the head of a page. */
  widowControl: boolean;
  contextual: boolean;
  /** The space borders add above and below, in twips. */
  borders: number;
}

const DEFAULTS: Paragraph = {
  size: 22,
  sizeCs: 22,
  bold: false,
  italic: false,
  before: 0,
  after: 0,
  line: 240,
  lineRule: 'auto',
  left: 0,
  right: 0,
  firstLine: 0,
  pageBreakBefore: false,
  keepNext: false,
  keepLines: false,
  widowControl: false,
  contextual: false,
  borders: 0,
};

/** Indentation of each list level, as `ContentXml` writes lists. */
const LIST_STEP = 567;
const TWIPS_PER_POINT = 20;
/** Characters that take no room: direction marks and isolates, joiners, the soft hyphen, the byte-order mark. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/;
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

// The expressions below are made once each: making them for every paragraph took most of the time.
const expressions = new Map<string, RegExp>();
const expression = (source: string) => {
  let made = expressions.get(source);
  if (!made) expressions.set(source, (made = new RegExp(source)));
  return made;
};
const on = (xml: string, name: string): boolean | undefined => {
  if (!xml.includes(`<w:${name}`)) return undefined;
  const match = expression(`<w:${name}(?:\\s+w:val="([^"]*)")?\\s*/>`).exec(xml);
  if (!match) return undefined;
  return !['0', 'false', 'off'].includes(match[1] ?? 'true');
};
const attribute = (xml: string, element: string, name: string): number | undefined => {
  if (!xml.includes(`<w:${element}`)) return undefined;
  const tag = expression(`<w:${element}\\b[^>]*>`).exec(xml)?.[0];
  const value = tag === undefined ? undefined : expression(`\\bw:${name}="(-?\\d+)"`).exec(tag)?.[1];
  return value === undefined ? undefined : Number(value);
};

/** `base` with what the paragraph properties `pPr` and run properties `rPr` say. */
function apply(base: Paragraph, pPr: string, rPr: string): Paragraph {
  const out = { ...base };
  out.size = attribute(rPr, 'sz', 'val') ?? out.size;
  out.sizeCs = attribute(rPr, 'szCs', 'val') ?? out.sizeCs;
  out.bold = on(rPr, 'b') ?? out.bold;
  out.italic = on(rPr, 'i') ?? out.italic;
  out.before = attribute(pPr, 'spacing', 'before') ?? out.before;
  out.after = attribute(pPr, 'spacing', 'after') ?? out.after;
  out.line = attribute(pPr, 'spacing', 'line') ?? out.line;
  out.lineRule = /<w:spacing\b[^>]*\bw:lineRule="([^"]*)"/.exec(pPr)?.[1] ?? out.lineRule;
  out.left = attribute(pPr, 'ind', 'left') ?? attribute(pPr, 'ind', 'start') ?? out.left;
  out.right = attribute(pPr, 'ind', 'right') ?? attribute(pPr, 'ind', 'end') ?? out.right;
  const hanging = attribute(pPr, 'ind', 'hanging');
  out.firstLine = hanging !== undefined ? -hanging : (attribute(pPr, 'ind', 'firstLine') ?? out.firstLine);
  out.pageBreakBefore = on(pPr, 'pageBreakBefore') ?? out.pageBreakBefore;
  out.keepNext = on(pPr, 'keepNext') ?? out.keepNext;
  out.keepLines = on(pPr, 'keepLines') ?? out.keepLines;
  out.widowControl = on(pPr, 'widowControl') ?? out.widowControl;
  out.contextual = on(pPr, 'contextualSpacing') ?? out.contextual;
  const borders = /<w:pBdr>([\s\S]*?)<\/w:pBdr>/.exec(pPr)?.[1];
  if (borders !== undefined) {
    out.borders = 0;
    for (const side of ['top', 'bottom']) {
      const space = attribute(borders, side, 'space');
      const width = attribute(borders, side, 'sz');
      if (space !== undefined || width !== undefined) out.borders += (space ?? 0) * TWIPS_PER_POINT + ((width ?? 0) / 8) * TWIPS_PER_POINT;
    }
  }
  return out;
}

/** Each paragraph style's properties, from a style sheet, with what it is based on. */
function paragraphStyles(styles: string): { of: (id: string | undefined) => Paragraph } {
  const defaults = apply(
    DEFAULTS,
    /<w:pPrDefault>[\s\S]*?<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(styles)?.[1] ?? '',
    /<w:rPrDefault>[\s\S]*?<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(styles)?.[1] ?? '',
  );
  const raw = new Map<string, { basedOn?: string; pPr: string; rPr: string }>();
  let normal: string | undefined;
  for (const match of styles.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const head = match[1] ?? '';
    const body = match[2] ?? '';
    if (!/w:type="paragraph"/.test(head)) continue;
    const id = /w:styleId="([^"]*)"/.exec(head)?.[1];
    if (id === undefined) continue;
    if (/w:default="(1|true)"/.test(head)) normal = id;
    raw.set(id, {
      basedOn: /<w:basedOn w:val="([^"]*)"/.exec(body)?.[1],
      pPr: /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(body)?.[1] ?? '',
      rPr: /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(body)?.[1] ?? '',
    });
  }
  const resolved = new Map<string, Paragraph>();
  const resolve = (id: string, depth = 0): Paragraph => {
    const known = resolved.get(id);
    if (known) return known;
    const style = raw.get(id);
    if (!style || depth > 20) return defaults;
    const props = apply(style.basedOn ? resolve(style.basedOn, depth + 1) : defaults, style.pPr, style.rPr);
    resolved.set(id, props);
    return props;
  };
  return { of: (id) => (id !== undefined && raw.has(id) ? resolve(id) : normal ? resolve(normal) : defaults) };
}

/** Advance widths by code point, in thousandths of the size: undefined for a character the face lacks. */
function widths(face: FaceMetrics): (cp: number) => number | undefined {
  const table = new Map<number, number>();
  for (const [start, list] of face.ranges) list.forEach((w, i) => w > 0 && table.set(start + i, w));
  return (cp) => table.get(cp);
}
/** The width of a character no table holds: an average letter. */
const AVERAGE = 520;
const SERIF = widths(FACE_METRICS.serif);
const SERIF_BOLD = widths(FACE_METRICS.serifBold);
const SERIF_ITALIC = widths(FACE_METRICS.serifItalic);
const SERIF_BOLD_ITALIC = widths(FACE_METRICS.serifBoldItalic);
const NASKH = widths(FACE_METRICS.naskh);
const NASKH_BOLD = widths(FACE_METRICS.naskhBold);

/**
 * One piece of a paragraph's text: its characters, bold or not, italic or not (Latin letters
 * only: Naskh has no italic), in the complex-script font or not (a right-to-left run is set in
 * it, spaces and punctuation included), and the footnote it calls, if it is a call.
 */
interface Piece {
  readonly text: string;
  readonly bold: boolean;
  readonly italic?: boolean;
  readonly complex?: boolean;
  readonly note?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');

/** What a paragraph holds for layout: its text pieces, `_Toc` bookmarks and footnote calls. */
function contentOf(xml: string, style: Paragraph): { pieces: Piece[]; bookmarks: string[] } {
  const pieces: Piece[] = [];
  for (const match of xml.matchAll(/<w:r\b[^>]*>([\s\S]*?)<\/w:r>/g)) {
    const inner = match[1] ?? '';
    const rPr = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(inner)?.[1] ?? '';
    const bold = on(rPr, 'b') ?? style.bold;
    const italic = on(rPr, 'i') ?? style.italic;
    const complex = on(rPr, 'rtl') === true || on(rPr, 'cs') === true;
    for (const part of inner.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>|<w:(tab|br)\b[^>]*\/>|<w:footnoteReference w:id="(\d+)"\/>/g)) {
      if (part[1] !== undefined) pieces.push({ text: decode(part[1]).replace(/\u0001[^\u0001]*\u0001/g, '00'), bold, italic, complex });
      else if (part[2] === 'tab') pieces.push({ text: '\t', bold });
      else if (part[2] === 'br') pieces.push({ text: '\n', bold });
      else if (part[3] !== undefined) pieces.push({ text: part[3], bold, note: part[3] });
    }
  }
  const bookmarks = [...xml.matchAll(/<w:bookmarkStart\b[^>]*\bw:name="(_Toc\d+)"/g)].map((m) => m[1] ?? '');
  return { pieces, bookmarks };
}

/** A paragraph laid out: its lines' height, how many, and what it asks of the page. */
interface Block {
  readonly lines: number;
  /** The height of a line, in points. */
  readonly lineHeight: number;
  readonly before: number;
  readonly after: number;
  readonly style: Paragraph;
  readonly styleId: string | undefined;
  readonly bookmarks: readonly string[];
  /** The footnotes called, with the line each is called on. */
  readonly notes: readonly { readonly id: string; readonly line: number }[];
  /** A table row: never split. */
  readonly row?: boolean;
  /** A table row's: the height of its table's heading rows, which a page it starts repeats above it. */
  readonly repeated?: number;
}

/**
 * Breaks `pieces` into lines `available` points wide (`first` for the first line); returns the
 * count, the line of each character offset, and the offset each line after the first starts at.
 */
function breakLines(
  pieces: readonly Piece[],
  style: Paragraph,
  available: number,
  first = available,
): { lines: number; lineAt: (offset: number) => number; starts: number[]; arabic: boolean } {
  const size = style.size / 2;
  // A cell of a table with many columns can be narrower than its margins: a line is never
  // narrower than two characters, so that a long word is broken into a finite count of lines.
  const rest = Math.max(available, size * 2);
  const firstWidth = Math.max(first, size * 2);
  const sizeCs = style.sizeCs / 2;
  let arabic = false;
  const advance = (ch: string, piece: Piece) => {
    if (INVISIBLE.test(ch)) return 0;
    const cp = ch.codePointAt(0) ?? 32;
    const latin = (piece.italic ? (piece.bold ? SERIF_BOLD_ITALIC : SERIF_ITALIC) : piece.bold ? SERIF_BOLD : SERIF)(cp);
    if (piece.complex || ARABIC.test(ch)) {
      arabic = true;
      return (((piece.bold ? NASKH_BOLD : NASKH)(cp) ?? latin ?? AVERAGE) * sizeCs) / 1000;
    }
    return ((latin ?? AVERAGE) * size) / 1000;
  };
  const breaks: number[] = [];
  let lines = 1;
  let x = 0;
  let word = 0;
  let offset = 0;
  let wordStart = 0;
  const flushWord = () => {
    const width = lines === 1 ? firstWidth : rest;
    if (x + word > width && x > 0) {
      lines++;
      breaks.push(wordStart);
      x = 0;
    }
    if (word > rest) {
      const more = Math.ceil(word / rest) - 1;
      lines += more;
      for (let i = 0; i < more; i++) breaks.push(wordStart);
      word -= more * rest;
    }
    x += word;
    word = 0;
  };
  for (const piece of pieces) {
    for (const ch of piece.text) {
      if (ch === ' ' || ch === '\t' || ch === '\n') {
        flushWord();
        if (ch === '\n') {
          lines++;
          breaks.push(offset);
          x = 0;
        } else x += ch === '\t' ? size * 3 : advance(ch, piece);
        wordStart = offset + 1;
      } else word += advance(ch, piece);
      offset++;
    }
  }
  flushWord();
  return { lines, lineAt: (at) => breaks.filter((b) => b <= at).length, starts: breaks, arabic };
}

function lineHeight(style: Paragraph, arabic: boolean): number {
  const single = Math.max((FACE_METRICS.serif.line * style.size) / 2000, arabic ? (FACE_METRICS.naskh.line * style.sizeCs) / 2000 : 0);
  if (style.lineRule === 'exact') return style.line / TWIPS_PER_POINT;
  if (style.lineRule === 'atLeast') return Math.max(single, style.line / TWIPS_PER_POINT);
  return (single * style.line) / 240;
}

/** Lays out one paragraph `width` twips wide. */
function paragraphBlock(xml: string, styles: ReturnType<typeof paragraphStyles>, width: number): Block {
  const pPr = /^<w:p\b[^>]*>\s*<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(xml)?.[1] ?? '';
  const styleId = /<w:pStyle w:val="([^"]*)"/.exec(pPr)?.[1];
  let style = apply(styles.of(styleId), pPr.replace(/<w:rPr>[\s\S]*?<\/w:rPr>/, ''), '');
  const level = attribute(pPr, 'ilvl', 'val');
  if (level !== undefined && /<w:numPr>/.test(pPr)) style = { ...style, left: LIST_STEP * (level + 1) };
  const { pieces: all, bookmarks } = contentOf(xml, style);
  // What follows the last tab to a right tab stop at the end of the line (a contents entry's page
  // number, for which its lines of text leave room: see `lineStarts`) takes no line of its own.
  const stop = /<w:tab w:val="right"[^>]*\bw:pos="(\d+)"/.exec(pPr)?.[1];
  const lastTab = all.findLastIndex((piece) => piece.text === '\t');
  const pieces = stop !== undefined && Number(stop) >= width - style.right && lastTab >= 0 ? all.slice(0, lastTab) : all;
  const available = (width - style.left - style.right) / TWIPS_PER_POINT;
  const { lines, lineAt, arabic } = breakLines(pieces, style, available, available - style.firstLine / TWIPS_PER_POINT);
  // The line each footnote is called on, from the call's offset in the text.
  let offset = 0;
  const calls: { id: string; line: number }[] = [];
  for (const piece of pieces) {
    if (piece.note !== undefined) calls.push({ id: piece.note, line: lineAt(offset) });
    offset += [...piece.text].length;
  }
  return {
    lines,
    lineHeight: lineHeight(style, arabic),
    before: style.before / TWIPS_PER_POINT,
    after: style.after / TWIPS_PER_POINT,
    style,
    styleId,
    bookmarks,
    notes: calls,
  };
}

/**
 * Where text breaks into lines as `estimatePages` breaks it, in the paragraph styles of `styles`
 * (`word/styles.xml`): for `text` in the style `styleId`, right to left or not, with a first line
 * `first` twips wide and the others `rest`, the offset (in code points) at which each line after
 * the first starts.
 */
export function lineStarts(styles: string): (text: string, styleId: string, rtl: boolean, first: number, rest: number) => number[] {
  const sheet = paragraphStyles(styles);
  return (text, styleId, rtl, first, rest) => {
    const style = sheet.of(styleId);
    return breakLines([{ text, bold: style.bold, italic: style.italic, complex: rtl }], style, rest / TWIPS_PER_POINT, first / TWIPS_PER_POINT).starts;
  };
}

/** The height of a list of paragraphs laid out one after the other, in points. */
function stackHeight(blocks: readonly Block[]): number {
  let height = 0;
  blocks.forEach((block, i) => {
    const previous = blocks[i - 1];
    const joined = previous && block.style.contextual && previous.styleId === block.styleId;
    height += (joined ? 0 : i === 0 ? block.before : Math.max(0, block.before - (previous?.after ?? 0))) + block.lines * block.lineHeight + block.style.borders / TWIPS_PER_POINT + (i === blocks.length - 1 || !joined ? block.after : 0);
  });
  return height;
}

/** A table's rows, each as one unbreakable block as tall as its tallest cell. */
function tableBlocks(xml: string, styles: ReturnType<typeof paragraphStyles>, width: number): Block[] {
  const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
  let heading = true;
  let repeated = 0;
  return [...xml.matchAll(/<w:tr\b[^>]*>([\s\S]*?)<\/w:tr>/g)].map((row) => {
    const cells = [...(row[1] ?? '').matchAll(/<w:tc\b[^>]*>([\s\S]*?)<\/w:tc>/g)];
    const heights = cells.map((cell, i) => {
      const cellWidth = (grid[i] ?? width / Math.max(1, cells.length)) - 216;
      return stackHeight(paragraphsOf(cell[1] ?? '').map((p) => paragraphBlock(p, styles, cellWidth)));
    });
    const height = Math.max(0, ...heights) + 6;
    const bookmarks = [...(row[1] ?? '').matchAll(/<w:bookmarkStart\b[^>]*\bw:name="(_Toc\d+)"/g)].map((m) => m[1] ?? '');
    // The rows a table starts with that are marked as its heading (`w:tblHeader`).
    heading &&= /<w:tblHeader(?:\s+w:val="(?:1|true|on)")?\s*\/>/.test(row[1] ?? '');
    if (heading) repeated += height;
    return { lines: 1, lineHeight: height, before: 0, after: 0, style: DEFAULTS, styleId: undefined, bookmarks, notes: [], row: true, repeated: heading ? 0 : repeated };
  });
}

function paragraphsOf(xml: string): string[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>|<w:p\/>/g)].map((m) => m[0]);
}

/**
 * The page each `_Toc` bookmark of `document` (`word/document.xml`) lands on, counted from 1 at
 * the first page, estimated as described above. `footnotes` is `word/footnotes.xml`, `styles`
 * `word/styles.xml`.
 */
export function estimatePages(document: string, footnotes: string, styles: string, page: PageGeometry): Map<string, number> {
  const sheet = paragraphStyles(styles);
  const textWidth = page.size.width - page.margin.left - page.margin.right;
  const height = (page.size.height - page.margin.top - page.margin.bottom) / TWIPS_PER_POINT;
  const body = /<w:body>([\s\S]*)<\/w:body>/.exec(document)?.[1] ?? '';

  // Each footnote's height, and the space after a note's last paragraph (notes share a style).
  const noteHeights = new Map<string, number>();
  let noteTrailing = 0;
  for (const note of footnotes.matchAll(/<w:footnote\b([^>]*)>([\s\S]*?)<\/w:footnote>/g)) {
    const id = /w:id="(-?\d+)"/.exec(note[1] ?? '')?.[1];
    if (id === undefined || /w:type=/.test(note[1] ?? '')) continue;
    const paragraphs = paragraphsOf(note[2] ?? '').map((p) => paragraphBlock(p, sheet, textWidth));
    noteHeights.set(id, stackHeight(paragraphs));
    noteTrailing = paragraphs.at(-1)?.after ?? 0;
  }
  // The separator line above a page's first footnote and its spacing, as LibreOffice draws them
  // (6.8 pt, measured), less the space after a note: every note's height counts it, and LibreOffice
  // leaves it out below the page's last.
  const separator = 6.8 - noteTrailing;

  const blocks: Block[] = [];
  for (const match of body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>|<w:p\/>/g)) {
    if (match[0].startsWith('<w:tbl>')) blocks.push(...tableBlocks(match[0], sheet, textWidth));
    else blocks.push(paragraphBlock(match[0], sheet, textWidth));
  }

  const pages = new Map<string, number>();
  let pageNumber = 1;
  let used = 0;
  let notesUsed = 0;
  let previous: Block | undefined;
  const newPage = () => {
    pageNumber++;
    used = 0;
    notesUsed = 0;
    previous = undefined;
  };
  const noteHeight = (block: Block, line: number) => block.notes.filter((note) => note.line === line).reduce((sum, note) => sum + (noteHeights.get(note.id) ?? 0), 0);
  // With widow and orphan control, LibreOffice's two lines: a paragraph of three lines or fewer
  // is never split, a longer one leaves at least two lines on each page.
  const unsplit = (block: Block) => (block.style.widowControl && !block.row ? (block.lines <= 3 ? block.lines : 2) : 1);
  // LibreOffice splits no paragraph that keeps its lines together or keeps with the next (Word
  // splits the second kind), unless it is taller than a page.
  const whole = (block: Block) => !block.row && (block.style.keepLines || block.style.keepNext || block.lines <= unsplit(block)) && stackHeight([block]) <= height;
  // The height the blocks from `j` on need on the page the first starts on, below a paragraph
  // whose space after is `above`: the chain of those that keep with the next, then the first lines
  // of the block after them (all of it when it is not split). Between two blocks is the larger of
  // their spaces.
  const chainNeed = (j: number, above: number) => {
    let needed = 0;
    let after = above;
    for (let k = j; k < blocks.length; k++) {
      const chained = blocks[k]!;
      needed += Math.max(0, chained.before - after) + chained.style.borders / TWIPS_PER_POINT;
      needed += (whole(chained) ? chained.lines : unsplit(chained)) * chained.lineHeight;
      if (!chained.style.keepNext || !whole(chained)) break;
      needed += chained.after;
      after = chained.after;
    }
    return needed;
  };
  blocks.forEach((block, i) => {
    if (block.style.pageBreakBefore && used > 0) newPage();
    if (block.style.keepNext || (block.style.keepLines && !block.row)) {
      const needed = chainNeed(i, previous?.after ?? 0);
      if (used > 0 && used + needed > height - notesUsed && needed <= height) newPage();
    }
    if (block.row && used > 0 && used + block.lineHeight > height - notesUsed) newPage();
    // A table that goes on to another page repeats its heading rows there.
    if (block.row && used === 0 && block.repeated) used += block.repeated;
    // LibreOffice keeps the larger of the space after one paragraph and before the next, and
    // none before the first on a page.
    const joined = previous && block.style.contextual && previous.styleId === block.styleId;
    if (joined && previous) used -= previous.after;
    else if (used > 0) used += Math.max(0, block.before - (previous?.after ?? 0));
    used += block.style.borders / TWIPS_PER_POINT;
    // How many of the lines from `from` on fit on this page, with the footnotes they call (the
    // first line on a page always does).
    const fitting = (from: number) => {
      let room = used;
      let notes = notesUsed;
      let count = 0;
      for (let line = from; line < block.lines; line++) {
        const called = noteHeight(block, line);
        const extra = called > 0 && notes === 0 ? called + separator : called;
        if (room > 0 && room + block.lineHeight + notes + extra > height) break;
        room += block.lineHeight;
        notes += extra;
        count++;
      }
      return count;
    };
    let line = 0;
    while (line < block.lines) {
      let fit = fitting(line);
      const left = block.lines - line;
      if (fit < left && whole(block) && line === 0) fit = 0;
      if (fit < left && block.style.widowControl && !block.row) {
        // No last line alone at the head of the next page, no first line alone at the foot of this one.
        if (left - fit === 1) fit--;
        if (line === 0 && fit === 1) fit = 0;
      }
      if (used === 0) fit = Math.max(fit, 1);
      for (const end = line + Math.min(fit, left); line < end; line++) {
        const called = noteHeight(block, line);
        if (line === 0) for (const name of block.bookmarks) pages.set(name, pageNumber);
        used += block.lineHeight;
        notesUsed += called > 0 && notesUsed === 0 ? called + separator : called;
      }
      if (line < block.lines) newPage();
    }
    used += block.after;
    previous = block;
  });
  return pages;
}
