import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Document, Paragraph, TextRun } from 'docx';
import type { PhrasingContent } from 'mdast';
import { ContentXml } from '../emit/docx/content-xml.js';
import { PRACTICE_SEQUENCE } from '../emit/docx/document.js';
import { embeddedFonts, familiesToEmbed, stableFontKeys } from '../emit/docx/fonts.js';
import { fillPackage, finishPackage, packageParts } from '../emit/docx/package.js';
import { editionStyles, readReferenceStyles, REFERENCE_DOCX } from '../emit/docx/styles.js';
import { scriptOf, wordLanguage, xmlSafe, type Script } from '../emit/docx/text.js';
import { complexFieldXml, textRunsXml } from '../emit/docx/wordml.js';
import { BUILTIN_TEMPLATES } from '../read/read-templates.js';
import { blockMarkOf, type Mark } from './align.js';
import type { FrameworkDiff, RedlineDocument, RedlinePart, RedlinePractice, RedlineSection, RedlineOptions } from './compare.js';

// A4 with 2.5 cm margins, in twips, as the Word output's.
const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 1418, bottom: 1418, left: 1417, right: 1417, header: 709, footer: 709 },
};
const TEXT_WIDTH = PAGE.size.width - PAGE.margin.left - PAGE.margin.right;

/** Whether phrasing content is wholly one insertion or one deletion. */
function whollyMarked(nodes: readonly PhrasingContent[]): Mark | undefined {
  const types = new Set(nodes.map((n) => (n as { type: string }).type));
  if (types.size === 1 && (types.has('ins') || types.has('del'))) return [...types][0] as Mark;
  return undefined;
}

interface Writer {
  readonly writer: ContentXml;
  readonly script: Script;
  readonly redline: RedlineDocument;
}

function part(item: RedlinePart, w: Writer, heading: boolean): string {
  const { writer, redline } = w;
  const text = scriptOf(item.textLang, item.textDir, redline.lang);
  writer.beginItem(item.footnotes, item.body);
  return writer.withBlockMark(item.mark, () => {
    let xml = heading ? writer.heading(1, text, writer.bookmarked(writer.bookmark('part', item.id), writer.inline(item.title, text)), '') : '';
    xml += writer.blocks(item.body, { script: text, headingShift: 0, paragraphStyle: writer.styles.bodyText });
    return xml;
  });
}

function practice(item: RedlinePractice, first: boolean, w: Writer): string {
  const { writer, script, redline } = w;
  const text = scriptOf(item.textLang, item.textDir, redline.lang);
  writer.beginItem(item.footnotes, [...(item.statement ? [item.statement] : []), ...item.body]);
  // A practice here now is numbered by a SEQ field, as in the Word output, so renumbering stays
  // Word's business and is no tracked change; one that left is its old label, deleted.
  const number = /(\d+)$/.exec(item.label)?.[1];
  let label: string;
  if (item.mark === 'del' || number === undefined) label = textRunsXml(item.label, script);
  else {
    const restart = first && number !== '1' ? ` \\r ${number}` : '';
    label = textRunsXml(item.label.slice(0, -number.length), script) + complexFieldXml(`SEQ ${PRACTICE_SEQUENCE}${restart} \\* ARABIC`, textRunsXml(number, script));
  }
  const labelXml = item.mark ? writer.tracked(item.mark, label + textRunsXml(': ', script)) : label + textRunsXml(': ', script);
  const anchor = item.mark === 'del' ? writer.bookmark('practice', item.moved ? `was-${item.id}` : item.id) : writer.bookmark('practice', item.id);
  return writer.withBlockMark(item.mark, () => {
    let xml = writer.heading(2, script, writer.bookmarked(anchor, labelXml) + writer.inline(item.title, text), '');
    if (item.statement) {
      const statement = item.statement;
      const mark = blockMarkOf(statement);
      xml += writer.withBlockMark(mark === 'changed' ? undefined : mark, () => writer.paragraph(text, { style: writer.styles.statement }, writer.inline(statement.children, text)));
    }
    xml += writer.blocks(item.body, { script: text, headingShift: 1, paragraphStyle: writer.styles.bodyText });
    if (item.related.length > 0) {
      const mark = whollyMarked(item.related);
      const prefix = textRunsXml(`${redline.messages.relatedPractices}: `, script);
      xml += writer.withBlockMark(mark, () =>
        writer.paragraph(script, { style: writer.styles.relatedPractices }, (mark ? writer.tracked(mark, prefix) : prefix) + writer.inline(item.related, script)),
      );
    }
    return xml;
  });
}

function section(item: RedlineSection, first: boolean, w: Writer): string {
  const { writer, script } = w;
  let xml = writer.withBlockMark(item.mark, () => {
    const numeral = textRunsXml(`${item.numeral}. `, script);
    return writer.heading(1, script, writer.bookmarked(writer.bookmark('section', item.id), (item.mark ? writer.tracked(item.mark, numeral) : numeral) + writer.inline(item.title, script)), '');
  });
  if (item.intro) xml += part(item.intro, w, false);
  let numbered = first;
  for (const p of item.practices) {
    xml += practice(p, numbered && p.mark !== 'del', w);
    if (p.mark !== 'del') numbered = false;
  }
  return xml;
}

/**
 * The redline as a Word document: the new version with every change a real tracked change
 * (`w:ins`, `w:del` with `w:delText`, inserted and deleted paragraph marks), each with its own id,
 * the author given and the new version's date, so an editor can accept or reject each in Word.
 * Accepting every change gives the new version's text, rejecting every change the old one's.
 * Practice numbers stay `SEQ` fields and references `REF` fields: renumbering is no tracked change.
 * The styles are gctf's reference document's.
 */
export async function redlineDocx(redline: RedlineDocument, _diff: FrameworkDiff, options: RedlineOptions): Promise<Uint8Array> {
  const reference = await readReferenceStyles(readFileSync(path.join(BUILTIN_TEMPLATES, REFERENCE_DOCX)));
  const rtl = redline.dir === 'rtl';
  const script = scriptOf(redline.lang, redline.dir, redline.lang);
  const when = new Date(options.date);
  const date = Number.isNaN(when.getTime()) ? new Date(0) : when;
  const writer = new ContentXml(reference.ids, script, TEXT_WIDTH, { author: options.author, date: date.toISOString().replace(/\.\d{3}Z$/, 'Z') });
  const w: Writer = { writer, script, redline };
  // Bookmark names are handed out in document order, whatever refers to what first.
  for (const s of redline.sections) {
    writer.bookmark('section', s.id);
    for (const p of s.practices) writer.bookmark('practice', p.mark === 'del' && p.moved ? `was-${p.id}` : p.id);
  }
  let body = writer.paragraph(script, { style: reference.ids.title }, writer.inline(redline.titleNodes, script));
  for (const item of redline.front) body += part(item, w, true);
  redline.sections.forEach((s, i) => (body += section(s, i === 0, w)));
  for (const item of redline.back) body += part(item, w, true);

  const marker = `gctf-redline-body-`;
  const document = new Document({
    title: xmlSafe(redline.title),
    description: xmlSafe(`Redline: ${options.sides.old} → ${options.sides.new}`),
    lastModifiedBy: xmlSafe(options.author),
    externalStyles: editionStyles(reference.xml, redline.lang, rtl),
    features: { updateFields: true, trackRevisions: true },
    // The faces of the reference styles, as the Word edition embeds them.
    fonts: embeddedFonts(familiesToEmbed(reference.xml, rtl, [redline.title, body])),
    sections: [{ properties: { page: PAGE }, children: [new Paragraph({ children: [new TextRun({ text: `${marker}0` })] })] }],
  });
  const parts = await packageParts(document);
  stableFontKeys(parts);
  fillPackage(parts, { bodies: [body], marker, footnotes: writer.footnotesXml(), numbering: writer.numberingXml(), links: writer.links });
  return finishPackage(parts, { date: date.getTime() < Date.UTC(1980, 0, 1) ? new Date(Date.UTC(1980, 0, 1)) : date, language: wordLanguage(redline.lang), rtl });
}
