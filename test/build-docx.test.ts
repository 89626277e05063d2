import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import JSZip from 'jszip';
import type { FootnoteDefinition, Link, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { docx } from '../src/emit/docx/docx-emitter.js';
import { estimatePages, lineStarts } from '../src/emit/docx/paginate.js';
import { loadFramework } from '../src/engine/pipeline.js';
import { buildEdition, type Edition } from '../src/model/edition.js';
import { readMessages } from '../src/model/messages.js';
import { BUILTIN_TEMPLATES } from '../src/read/read-templates.js';
import { emitContext, PRACTICES } from './helpers/docx-build.js';
import {
  attributesOf,
  bookmarkTexts,
  child,
  childrenOf,
  defaultRunLanguage,
  events,
  fields,
  findDeep,
  isBidi,
  nameOf,
  paragraphLines,
  paragraphText,
  propertiesOf,
  readDocx,
  styleOf,
  type DocxParts,
  type XmlNode,
} from './helpers/docx-read.js';
import { LONG_ID, writeDocxFixture } from './helpers/docx-fixture.js';

const BOOKMARK_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

async function edition(folder: string, lang?: string): Promise<Edition> {
  const model = await loadFramework(folder);
  const language = lang ?? model.metadata.language;
  return buildEdition(model, language, readMessages(model.folder, language));
}

async function emit(folder: string, of: Edition, sourceDateEpoch?: number): Promise<Uint8Array> {
  const bytes = await docx.emit(sourceDateEpoch === undefined ? of : { ...of, buildDate: new Date(sourceDateEpoch * 1000).toISOString() }, emitContext(folder));
  if (typeof bytes === 'string') throw new Error('docx emitted text');
  return bytes;
}

/** Every part of an edition's text, in document order, with its footnotes. */
function itemsOf(of: Edition): { nodes: RootContent[]; footnotes: readonly FootnoteDefinition[] }[] {
  return [
    ...of.front.map((p) => ({ nodes: [...p.body], footnotes: p.footnotes })),
    ...of.sections.flatMap((s) => [
      ...(s.intro ? [{ nodes: [...s.intro.body], footnotes: s.intro.footnotes }] : []),
      ...s.practices.map((p) => ({ nodes: [...(p.statement ? [p.statement] : []), ...p.body], footnotes: p.footnotes })),
    ]),
    ...of.back.map((p) => ({ nodes: [...p.body], footnotes: p.footnotes })),
  ];
}

/** How many bare practice references (`[](#id)`, shown as `Good Practice N`) and related practices an edition has. */
function bareReferences(of: Edition): number {
  let count = 0;
  for (const item of itemsOf(of)) {
    for (const node of item.nodes) {
      visit(node, 'link', (link: Link) => {
        const reference = (link.data as { reference?: { kind: string; label: string } } | undefined)?.reference;
        if (reference?.kind === 'practice' && toString(link) === reference.label) count++;
      });
    }
  }
  return count + of.practices.reduce((sum, p) => sum + p.related.length, 0);
}

/** A font file of an npm package, as Node resolves it. */
const fontFile = (pkg: string, file: string) => path.join(path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), file);

/**
 * The faces `word/fontTable.xml` embeds, each de-obfuscated as ECMA-376 Part 2 §11.1 says: the
 * first 32 bytes XORed with the bytes of its `w:fontKey` GUID, reversed.
 */
async function embeddedFaces(parts: DocxParts): Promise<{ family: string; slot: string; ttf: Buffer }[]> {
  const table = parts.xml['word/fontTable.xml'] ?? '';
  const rels = parts.xml['word/_rels/fontTable.xml.rels'] ?? '';
  const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]*)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]*)"[^>]*Id="${id}"`).exec(rels)?.[1];
  const faces = [...table.matchAll(/<w:font w:name="([^"]*)">([\s\S]*?)<\/w:font>/g)].flatMap(([, family, body]) =>
    [...body!.matchAll(/<w:(embed\w+) r:id="([^"]*)" w:fontKey="\{([0-9A-F-]{36})\}"\/>/g)].map(async ([, slot, id, key]) => {
      const name = `word/${target(id!)}`;
      expect(name, `${family} ${slot}`).toMatch(/^word\/fonts\/[^/]+\.odttf$/);
      const bytes = await parts.zip.file(name)!.async('nodebuffer');
      const keyBytes = key!.replace(/-/g, '').match(/../g)!.map((h) => parseInt(h, 16)).reverse();
      for (let i = 0; i < 32; i++) bytes[i] = bytes[i]! ^ keyBytes[i % 16]!;
      return { family: family!, slot: slot!, ttf: bytes };
    }),
  );
  return Promise.all(faces);
}

const practiceHeadings = (parts: DocxParts, style = 'Heading2') => parts.paragraphs.filter((p) => styleOf(p) === style && /\d: /.test(paragraphText(p)));
// One stream of events: a field can span paragraphs (the TOC does).
const allFields = (parts: DocxParts) => fields(parts.paragraphs.flatMap((p) => events(p)));

/** Bookmark name → the text it holds, over the whole body. */
function bookmarks(parts: DocxParts): Map<string, string> {
  return new Map(parts.paragraphs.flatMap((p) => [...bookmarkTexts(events(p))]));
}

describe('docx: the bundled framework, English edition', () => {
  let en: Edition;
  let parts: DocxParts;
  beforeAll(async () => {
    en = await edition(PRACTICES, 'en');
    parts = await readDocx(await emit(PRACTICES, en));
  });

  it('has every practice heading, in order, in Heading 2, as `Good Practice N: Title`', () => {
    expect(practiceHeadings(parts).map(paragraphText)).toEqual(en.practices.map((p) => `${p.label}: ${p.title}`));
    expect(en.practices.length).toBeGreaterThanOrEqual(24);
  });

  it('numbers practices with a SEQ field whose result is the number', () => {
    const numbers = practiceHeadings(parts).map((p) => fields(events(p)).find((f) => f.instruction.startsWith('SEQ GoodPractice')));
    expect(numbers.map((f) => f?.result)).toEqual(en.practices.map((p) => String(p.number)));
  });

  it('has section headings in Heading 1 and each statement in the Statement style', () => {
    const headings1 = parts.paragraphs.filter((p) => styleOf(p) === 'Heading1').map(paragraphText);
    for (const section of en.sections) expect(headings1).toContain(`${section.numeral}. ${section.title}`);
    const statements = parts.paragraphs.filter((p) => styleOf(p) === 'Statement').map(paragraphText);
    expect(statements).toEqual(en.practices.map((p) => toString(p.statement!).replace(/\s+/g, ' ')));
  });

  it('bookmarks `Good Practice N` in each practice heading, under a valid Word bookmark name', () => {
    const names = practiceHeadings(parts).map((heading, i) => {
      const practice = en.practices[i]!;
      const held = [...bookmarkTexts(events(heading))].filter(([name]) => !name.startsWith('_Toc'));
      expect(held).toHaveLength(1);
      const [name, text] = held[0]!;
      expect(name).toMatch(BOOKMARK_NAME);
      expect(text).toBe(practice.label);
      return name;
    });
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('writes cross-references as REF fields inside hyperlinks to the bookmark, showing the right label', () => {
    const held = bookmarks(parts);
    const refs = allFields(parts).filter((f) => f.instruction.startsWith('REF '));
    expect(refs.length).toBe(bareReferences(en));
    expect(refs.length).toBeGreaterThanOrEqual(20);
    for (const ref of refs) {
      const [, name, ...switches] = ref.instruction.split(/\s+/);
      expect(switches).toContain('\\h');
      expect(held.has(name!)).toBe(true);
      expect(ref.result).toBe(held.get(name!));
      expect(ref.anchor).toBe(name);
    }
  });

  it('links section references to the section heading bookmark', () => {
    const held = bookmarks(parts);
    const anchors = parts.paragraphs.flatMap((p) => events(p)).flatMap((e) => (e.type === 'hyperlinkStart' && e.anchor && !e.anchor.startsWith('_Toc') ? [e.anchor] : []));
    for (const anchor of anchors) expect(held.has(anchor)).toBe(true);
    expect(anchors.some((a) => a.startsWith('sec_'))).toBe(true);
  });

  it('has a TOC field with its entries and their page numbers already written, and never asks Word to update fields', () => {
    const toc = allFields(parts).find((f) => f.instruction.startsWith('TOC '));
    expect(toc?.instruction).toMatch(/\\o "1-2"/);
    expect(toc?.instruction).toMatch(/\\h/);
    const entryParagraphs = parts.paragraphs.filter((p) => /^TOC[12]$/.test(styleOf(p) ?? ''));
    // Each entry: its heading's text, a dot-leader tab, and a PAGEREF to the heading whose result is a page number.
    const pageRefs = entryParagraphs.map((p) => fields(events(p)).filter((f) => f.instruction.startsWith('PAGEREF ')));
    for (const refs of pageRefs) expect(refs).toHaveLength(1);
    const numbers = pageRefs.map((refs) => refs[0]!.result);
    for (const number of numbers) expect(number).toMatch(/^[1-9]\d*$/);
    // Pages run forwards, past the cover and the contents.
    expect(numbers.map(Number)).toEqual([...numbers.map(Number)].sort((a, b) => a - b));
    expect(Number(numbers[0])).toBeGreaterThan(2);
    for (const p of entryParagraphs) expect(findDeep([child(p, 'w:pPr')!], 'w:tab').map((t) => attributesOf(t)['w:leader'])).toEqual(['dot']);
    const entryText = (p: (typeof entryParagraphs)[number], i: number) => paragraphLines(p).join(' ').slice(0, -numbers[i]!.length);
    const entries = entryParagraphs.filter((p) => styleOf(p) === 'TOC2').map((p) => entryText(p, entryParagraphs.indexOf(p)));
    for (const practice of en.practices) expect(entries).toContain(`${practice.label}: ${practice.title}`);
    // Headings of the front and back parts' own text (`##`, Heading 2) are listed too.
    const partHeadings = [...en.front, ...en.back].flatMap((part) => part.body.flatMap((node) => (node.type === 'heading' && node.depth <= 2 ? [toString(node)] : [])));
    expect(partHeadings.length).toBeGreaterThan(3);
    for (const heading of partHeadings) expect(entries).toContain(heading);
    // Every entry links to a `_Toc` bookmark held by a heading, which its PAGEREF names.
    const anchors = entryParagraphs.flatMap((p) => events(p).flatMap((e) => (e.type === 'hyperlinkStart' && e.anchor ? [e.anchor] : [])));
    const held = new Set(parts.paragraphs.filter((p) => /^Heading[12]$/.test(styleOf(p) ?? '')).flatMap((p) => [...bookmarkTexts(events(p)).keys()]));
    expect(anchors.length).toBe(en.practices.length + en.sections.length + en.front.length + en.back.length + partHeadings.length);
    for (const anchor of anchors) expect(held).toContain(anchor);
    expect(pageRefs.map((refs) => refs[0]!.instruction.split(/\s+/)[1])).toEqual(anchors);
    // No question on opening: neither updateFields nor a field marked dirty.
    expect(parts.xml['word/settings.xml']).not.toMatch(/updateFields/);
    expect(parts.xml['word/document.xml']).not.toMatch(/w:dirty=/);
  });

  it('hangs the wrapped lines of a contents entry, and breaks a long title before the column of page numbers', () => {
    const entryParagraphs = parts.paragraphs.filter((p) => /^TOC[12]$/.test(styleOf(p) ?? ''));
    const styleIndent = (id: string) => Number(attributesOf(findDeep([parts.styles.find((s) => attributesOf(s)['w:styleId'] === id)!], 'w:ind')[0] ?? {})['w:left'] ?? 0);
    for (const p of entryParagraphs) {
      const ind = attributesOf(child(propertiesOf(p), 'w:ind')!);
      // The first line where the style puts it, the others 340 twips further in.
      expect(ind['w:hanging'], paragraphText(p)).toBe('340');
      expect(Number(ind['w:left']), paragraphText(p)).toBe(styleIndent(styleOf(p)!) + 340);
      // No right indent: the page number's tab stop stays inside the text, where LibreOffice sets it.
      expect(ind['w:right']).toBeUndefined();
    }
    // The longest titles are broken between words, and read whole with their breaks as spaces.
    const broken = entryParagraphs.filter((p) => paragraphLines(p).length > 1);
    expect(broken.length).toBeGreaterThan(0);
    const titles = en.practices.map((p) => `${p.label}: ${p.title}`);
    for (const p of broken) {
      for (const line of paragraphLines(p)) expect(line).toMatch(/^\S.*\S$/);
      expect(titles).toContain(paragraphLines(p).join(' ').replace(/\d+$/, ''));
    }
  });

  it('embeds Noto Serif, the face its styles use, as obfuscated font parts (and no Arabic face without Arabic text)', async () => {
    const embedded = await embeddedFaces(parts);
    expect(embedded.map((f) => [f.family, f.slot])).toEqual([
      ['Noto Serif', 'embedRegular'],
      ['Noto Serif', 'embedBold'],
      ['Noto Serif', 'embedItalic'],
      ['Noto Serif', 'embedBoldItalic'],
    ]);
    expect(embedded[0]!.ttf.equals(readFileSync(fontFile('@expo-google-fonts/noto-serif', '400Regular/NotoSerif_400Regular.ttf')))).toBe(true);
    expect(embedded[1]!.ttf.equals(readFileSync(fontFile('@expo-google-fonts/noto-serif', '700Bold/NotoSerif_700Bold.ttf')))).toBe(true);
    expect(parts.xml['word/settings.xml']).toMatch(/<w:embedTrueTypeFonts\/>/);
    expect(parts.xml['[Content_Types].xml']).toMatch(/<Default ContentType="application\/vnd\.openxmlformats-officedocument\.obfuscatedFont" Extension="odttf"\/>/);
    expect(parts.xml['word/styles.xml']).toMatch(/<w:rFonts w:ascii="Noto Serif" w:hAnsi="Noto Serif" w:eastAsia="Noto Serif" w:cs="Noto Naskh Arabic"\/>/);
    expect(parts.xml['word/styles.xml']).not.toMatch(/Calibri|"Arial"/);
  });

  it('writes every footnote as a Word footnote, in the order the text calls them', () => {
    const expected = itemsOf(en).flatMap((item) => item.footnotes.map((f) => toString(f).replace(/\s+/g, ' ').trim()));
    const notes = parts.footnotes.filter((f) => attributesOf(f)['w:type'] === undefined);
    expect(notes.map((f) => attributesOf(f)['w:id'])).toEqual(expected.map((_, i) => String(i + 1)));
    expect(notes.map((f) => findDeep([f], 'w:p').map(paragraphText).join(' ').replace(/\s+/g, ' ').trim())).toEqual(expected);
    for (const note of notes) expect(findDeep([note], 'w:p').every((p) => styleOf(p) === 'FootnoteText')).toBe(true);
    const calls = parts.paragraphs.flatMap((p) => events(p)).flatMap((e) => (e.type === 'footnoteReference' ? [e.id] : []));
    expect(calls).toEqual(expected.map((_, i) => String(i + 1)));
    expect(expected.length).toBeGreaterThan(10);
  });

  it('styles every paragraph of the body with a style of the reference document', () => {
    const defined = new Set(parts.styles.map((s) => attributesOf(s)['w:styleId']));
    const reference = readFileSync(path.join(BUILTIN_TEMPLATES, 'reference.docx'));
    expect(reference.length).toBeGreaterThan(0);
    for (const id of ['Title', 'Heading1', 'Heading2', 'Heading3', 'Statement', 'BodyText', 'ListParagraph', 'FootnoteText', 'FrameworkTable', 'TOCHeading']) {
      expect(defined.has(id)).toBe(true);
    }
    const direct = parts.body.filter((n) => nameOf(n) === 'w:p');
    for (const paragraph of direct) {
      const style = styleOf(paragraph);
      expect(style, paragraphText(paragraph)).toBeDefined();
      expect(defined.has(style!)).toBe(true);
    }
    const heading2 = parts.styles.find((s) => attributesOf(s)['w:styleId'] === 'Heading2')!;
    expect(attributesOf(child(heading2, 'w:name')!)['w:val']).toBe('heading 2');
  });

  it('uses real Word numbering for lists', () => {
    const items = parts.paragraphs.filter((p) => styleOf(p) === 'ListParagraph');
    expect(items.length).toBeGreaterThan(10);
    expect(items.every((p) => child(child(p, 'w:pPr')!, 'w:numPr'))).toBe(true);
    expect(parts.xml['word/numbering.xml']).toMatch(/<w:numFmt w:val="bullet"\/>/);
  });

  it('sets the document properties, the header and the page-number footer', () => {
    const core = parts.xml['docProps/core.xml']!;
    expect(core).toContain(`<dc:title>${en.metadata.title}</dc:title>`);
    expect(core).toContain(`<dc:creator>${en.metadata.initiative}</dc:creator>`);
    // US English, the spelling of the text (behavior, program), which Word's spellchecker then checks it against.
    expect(core).toContain('<dc:language>en-US</dc:language>');
    expect(defaultRunLanguage(parts)).toMatchObject({ 'w:val': 'en-US' });
    expect(parts.xml['word/document.xml']).not.toMatch(/w:val="en-GB"/);
    const keywords = /<cp:keywords>([^<]*)<\/cp:keywords>/.exec(core)?.[1] ?? '';
    expect(keywords.split(', ')).toEqual(en.sections.map((s) => s.title));
    // Built without SOURCE_DATE_EPOCH: no creation or modification date (not 1980's), and no
    // program named as the last to modify it.
    expect(core).not.toMatch(/dcterms:created|dcterms:modified|1980/);
    expect(core).not.toMatch(/lastModifiedBy/);
    const headers = Object.entries(parts.xml).filter(([name]) => /^word\/header\d+\.xml$/.test(name));
    expect(headers.some(([, xml]) => xml.includes(en.metadata.shortTitle))).toBe(true);
    expect(headers.some(([, xml]) => xml.includes('PowerPlusWaterMark'))).toBe(false);
    const footers = Object.entries(parts.xml).filter(([name]) => /^word\/footer\d+\.xml$/.test(name));
    expect(footers.some(([, xml]) => /<w:instrText[^>]*>\s*PAGE\s*</.test(xml) || /w:instr="\s*PAGE/.test(xml) || /PAGE/.test(xml))).toBe(true);
    expect(parts.xml['word/document.xml']).not.toMatch(/<w:bidi\b/);
  });

  it('gives every relationship and bookmark a stable id', () => {
    for (const [name, xml] of Object.entries(parts.xml)) {
      if (!name.endsWith('.rels')) continue;
      for (const [, id] of xml.matchAll(/\bId="([^"]*)"/g)) expect(id).toMatch(/^rId\d+$/);
    }
    const ids = [...parts.xml['word/document.xml']!.matchAll(/<w:bookmarkStart\b[^>]*w:id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
  });
});

describe('docx: the bundled framework, Arabic edition (right to left)', () => {
  let ar: Edition;
  let parts: DocxParts;
  beforeAll(async () => {
    ar = await edition(PRACTICES, 'ar');
    parts = await readDocx(await emit(PRACTICES, ar));
  });

  it('has every practice heading, in order, with the Arabic label', () => {
    expect(practiceHeadings(parts).map(paragraphText)).toEqual(ar.practices.map((p) => `${p.label}: ${p.title}`));
    expect(ar.practices[0]!.label).toMatch(/^الممارسة الجيدة 1$/);
  });

  it('lays out sections and paragraphs right to left', () => {
    const sectPr = findDeep(parts.body, 'w:sectPr');
    expect(sectPr.length).toBeGreaterThan(0);
    for (const s of sectPr) expect(child(s, 'w:bidi')).toBeDefined();
    const arabic = parts.paragraphs.filter((p) => /[\u0600-\u06FF]/.test(paragraphText(p)) && styleOf(p) !== undefined && !/^TOC/.test(styleOf(p)!));
    expect(arabic.length).toBeGreaterThan(50);
    for (const p of arabic) expect(isBidi(p), paragraphText(p)).toBe(true);
    expect(/<w:pPrDefault><w:pPr>(.*?)<\/w:pPr>/.exec(parts.xml['word/styles.xml']!)?.[1]).toMatch(/^(<w:widowControl\/>)?<w:bidi\/>/);
  });

  it('writes Arabic runs right to left, in Arabic, with complex-script bold', () => {
    const runs = parts.paragraphs.flatMap((p) => events(p)).filter((e) => e.type === 'text');
    const arabicRuns = runs.filter((e) => e.type === 'text' && /[\u0600-\u06FF]/.test(e.value));
    expect(arabicRuns.length).toBeGreaterThan(100);
    // Runs in the document's language take it from the style sheet's defaults.
    expect(defaultRunLanguage(parts)).toMatchObject({ 'w:bidi': 'ar-SA' });
    for (const run of arabicRuns) {
      if (run.type !== 'text') continue;
      expect(run.rtl, run.value).toBe(true);
      expect(run.lang['w:bidi'] ?? defaultRunLanguage(parts)['w:bidi'], run.value).toBe('ar-SA');
    }
    const bold = arabicRuns.filter((e) => e.type === 'text' && e.bold);
    expect(bold.length).toBeGreaterThan(0);
    for (const run of bold) if (run.type === 'text') expect(run.boldCs).toBe(true);
    // Complex-script sizes and fonts come from the styles.
    expect(parts.xml['word/styles.xml']).toMatch(/<w:szCs w:val="\d+"\/>/);
    expect(parts.xml['word/styles.xml']).toMatch(/<w:lang [^>]*w:bidi="ar-SA"/);
  });

  it('writes tables right to left', () => {
    const tables = findDeep(parts.body, 'w:tbl');
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect(child(child(table, 'w:tblPr')!, 'w:bidiVisual')).toBeDefined();
  });

  it('embeds Noto Naskh Arabic beside Noto Serif', async () => {
    const embedded = await embeddedFaces(parts);
    expect(embedded.map((f) => [f.family, f.slot])).toEqual([
      ['Noto Serif', 'embedRegular'],
      ['Noto Serif', 'embedBold'],
      ['Noto Serif', 'embedItalic'],
      ['Noto Serif', 'embedBoldItalic'],
      ['Noto Naskh Arabic', 'embedRegular'],
      ['Noto Naskh Arabic', 'embedBold'],
    ]);
    expect(embedded[4]!.ttf.equals(readFileSync(fontFile('@expo-google-fonts/noto-naskh-arabic', '400Regular/NotoNaskhArabic_400Regular.ttf')))).toBe(true);
  });

  it('has REF cross-references with Arabic labels and the courtesy note', () => {
    const held = bookmarks(parts);
    const refs = allFields(parts).filter((f) => f.instruction.startsWith('REF '));
    expect(refs.length).toBe(bareReferences(ar));
    for (const ref of refs) {
      expect(ref.result).toMatch(/^الممارسة الجيدة \d+$/);
      expect(ref.result).toBe(held.get(ref.instruction.split(/\s+/)[1]!));
    }
    expect(parts.paragraphs.filter((p) => styleOf(p) === 'CourtesyNote').map(paragraphText)).toEqual([ar.courtesyNote]);
    expect(parts.xml['docProps/core.xml']).toContain('<dc:language>ar-SA</dc:language>');
  });
});

/** The paragraph properties a style gives, with those of the styles it is based on (nearest first). */
function styleChain(parts: DocxParts, id: string | undefined): XmlNode[] {
  const chain: XmlNode[] = [];
  for (let at = id; at !== undefined && chain.length < 20; ) {
    const style = parts.styles.find((s) => attributesOf(s)['w:styleId'] === at);
    if (!style) break;
    const pPr = child(style, 'w:pPr');
    if (pPr) chain.push(pPr);
    at = attributesOf(child(style, 'w:basedOn') ?? {})['w:val'];
  }
  return chain;
}

/** Whether a paragraph keeps with the next, by itself or by its style. */
const keepsWithNext = (parts: DocxParts, paragraph: XmlNode) => [propertiesOf(paragraph), ...styleChain(parts, styleOf(paragraph))].some((pPr) => child(pPr, 'w:keepNext'));

describe('docx: a practice kept together on the page', () => {
  for (const lang of ['en', 'fr', 'ar']) {
    describe(`the ${lang} edition of the bundled framework`, () => {
      let parts: DocxParts;
      beforeAll(async () => {
        parts = await readDocx(await emit(PRACTICES, await edition(PRACTICES, lang)));
      });

      it('keeps each heading with its statement, each statement with the first lines of its text, and the end of the text with its related practices', () => {
        const body = parts.body.filter((node) => nameOf(node) === 'w:p' || nameOf(node) === 'w:tbl');
        const headings = body.filter((node) => styleOf(node) === 'Heading2');
        expect(headings.length).toBeGreaterThan(24);
        let related = 0;
        body.forEach((node, i) => {
          const style = styleOf(node);
          const next = body[i + 1];
          if (style === 'Heading2' || style === 'Statement') expect(keepsWithNext(parts, node), paragraphText(node)).toBe(true);
          if (style !== 'RelatedPractices') return;
          related++;
          const before = body[i - 1]!;
          // The paragraph before it, or each paragraph of a table's last row.
          const kept = nameOf(before) === 'w:tbl' ? findDeep([childrenOf(before).filter((n) => nameOf(n) === 'w:tr').at(-1)!], 'w:p') : [before];
          for (const p of kept) expect(keepsWithNext(parts, p), paragraphText(p)).toBe(true);
          expect(next === undefined || !keepsWithNext(parts, node)).toBe(true);
        });
        expect(related).toBeGreaterThan(20);
        // A statement's own lines are never split.
        expect(styleChain(parts, 'Statement').some((pPr) => child(pPr, 'w:keepLines'))).toBe(true);
      });

      it('switches widow and orphan control on in the paragraph defaults', () => {
        expect(/<w:pPrDefault><w:pPr>(.*?)<\/w:pPr>/.exec(parts.xml['word/styles.xml']!)?.[1]).toMatch(/^<w:widowControl\/>/);
        expect(parts.xml['word/styles.xml']).not.toMatch(/<w:widowControl w:val="(0|false|off)"/);
      });

      it('sets no right-to-left text in italics: Naskh has no italic, and a slant is fake', () => {
        const styles = parts.xml['word/styles.xml']!;
        expect(styles).not.toMatch(/<w:iCs\b/);
        expect(parts.xml['word/document.xml']).not.toMatch(/<w:iCs\b/);
        // Latin text in those styles keeps its italics.
        const related = parts.styles.find((s) => attributesOf(s)['w:styleId'] === 'RelatedPractices')!;
        expect(child(child(related, 'w:rPr')!, 'w:i')).toBeDefined();
      });
    });
  }
});

describe('docx: a draft framework using every construct', () => {
  let folder: string;
  let en: Edition;
  let ar: Edition;
  let enParts: DocxParts;
  let arParts: DocxParts;
  beforeAll(async () => {
    folder = writeDocxFixture();
    en = await edition(folder, 'en');
    ar = await edition(folder, 'ar');
    enParts = await readDocx(await emit(folder, en));
    arParts = await readDocx(await emit(folder, ar));
  });

  it('numbers from numbering.start, restarting the SEQ count there', () => {
    expect(practiceHeadings(enParts).map(paragraphText)).toEqual(['Good Practice 5: Write everything down', 'Good Practice 6: Keep identifiers short']);
    const seq = allFields(enParts).filter((f) => f.instruction.startsWith('SEQ'));
    expect(seq.map((f) => [f.instruction, f.result])).toEqual([
      ['SEQ GoodPractice \\r 5 \\* ARABIC', '5'],
      ['SEQ GoodPractice \\* ARABIC', '6'],
    ]);
  });

  it('shortens a bookmark name that would be too long, and REF fields use it', () => {
    const held = bookmarks(enParts);
    const name = [...held].find(([, text]) => text === 'Good Practice 6')?.[0];
    expect(name).toMatch(BOOKMARK_NAME);
    expect(name!.length).toBeLessThanOrEqual(40);
    expect(name).toMatch(/^gp_a_practice_whose/);
    expect(LONG_ID.length).toBeGreaterThan(40);
    const refs = allFields(enParts).filter((f) => f.instruction === `REF ${name} \\h`);
    expect(refs.map((f) => f.result)).toEqual(['Good Practice 6', 'Good Practice 6']);
  });

  it('keeps worded cross-references and web links as hyperlinks with their words', () => {
    const body = enParts.paragraphs.find((p) => paragraphText(p).startsWith('See '))!;
    expect(paragraphText(body)).toBe('See Good Practice 6, the second section and the web.1 Also a reference link.');
    const links = events(body).filter((e) => e.type === 'hyperlinkStart');
    expect(links.map((e) => (e.type === 'hyperlinkStart' ? (e.anchor ?? e.rid) : ''))).toEqual([expect.stringMatching(/^gp_/), 'sec_beta', expect.stringMatching(/^rId\d+$/), 'fn_1', expect.stringMatching(/^rId\d+$/)]);
    const rels = enParts.xml['word/_rels/document.xml.rels']!;
    expect(rels).toContain('Target="https://example.org/a?b=1&amp;c=2" TargetMode="External"');
    expect(rels).toContain('Target="https://example.com/ref" TargetMode="External"');
  });

  it('writes a footnote called twice once, and its second call as a NOTEREF field', () => {
    const notes = enParts.footnotes.filter((f) => attributesOf(f)['w:type'] === undefined);
    expect(notes.map((f) => findDeep([f], 'w:p').map(paragraphText).join(' ').trim())).toEqual(['The first note, called twice.', 'A second note with code.']);
    const noteRefs = allFields(enParts).filter((f) => f.instruction.startsWith('NOTEREF'));
    expect(noteRefs.map((f) => [f.instruction, f.result])).toEqual([['NOTEREF fn_1 \\f \\h', '1']]);
    const statement = enParts.paragraphs.find((p) => styleOf(p) === 'Statement')!;
    const seq = events(statement);
    const start = seq.findIndex((e) => e.type === 'bookmarkStart' && e.name === 'fn_1');
    expect(seq[start + 1]).toEqual({ type: 'footnoteReference', id: '1' });
  });

  it('writes tables, nested and ordered lists, quotes, code and rules with their styles', () => {
    const table = findDeep(enParts.body, 'w:tbl')[0]!;
    const tblPr = child(table, 'w:tblPr')!;
    expect(attributesOf(child(tblPr, 'w:tblStyle')!)['w:val']).toBe('FrameworkTable');
    expect(child(tblPr, 'w:bidiVisual')).toBeUndefined();
    const rows = childrenOf(table).filter((n) => nameOf(n) === 'w:tr');
    expect(rows).toHaveLength(3);
    expect(child(child(rows[0]!, 'w:trPr')!, 'w:tblHeader')).toBeDefined();
    expect(rows.map((r) => childrenOf(r).filter((n) => nameOf(n) === 'w:tc').length)).toEqual([3, 3, 3]);
    const cells = findDeep([rows[1]!], 'w:p');
    expect(cells.map((p) => attributesOf(child(child(p, 'w:pPr')!, 'w:jc') ?? {})['w:val'])).toEqual(['start', 'center', 'end']);

    const items = enParts.paragraphs.filter((p) => styleOf(p) === 'ListParagraph').map((p) => {
      const numPr = child(child(p, 'w:pPr')!, 'w:numPr')!;
      return [paragraphText(p), attributesOf(child(numPr, 'w:ilvl')!)['w:val']];
    });
    expect(items).toEqual([
      ['first', '0'],
      ['nested bullet', '1'],
      ['deep ordered', '2'],
      ['second', '0'],
      ['again', '0'],
      ['more', '0'],
    ]);
    expect(enParts.xml['word/numbering.xml']).toMatch(/<w:start w:val="3"\/>/);
    expect(enParts.paragraphs.filter((p) => styleOf(p) === 'Quote').map(paragraphText)).toEqual(['A quotation with emphasis.']);
    const code = enParts.paragraphs.find((p) => styleOf(p) === 'SourceCode')!;
    expect(findDeep([code], 'w:br')).toHaveLength(1);
    expect(paragraphText(code)).toBe('code line 1    code line 2');
    expect(enParts.xml['word/document.xml']).toMatch(/<w:pBdr><w:bottom /);
  });

  it('marks a draft with a watermark, a header mark and a cover notice', () => {
    const headers = Object.entries(enParts.xml).filter(([name]) => /^word\/header\d+\.xml$/.test(name));
    expect(headers).toHaveLength(2);
    for (const [, xml] of headers) expect(xml).toMatch(/<v:textpath [^>]*string="DRAFT"/);
    expect(headers.some(([, xml]) => /<w:t[^>]*>DRAFT<\/w:t>/.test(xml))).toBe(true);
    expect(enParts.paragraphs.filter((p) => styleOf(p) === 'DraftNotice').map(paragraphText)).toEqual([en.messages.draftNotice]);
  });

  it('marks an untranslated practice and keeps its English text left to right in the Arabic edition', () => {
    expect(ar.untranslatedCount).toBe(1);
    const notes = arParts.paragraphs.filter((p) => styleOf(p) === 'TranslationNote');
    expect(notes.map(paragraphText)).toEqual([ar.messages.untranslated]);
    expect(isBidi(notes[0]!)).toBe(true);
    const statements = arParts.paragraphs.filter((p) => styleOf(p) === 'Statement');
    expect(isBidi(statements[0]!)).toBe(true);
    // The reference and the footnote call (no text of its own) between marks of the paragraph's
    // direction, as in every right-to-left edition: left-to-right marks in this English paragraph.
    expect(paragraphText(statements[1]!)).toBe('Identifiers should be short, as \u200Eالممارسة الجيدة 5\u200E shows.\u200E\u200E');
    expect(isBidi(statements[1]!)).toBe(false);
    const english = events(statements[1]!).find((e) => e.type === 'text' && e.value.startsWith('Identifiers'));
    expect(english).toMatchObject({ rtl: false, lang: { 'w:val': 'en-US' } });
  });

  it('splits Latin words out of Arabic runs and bolds Arabic with w:bCs', () => {
    const statement = arParts.paragraphs.find((p) => styleOf(p) === 'Statement')!;
    const runs = events(statement).filter((e) => e.type === 'text');
    const latin = runs.find((e) => e.type === 'text' && e.value.includes('GCTF'));
    expect(latin).toMatchObject({ rtl: false });
    expect(latin?.type === 'text' && latin.lang).toEqual({});
    expect(defaultRunLanguage(arParts)).toMatchObject({ 'w:bidi': 'ar-SA' });
    const bold = runs.find((e) => e.type === 'text' && e.value === 'تدوّن');
    expect(bold).toMatchObject({ rtl: true, bold: true, boldCs: true });
    const table = findDeep(arParts.body, 'w:tbl')[0]!;
    expect(child(child(table, 'w:tblPr')!, 'w:bidiVisual')).toBeDefined();
    const item = arParts.paragraphs.find((p) => styleOf(p) === 'ListParagraph')!;
    expect(isBidi(item)).toBe(true);
  });

  it('italicizes Latin text only: Arabic emphasis is not slanted (w:i, no w:iCs)', () => {
    const xml = arParts.xml['word/document.xml']!;
    const emphasis = /<w:r><w:rPr>((?:(?!<\/w:rPr>).)*)<\/w:rPr><w:t xml:space="preserve">الملاحظات<\/w:t><\/w:r>/.exec(xml)?.[1];
    expect(emphasis).toContain('<w:i/>');
    expect(emphasis).toContain('<w:rtl/>');
    expect(xml).not.toMatch(/<w:iCs\b/);
    // The English quotation keeps its italics.
    expect(enParts.xml['word/document.xml']).toMatch(/<w:r><w:rPr><w:i\/><\/w:rPr><w:t xml:space="preserve">emphasis<\/w:t>/);
  });

  it('sets the paragraph after a table off from its bottom rule', () => {
    for (const parts of [enParts, arParts]) {
      const body = parts.body;
      const tables = body.flatMap((node, i) => (nameOf(node) === 'w:tbl' ? [i] : []));
      expect(tables.length).toBeGreaterThan(0);
      for (const i of tables) {
        const next = body[i + 1]!;
        expect(nameOf(next)).toBe('w:p');
        expect(attributesOf(child(propertiesOf(next), 'w:spacing') ?? {})['w:before'], paragraphText(next)).toBe('240');
      }
    }
  });

  it('strips characters XML 1.0 forbids from every part', async () => {
    const bad = '\u0001\u0007\u000B\u001F\uFFFE';
    const practice = en.practices[0]!;
    const poisoned: Edition = {
      ...en,
      metadata: { ...en.metadata, title: `Bad${bad} title` },
      practices: en.practices,
      sections: en.sections.map((s, i) =>
        i === 0
          ? {
              ...s,
              practices: [
                { ...practice, title: `Write${bad} it`, statement: { type: 'paragraph', children: [{ type: 'text', value: `State${bad}ment \uD800 here` }] } },
                ...s.practices.slice(1),
              ],
            }
          : s,
      ),
    };
    const parts = await readDocx(await emit(folder, poisoned));
    for (const [name, xml] of Object.entries(parts.xml)) expect(xml, name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(practiceHeadings(parts).map(paragraphText)[0]).toBe('Good Practice 5: Write it');
    expect(parts.paragraphs.find((p) => styleOf(p) === 'Statement') && paragraphText(parts.paragraphs.find((p) => styleOf(p) === 'Statement')!)).toBe('Statement  here');
    expect(parts.xml['docProps/core.xml']).toContain('<dc:title>Bad title</dc:title>');
  });

  it('is byte-identical from one build to the next, and stamps SOURCE_DATE_EPOCH', async () => {
    const first = await emit(folder, en);
    const second = await emit(folder, en);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const arFirst = await emit(folder, ar);
    expect(Buffer.from(arFirst).equals(Buffer.from(await emit(folder, ar)))).toBe(true);

    const stamped = await emit(folder, en, 1_700_000_000);
    expect(Buffer.from(stamped).equals(Buffer.from(await emit(folder, en, 1_700_000_000)))).toBe(true);
    const zip = await JSZip.loadAsync(stamped);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('>2023-11-14T22:13:20Z</dcterms:created>');
    expect(core).toContain('>2023-11-14T22:13:20Z</dcterms:modified>');
    for (const entry of Object.values(zip.files)) expect(entry.date.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(Object.keys(zip.files)[0]).toBe('[Content_Types].xml');
  });

  it("uses a framework's own templates/reference.docx, whatever its style ids", async () => {
    const own = writeDocxFixture();
    const reference = await JSZip.loadAsync(readFileSync(path.join(BUILTIN_TEMPLATES, 'reference.docx')));
    // As a French Word saves it: the built-in `heading 2` keeps its name under another id.
    const styles = (await reference.file('word/styles.xml')!.async('string')).replaceAll('w:styleId="Heading2"', 'w:styleId="Titre2"');
    reference.file('word/styles.xml', styles);
    mkdirSync(path.join(own, 'templates'), { recursive: true });
    writeFileSync(path.join(own, 'templates', 'reference.docx'), await reference.generateAsync({ type: 'uint8array' }));
    const parts = await readDocx(await emit(own, await edition(own, 'en')));
    expect(practiceHeadings(parts, 'Titre2').map(paragraphText)).toEqual(['Good Practice 5: Write everything down', 'Good Practice 6: Keep identifiers short']);
    expect(parts.styles.some((s) => attributesOf(s)['w:styleId'] === 'Titre2')).toBe(true);
  });

  it('reports a reference document that is no Word file as an emit error', async () => {
    const own = writeDocxFixture();
    mkdirSync(path.join(own, 'templates'), { recursive: true });
    writeFileSync(path.join(own, 'templates', 'reference.docx'), 'not a zip');
    await expect(emit(own, await edition(own, 'en'))).rejects.toMatchObject({
      name: 'EmitError',
      message: expect.stringMatching(/^Cannot use .*reference\.docx as the Word reference document: /),
    });
  });
});

describe('docx: the estimate of the contents page numbers', () => {
  const styles =
    '<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:keepNext/><w:pageBreakBefore/></w:pPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:keepNext/></w:pPr></w:style></w:styles>';
  // A4, 2.5 cm margins: 700 pt of text, 51 lines of 10 pt Noto Serif (13.6 pt each).
  const page = { size: { width: 11906, height: 16838 }, margin: { top: 1418, bottom: 1418, left: 1417, right: 1417 } };
  const line = (text = 'A line.') => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
  const heading = (style: string, name: string) => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:bookmarkStart w:id="1" w:name="${name}"/><w:r><w:t>Heading</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>`;
  const body = (...parts: string[]) => `<w:document><w:body>${parts.join('')}<w:sectPr/></w:body></w:document>`;

  it('starts a Heading 1 on a new page, and counts lines, wrapped text and footnotes onto the pages', () => {
    const lines = (n: number) => Array.from({ length: n }, () => line()).join('');
    expect(estimatePages(body(line('Cover'), heading('Heading1', '_Toc1'), lines(10), heading('Heading2', '_Toc2')), '', styles, page)).toEqual(new Map([['_Toc1', 2], ['_Toc2', 2]]));
    // 51 lines fill a page: the 52nd is on the next.
    expect(estimatePages(body(lines(50), heading('Heading2', '_Toc1')), '', styles, page).get('_Toc1')).toBe(1);
    expect(estimatePages(body(lines(51), heading('Heading2', '_Toc1')), '', styles, page).get('_Toc1')).toBe(2);
    // A heading keeps with the next paragraph: the last line of a page is not a heading's.
    expect(estimatePages(body(lines(50), heading('Heading2', '_Toc1'), line()), '', styles, page).get('_Toc1')).toBe(2);
    // A paragraph of 200 words takes a dozen lines or more.
    const long = line(Array.from({ length: 200 }, () => 'words').join(' '));
    expect(estimatePages(body(lines(40), long, heading('Heading2', '_Toc1')), '', styles, page).get('_Toc1')).toBe(2);
    expect(estimatePages(body(lines(30), long, heading('Heading2', '_Toc1')), '', styles, page).get('_Toc1')).toBe(1);
    // A footnote takes room at the foot of the page its call is on.
    const call = '<w:p><w:r><w:footnoteReference w:id="1"/></w:r></w:p>';
    const note = `<w:footnotes><w:footnote w:id="1">${lines(10)}</w:footnote></w:footnotes>`;
    expect(estimatePages(body(call, lines(40), heading('Heading2', '_Toc1')), note, styles, page).get('_Toc1')).toBe(2);
    expect(estimatePages(body(call, lines(30), heading('Heading2', '_Toc1')), note, styles, page).get('_Toc1')).toBe(1);
  });

  // A paragraph of `n` lines (each a word too long to share a line), bookmarked, in `pPr`.
  const lines = (n: number, pPr = '', name = '_Toc9') =>
    `<w:p><w:pPr>${pPr}</w:pPr><w:bookmarkStart w:id="2" w:name="${name}"/>${Array.from({ length: n }, () => `<w:r><w:t xml:space="preserve">${'m'.repeat(70)} </w:t></w:r>`).join('')}<w:bookmarkEnd w:id="2"/></w:p>`;
  const filler = (n: number) => Array.from({ length: n }, () => line()).join('');

  it('leaves no first line of a paragraph alone at the foot of a page under widow and orphan control', () => {
    // Line 51, the last of the page, would start a paragraph of four lines.
    expect(estimatePages(body(filler(50), lines(4)), '', styles, page).get('_Toc9')).toBe(1);
    expect(estimatePages(body(filler(50), lines(4, '<w:widowControl/>')), '', styles, page).get('_Toc9')).toBe(2);
    // Two lines fit: the paragraph starts there, and leaves two for the next page.
    expect(estimatePages(body(filler(49), lines(4, '<w:widowControl/>'), heading('Heading2', '_Toc1'), line()), '', styles, page)).toEqual(new Map([['_Toc9', 1], ['_Toc1', 2]]));
  });

  it('never splits a paragraph that keeps with the next, as LibreOffice lays it out', () => {
    expect(estimatePages(body(filler(45), lines(10), line()), '', styles, page).get('_Toc9')).toBe(1);
    expect(estimatePages(body(filler(45), lines(10, '<w:keepNext/>'), line()), '', styles, page).get('_Toc9')).toBe(2);
    // Nor a chain of them: a heading, a kept paragraph and the first lines of the next move together.
    expect(estimatePages(body(filler(40), heading('Heading2', '_Toc1'), lines(6, '<w:keepNext/>'), line()), '', styles, page).get('_Toc1')).toBe(2);
    expect(estimatePages(body(filler(40), heading('Heading2', '_Toc1'), lines(6), line()), '', styles, page).get('_Toc1')).toBe(1);
  });

  it("repeats a table's heading row at the head of each page it goes on to", () => {
    const row = (header = false) => `<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p></w:tc></w:tr>`;
    // 35 rows of 19.6 pt fill a page; a heading and a line follow 68 rows and a heading row.
    const table = (header: boolean) => `<w:tbl><w:tblGrid><w:gridCol w:w="9072"/></w:tblGrid>${row(header)}${Array.from({ length: 68 }, () => row()).join('')}</w:tbl>`;
    expect(estimatePages(body(table(false), heading('Heading2', '_Toc1'), line()), '', styles, page).get('_Toc1')).toBe(2);
    expect(estimatePages(body(table(true), heading('Heading2', '_Toc1'), line()), '', styles, page).get('_Toc1')).toBe(3);
  });

  it('measures italic Latin text with the italic face, narrower than the roman', () => {
    const italic = styles.replace('</w:styles>', '<w:style w:type="paragraph" w:styleId="Italic"><w:name w:val="Italic"/><w:rPr><w:i/></w:rPr></w:style></w:styles>');
    const starts = lineStarts(italic);
    const text = Array.from({ length: 60 }, () => 'unknown').join(' ');
    // Ten words of 48.3 pt in roman, of 46.2 pt in italic: a line of 470 pt holds nine, or ten.
    const [roman, slanted] = [starts(text, 'Normal', false, 9400, 9400), starts(text, 'Italic', false, 9400, 9400)];
    // Every line starts at a word.
    for (const at of [...roman, ...slanted]) expect(text[at - 1]).toBe(' ');
    expect(roman[0]).toBe(9 * 'unknown '.length);
    expect(slanted[0]).toBe(10 * 'unknown '.length);
    // A narrower first line breaks sooner.
    expect(starts(text, 'Normal', false, 6000, 9400)[0]!).toBeLessThan(roman[0]!);
  });
});
