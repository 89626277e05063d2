import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docx } from '../src/emit/docx/docx-emitter.js';
import { htmlEmitter } from '../src/emit/html.js';
import { markdownEmitter } from '../src/emit/markdown.js';
import { pdf } from '../src/emit/pdf/pdf-emitter.js';
import { emitContext } from '../src/emit/emit-thread.js';
import { loadFramework } from '../src/index.js';
import { buildEdition, type Edition } from '../src/model/edition.js';
import { readMessages } from '../src/model/messages.js';
import { readTemplates } from '../src/read/read-templates.js';
import { byClass, byTag, parseHtmlFiles, textContent, type HtmlElement, type HtmlNode } from './helpers/html-tree.js';
import { events, findDeep, readDocx, type DocxParts } from './helpers/docx-read.js';
import { hasPoppler } from './helpers/pdf-tools.js';

/**
 * In a right-to-left edition, a number beside another number or a stop is read by the
 * bidirectional algorithm as one number: "Good Practice 11", a full stop and note 10 showed as
 * "11.10". The Arabic edition of the bundled framework, read back as a reader gets it, shows every
 * label number and footnote mark apart from its neighbours.
 */

const PRACTICES = path.join(import.meta.dirname, '..', 'practices');

/** A run of digits, with the stops, commas and colons that would join it to more digits. */
const NUMBER_RUN = /[0-9\u0660-\u0669]+(?:[.,:\u060C\u066B\u066C][0-9\u0660-\u0669]+)*/g;

/**
 * Every number a reader may see by itself: label and footnote numbers, page numbers, and every
 * number the drafts and the manifest write in their text.
 */
function numbersOf(edition: Edition, pages: number): Set<string> {
  const texts: string[] = [JSON.stringify(edition.metadata), JSON.stringify(edition.messages)];
  const parts = [...edition.front, ...edition.back, ...edition.sections.flatMap((s) => (s.intro ? [s.intro] : []))];
  for (const item of [...parts, ...edition.practices]) {
    texts.push(item.title);
    for (const node of [...item.body, ...item.footnotes]) texts.push(toString(node as Nodes));
  }
  for (const practice of edition.practices) if (practice.statement) texts.push(toString(practice.statement));
  const numbers = new Set(texts.flatMap((text) => text.match(NUMBER_RUN) ?? []));
  for (let n = 1; n <= pages + 1; n++) numbers.add(String(n));
  for (const practice of edition.practices) numbers.add(String(practice.number));
  return numbers;
}

/** The text of an HTML tree as the bidirectional algorithm groups it: a <bdi> is a unit of its own. */
const grouped = (node: HtmlNode): string => (typeof node === 'string' ? node : node.tag === 'bdi' ? `\u2068${node.children.map(grouped).join('')}\u2069` : node.children.map(grouped).join(''));

/** Number runs that are no number of the document: two numbers, or a number and a stop and a number, run together. */
function runTogether(text: string, numbers: ReadonlySet<string>): string[] {
  return (text.match(NUMBER_RUN) ?? []).filter((run) => !numbers.has(run));
}

/** The bytes of an edition's Word file. */
async function wordFile(of: Edition): Promise<Uint8Array> {
  const bytes = await docx.emit(of, emitContext(readTemplates(PRACTICES, []), '0.0.0-test'));
  if (!(bytes instanceof Uint8Array)) throw new Error('the docx emitter returned text');
  return bytes;
}

/**
 * How many footnote calls and references (hyperlinks to a practice, a section or a note) a Word
 * body holds, and how many of them stand between two right-to-left marks (U+200F) in a
 * right-to-left paragraph, between two left-to-right marks (U+200E) in another, or neither.
 */
function markedItems(xml: string): { calls: number; references: number; marked: { rtl: number; ltr: number; none: number } } {
  const mark = (char: string) => `<w:r><w:rPr>${char === '\u200F' ? '<w:rtl/>' : ''}</w:rPr><w:t xml:space="preserve">${char}</w:t></w:r>`.replace('<w:rPr></w:rPr>', '');
  const marked = { rtl: 0, ltr: 0, none: 0 };
  let calls = 0;
  let references = 0;
  for (const paragraph of xml.replace(/<w:bookmark(?:Start|End)\b[^>]*\/>/g, '').match(/<w:p>[\s\S]*?<\/w:p>/g) ?? []) {
    const items = [
      ...(paragraph.match(/<w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="\d+"\/><\/w:r>/g) ?? []),
      ...(paragraph.match(/<w:hyperlink w:anchor="(?:gp|sec|fn)_[^"]*"[^>]*>[\s\S]*?<\/w:hyperlink>/g) ?? []),
    ];
    for (const item of items) {
      if (item.startsWith('<w:hyperlink')) references++;
      else calls++;
      const rtl = /<w:pPr>(?:(?!<\/w:pPr>)[\s\S])*<w:bidi\/>/.test(paragraph);
      const char = rtl ? '\u200F' : '\u200E';
      if (paragraph.includes(mark(char) + item + mark(char))) marked[rtl ? 'rtl' : 'ltr']++;
      else marked.none++;
    }
  }
  return { calls, references, marked };
}

/** The text of a Word file's paragraphs and notes as a reader sees it: each footnote call as its number. */
function wordText(parts: DocxParts): string {
  return [...parts.paragraphs, ...parts.footnotes.flatMap((note) => findDeep([note], 'w:p'))]
    .map((p) => events(p).map((e) => (e.type === 'text' ? e.value : e.type === 'footnoteReference' ? e.id : '')).join(''))
    .join('\n');
}

/** The highest page number a Word file's contents give. */
function contentsPages(parts: DocxParts): number {
  return Math.max(0, ...[...(parts.xml['word/document.xml'] ?? '').matchAll(/PAGEREF[\s\S]*?separate"\/><\/w:r><w:r><w:t>(\d+)</g)].map((m) => Number(m[1])));
}

/**
 * A framework of two practices whose Arabic text writes "see Good Practice 2." with a note: the
 * bidirectional algorithm joins the 2, the stop and the note's 1 into one number unless something
 * keeps them apart.
 */
async function controlEdition(): Promise<{ folder: string; edition: Edition }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'gctf-rtl-word-'));
  writeFileSync(path.join(folder, 'framework.yaml'), 'title: Control\nlanguage: en\nlanguages: [en, ar]\nsections:\n  - id: s\n    title: Section\n');
  mkdirSync(path.join(folder, 's'));
  writeFileSync(path.join(folder, 's', 'a.md'), '---\ntitle: First\nstatus: adopted\norder: 1\n---\n\nStates should act.\n\nSee [](#b).[^1]\n\n[^1]: A note.\n');
  writeFileSync(path.join(folder, 's', 'a.ar.md'), '---\ntitle: الأولى\n---\n\nينبغي للدول أن تعمل.\n\nانظر [](#b).[^1]\n\n[^1]: ملاحظة.\n');
  writeFileSync(path.join(folder, 's', 'b.md'), '---\ntitle: Second\nstatus: adopted\norder: 2\n---\n\nStates should also act.\n');
  writeFileSync(path.join(folder, 's', 'b.ar.md'), '---\ntitle: الثانية\n---\n\nينبغي للدول أن تعمل أيضاً.\n');
  const model = await loadFramework(folder);
  return { folder, edition: buildEdition(model, 'ar', readMessages(model.folder, 'ar')) };
}

describe('the Arabic edition of practices/', () => {
  let edition: Edition;
  let folder: string;
  let html: HtmlElement;
  beforeAll(async () => {
    const model = await loadFramework(PRACTICES);
    edition = buildEdition(model, 'ar', readMessages(model.folder, 'ar'));
    folder = mkdtempSync(path.join(tmpdir(), 'gctf-rtl-numbers-'));
    const file = path.join(folder, 'ar.html');
    writeFileSync(file, await htmlEmitter.emit(edition, emitContext(readTemplates(model.folder, []), '0.0.0-test')));
    html = parseHtmlFiles([file])[0] as HtmlElement;
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is an edition that isolates numbers, as every right-to-left edition', () => {
    expect(edition.dir).toBe('rtl');
    expect(edition.isolateNumbers).toBe(true);
  });

  it('sets every label, reference and footnote mark of the HTML in a <bdi>', () => {
    const isolated = (element: HtmlElement) => element.children.length === 1 && typeof element.children[0] !== 'string' && element.children[0]?.tag === 'bdi';
    const marks = byClass(html, 'footnote-ref');
    const references = byClass(html, 'xref');
    const labels = [...byClass(html, 'practice-label'), ...byClass(html, 'toc-label')];
    expect(marks.length).toBeGreaterThan(20);
    expect(references.length).toBeGreaterThan(40);
    expect(labels.length).toBe(2 * edition.practices.length);
    for (const element of [...marks, ...references]) expect(isolated(element), textContent(element)).toBe(true);
    for (const label of labels) expect(label.children[0] && typeof label.children[0] !== 'string' && label.children[0].tag, textContent(label)).toBe('bdi');
  });

  it('shows no two numbers run together in the HTML, <bdi> kept apart from what surrounds it', () => {
    const main = byTag(html, 'main')[0] as HtmlElement;
    const numbers = numbersOf(edition, 0);
    expect(runTogether(grouped(main), numbers)).toEqual([]);
  });

  it('would run a reference, a full stop and a footnote mark together without the isolates', async () => {
    // A draft that writes "see Good Practice 2." with a note: the bidirectional algorithm joins
    // the 2, the stop and the note's 1 into one number unless the <bdi> keeps them apart.
    const { folder: fixture, edition: control } = await controlEdition();
    try {
      const file = path.join(fixture, 'ar.html');
      writeFileSync(file, await htmlEmitter.emit(control, emitContext(readTemplates(fixture, []), '0.0.0-test')));
      const main = byTag(parseHtmlFiles([file])[0] as HtmlElement, 'main')[0] as HtmlElement;
      const numbers = numbersOf(control, 0);
      expect(runTogether(grouped(main), numbers)).toEqual([]);
      expect(runTogether(textContent(main), numbers)).toEqual(['2.1']);
    } finally {
      rmSync(fixture, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasPoppler)('shows no two numbers run together in the PDF, as pdftotext reads it', async () => {
    const model = await loadFramework(PRACTICES);
    const bytes = await pdf.emit(edition, emitContext(readTemplates(model.folder, []), '0.0.0-test'));
    if (!(bytes instanceof Uint8Array)) throw new Error('the pdf emitter returned text');
    const file = path.join(folder, 'ar.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    const pages = text.split('\f').length;
    // Every footnote mark and every reference's number is in the text, each by itself.
    const numbers = numbersOf(edition, pages);
    expect(runTogether(text, numbers)).toEqual([]);
  }, 120_000);

  it('sets every reference and footnote mark of the Word file between two marks of its paragraph\'s direction, never between isolates', async () => {
    const parts = await readDocx(await wordFile(edition));
    for (const name of ['word/document.xml', 'word/footnotes.xml']) expect(parts.xml[name], name).not.toMatch(/[\u2066-\u2069]/);
    const { calls, references, marked } = markedItems(parts.xml['word/document.xml'] ?? '');
    expect(calls).toBeGreaterThan(20);
    expect(references).toBeGreaterThan(40);
    // Each call and each reference, in a right-to-left paragraph, between two right-to-left marks.
    expect(marked).toEqual({ rtl: calls + references, ltr: 0, none: 0 });
  });

  it('shows no two numbers run together in the text of the Word file, which would without the marks', async () => {
    const parts = await readDocx(await wordFile(edition));
    expect(contentsPages(parts)).toBeGreaterThan(20);
    expect(runTogether(wordText(parts), numbersOf(edition, contentsPages(parts)))).toEqual([]);
    // A draft that writes "see Good Practice 2." with a note: 2.1 without the marks.
    const control = await controlEdition();
    try {
      const marked = await readDocx(await wordFile(control.edition));
      const unmarked = await readDocx(await wordFile({ ...control.edition, isolateNumbers: false }));
      expect(runTogether(wordText(marked), numbersOf(control.edition, contentsPages(marked)))).toEqual([]);
      expect(runTogether(wordText(unmarked), numbersOf(control.edition, contentsPages(unmarked)))).toEqual(['2.1']);
    } finally {
      rmSync(control.folder, { recursive: true, force: true });
    }
  });

  it('sets every reference and footnote call of the Markdown between U+2068 and U+2069', async () => {
    const model = await loadFramework(PRACTICES);
    const markdown = String(await markdownEmitter.emit(edition, emitContext(readTemplates(model.folder, []), '0.0.0-test')));
    const calls = [...markdown.matchAll(/(.)\[\^\d+\](.)/g)];
    expect(calls.length).toBeGreaterThan(20);
    for (const call of calls) expect([call[1], call[2]], call[0]).toEqual(['\u2068', '\u2069']);
    const references = [...markdown.matchAll(/(.)\[[^\]]*\d\]\(#[^)]*\)(.)/g)];
    expect(references.length).toBeGreaterThan(40);
    for (const reference of references) expect([reference[1], reference[2]], reference[0]).toEqual(['\u2068', '\u2069']);
  });
});

const SCRIPT = path.join(import.meta.dirname, '..', 'scripts', 'check-docx-libreoffice.sh');
const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' }).status === 0;

/** The words of a PDF as pdftotext places them, page by page, with their boxes. */
function pdfWords(file: string): { page: number; x0: number; y0: number; x1: number; y1: number; text: string }[] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return xml.split('<page ').slice(1).flatMap((page, i) =>
    [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      page: i + 1,
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      text: m[5] ?? '',
    })),
  );
}

/** A Word file converted to PDF by LibreOffice, in `folder`: the PDF's path. */
function libreOfficePdf(bytes: Uint8Array, folder: string, name: string): string {
  const input = path.join(folder, `${name}.docx`);
  writeFileSync(input, bytes);
  return execFileSync('sh', [SCRIPT, input, path.join(folder, name)], { encoding: 'utf8', timeout: 200_000 }).trim();
}

// The reason is in the suite's name, so a skipped run says why in every reporter.
describe(hasSoffice && hasPoppler ? 'the Arabic Word edition as LibreOffice lays it out' : 'the Arabic Word edition as LibreOffice lays it out (skipped: soffice or poppler is not installed)', () => {
  let folder: string;
  let arabic: Edition;
  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'gctf-rtl-lo-'));
    const model = await loadFramework(PRACTICES);
    arabic = buildEdition(model, 'ar', readMessages(model.folder, 'ar'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.skipIf(!hasSoffice || !hasPoppler)('sets "Good Practice 2", its full stop and note 1 right to left, each by itself', { timeout: 240_000 }, async () => {
    const control = await controlEdition();
    try {
      const words = pdfWords(libreOfficePdf(await wordFile(control.edition), folder, 'control'));
      // The line of "انظر الممارسة الجيدة 2." with its note: from the left, the note's 1 (raised and
      // smaller), the stop, then the label's 2.
      const stop = words.find((w) => w.text === '.' && words.some((o) => o.page === w.page && o.text === '2' && Math.abs(o.y0 - w.y0) < 2))!;
      expect(stop).toBeDefined();
      const line = words.filter((w) => w.page === stop.page && Math.abs((w.y0 + w.y1) / 2 - (stop.y0 + stop.y1) / 2) < 8 && /^[0-9.]+$/.test(w.text)).sort((a, b) => a.x0 - b.x0);
      expect(line.map((w) => w.text)).toEqual(['1', '.', '2']);
      const [note, , label] = line as [(typeof line)[number], unknown, (typeof line)[number]];
      expect(note.y1 - note.y0).toBeLessThan(label.y1 - label.y0);
    } finally {
      rmSync(control.folder, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasSoffice || !hasPoppler)('lays the bundled framework out with the marks exactly as without them, where isolates broke, lost and added text', { timeout: 240_000 }, async () => {
    const marked = await wordFile(arabic);
    const layout = (bytes: Uint8Array, name: string) => pdfWords(libreOfficePdf(bytes, folder, name));
    const withMarks = layout(marked, 'marks');
    expect(withMarks.length).toBeGreaterThan(5_000);
    // The same words at the same places, on the same pages: the marks add, lose and move nothing.
    expect(withMarks).toEqual(layout(await wordFile({ ...arabic, isolateNumbers: false }), 'unmarked'));
    // The isolates the other formats use, in the marks' places, are not so: LibreOffice breaks
    // lines inside the words beside them, and loses or adds stops and spaces there.
    const zip = await JSZip.loadAsync(marked);
    for (const name of ['word/document.xml', 'word/footnotes.xml']) {
      let n = 0;
      const xml = (await zip.file(name)!.async('string')).replace(/<w:r>(?:<w:rPr><w:rtl\/><\/w:rPr>)?<w:t xml:space="preserve">[\u200E\u200F]<\/w:t><\/w:r>/g, () => `<w:r><w:t xml:space="preserve">${n++ % 2 === 0 ? '\u2068' : '\u2069'}</w:t></w:r>`);
      zip.file(name, xml);
    }
    expect(layout(await zip.generateAsync({ type: 'uint8array' }), 'isolates')).not.toEqual(withMarks);
  });
});
