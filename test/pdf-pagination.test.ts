import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toString } from 'mdast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../src/emit/pdf/pdf-emitter.js';
import { emitContext } from '../src/emit/emit-thread.js';
import { loadFramework } from '../src/index.js';
import { buildEdition, type Edition } from '../src/model/edition.js';
import { readMessages } from '../src/model/messages.js';
import { readTemplates } from '../src/read/read-templates.js';
import { hasPoppler, pdfBookmarks, pdfText, squash } from './helpers/pdf-tools.js';

/**
 * How the PDF of the bundled framework falls into pages, read back with poppler as an editor
 * turns them: no page carries a stray line or two (but a section's last page, which ends where its
 * text ends), no statement is split between two pages, and the "Related practices" line stays with
 * its practice.
 */

const PRACTICES = path.join(import.meta.dirname, '..', 'practices');
/** The text area of an A4 page, in points from the top: below the running header, above the page number. */
const BODY_TOP = 70;
const BODY_BOTTOM = 842 - 60;

/** The running header's band, in points from the top of the page. */
const HEADER_TOP = 30;

/** One run of text `pdftohtml -xml` found, in points. */
interface Fragment {
  readonly top: number;
  readonly size: number;
  readonly family: string;
  readonly color: string;
  readonly text: string;
}

/** Every page's text runs in the text area, from `pdftohtml -xml` (positions in points). */
function pageFragments(bytes: Uint8Array, from = BODY_TOP, to = BODY_BOTTOM): Fragment[][] {
  const folder = mkdtempSync(path.join(tmpdir(), 'gctf-pagination-'));
  try {
    const file = path.join(folder, 'out.pdf');
    writeFileSync(file, bytes);
    const xml = execFileSync('pdftohtml', ['-xml', '-i', '-q', '-zoom', '1', '-stdout', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const fonts = new Map<string, { size: number; family: string; color: string }>();
    for (const m of xml.matchAll(/<fontspec id="(\d+)" size="([\d.-]+)" family="([^"]*)" color="([^"]*)"\/>/g)) {
      fonts.set(m[1] as string, { size: Number(m[2]), family: m[3] as string, color: m[4] as string });
    }
    return xml.split(/<page number="\d+"[^>]*>/).slice(1).map((page) =>
      [...page.matchAll(/<text top="([\d.-]+)" left="[\d.-]+" width="[\d.-]+" height="[\d.-]+" font="(\d+)">(.*?)<\/text>/g)]
        .map((m) => ({ top: Number(m[1]), text: decode((m[3] as string).replace(/<[^>]+>/g, '')), ...(fonts.get(m[2] as string) ?? { size: 0, family: '', color: '' }) }))
        .filter((f) => f.top >= from && f.top <= to && f.text.trim() !== ''),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (whole, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (/^#x/i.test(entity)) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return named[entity.toLowerCase()] ?? whole;
  });
}

/** The lines of text of a page: runs of text at least 8 pt high (not superscripts), grouped by height on the page. */
function lineCount(fragments: readonly Fragment[]): number {
  const tops = fragments.filter((f) => f.size >= 8).map((f) => f.top).sort((a, b) => a - b);
  let lines = 0;
  let last = -Infinity;
  for (const top of tops) {
    if (top > last + 4) lines++;
    last = top;
  }
  return lines;
}

/** The statement's type: semibold, in black (headings are semibold too, in the accent colour). */
const isStatementType = (f: Fragment) => /SemiBold/.test(f.family) && f.color === '#000000';

async function build(lang: string): Promise<{ edition: Edition; bytes: Uint8Array }> {
  const model = await loadFramework(PRACTICES);
  const edition = buildEdition(model, lang, readMessages(model.folder, lang));
  const bytes = await pdf.emit(edition, emitContext(readTemplates(model.folder, []), '0.0.0-test'));
  if (!(bytes instanceof Uint8Array)) throw new Error('the pdf emitter returned text');
  return { edition, bytes };
}

describe.skipIf(!hasPoppler).each(['en', 'fr', 'ar'])('the %s PDF of practices/, page by page', (lang) => {
  let edition: Edition;
  let pages: Fragment[][];
  let bookmarks: ReturnType<typeof pdfBookmarks>;
  let text: string[];
  beforeAll(async () => {
    const built = await build(lang);
    text = pdfText(built.bytes).split('\f');
    edition = built.edition;
    pages = pageFragments(built.bytes);
    bookmarks = pdfBookmarks(built.bytes);
  }, 120_000);

  it('has no page with fewer than four lines of text but a section’s last page', () => {
    // Level-1 headings (front parts, sections, back parts) start a page: the page before each is a
    // section's last, as are the cover, the contents' last page and the document's last.
    const starts = [2, ...bookmarks.filter((b) => b.level === 1).map((b) => b.page)];
    const lastPages = new Set([1, pages.length, ...starts.map((page) => page - 1)]);
    const short = pages.flatMap((fragments, i) => (!lastPages.has(i + 1) && lineCount(fragments) < 4 ? [`page ${i + 1}: ${lineCount(fragments)} lines`] : []));
    expect(short).toEqual([]);
  });

  it('ends no section on a page of a stray line or two', () => {
    const stray = pages.flatMap((fragments, i) => (i > 0 && lineCount(fragments) < 3 ? [`page ${i + 1}: ${lineCount(fragments)} lines`] : []));
    expect(stray).toEqual([]);
  });

  it('sets every statement on one page, the page of its practice’s heading', () => {
    const practicePages = bookmarks.filter((b) => b.level === 2).map((b) => b.page);
    expect(practicePages.length).toBe(edition.practices.length);
    for (const [i, practice] of edition.practices.entries()) {
      const page = practicePages[i] as number;
      // The page after the heading's does not open with the statement's type: nothing of the statement ran over.
      const next = [...(pages[page] ?? [])].sort((a, b) => a.top - b.top);
      const opening = next.filter((f) => f.top <= (next[0]?.top ?? 0) + 4);
      // A table's header row, at the top of a page, is set in the same type: it is told apart by
      // not being words of the statement, or (in Arabic, whose extracted words are not whole) by
      // being on the page before too, as a header row repeated on the page its table runs on to.
      const statement = squash(practice.statement ? toString(practice.statement) : '');
      const before = new Set((pages[page - 1] ?? []).map((f) => f.text));
      const ofStatement = (f: Fragment) => (edition.dir === 'ltr' ? squash(f.text) !== '' && statement.includes(squash(f.text)) : !before.has(f.text));
      const ranOver = opening.filter((f) => isStatementType(f) && ofStatement(f));
      expect(ranOver.map((f) => f.text), `${practice.label}: page ${page + 1} opens with statement text`).toEqual([]);
      // Where text extraction keeps the words whole (not Arabic), the whole statement is on that page.
      if (edition.dir === 'ltr' && practice.statement) {
        const text = squash(pages[page - 1]?.map((f) => f.text).join('') ?? '');
        expect(text, practice.label).toContain(squash(toString(practice.statement)).slice(0, 400));
      }
    }
  });

  it.skipIf(lang === 'ar')('sets every footnote at the foot of the page that calls it', () => {
    // A note is found by its own words; a call is its number right after a word or a stop.
    const definitions = [...edition.front, ...edition.sections.flatMap((s) => (s.intro ? [s.intro] : [])), ...edition.practices, ...edition.back].flatMap((p) => p.footnotes);
    expect(definitions.length).toBeGreaterThan(20);
    // The body only: the cover and the contents, whose page numbers follow word joiners, call nothing.
    const firstBodyPage = Math.min(...bookmarks.map((b) => b.page)) - 1;
    const squashed = text.map((page) => squash(page));
    const misplaced: string[] = [];
    for (const definition of definitions) {
      const n = definition.identifier;
      // The note's opening words, with its number before them (notes may share their words).
      const words = squash(`${n}${toString(definition)}`).slice(0, 60);
      const call = text.findIndex((page, i) => i >= firstBodyPage && new RegExp(`[^\\d\\s(\u2060\u2013/]${n}(?!\\d)`).test(page));
      if (call === -1 || !squashed[call]?.includes(words)) {
        const entry = squashed.findIndex((page) => page.includes(words));
        misplaced.push(`note ${n}: called on page ${call + 1}, set on page ${entry + 1}`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('keeps the “Related practices” line on a page with two lines or more of its practice’s text', () => {
    const related = edition.messages.relatedPractices.slice(0, 6);
    const alone: string[] = [];
    for (const [i, fragments] of pages.entries()) {
      const line = fragments.find((f) => f.size >= 8 && f.text.includes(related));
      if (!line) continue;
      const above = lineCount(fragments.filter((f) => f.top < line.top - 4));
      if (above < 2) alone.push(`page ${i + 1}: ${above} line(s) above it`);
    }
    expect(alone).toEqual([]);
  });
});

describe.skipIf(!hasPoppler)('the running header of the PDF', () => {
  it('is one line on every page, the short title and the chapter, in every language', async () => {
    for (const lang of ['en', 'fr', 'ar']) {
      const { edition, bytes } = await build(lang);
      const headers = pageFragments(bytes, HEADER_TOP, BODY_TOP - 1).slice(1);
      expect(headers.length).toBeGreaterThan(10);
      for (const [i, header] of headers.entries()) expect(lineCount(header), `${lang} page ${i + 2}`).toBe(1);
      if (edition.dir === 'ltr') expect(squash(headers[1]?.map((f) => f.text).join('') ?? '')).toContain(squash(edition.metadata.shortTitle));
    }
  }, 120_000);

  it('cuts a title too long for its line, with an ellipsis, rather than wrap it', async () => {
    const model = await loadFramework(PRACTICES);
    const edition = buildEdition(model, 'fr', readMessages(model.folder, 'fr'));
    const long = { ...edition, metadata: { ...edition.metadata, shortTitle: `${edition.metadata.title} ${edition.metadata.title}` } };
    const bytes = await pdf.emit(long, emitContext(readTemplates(model.folder, []), '0.0.0-test'));
    if (!(bytes instanceof Uint8Array)) throw new Error('the pdf emitter returned text');
    const headers = pageFragments(bytes, HEADER_TOP, BODY_TOP - 1).slice(1);
    for (const [i, header] of headers.entries()) expect(lineCount(header), `page ${i + 2}`).toBe(1);
    expect(headers[1]?.map((f) => f.text).join('')).toContain('…');
  }, 120_000);
});
