import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import { readDocx } from './helpers/docx-read.js';
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

/** Number runs that are no number of the document: two numbers, or a number and a stop and a number, run together. */
function runTogether(text: string, numbers: ReadonlySet<string>): string[] {
  return (text.match(NUMBER_RUN) ?? []).filter((run) => !numbers.has(run));
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
    // The text as the bidirectional algorithm groups it: a <bdi> is a unit of its own.
    const grouped = (node: HtmlNode): string => (typeof node === 'string' ? node : node.tag === 'bdi' ? `\u2068${node.children.map(grouped).join('')}\u2069` : node.children.map(grouped).join(''));
    const main = byTag(html, 'main')[0] as HtmlElement;
    const numbers = numbersOf(edition, 0);
    expect(runTogether(grouped(main), numbers)).toEqual([]);
  });

  it('would run a reference, a full stop and a footnote mark together without the isolates', async () => {
    // A draft that writes "see Good Practice 2." with a note: the bidirectional algorithm joins
    // the 2, the stop and the note's 1 into one number unless the <bdi> keeps them apart.
    const fixture = mkdtempSync(path.join(tmpdir(), 'gctf-rtl-control-'));
    try {
      writeFileSync(path.join(fixture, 'framework.yaml'), 'title: Control\nlanguage: en\nlanguages: [en, ar]\nsections:\n  - id: s\n    title: Section\n');
      mkdirSync(path.join(fixture, 's'));
      writeFileSync(path.join(fixture, 's', 'a.md'), '---\ntitle: First\nstatus: adopted\norder: 1\n---\n\nStates should act.\n\nSee [](#b).[^1]\n\n[^1]: A note.\n');
      writeFileSync(path.join(fixture, 's', 'a.ar.md'), '---\ntitle: الأولى\n---\n\nينبغي للدول أن تعمل.\n\nانظر [](#b).[^1]\n\n[^1]: ملاحظة.\n');
      writeFileSync(path.join(fixture, 's', 'b.md'), '---\ntitle: Second\nstatus: adopted\norder: 2\n---\n\nStates should also act.\n');
      writeFileSync(path.join(fixture, 's', 'b.ar.md'), '---\ntitle: الثانية\n---\n\nينبغي للدول أن تعمل أيضاً.\n');
      const model = await loadFramework(fixture);
      const control = buildEdition(model, 'ar', readMessages(model.folder, 'ar'));
      const file = path.join(fixture, 'ar.html');
      writeFileSync(file, await htmlEmitter.emit(control, emitContext(readTemplates(model.folder, []), '0.0.0-test')));
      const main = byTag(parseHtmlFiles([file])[0] as HtmlElement, 'main')[0] as HtmlElement;
      const grouped = (node: HtmlNode): string => (typeof node === 'string' ? node : node.tag === 'bdi' ? `\u2068${node.children.map(grouped).join('')}\u2069` : node.children.map(grouped).join(''));
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

  it('sets every reference and footnote mark of the Word file between U+2068 and U+2069', async () => {
    const model = await loadFramework(PRACTICES);
    const bytes = await docx.emit(edition, emitContext(readTemplates(model.folder, []), '0.0.0-test'));
    if (!(bytes instanceof Uint8Array)) throw new Error('the docx emitter returned text');
    const xml = (await readDocx(bytes)).xml['word/document.xml'] ?? '';
    const open = '<w:r><w:t xml:space="preserve">\u2068</w:t></w:r>';
    const close = '<w:r><w:t xml:space="preserve">\u2069</w:t></w:r>';
    const calls = xml.match(/<w:footnoteReference [^>]*\/>/g) ?? [];
    expect(calls.length).toBeGreaterThan(20);
    // Each call, and each reference's hyperlink, sits between an opening and a closing isolate.
    for (const piece of xml.split(open).slice(1)) expect(piece.indexOf(close)).toBeGreaterThan(0);
    expect(xml.split(open).length - 1).toBeGreaterThanOrEqual(calls.length + 40);
    for (const call of calls) {
      const at = xml.indexOf(call);
      expect(xml.lastIndexOf(open, at), call).toBeGreaterThan(xml.lastIndexOf(close, at));
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
