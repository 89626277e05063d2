import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PRACTICES, buildFramework, languagesOf, type BuiltFramework } from './helpers/build-framework.js';
import { launchChromium, NO_CHROMIUM, type Browser, type Page } from './helpers/chromium.js';

// The HTML editions as a reader's browser sets them, on a desktop and printed on A4: the typefaces
// of the Word and PDF editions, section introductions in roman, Arabic set larger than Latin as
// in those editions, notes' marks that leave the line spacing alone, and pages that start neither
// with a practice's related practices nor with its notes.

if (NO_CHROMIUM) console.warn(`html-reading.test.ts skipped: ${NO_CHROMIUM}`);
/** pdftohtml (poppler) reads back where the printed pages start. */
const NO_POPPLER = spawnSync('pdftohtml', ['-v']).error === undefined ? undefined : 'pdftohtml is not installed (apt-get install poppler-utils)';
if (!NO_CHROMIUM && NO_POPPLER) console.warn(`html-reading.test.ts: the printed pages are not checked: ${NO_POPPLER}`);

/** The faces every text of the page is set in: Noto Serif, and Noto Naskh Arabic for Arabic. */
const FACES = ['"Noto Serif"', '"Noto Naskh Arabic"'];

/** Each element that sets text, whose font stack does not start with one of `FACES` or holds a sans-serif. */
function foreignFonts(faces: string[]): string[] {
  const found = new Set<string>();
  for (const element of document.querySelectorAll('body *')) {
    if (element.closest('code, pre, kbd, samp')) continue;
    const stack = getComputedStyle(element).fontFamily;
    const first = stack.split(',')[0]!.trim();
    if (!faces.includes(first) || /sans-serif|\bsans\b/i.test(stack)) found.add(`${element.tagName.toLowerCase()}.${element.className}: ${stack}`);
  }
  return [...found].slice(0, 10);
}

/** The font size (px) of the running text, and the style of every element of the section introductions. */
function runningText(): { size: number; introStyles: string[] } {
  const paragraph = document.querySelector('article.practice > p:not(.related):not(.untranslated-mark)')!;
  const introStyles = new Set<string>();
  for (const element of document.querySelectorAll('.section-intro, .section-intro *')) if (!element.closest('em, i')) introStyles.add(getComputedStyle(element).fontStyle);
  return { size: parseFloat(getComputedStyle(paragraph).fontSize), introStyles: [...introStyles] };
}

/**
 * Paragraphs and list items whose lines are not evenly spaced: the distance from one line's
 * baseline-ish bottom to the next, measured on the text outside the notes' marks, is more than
 * the line height wherever a mark sits.
 */
function unevenLines(): string[] {
  const uneven: string[] = [];
  for (const block of document.querySelectorAll('main p, main li')) {
    if (!block.querySelector('sup') || block.querySelector('p, li')) continue;
    const bottoms = new Set<number>();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement!.closest('sup')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width >= 1) bottoms.add(Math.round(rect.bottom));
    }
    const lines = [...bottoms].sort((a, b) => a - b).filter((bottom, i, all) => i === 0 || bottom - all[i - 1]! > 4);
    const height = parseFloat(getComputedStyle(block).lineHeight);
    const gaps = lines.slice(1).map((bottom, i) => bottom - lines[i]!);
    if (gaps.some((gap) => gap > height + 1.5)) uneven.push(`${(block.textContent ?? '').slice(0, 40)}… (line height ${height}, gaps ${gaps.join(' ')})`);
  }
  return uneven;
}

describe.skipIf(NO_CHROMIUM !== undefined)(`the HTML editions as read and printed${NO_CHROMIUM ? ` (skipped: ${NO_CHROMIUM})` : ''}`, async () => {
  const langs = await languagesOf(BUNDLED_PRACTICES);
  let build: BuiltFramework;
  let browser: Browser;
  let folder: string;
  beforeAll(async () => {
    build = await buildFramework(BUNDLED_PRACTICES, { formats: ['html'] });
    browser = await launchChromium();
    folder = mkdtempSync(path.join(tmpdir(), 'gctf-print-'));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    build?.remove();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const open = async (lang: string, width = 1280): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`file://${build.path(lang, 'html')}`);
    return page;
  };

  it.each(langs)('the %s edition is set in Noto Serif and Noto Naskh Arabic only: tables, labels and cover too', async (lang) => {
    const page = await open(lang);
    expect(await page.evaluate(foreignFonts, FACES)).toEqual([]);
    await page.close();
  });

  it.each(langs)('the %s edition sets its section introductions in roman', async (lang) => {
    const page = await open(lang);
    const { introStyles } = await page.evaluate(runningText);
    await page.close();
    expect(introStyles).toEqual(['normal']);
  });

  it('sets Arabic larger than Latin, as the Word and PDF editions do (12 pt against 10.5 pt), on screen and in print', async () => {
    for (const media of ['screen', 'print'] as const) {
      const sizes = new Map<string, number>();
      for (const lang of langs) {
        const page = await open(lang);
        await page.emulateMedia({ media });
        sizes.set(lang, (await page.evaluate(runningText)).size);
        await page.close();
      }
      expect(sizes.get('fr'), media).toBe(sizes.get('en'));
      expect(sizes.get('ar')! / sizes.get('en')!, media).toBeCloseTo(12 / 10.5, 2);
    }
    // Printed, the sizes are those of the PDF.
    const printed = await open('ar');
    await printed.emulateMedia({ media: 'print' });
    expect((await printed.evaluate(runningText)).size).toBeCloseTo((12 * 96) / 72, 1);
    await printed.close();
  });

  it.each(langs.flatMap((lang) => [1280, 390].map((width) => [lang, width] as const)))('in the %s edition at %i px, a line with a note’s mark is spaced like the others', async (lang, width) => {
    const page = await open(lang, width);
    expect(await page.evaluate(unevenLines)).toEqual([]);
    await page.close();
  });

  it.skipIf(NO_POPPLER !== undefined).each(langs)('printed on A4, no page of the %s edition starts with related practices or notes', async (lang) => {
    const page = await open(lang);
    // Colours set nothing apart in the layout: each kind of text to find is given one of its own,
    // which pdftohtml reports with every line of text.
    await page.addStyleTag({ content: '.footnotes, .footnotes * { color: rgb(0, 160, 0) !important } .related, .related * { color: rgb(160, 0, 160) !important }' });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    await page.close();
    const file = path.join(folder, `${lang}.pdf`);
    writeFileSync(file, pdf);
    const xml = execFileSync('pdftohtml', ['-xml', '-i', '-q', '-stdout', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const kinds = new Map<string, string>();
    for (const [, id, hex] of xml.matchAll(/<fontspec id="(\d+)"[^>]*color="#([0-9a-f]{6})"/g)) {
      const [r, g, b] = [0, 2, 4].map((at) => parseInt(hex!.slice(at, at + 2), 16)) as [number, number, number];
      // Colour management moves colours a little: the two are told apart by their dominant channel.
      if (g > 100 && r < 60 && b < 60) kinds.set(id!, 'notes');
      else if (r > 100 && b > 100 && g < 60) kinds.set(id!, 'related practices');
    }
    const pages = [...xml.matchAll(/<page number="(\d+)"[^>]*height="(\d+)"[^>]*>([\s\S]*?)<\/page>/g)];
    expect(pages.length).toBeGreaterThan(10);
    const stranded: string[] = [];
    for (const [, number, height, body] of pages) {
      // The page's first line of text, above the page number in the bottom margin.
      const lines = [...body!.matchAll(/<text top="(\d+)"[^>]*font="(\d+)"/g)].map(([, top, font]) => ({ top: Number(top), font: font! })).filter((line) => line.top < Number(height) * 0.9);
      const first = lines.sort((a, b) => a.top - b.top)[0];
      const kind = first && kinds.get(first.font);
      if (kind) stranded.push(`page ${number} starts with ${kind}`);
    }
    expect(stranded).toEqual([]);
  });
});
