import { randomBytes } from 'node:crypto';
import { Document, Footer, Header, PageNumber, Paragraph, TextRun, type FileChild, type IParagraphOptions, type ParagraphChild } from 'docx';
import { TextWatermark } from 'docx/watermarks';
import type { Edition, EditionPart, EditionPractice, EditionSection } from '../../model/edition.js';
import { ContentXml, type LinkRelationship } from './content-xml.js';
import { embeddedFonts, familiesToEmbed } from './fonts.js';
import { lineStarts } from './paginate.js';
import { paragraphIndent, type ReferenceStyles } from './styles.js';
import { languageProperties, scriptOf, textRuns, xmlSafe, type Script } from './text.js';
import { complexFieldXml, internalHyperlink, keepingLastWithNext, textRunsXml } from './wordml.js';

/** The SEQ identifier that numbers the good practices. */
export const PRACTICE_SEQUENCE = 'GoodPractice';

/** What a Word document is built from besides the edition. */
export interface DocumentOptions {
  readonly styles: ReferenceStyles;
}

// A4 with 2.5 cm margins, in twips; header and footer 1.25 cm from the edge.
export const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 1418, bottom: 1418, left: 1417, right: 1417, header: 709, footer: 709 },
};
/** The width of the text between the margins, which tables fill. */
const TEXT_WIDTH = PAGE.size.width - PAGE.margin.left - PAGE.margin.right;

/** What docx is given to lay out, and what gctf writes into its package afterwards. */
export interface WordDocument {
  readonly document: Document;
  /** The body of each part and practice, as WordprocessingML. */
  readonly bodies: readonly string[];
  /** Body `i` stands in docx's document as a paragraph of the text `${marker}${i}`, which no draft can guess. */
  readonly marker: string;
  /** The `w:footnote` elements of the document's footnotes. */
  readonly footnotes: string;
  /** `word/numbering.xml`. */
  readonly numbering: string;
  /** The relationships of web links, by the part they are in. */
  readonly links: readonly LinkRelationship[];
}

/**
 * Builds the Word document of one edition: cover, table of contents, front matter, numbered
 * sections and practices, back matter, footnotes, header, footer and properties. Every paragraph
 * has a style of the reference document; nothing is formatted directly but what the Markdown says
 * (emphasis, table cell alignment, list nesting), the direction of text, the contents' tab stops
 * and indents, the space after a table, and what keeps a practice's parts on one page.
 *
 * docx lays out the document and writes its headings, from which it fills in the contents; each
 * part's and practice's body is written by `ContentXml` as WordprocessingML and stands in docx's
 * document as one placeholder paragraph until the package is finished (`spliceBodies`).
 */
export function buildDocument(edition: Edition, options: DocumentOptions): WordDocument {
  const { ids, xml } = options.styles;
  const rtl = edition.dir === 'rtl';
  const script = scriptOf(edition.lang, edition.dir, edition.lang);
  const writer = new ContentXml(ids, script, TEXT_WIDTH);
  writer.isolateNumbers = edition.isolateNumbers;
  writer.contentsDepth = edition.contentsDepth;
  writer.contentsIndents = [paragraphIndent(xml, 'TOC1'), paragraphIndent(xml, 'TOC2')];
  writer.contentsLineStarts = lineStarts(xml);
  const { metadata, messages } = edition;
  const marker = `gctf-body-${randomBytes(8).toString('hex')}-`;
  const bodies: string[] = [];
  const frame: Frame = {
    writer,
    script,
    paragraph: (of, paragraphOptions) => new Paragraph({ ...paragraphOptions, bidirectional: of.rtl || (rtl ? false : undefined) }),
    body: (content) => {
      bodies.push(content);
      return new Paragraph({ children: [new TextRun({ text: `${marker}${bodies.length - 1}` })] });
    },
  };

  // Bookmark names are handed out in document order, whatever refers to what first.
  for (const section of edition.sections) {
    writer.bookmark('section', section.id);
    for (const practice of section.practices) writer.bookmark('practice', practice.id);
  }

  const children: FileChild[] = [...cover(edition, frame), frame.paragraph(script, { style: ids.tocHeading, children: textRuns(messages.contents, script) })];
  const contentsAt = bodies.length;
  children.push(frame.body(''));
  for (const part of edition.front) children.push(frame.body(partXml(part, edition, frame)));
  edition.sections.forEach((section, i) => children.push(frame.body(sectionXml(section, i === 0, edition, frame))));
  for (const part of edition.back) children.push(frame.body(partXml(part, edition, frame)));
  // The contents list every heading, so they are written last, in their place.
  bodies[contentsAt] = writer.tableOfContents(messages.contents);

  const draft = metadata.status === 'draft';
  const watermark = () => new TextWatermark({ text: xmlSafe(messages.draft), color: 'C0C0C0', opacity: 0.3, font: rtl ? 'Noto Naskh Arabic' : 'Noto Serif' });
  const headerParagraph = (content: ParagraphChild[]) => frame.paragraph(script, { style: ids.header, children: content });
  // The draft mark leads the running head rather than sitting at a tab stop, which a long title
  // would push onto a second line.
  const defaultHeader = [
    ...(draft ? [...textRuns(messages.draft, script, { bold: true }), ...textRuns(' \u00B7 ', script)] : []),
    ...textRuns(metadata.shortTitle, script),
    ...(draft ? [watermark()] : []),
  ];

  const document = new Document({
    title: xmlSafe(metadata.title),
    subject: xmlSafe(metadata.subtitle ?? ''),
    creator: xmlSafe(metadata.initiative ?? metadata.workingGroup ?? 'gctf'),
    keywords: xmlSafe(edition.keywords.join(', ')),
    description: xmlSafe(edition.courtesyNote ?? metadata.subtitle ?? ''),
    externalStyles: xml,
    // The fonts the styles name that gctf carries, the Arabic one only for a document with Arabic
    // text. No `updateFields`: the contents carry their page numbers, and Word would ask on every
    // opening.
    fonts: embeddedFonts(familiesToEmbed(xml, rtl, [metadata.title, ...bodies])),
    sections: [
      {
        properties: { page: PAGE, titlePage: true },
        headers: {
          default: new Header({ children: [headerParagraph(defaultHeader)] }),
          // The cover has no running head, but a draft's cover is marked too.
          first: new Header({ children: [frame.paragraph(script, { children: draft ? [watermark()] : [] })] }),
        },
        footers: {
          default: new Footer({ children: [frame.paragraph(script, { style: ids.footer, children: [new TextRun({ children: [PageNumber.CURRENT], ...languageProperties(script) })] })] }),
          first: new Footer({ children: [frame.paragraph(script, { style: ids.footer, children: [] })] }),
        },
        children,
      },
    ],
  });
  return {
    document,
    bodies,
    marker,
    footnotes: writer.footnotesXml(),
    numbering: writer.numberingXml(),
    links: writer.links,
  };
}

/** What the parts of the document are built with. */
interface Frame {
  readonly writer: ContentXml;
  /** The edition's script. */
  readonly script: Script;
  /** A docx paragraph in `script`: bidirectional when its text runs right to left, explicitly not when the document does. */
  paragraph(script: Script, options: IParagraphOptions): Paragraph;
  /** The placeholder paragraph of a body written as WordprocessingML. */
  body(content: string): Paragraph;
}

function cover(edition: Edition, frame: Frame): Paragraph[] {
  const { metadata, messages } = edition;
  const { script } = frame;
  const ids = frame.writer.styles;
  const line = (style: string, runs: ParagraphChild[]) => frame.paragraph(script, { style, children: runs });
  const fact = (label: string | undefined, value: string) =>
    line(ids.coverDetails, [...(label ? textRuns(`${label}${edition.colon} `, script, { bold: true }) : []), ...textRuns(value, script)]);
  const paragraphs = [line(ids.title, textRuns(metadata.title, script))];
  if (metadata.subtitle) paragraphs.push(line(ids.subtitle, textRuns(metadata.subtitle, script)));
  if (metadata.status === 'draft') paragraphs.push(line(ids.draftNotice, textRuns(messages.draftNotice, script)));
  if (metadata.initiative) paragraphs.push(fact(undefined, metadata.initiative));
  if (metadata.workingGroup) paragraphs.push(fact(messages.workingGroup, metadata.workingGroup));
  if (metadata.coLeadsText) paragraphs.push(fact(messages.coLeads, metadata.coLeadsText));
  if (metadata.meeting) paragraphs.push(fact(messages.meeting, metadata.meeting));
  if (metadata.adoptedText) paragraphs.push(line(ids.coverDetails, textRuns(`${messages.adopted} ${metadata.adoptedText}`, script)));
  if (edition.courtesyNote) paragraphs.push(line(ids.courtesyNote, textRuns(edition.courtesyNote, script)));
  return paragraphs;
}

function untranslatedNote(edition: Edition, frame: Frame): string {
  return frame.writer.paragraph(frame.script, { style: frame.writer.styles.translationNote }, textRunsXml(edition.messages.untranslated, frame.script));
}

/** A front or back part (with its heading) or a section's introduction (without). */
function partXml(part: EditionPart, edition: Edition, frame: Frame, heading = true): string {
  const { writer } = frame;
  const text = scriptOf(part.textLang, part.textDir, edition.lang);
  writer.beginItem(part.footnotes, part.body);
  let xml = heading ? writer.heading(1, text, writer.bookmarked(writer.bookmark('part', part.id), textRunsXml(part.title, text)), part.title) : '';
  if (part.untranslated) xml += untranslatedNote(edition, frame);
  return xml + writer.blocks(part.body, { script: text, headingShift: 0, paragraphStyle: writer.styles.bodyText });
}

function sectionXml(section: EditionSection, first: boolean, edition: Edition, frame: Frame): string {
  const { writer, script } = frame;
  const title = section.heading;
  let xml = writer.heading(1, script, writer.bookmarked(writer.bookmark('section', section.id), textRunsXml(title, script)), title);
  if (section.intro) xml += partXml(section.intro, edition, frame, false);
  section.practices.forEach((practice, i) => (xml += practiceXml(practice, first && i === 0, edition, frame)));
  return xml;
}

function practiceXml(practice: EditionPractice, first: boolean, edition: Edition, frame: Frame): string {
  const { writer, script } = frame;
  const text = scriptOf(practice.textLang, practice.textDir, edition.lang);
  const anchor = writer.bookmark('practice', practice.id);
  writer.beginItem(practice.footnotes, practice.statement ? [practice.statement, ...practice.body] : practice.body);

  // The bookmark holds `Good Practice N` with N a SEQ field: the REF fields of cross-references
  // show exactly that, and both follow when an editor moves a practice and updates fields. The
  // first practice of a document numbered from other than 1 (`numbering.start`) restarts the
  // count (`\r N`); a separate hidden reset field would do it too, but LibreOffice shows those.
  const number = String(practice.number);
  const prefix = `${practice.prefix} `;
  const restart = first && practice.number !== 1 ? ` \\r ${practice.number}` : '';
  const label = textRunsXml(prefix, script) + complexFieldXml(`SEQ ${PRACTICE_SEQUENCE}${restart} \\* ARABIC`, textRunsXml(number, script));
  const headingText = practice.heading;
  let xml = writer.heading(2, script, writer.bookmarked(anchor, label) + textRunsXml(`${edition.colon} `, script) + textRunsXml(practice.title, text), headingText);

  // The heading, the statement and the first lines of the body stay on one page (the heading's
  // style keeps it with the statement), and the related practices with the end of the body.
  const related = practice.related.length > 0;
  if (practice.untranslated) xml += untranslatedNote(edition, frame);
  if (practice.statement) xml += writer.paragraph(text, { style: writer.styles.statement, keepNext: practice.body.length > 0 || related }, writer.inline(practice.statement.children, text));
  const body = writer.blocks(practice.body, { script: text, headingShift: 1, paragraphStyle: writer.styles.bodyText });
  xml += related ? keepingLastWithNext(body) : body;
  if (related) xml += relatedPractices(practice, edition, frame);
  return xml;
}

function relatedPractices(practice: EditionPractice, edition: Edition, frame: Frame): string {
  const { writer, script } = frame;
  const style = { style: writer.styles.crossReference };
  const links = practice.relatedList.map((part) => {
    if ('text' in part) return textRunsXml(part.text, script);
    const target = practice.related[part.item];
    if (!target) return '';
    const anchor = writer.bookmark('practice', target.id);
    return writer.isolated(internalHyperlink(anchor, complexFieldXml(`REF ${anchor} \\h`, textRunsXml(target.label, script, style))), script);
  });
  return writer.paragraph(script, { style: writer.styles.relatedPractices }, textRunsXml(`${edition.messages.relatedPractices}${edition.colon} `, script) + links.join(''));
}
