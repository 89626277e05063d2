import { Bookmark, Document, Footer, Header, InternalHyperlink, LeaderType, PageNumber, Paragraph, TableOfContents, TextRun, type FileChild, type ParagraphChild } from 'docx';
import { TextWatermark } from 'docx/watermarks';
import type { Edition, EditionPart, EditionPractice, EditionSection } from '../../model/edition.js';
import { formatDate, listParts, sectionHeadingText } from '../markdown.js';
import { ContentWriter } from './content.js';
import './section-lookup.js';
import { practiceNumberField, referenceField } from './fields.js';
import type { ReferenceStyles } from './styles.js';
import { languageProperties, scriptOf, textRuns, xmlSafe, type Script } from './text.js';

/** What a Word document is built from besides the edition. */
export interface DocumentOptions {
  readonly styles: ReferenceStyles;
  /** gctf's version, written as the document's last author. */
  readonly version: string;
}

// A4 with 2.5 cm margins, in twips; header and footer 1.25 cm from the edge.
const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 1418, bottom: 1418, left: 1417, right: 1417, header: 709, footer: 709 },
};

/**
 * Builds the Word document of one edition with docx: cover, table of contents, front matter,
 * numbered sections and practices, back matter, footnotes, header, footer and properties. Every
 * paragraph has a style of the reference document; nothing is formatted directly but what the
 * Markdown says (emphasis, table cell alignment, list nesting) and the direction of text.
 */
export function buildDocument(edition: Edition, options: DocumentOptions): Document {
  const { ids, xml } = options.styles;
  const rtl = edition.dir === 'rtl';
  const script = scriptOf(edition.lang, edition.lang);
  const writer = new ContentWriter(ids, script);
  const { metadata, messages } = edition;

  // Bookmark names are handed out in document order, whatever refers to what first.
  for (const section of edition.sections) {
    writer.bookmark('section', section.id);
    for (const practice of section.practices) writer.bookmark('practice', practice.id);
  }

  const children: FileChild[] = [...cover(edition, writer, script), ...contents(edition, writer, script)];
  for (const part of edition.front) children.push(...partBlocks(part, edition, writer, script));
  edition.sections.forEach((section, i) => children.push(...sectionBlocks(section, i === 0, edition, writer, script)));
  for (const part of edition.back) children.push(...partBlocks(part, edition, writer, script));

  const draft = metadata.status === 'draft';
  const watermark = () => new TextWatermark({ text: xmlSafe(messages.draft), color: 'C0C0C0', opacity: 0.3, font: rtl ? 'Arial' : 'Calibri' });
  const headerParagraph = (content: ParagraphChild[]) => writer.paragraph(script, { style: ids.header, children: content });
  // The draft mark leads the running head rather than sitting at a tab stop, which a long title
  // would push onto a second line.
  const defaultHeader = [
    ...(draft ? [...textRuns(messages.draft, script, { bold: true }), ...textRuns(' \u00B7 ', script)] : []),
    ...textRuns(metadata.title, script),
    ...(draft ? [watermark()] : []),
  ];

  const tags = [...new Set(edition.practices.flatMap((p) => p.tags))].sort();
  return new Document({
    title: xmlSafe(metadata.title),
    subject: xmlSafe(metadata.subtitle ?? ''),
    creator: xmlSafe(metadata.initiative ?? metadata.workingGroup ?? 'gctf'),
    keywords: xmlSafe(tags.join(', ')),
    description: xmlSafe(edition.courtesyNote ?? metadata.subtitle ?? ''),
    lastModifiedBy: `gctf ${options.version}`,
    externalStyles: xml,
    features: { updateFields: true },
    footnotes: writer.footnotes,
    numbering: writer.numbering(),
    sections: [
      {
        properties: { page: PAGE, titlePage: true },
        headers: {
          default: new Header({ children: [headerParagraph(defaultHeader)] }),
          // The cover has no running head, but a draft's cover is marked too.
          first: new Header({ children: [writer.paragraph(script, { children: draft ? [watermark()] : [] })] }),
        },
        footers: {
          default: new Footer({ children: [writer.paragraph(script, { style: ids.footer, children: [new TextRun({ children: [PageNumber.CURRENT], ...languageProperties(script) })] })] }),
          first: new Footer({ children: [writer.paragraph(script, { style: ids.footer, children: [] })] }),
        },
        children,
      },
    ],
  });
}

function cover(edition: Edition, writer: ContentWriter, script: Script): Paragraph[] {
  const { metadata, messages, lang } = edition;
  const ids = writer.styles;
  const line = (style: string, runs: ParagraphChild[]) => writer.paragraph(script, { style, children: runs });
  const fact = (label: string | undefined, value: string) =>
    line(ids.coverDetails, [...(label ? textRuns(`${label}: `, script, { bold: true }) : []), ...textRuns(value, script)]);
  const paragraphs = [line(ids.title, textRuns(metadata.title, script))];
  if (metadata.subtitle) paragraphs.push(line(ids.subtitle, textRuns(metadata.subtitle, script)));
  if (metadata.status === 'draft') paragraphs.push(line(ids.draftNotice, textRuns(messages.draftNotice, script)));
  if (metadata.initiative) paragraphs.push(fact(undefined, metadata.initiative));
  if (metadata.workingGroup) paragraphs.push(fact(messages.workingGroup, metadata.workingGroup));
  if (metadata.coLeads.length > 0) {
    const names = listParts(metadata.coLeads.length, lang, 'conjunction').map((p) => (typeof p === 'number' ? (metadata.coLeads[p] ?? '') : p));
    paragraphs.push(fact(messages.coLeads, names.join('')));
  }
  if (metadata.meeting) paragraphs.push(fact(messages.meeting, metadata.meeting));
  if (metadata.adopted) paragraphs.push(line(ids.coverDetails, textRuns(`${messages.adopted} ${formatDate(metadata.adopted, lang)}`, script)));
  if (edition.courtesyNote) paragraphs.push(line(ids.courtesyNote, textRuns(edition.courtesyNote, script)));
  return paragraphs;
}

/**
 * The contents: a TOC field over Heading 1 and 2 that Word refreshes on opening (with page
 * numbers), written with its entries already in place (docx fills them in from the headings) for
 * readers that never update fields. Those entries have no page numbers (docx's page estimate,
 * `docx/layout`, takes seconds an edition), so the entries have no dot leaders to lead nowhere.
 */
function contents(edition: Edition, writer: ContentWriter, script: Script): FileChild[] {
  const title = edition.messages.contents;
  return [
    writer.paragraph(script, { style: writer.styles.tocHeading, children: textRuns(title, script) }),
    new TableOfContents(xmlSafe(title), { hyperlink: true, headingStyleRange: '1-2', tabLeader: LeaderType.NONE }),
  ];
}

function untranslatedNote(edition: Edition, writer: ContentWriter, script: Script): Paragraph {
  return writer.paragraph(script, { style: writer.styles.translationNote, children: textRuns(edition.messages.untranslated, script) });
}

function partBlocks(part: EditionPart, edition: Edition, writer: ContentWriter, script: Script, heading = true): FileChild[] {
  const text = scriptOf(part.textLang, edition.lang);
  writer.beginItem(part.footnotes, part.body);
  const blocks: FileChild[] = [];
  if (heading) {
    const name = writer.bookmark('part', part.id);
    blocks.push(writer.paragraph(text, { style: writer.styles.heading1, children: [new Bookmark({ id: name, children: textRuns(part.title, text) })] }));
  }
  if (part.untranslated) blocks.push(untranslatedNote(edition, writer, script));
  blocks.push(...writer.blocks(part.body, { script: text, headingShift: 0, paragraphStyle: writer.styles.bodyText }));
  return blocks;
}

function sectionBlocks(section: EditionSection, first: boolean, edition: Edition, writer: ContentWriter, script: Script): FileChild[] {
  const anchor = writer.bookmark('section', section.id);
  const blocks: FileChild[] = [
    writer.paragraph(script, { style: writer.styles.heading1, children: [new Bookmark({ id: anchor, children: textRuns(sectionHeadingText(section), script) })] }),
  ];
  if (section.intro) blocks.push(...partBlocks(section.intro, edition, writer, script, false));
  section.practices.forEach((practice, i) => blocks.push(...practiceBlocks(practice, first && i === 0, edition, writer, script)));
  return blocks;
}

function practiceBlocks(practice: EditionPractice, first: boolean, edition: Edition, writer: ContentWriter, script: Script): FileChild[] {
  const text = scriptOf(practice.textLang, edition.lang);
  const anchor = writer.bookmark('practice', practice.id);
  writer.beginItem(practice.footnotes, practice.statement ? [practice.statement, ...practice.body] : practice.body);

  // The bookmark holds `Good Practice N` with N a SEQ field: the REF fields of cross-references
  // show exactly that, and both follow when an editor moves a practice and updates fields.
  const number = String(practice.number);
  const prefix = practice.label.endsWith(` ${number}`) ? practice.label.slice(0, -number.length) : undefined;
  const restartAt = first && practice.number !== 1 ? practice.number : undefined;
  const label =
    prefix === undefined ? textRuns(practice.label, script) : [...textRuns(prefix, script), ...practiceNumberField(textRuns(number, script), restartAt)];
  const heading = writer.paragraph(script, {
    style: writer.styles.heading2,
    children: [new Bookmark({ id: anchor, children: label }), ...textRuns(': ', script), ...textRuns(practice.title, text)],
  });

  const blocks: FileChild[] = [heading];
  if (practice.untranslated) blocks.push(untranslatedNote(edition, writer, script));
  if (practice.statement) blocks.push(writer.paragraph(text, { style: writer.styles.statement, children: writer.inline(practice.statement.children, text) }));
  blocks.push(...writer.blocks(practice.body, { script: text, headingShift: 1, paragraphStyle: writer.styles.bodyText }));
  if (practice.related.length > 0) blocks.push(relatedPractices(practice, edition, writer, script));
  return blocks;
}

function relatedPractices(practice: EditionPractice, edition: Edition, writer: ContentWriter, script: Script): Paragraph {
  const style = { style: writer.styles.crossReference };
  const links = listParts(practice.related.length, edition.lang, 'unit').flatMap((part): ParagraphChild[] => {
    if (typeof part === 'string') return textRuns(part, script);
    const target = practice.related[part];
    if (!target) return [];
    const anchor = writer.bookmark('practice', target.id);
    return [new InternalHyperlink({ anchor, children: referenceField(anchor, textRuns(target.label, script, style)) })];
  });
  return writer.paragraph(script, { style: writer.styles.relatedPractices, children: [...textRuns(`${edition.messages.relatedPractices}: `, script), ...links] });
}
