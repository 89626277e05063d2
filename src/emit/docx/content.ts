import { createHash } from 'node:crypto';
import {
  AlignmentType,
  Bookmark,
  ExternalHyperlink,
  FootnoteReferenceRun,
  InternalHyperlink,
  LevelFormat,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type INumberingOptions,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import type { AlignType, Definition, FootnoteDefinition, List, PhrasingContent, RootContent, Table as MdTable } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { noteReferenceField, referenceField } from './fields.js';
import type { StyleIds } from './styles.js';
import { textRuns, xmlSafe, type RunFormat, type Script } from './text.js';

/** A block the body of a Word section can hold. */
export type Block = Paragraph | Table;

/** Where blocks are written: their language, heading depth and the style their paragraphs take. */
export interface BlockContext {
  readonly script: Script;
  /** Added to a draft heading's depth: `##` in a practice is Heading 3. */
  readonly headingShift: number;
  /** The style of plain paragraphs here (Body Text, or Quote inside a block quote, …). */
  readonly paragraphStyle: string;
  /** The list level of paragraphs inside a list item, for their indentation. */
  readonly listLevel?: number;
}

/** How far each list level is indented, and how far its number hangs, in twips. */
const LIST_STEP = 567;
const HANGING = 340;
const BULLETS = ['\u2022', '\u2013', '\u25E6'];
const ORDERED: readonly [ILevelsOptions['format'], string][] = [
  [LevelFormat.DECIMAL, '%1.'],
  [LevelFormat.LOWER_LETTER, '%2)'],
  [LevelFormat.LOWER_ROMAN, '%3.'],
];
const MAX_LIST_LEVEL = 8;
const SAFE_URL = /^(?:https?:|mailto:|ftp:)/i;

type Reference = { kind: string; id: string; label: string };

/** What a kind of bookmark is named with, before the id: names must start with a letter. */
const BOOKMARK_PREFIX = { practice: 'gp_', section: 'sec_', part: 'part_', footnote: 'fn_' } as const;

/**
 * Turns an edition's Markdown (mdast) into docx paragraphs and tables, with styles from the
 * reference document. It keeps what one document shares: bookmark names, Word's footnotes and
 * its numbering definitions, so one writer serves one document.
 */
export class ContentWriter {
  /** Footnotes by their id in Word: numbered 1, 2, … in the order the text calls them. */
  readonly footnotes: Record<string, { children: Paragraph[] }> = {};
  private readonly bookmarks = new Map<string, string>();
  private readonly usedBookmarks = new Set<string>();
  private readonly noteIds = new Map<string, number>();
  private noteCalls = new Map<string, number>();
  private noteDefinitions = new Map<string, FootnoteDefinition>();
  private linkDefinitions = new Map<string, Definition>();
  private readonly orderedStarts = new Set<number>();
  private listInstance = 0;
  private inFootnote = false;

  /** Whether the document runs right to left: its paragraphs are bidirectional unless said otherwise. */
  readonly rtl: boolean;

  constructor(
    readonly styles: StyleIds,
    /** The edition's language: what `Good Practice N` labels are in, whatever text they sit in. */
    readonly editionScript: Script,
  ) {
    this.rtl = editionScript.rtl;
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
    for (const node of nodes) {
      visit(node, (child) => {
        if (child.type === 'footnoteReference') this.noteCalls.set(child.identifier, (this.noteCalls.get(child.identifier) ?? 0) + 1);
        if (child.type === 'definition') this.linkDefinitions.set(child.identifier, child);
      });
    }
  }

  /** A paragraph in `script`: bidirectional when its text runs right to left, explicitly not when the document does. */
  paragraph(script: Script, options: IParagraphOptions): Paragraph {
    return new Paragraph({ ...options, bidirectional: script.rtl || (this.rtl ? false : undefined) });
  }

  /** Draft blocks as Word blocks. */
  blocks(nodes: readonly RootContent[], context: BlockContext): Block[] {
    return nodes.flatMap((node) => this.block(node, context));
  }

  private block(node: RootContent, context: BlockContext): Block[] {
    const { script } = context;
    switch (node.type) {
      case 'paragraph':
        return [this.paragraph(script, { style: context.paragraphStyle, indent: this.listIndent(context), children: this.inline(node.children, script) })];
      case 'heading': {
        const level = Math.min(6, node.depth + context.headingShift) as 1 | 2 | 3 | 4 | 5 | 6;
        return [this.paragraph(script, { style: this.styles[`heading${level}`], children: this.inline(node.children, script) })];
      }
      case 'blockquote':
        return this.blocks(node.children, { ...context, paragraphStyle: this.styles.quote });
      case 'list':
        return this.list(node, context);
      case 'code':
        return [this.code(node.value, context)];
      case 'table':
        return [this.table(node, context)];
      case 'thematicBreak':
        return [this.paragraph(script, { style: context.paragraphStyle, thematicBreak: true, children: [] })];
      default:
        // Link definitions are read by `beginItem`; footnote definitions were detached by the
        // edition; raw HTML never reaches an output; frontmatter and math have no Word form here.
        return [];
    }
  }

  private listIndent(context: BlockContext) {
    return context.listLevel === undefined ? undefined : { left: LIST_STEP * (context.listLevel + 1) };
  }

  private list(node: List, context: BlockContext): Block[] {
    const level = Math.min(MAX_LIST_LEVEL, context.listLevel === undefined ? 0 : context.listLevel + 1);
    const start = node.start ?? 1;
    if (node.ordered) this.orderedStarts.add(start);
    // Each ordered list is its own instance of its numbering, so that it counts from its start;
    // bullets count nothing, so every bulleted list shares one (a thousand lists, one `w:num`).
    const numbering = node.ordered ? { reference: `ordered-${start}`, level, instance: ++this.listInstance } : { reference: 'bullet', level, instance: 0 };
    const inside: BlockContext = { ...context, listLevel: level };
    return node.children.flatMap((item) => {
      const [first, ...rest] = item.children;
      const check = item.checked === true ? '\u2612 ' : item.checked === false ? '\u2610 ' : '';
      const lead = first?.type === 'paragraph' ? first.children : [];
      const numbered = this.paragraph(context.script, {
        style: this.styles.listParagraph,
        numbering,
        children: [...textRuns(check, context.script), ...this.inline(lead, context.script)],
      });
      const more = first?.type === 'paragraph' ? rest : item.children;
      return [numbered, ...this.blocks(more, { ...inside, paragraphStyle: context.paragraphStyle === this.styles.quote ? this.styles.quote : this.styles.listParagraph })];
    });
  }

  private code(value: string, context: BlockContext): Paragraph {
    const lines = xmlSafe(value).split(/\r?\n/);
    return this.paragraph(
      { ...context.script, rtl: false },
      {
        style: this.styles.sourceCode,
        indent: this.listIndent(context),
        children: lines.map((line, i) => new TextRun({ text: line.replace(/\t/g, '    '), break: i > 0 ? 1 : undefined, noProof: true })),
      },
    );
  }

  private table(node: MdTable, context: BlockContext): Table {
    const columns = Math.max(1, ...node.children.map((row) => row.children.length));
    const alignment = (align: AlignType | undefined) =>
      align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.END : align === 'left' ? AlignmentType.START : undefined;
    const rows = node.children.map(
      (row, r) =>
        new TableRow({
          tableHeader: r === 0,
          cantSplit: true,
          children: Array.from({ length: columns }, (_, c) => {
            const cell = row.children[c];
            return new TableCell({
              children: [
                this.paragraph(context.script, {
                  style: this.styles.tableText,
                  alignment: alignment(node.align?.[c] ?? undefined),
                  children: cell ? this.inline(cell.children, context.script) : [],
                }),
              ],
            });
          }),
        }),
    );
    return new Table({
      rows,
      style: this.styles.table,
      width: { size: 100, type: WidthType.PERCENTAGE },
      visuallyRightToLeft: context.script.rtl || undefined,
    });
  }

  /** Draft phrasing content as runs, hyperlinks, fields and footnote references. */
  inline(nodes: readonly PhrasingContent[], script: Script, format: RunFormat = {}): ParagraphChild[] {
    return nodes.flatMap((node): ParagraphChild[] => {
      switch (node.type) {
        case 'text':
          return textRuns(node.value, script, format);
        case 'strong':
          return this.inline(node.children, script, { ...format, bold: true });
        case 'emphasis':
          return this.inline(node.children, script, { ...format, italics: true });
        case 'delete':
          return this.inline(node.children, script, { ...format, strike: true });
        case 'inlineCode':
          return [new TextRun({ text: xmlSafe(node.value), style: this.styles.verbatimChar, noProof: true })];
        case 'break':
          return [new TextRun({ break: 1 })];
        case 'link':
          return this.link(node.url, node.children, (node.data as { reference?: Reference } | undefined)?.reference, script, format);
        case 'linkReference': {
          const definition = this.linkDefinitions.get(node.identifier);
          return definition ? this.link(definition.url, node.children, undefined, script, format) : this.inline(node.children, script, format);
        }
        case 'image':
        case 'imageReference':
          // Images are not fetched (a build reads nothing a draft names): their text stands in.
          return node.alt ? textRuns(`[${node.alt}]`, script, { ...format, italics: true }) : [];
        case 'footnoteReference':
          return this.footnoteReference(node.identifier, script);
        default:
          return [];
      }
    });
  }

  private link(url: string, children: readonly PhrasingContent[], reference: Reference | undefined, script: Script, format: RunFormat): ParagraphChild[] {
    if (reference) {
      const kind = reference.kind === 'practice' || reference.kind === 'section' ? reference.kind : undefined;
      if (kind === undefined) return this.inline(children, script, format);
      const anchor = this.bookmark(kind, reference.id);
      const style = { ...format, style: this.styles.crossReference };
      // A bare reference (`[](#id)`) says `Good Practice N`, the text the practice's bookmark
      // holds: a REF field, so Word renumbers it with the practice. Other link text is kept.
      if (kind === 'practice' && toString({ type: 'paragraph', children: [...children] }) === reference.label) {
        return [new InternalHyperlink({ anchor, children: referenceField(anchor, textRuns(reference.label, this.editionScript, style)) })];
      }
      return [new InternalHyperlink({ anchor, children: this.inline(children, script, style) })];
    }
    if (SAFE_URL.test(url)) {
      return [new ExternalHyperlink({ link: xmlSafe(url), children: this.inline(children, script, { ...format, style: this.styles.hyperlink }) })];
    }
    return this.inline(children, script, format);
  }

  /**
   * A real Word footnote at its first call, numbered by Word. A later call of the same note
   * cannot be a second footnote (Word would number it anew): it is a NOTEREF field to a
   * bookmark around the first call, as Word's own cross-reference to a footnote is.
   */
  private footnoteReference(identifier: string, script: Script): ParagraphChild[] {
    // Word allows no footnote inside a footnote.
    if (this.inFootnote) return [];
    const known = this.noteIds.get(identifier);
    if (known !== undefined) {
      const mark = new TextRun({ text: String(known), style: this.styles.footnoteReference });
      const anchor = this.bookmark('footnote', String(known));
      return [new InternalHyperlink({ anchor, children: noteReferenceField(anchor, [mark]) })];
    }
    const definition = this.noteDefinitions.get(identifier);
    if (!definition) return [];
    const id = Object.keys(this.footnotes).length + 1;
    this.noteIds.set(identifier, id);
    const context: BlockContext = { script, headingShift: 6, paragraphStyle: this.styles.footnoteText };
    // Word puts the note's number first in its first paragraph; a space keeps it off the text, as
    // in Word's own notes. docx takes only paragraphs for a footnote, so a table in one is left out.
    const [first, ...rest] = definition.children;
    this.inFootnote = true;
    const opening = this.paragraph(script, {
      style: this.styles.footnoteText,
      children: [new TextRun({ text: ' ' }), ...(first?.type === 'paragraph' ? this.inline(first.children, script) : [])],
    });
    const more = this.blocks(first?.type === 'paragraph' ? rest : definition.children, context).filter((block): block is Paragraph => block instanceof Paragraph);
    this.inFootnote = false;
    this.footnotes[String(id)] = { children: [opening, ...more] };
    const run = new FootnoteReferenceRun(id);
    return (this.noteCalls.get(identifier) ?? 0) > 1 ? [new Bookmark({ id: this.bookmark('footnote', String(id)), children: [run] })] : [run];
  }

  /** The numbering definitions the written lists use: bullets, and ordered lists by their start. */
  numbering(): INumberingOptions {
    const levels = (format: (level: number) => Pick<ILevelsOptions, 'format' | 'text'>, start = 1): ILevelsOptions[] =>
      Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, level) => ({
        level,
        start: level === 0 ? start : 1,
        alignment: AlignmentType.START,
        ...format(level),
        style: { paragraph: { indent: { left: LIST_STEP * (level + 1), hanging: HANGING } } },
      }));
    return {
      config: [
        { reference: 'bullet', levels: levels((level) => ({ format: LevelFormat.BULLET, text: BULLETS[level % BULLETS.length] })) },
        ...[...this.orderedStarts]
          .sort((a, b) => a - b)
          .map((start) => ({
            reference: `ordered-${start}`,
            levels: levels((level) => {
              const [format, text] = ORDERED[level % ORDERED.length] ?? ORDERED[0]!;
              return { format, text: text.replace(/\d/, String(level + 1)) };
            }, start),
          })),
      ],
    };
  }
}
