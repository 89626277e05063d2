import { createHash } from 'node:crypto';
import type { AlignType, Definition, FootnoteDefinition, List, PhrasingContent, RootContent, Table as MdTable } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { StyleIds } from './styles.js';
import { xmlSafe, type RunFormat, type Script } from './text.js';
import {
  bookmark,
  complexFieldXml,
  escapeXml,
  externalHyperlink,
  internalHyperlink,
  paragraph,
  run,
  textRun,
  textRunsXml,
  trackedMark,
  trackedRuns,
  type ParagraphProperties,
  type RevisionAuthor,
} from './wordml.js';

/**
 * Marks the page number of a contents entry until the pages are estimated: a control character,
 * which no draft text can hold (every text is made XML-safe), on both sides of the bookmark name.
 */
export const PAGE_PLACEHOLDER = '\u0001';

/** Where blocks are written: their language, heading depth and the style their paragraphs take. */
export interface BlockContext {
  readonly script: Script;
  /** Added to a draft heading's depth: `##` in a practice is Heading 3. */
  readonly headingShift: number;
  /** The style of plain paragraphs here (Body Text, or Quote inside a block quote, …). */
  readonly paragraphStyle: string;
  /** The list level of paragraphs inside a list item, for their indentation. */
  readonly listLevel?: number;
  /** Space above the first paragraph written, in twips: the room a table leaves below it. */
  readonly spaceBefore?: number;
}

/** How far each list level is indented, and how far its number hangs, in twips. */
const LIST_STEP = 567;
const HANGING = 340;
/**
 * The space between a table's bottom rule and the paragraph after it, in twips. Word has no space
 * after a table (only a floating one has), so the paragraph after it is given this space above.
 */
const AFTER_TABLE = 240;
/**
 * The column a contents entry's text leaves free for the dot leader and the page number, in
 * twips: a title that nearly fills the line keeps a leader before its number and never leaves the
 * number alone on a line of leaders.
 */
const CONTENTS_NUMBER_COLUMN = 567;
/** How far a contents entry's wrapped lines are indented under its first, in twips. */
const CONTENTS_HANGING = 340;
const BULLETS = ['\u2022', '\u2013', '\u25E6'];
const ORDERED: readonly (readonly [string, string])[] = [
  ['decimal', '%1.'],
  ['lowerLetter', '%2)'],
  ['lowerRoman', '%3.'],
];
const MAX_LIST_LEVEL = 8;
const SAFE_URL = /^(?:https?:|mailto:|ftp:)/i;
/** Bookmarks this writer opens are numbered from here, clear of the ones docx numbers (all are renumbered in the end). */
const FIRST_BOOKMARK_ID = 1_000_000;

type Reference = { kind: string; id: string; label: string };

/** What a kind of bookmark is named with, before the id: names must start with a letter. */
const BOOKMARK_PREFIX = { practice: 'gp_', section: 'sec_', part: 'part_', footnote: 'fn_' } as const;

/** A relationship to a web address that a hyperlink of the document or of its footnotes uses. */
export interface LinkRelationship {
  readonly id: string;
  readonly url: string;
  readonly part: 'document' | 'footnotes';
}

/**
 * Writes an edition's Markdown (mdast) as WordprocessingML: paragraphs, runs, tables, lists,
 * hyperlinks, fields and footnotes, with the styles of the reference document. It keeps what one
 * document shares: bookmark names, the footnotes, the numbering of lists and the relationships of
 * web links, so one writer serves one document.
 *
 * Draft content is written as XML text, not as docx objects: docx makes several objects for every
 * run and serializes them through a second tree, which for a framework of 1,000 practices took
 * most of the Word output's 2.5 s and, for 10,000, gigabytes. docx still makes the document around
 * it (styles, headings, contents, headers, properties, the package).
 */
export class ContentXml {
  /** The footnotes, as `w:footnote` elements, numbered 1, 2, … in the order the text calls them. */
  private readonly footnotes: string[] = [];
  readonly links: LinkRelationship[] = [];
  private readonly bookmarks = new Map<string, string>();
  private readonly usedBookmarks = new Set<string>();
  private nextBookmarkId = FIRST_BOOKMARK_ID;
  private readonly noteIds = new Map<string, number>();
  private noteCalls = new Map<string, number>();
  private noteDefinitions = new Map<string, FootnoteDefinition>();
  private linkDefinitions = new Map<string, Definition>();
  /** Ordered lists' starts, each an abstract numbering, in order of first use. */
  private readonly orderedStarts: number[] = [];
  /** Each ordered list's `w:num`: the start it counts from. */
  private readonly orderedLists: number[] = [];
  /** The headings the table of contents lists (levels 1 and 2), in document order. */
  private readonly contents: { level: 1 | 2; text: string; bookmark: string }[] = [];
  private part: LinkRelationship['part'] = 'document';
  private inFootnote = false;
  /** Tracked changes (`gctf diff`): the next revision id, and the mark of the block being written. */
  private nextRevisionId = 1;
  private blockMark: 'ins' | 'del' | undefined;

  /** Whether the document runs right to left: its paragraphs are bidirectional unless said otherwise. */
  readonly rtl: boolean;

  /** Whether references and footnote marks are set apart by direction marks (the edition's `isolateNumbers`): see `isolated`. */
  isolateNumbers = false;

  /** The deepest heading level the table of contents lists (the edition's `contentsDepth`). */
  contentsDepth: 1 | 2 = 2;

  /** The left (start) indent of the contents entries of levels 1 and 2 in the style sheet (`TOC1`, `TOC2`), in twips. */
  contentsIndents: readonly [number, number] = [0, 0];

  /**
   * Where a contents entry's text breaks into lines (see `lineStarts` in `paginate.ts`): for its
   * text in a style, with a first line `first` twips wide and the others `rest`, the offset (in
   * code points) at which each line after the first starts.
   */
  contentsLineStarts: (text: string, styleId: string, rtl: boolean, first: number, rest: number) => readonly number[] = () => [];

  constructor(
    readonly styles: StyleIds,
    /** The edition's language: what `Good Practice N` labels are in, whatever text they sit in. */
    readonly editionScript: Script,
    /** The width of the text between the margins, in twips, which tables fill. */
    private readonly textWidth: number,
    /**
     * When given, content marked as inserted or deleted (`ins` and `del` phrasing nodes, and blocks
     * whose `data.redline` is `ins` or `del`, as `gctf diff` makes them) is written as Word tracked
     * changes by this author; without it, no content is ever so marked.
     */
    private readonly revision?: RevisionAuthor,
  ) {
    this.rtl = editionScript.rtl;
  }

  /**
   * `xml`, a reference or a footnote mark in a paragraph in `script`, with a mark of the
   * paragraph's direction on each side when the edition keeps numbers apart: U+200F (right-to-left
   * mark) in a right-to-left paragraph, U+200E (left-to-right mark) in a left-to-right one. A
   * strong character of the paragraph's own direction ends the number the reference or mark
   * holds, so the bidirectional algorithm cannot read it with a stop and the number beside it as
   * one number ("11.12"), and sets the stop and the text around it in the paragraph's direction.
   * Word and LibreOffice both follow these marks. The isolates the other formats use (U+2068 and
   * U+2069) do the same in Word, but LibreOffice breaks lines inside the word beside them and
   * loses or adds characters there.
   */
  isolated(xml: string, script: Script): string {
    if (!this.isolateNumbers) return xml;
    const mark = textRun(script.rtl ? '\u200F' : '\u200E', { rtl: script.rtl });
    return mark + xml + mark;
  }

  /**
   * The bookmark name of a practice, section, part or footnote: its id with `_` for `-`, after a
   * prefix (names must start with a letter), at most 40 characters (longer ids are cut and given
   * a hash of the whole id), unique in the document.
   */
  bookmark(kind: keyof typeof BOOKMARK_PREFIX, id: string): string {
    const key = `${kind}:${id}`;
    const known = this.bookmarks.get(key);
    if (known !== undefined) return known;
    let name = `${BOOKMARK_PREFIX[kind]}${id.replace(/[^A-Za-z0-9]/g, '_')}`;
    if (name.length > 40) name = `${name.slice(0, 31)}_${createHash('sha256').update(id).digest('hex').slice(0, 8)}`;
    let unique = name;
    for (let n = 2; this.usedBookmarks.has(unique.toLowerCase()); n++) unique = `${name.slice(0, 40 - String(n).length - 1)}_${n}`;
    this.usedBookmarks.add(unique.toLowerCase());
    this.bookmarks.set(key, unique);
    return unique;
  }

  /**
   * Says which footnotes and link definitions the next item's text refers to: call it before
   * writing a practice or part, with its footnotes and every node of its text.
   */
  beginItem(footnotes: readonly FootnoteDefinition[], nodes: readonly RootContent[]): void {
    this.noteDefinitions = new Map(footnotes.map((f) => [f.identifier, f]));
    this.noteCalls = new Map();
    this.linkDefinitions = new Map();
    const stack: unknown[] = [...nodes];
    while (stack.length > 0) {
      const node = stack.pop() as { type: string; identifier?: string; children?: unknown[] };
      if (node.type === 'footnoteReference' && node.identifier !== undefined) this.noteCalls.set(node.identifier, (this.noteCalls.get(node.identifier) ?? 0) + 1);
      if (node.type === 'definition') this.linkDefinitions.set((node as Definition).identifier, node as Definition);
      if (node.children) for (const child of node.children) stack.push(child);
    }
  }

  /** A paragraph in `script`: bidirectional when its text runs right to left, explicitly not when the document does. */
  paragraph(script: Script, properties: Omit<ParagraphProperties, 'bidi'>, content: string): string {
    const markProperties = this.revision && this.blockMark ? trackedMark(this.blockMark, this.revision, this.nextRevisionId++) : undefined;
    return paragraph({ ...properties, bidi: script.rtl ? true : this.rtl ? false : undefined, markProperties }, content);
  }

  /**
   * Runs (`xml`) as a tracked insertion or deletion, when this writer tracks changes; as they are
   * otherwise. Hyperlinks and bookmarks around runs stay outside the revision, as Word writes them.
   */
  tracked(kind: 'ins' | 'del', xml: string): string {
    if (!this.revision) return xml;
    const { xml: out, nextId } = trackedRuns(kind, xml, this.revision, this.nextRevisionId);
    this.nextRevisionId = nextId;
    return out;
  }

  /** Writes with every paragraph mark inserted or deleted (a paragraph, heading or list item added or taken out whole). */
  withBlockMark<T>(mark: 'ins' | 'del' | undefined, write: () => T): T {
    const outer = this.blockMark;
    this.blockMark = mark ?? outer;
    try {
      return write();
    } finally {
      this.blockMark = outer;
    }
  }

  /** A bookmark around `content`, named `name`. */
  bookmarked(name: string, content: string): string {
    return bookmark(this.nextBookmarkId++, name, content);
  }

  /**
   * A heading paragraph of `level` holding `content`. Headings down to `contentsDepth` are what
   * the table of contents lists: each gets a `_Toc` bookmark, as Word gives the headings it lists, and an
   * entry reading `text`.
   */
  heading(level: 1 | 2 | 3 | 4 | 5 | 6, script: Script, content: string, text: string): string {
    let inside = content;
    if (level <= this.contentsDepth) {
      const name = `_Toc${this.contents.length + 1}`;
      this.contents.push({ level: level as 1 | 2, text, bookmark: name });
      inside = this.bookmarked(name, content);
    }
    return this.paragraph(script, { style: this.styles[`heading${level}`] }, inside);
  }

  /**
   * The table of contents: a TOC field over Heading 1 and 2 (1 alone at `contentsDepth` 1),
   * written with an entry for every heading listed so far, each with a dot leader and a PAGEREF
   * field to its heading whose result is the page `pageOf` holds for it (`PAGE_PLACEHOLDER`
   * around the bookmark name, until the document's pages are estimated: see `paginate.ts`). Readers that never update fields
   * (LibreOffice, previewers, Word Online) show those numbers; Word recomputes them when an editor
   * updates the table. Each field character is a run of its own, as Word writes them: pandoc
   * reads the lists after a contents written otherwise as empty items. Call it once every heading
   * is written.
   */
  tableOfContents(title: string): string {
    const field = run('<w:fldChar w:fldCharType="begin"/>') + run(`<w:instrText xml:space="preserve"> TOC \\o &quot;1-${this.contentsDepth}&quot; \\h </w:instrText>`) + run('<w:fldChar w:fldCharType="separate"/>');
    const tabs = `<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="${this.textWidth}"/></w:tabs>`;
    const entries = this.contents.map((entry, i) => {
      const pageNumber = complexFieldXml(`PAGEREF ${entry.bookmark} \\h`, run(`<w:t>${PAGE_PLACEHOLDER}${entry.bookmark}${PAGE_PLACEHOLDER}</w:t>`));
      const indent = entry.level === 1 ? this.contentsIndents[0] : this.contentsIndents[1];
      const link = internalHyperlink(entry.bookmark, this.contentsText(entry.text, entry.level, indent) + run('<w:tab/>') + pageNumber);
      const ind = `<w:ind w:left="${indent + CONTENTS_HANGING}" w:hanging="${CONTENTS_HANGING}"/>`;
      return `<w:p><w:pPr><w:pStyle w:val="TOC${entry.level}"/>${tabs}${ind}</w:pPr>${i === 0 ? field : ''}${link}</w:p>`;
    });
    if (entries.length === 0) entries.push(`<w:p>${field}</w:p>`);
    return (
      `<w:sdt><w:sdtPr><w:alias w:val="${escapeXml(title)}"/><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr>` +
      `<w:sdtContent>${entries.join('')}<w:p>${run('<w:fldChar w:fldCharType="end"/>')}</w:p></w:sdtContent></w:sdt>`
    );
  }

  /**
   * A contents entry's text, its wrapped lines hanging under the first, with a line break wherever
   * it would run into the column of page numbers. A right indent with the tab stop beyond it, as
   * older Word honours, would not do: in the compatibility mode of gctf's files (Word 2013's),
   * LibreOffice sets such a stop at the indent, among the text, or (7.4) leaves the number out. So
   * the lines are broken where the estimate of the pages breaks them (`paginate.ts`, with the
   * embedded faces' widths), which the column leaves room to spare for. Word breaks them anew when
   * an editor updates the contents.
   */
  private contentsText(text: string, level: 1 | 2, indent: number): string {
    const first = this.textWidth - indent - CONTENTS_NUMBER_COLUMN;
    const characters = Array.from(text);
    const starts = [...new Set(this.contentsLineStarts(text, `TOC${level}`, this.editionScript.rtl, first, first - CONTENTS_HANGING))].filter((at) => at > 0 && at < characters.length);
    const lines = [0, ...starts].map((start, i) => characters.slice(start, starts[i] ?? characters.length).join('').trimEnd());
    return lines.map((line) => textRunsXml(line, this.editionScript)).join(run('<w:br/>'));
  }

  /** Draft blocks as Word paragraphs and tables; the block after a table is set off from it. */
  blocks(nodes: readonly RootContent[], context: BlockContext): string {
    let xml = '';
    let spaceBefore = context.spaceBefore;
    for (const node of nodes) {
      const written = this.block(node, spaceBefore === context.spaceBefore ? context : { ...context, spaceBefore });
      if (!written) continue;
      xml += written;
      spaceBefore = node.type === 'table' ? AFTER_TABLE : undefined;
    }
    return xml;
  }

  private block(node: RootContent, context: BlockContext): string {
    const redline = (node.data as { redline?: string } | undefined)?.redline;
    if (this.revision && (redline === 'ins' || redline === 'del') && this.blockMark !== redline) return this.withBlockMark(redline, () => this.block(node, context));
    const { script } = context;
    switch (node.type) {
      case 'paragraph':
        return this.paragraph(script, { style: context.paragraphStyle, indentLeft: this.listIndent(context), spaceBefore: context.spaceBefore }, this.inline(node.children, script));
      case 'heading': {
        // A heading keeps the space above it that its style gives, more than a table leaves.
        const level = Math.min(6, node.depth + context.headingShift) as 1 | 2 | 3 | 4 | 5 | 6;
        return this.heading(level, script, this.inline(node.children, script), toString(node));
      }
      case 'blockquote':
        return this.blocks(node.children, { ...context, paragraphStyle: this.styles.quote });
      case 'list':
        return this.list(node, context);
      case 'code':
        return this.code(node.value, context);
      case 'table':
        // A footnote holds paragraphs only here: a table in one is left out.
        return this.inFootnote ? '' : this.table(node, context);
      case 'thematicBreak':
        return this.paragraph(script, { style: context.paragraphStyle, bottomBorder: true, spaceBefore: context.spaceBefore }, '');
      default:
        // Link definitions are read by `beginItem`; footnote definitions were detached by the
        // edition; raw HTML never reaches an output; frontmatter and math have no Word form here.
        return '';
    }
  }

  private listIndent(context: BlockContext): number | undefined {
    return context.listLevel === undefined ? undefined : LIST_STEP * (context.listLevel + 1);
  }

  private list(node: List, context: BlockContext): string {
    const level = Math.min(MAX_LIST_LEVEL, context.listLevel === undefined ? 0 : context.listLevel + 1);
    // Each ordered list is its own `w:num`, so that it counts from its start; bullets count
    // nothing, so every bulleted list shares the one numbered 1.
    let numId = 1;
    if (node.ordered) {
      const start = node.start ?? 1;
      if (!this.orderedStarts.includes(start)) this.orderedStarts.push(start);
      this.orderedLists.push(start);
      numId = this.orderedLists.length + 1;
    }
    const inside: BlockContext = { ...context, listLevel: level, spaceBefore: undefined };
    let xml = '';
    node.children.forEach((item, i) => {
      const [first, ...rest] = item.children;
      const check = item.checked === true ? '\u2612 ' : item.checked === false ? '\u2610 ' : '';
      const lead = first?.type === 'paragraph' ? first.children : [];
      xml += this.paragraph(
        context.script,
        { style: this.styles.listParagraph, numbering: { level, numId }, spaceBefore: i === 0 ? context.spaceBefore : undefined },
        textRunsXml(check, context.script) + this.inline(lead, context.script),
      );
      const more = first?.type === 'paragraph' ? rest : item.children;
      xml += this.blocks(more, { ...inside, paragraphStyle: context.paragraphStyle === this.styles.quote ? this.styles.quote : this.styles.listParagraph });
    });
    return xml;
  }

  private code(value: string, context: BlockContext): string {
    const lines = xmlSafe(value).split(/\r?\n/);
    const runs = lines.map((line, i) => run(`${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${escapeXml(line.replace(/\t/g, '    '))}</w:t>`, { noProof: true })).join('');
    return this.paragraph({ ...context.script, rtl: false }, { style: this.styles.sourceCode, indentLeft: this.listIndent(context), spaceBefore: context.spaceBefore }, runs);
  }

  private table(node: MdTable, context: BlockContext): string {
    const columns = Math.max(1, ...node.children.map((row) => row.children.length));
    const alignment = (align: AlignType | undefined) => (align === 'center' ? 'center' : align === 'right' ? 'end' : align === 'left' ? 'start' : undefined);
    const width = Math.floor(this.textWidth / columns);
    let xml = `<w:tbl><w:tblPr><w:tblStyle w:val="${escapeXml(this.styles.table)}"/>${context.script.rtl ? '<w:bidiVisual/>' : ''}<w:tblW w:w="5000" w:type="pct"/></w:tblPr>`;
    xml += `<w:tblGrid>${`<w:gridCol w:w="${width}"/>`.repeat(columns)}</w:tblGrid>`;
    node.children.forEach((row, r) => {
      // A row inserted or deleted whole (or in a table that is) is a tracked row, as Word marks it.
      const redline = (row.data as { redline?: string } | undefined)?.redline;
      const rowMark = redline === 'ins' || redline === 'del' ? redline : this.blockMark;
      const tracked = this.revision && rowMark ? trackedMark(rowMark, this.revision, this.nextRevisionId++) : '';
      xml += `<w:tr><w:trPr><w:cantSplit/>${r === 0 ? '<w:tblHeader/>' : ''}${tracked}</w:trPr>`;
      for (let c = 0; c < columns; c++) {
        const cell = row.children[c];
        const content = cell ? this.inline(cell.children, context.script) : '';
        const cellParagraph = () => this.paragraph(context.script, { style: this.styles.tableText, alignment: alignment(node.align?.[c] ?? undefined) }, content);
        xml += `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${this.withBlockMark(rowMark, cellParagraph)}</w:tc>`;
      }
      xml += '</w:tr>';
    });
    return `${xml}</w:tbl>`;
  }

  /** Draft phrasing content as runs, hyperlinks, fields and footnote references. */
  inline(nodes: readonly PhrasingContent[], script: Script, format: RunFormat = {}): string {
    let xml = '';
    for (const node of nodes) xml += this.phrasing(node, script, format);
    return xml;
  }

  private phrasing(node: PhrasingContent, script: Script, format: RunFormat): string {
    // `gctf diff`'s inserted and deleted text: mdast has no such nodes, so they are told apart first.
    const type = (node as { type: string }).type;
    if (type === 'ins' || type === 'del') return this.tracked(type, this.inline((node as unknown as { children: PhrasingContent[] }).children, script, format));
    switch (node.type) {
      case 'text':
        return textRunsXml(node.value, script, format);
      case 'strong':
        return this.inline(node.children, script, { ...format, bold: true });
      case 'emphasis':
        return this.inline(node.children, script, { ...format, italics: true });
      case 'delete':
        return this.inline(node.children, script, { ...format, strike: true });
      case 'inlineCode':
        return textRun(node.value, { style: this.styles.verbatimChar, noProof: true });
      case 'break':
        return run('<w:br/>');
      case 'link':
        return this.link(node.url, node.children, (node.data as { reference?: Reference } | undefined)?.reference, script, format);
      case 'linkReference': {
        const definition = this.linkDefinitions.get(node.identifier);
        return definition ? this.link(definition.url, node.children, undefined, script, format) : this.inline(node.children, script, format);
      }
      case 'image':
      case 'imageReference':
        // Images are not fetched (a build reads nothing a draft names): their text stands in.
        return node.alt ? textRunsXml(`[${node.alt}]`, script, { ...format, italics: true }) : '';
      case 'footnoteReference':
        return this.footnoteReference(node.identifier, script);
      default:
        return '';
    }
  }

  private link(url: string, children: readonly PhrasingContent[], reference: Reference | undefined, script: Script, format: RunFormat): string {
    if (reference) {
      const kind = reference.kind === 'practice' || reference.kind === 'section' ? reference.kind : undefined;
      if (kind === undefined) return this.inline(children, script, format);
      const anchor = this.bookmark(kind, reference.id);
      const style = { ...format, style: this.styles.crossReference };
      // A bare reference (`[](#id)`) says `Good Practice N`, the text the practice's bookmark
      // holds: a REF field, so Word renumbers it with the practice. Other link text is kept.
      if (kind === 'practice' && toString({ type: 'paragraph', children: [...children] }) === reference.label) {
        return this.isolated(internalHyperlink(anchor, complexFieldXml(`REF ${anchor} \\h`, textRunsXml(reference.label, this.editionScript, style))), script);
      }
      return this.isolated(internalHyperlink(anchor, this.inline(children, script, style)), script);
    }
    if (SAFE_URL.test(url)) {
      const id = `gctfLink${this.links.length + 1}`;
      this.links.push({ id, url: xmlSafe(url), part: this.part });
      return externalHyperlink(id, this.inline(children, script, { ...format, style: this.styles.hyperlink }));
    }
    return this.inline(children, script, format);
  }

  /**
   * A real Word footnote at its first call, numbered by Word. A later call of the same note
   * cannot be a second footnote (Word would number it anew): it is a NOTEREF field to a
   * bookmark around the first call, as Word's own cross-reference to a footnote is.
   */
  private footnoteReference(identifier: string, script: Script): string {
    // Word allows no footnote inside a footnote.
    if (this.inFootnote) return '';
    const known = this.noteIds.get(identifier);
    const referenceStyle = { style: this.styles.footnoteReference };
    if (known !== undefined) {
      const anchor = this.bookmark('footnote', String(known));
      return this.isolated(internalHyperlink(anchor, complexFieldXml(`NOTEREF ${anchor} \\f \\h`, textRun(String(known), referenceStyle))), script);
    }
    const definition = this.noteDefinitions.get(identifier);
    if (!definition) return '';
    const id = this.footnotes.length + 1;
    this.noteIds.set(identifier, id);
    this.footnotes.push('');
    const context: BlockContext = { script, headingShift: 6, paragraphStyle: this.styles.footnoteText };
    // Word puts the note's number first in its first paragraph; a space keeps it off the text, as
    // in Word's own notes.
    const [first, ...rest] = definition.children;
    this.inFootnote = true;
    this.part = 'footnotes';
    const opening = this.paragraph(
      script,
      { style: this.styles.footnoteText },
      run('<w:footnoteRef/>', referenceStyle) + textRun(' ') + (first?.type === 'paragraph' ? this.inline(first.children, script) : ''),
    );
    const more = first?.type === 'paragraph' ? rest : definition.children;
    this.footnotes[id - 1] = `<w:footnote w:id="${id}">${opening}${this.blocks(more, context)}</w:footnote>`;
    this.part = 'document';
    this.inFootnote = false;
    const call = run(`<w:footnoteReference w:id="${id}"/>`, referenceStyle);
    return this.isolated((this.noteCalls.get(identifier) ?? 0) > 1 ? this.bookmarked(this.bookmark('footnote', String(id)), call) : call, script);
  }

  /** The `w:footnote` elements of every footnote written, in order. */
  footnotesXml(): string {
    return this.footnotes.join('');
  }

  /**
   * `word/numbering.xml` for the lists written: abstract numbering 1 for bullets (numbering 1 uses
   * it), one abstract numbering for each start of ordered lists, and a numbering for each ordered
   * list, restarting its count.
   */
  numberingXml(): string {
    const levels = (format: (level: number) => readonly [string, string], start = 1) =>
      Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, level) => {
        const [numFmt, text] = format(level);
        return (
          `<w:lvl w:ilvl="${level}"><w:start w:val="${level === 0 ? start : 1}"/><w:numFmt w:val="${numFmt}"/><w:lvlText w:val="${escapeXml(text)}"/>` +
          `<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="${LIST_STEP * (level + 1)}" w:hanging="${HANGING}"/></w:pPr></w:lvl>`
        );
      }).join('');
    const abstract = (id: number, content: string) => `<w:abstractNum w:abstractNumId="${id}"><w:multiLevelType w:val="hybridMultilevel"/>${content}</w:abstractNum>`;
    const bullet = abstract(1, levels((level) => ['bullet', BULLETS[level % BULLETS.length] ?? '\u2022']));
    const ordered = this.orderedStarts.map((start, i) =>
      abstract(
        i + 2,
        levels((level) => {
          const [numFmt, text] = ORDERED[level % ORDERED.length] ?? ['decimal', '%1.'];
          return [numFmt, text.replace(/\d/, String(level + 1))];
        }, start),
      ),
    );
    const restarts = (start: number) =>
      Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, level) => `<w:lvlOverride w:ilvl="${level}"><w:startOverride w:val="${level === 0 ? start : 1}"/></w:lvlOverride>`).join('');
    const nums = [
      '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>',
      ...this.orderedLists.map((start, i) => `<w:num w:numId="${i + 2}"><w:abstractNumId w:val="${this.orderedStarts.indexOf(start) + 2}"/>${restarts(start)}</w:num>`),
    ];
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      `${bullet}${ordered.join('')}${nums.join('')}</w:numbering>`
    );
  }
}
