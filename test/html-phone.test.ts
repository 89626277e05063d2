import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PRACTICES, buildFramework, editionOf, languagesOf, type BuiltFramework } from './helpers/build-framework.js';
import { columnDarkness, launchChromium, NO_CHROMIUM, type Browser, type Page } from './helpers/chromium.js';

// Every HTML edition read on a phone: at 390 px wide, nothing makes the page scroll sideways.
// Tables fit when their words do, else scroll inside their own box and show it; long words and
// URLs wrap; a reference to a practice is never split between two lines.

const WIDTH = 390;
if (NO_CHROMIUM) console.warn(`html-phone.test.ts skipped: ${NO_CHROMIUM}`);

/** What a page measures at the phone's width: its scroll width, and the elements that stick out. */
interface Measure {
  scrollWidth: number;
  wide: string[];
  tables: { width: number; boxWidth: number; scrolls: boolean; wordsWidth: number }[];
}

function measure(): Measure {
  const width = document.documentElement.clientWidth;
  const wide: string[] = [];
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    if (getComputedStyle(element).position === 'fixed') continue;
    // Inside a box that scrolls (a table's), sticking out of the screen is the box's to handle.
    let clipped = false;
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) if (getComputedStyle(up).overflowX !== 'visible') clipped = true;
    if (clipped) continue;
    if (box.right > width + 0.5 || box.left < -0.5) wide.push(`${element.tagName.toLowerCase()}.${element.className}: ${Math.round(box.left)}–${Math.round(box.right)}`);
  }
  // How narrow a table's content lets it be: in each column, its widest word (the text between two
  // places a line may break: spaces and hyphens) with the cell's padding and border.
  const probe = document.createElement('span');
  probe.style.whiteSpace = 'nowrap';
  const wordsWidth = (table: HTMLTableElement) => {
    const columns: number[] = [];
    for (const row of table.rows) {
      [...row.cells].forEach((cell, i) => {
        const style = getComputedStyle(cell);
        const frame = parseFloat(style.paddingInlineStart) + parseFloat(style.paddingInlineEnd) + parseFloat(style.borderInlineStartWidth);
        const words = (cell.textContent ?? '').split(/\s+|(?<=-)/);
        cell.append(probe);
        for (const word of words) {
          probe.textContent = word;
          columns[i] = Math.max(columns[i] ?? 0, probe.getBoundingClientRect().width + frame);
        }
        probe.remove();
      });
    }
    return columns.reduce((sum, column) => sum + column, 0);
  };
  const tables = [...document.querySelectorAll('table')].map((table) => {
    const box = table.parentElement!;
    return {
      width: table.getBoundingClientRect().width,
      boxWidth: box.getBoundingClientRect().width,
      scrolls: getComputedStyle(box).overflowX === 'auto',
      wordsWidth: wordsWidth(table),
    };
  });
  return { scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10), tables };
}

describe.skipIf(NO_CHROMIUM !== undefined)(`the HTML editions on a ${WIDTH} px phone${NO_CHROMIUM ? ` (skipped: ${NO_CHROMIUM})` : ''}`, async () => {
  const langs = await languagesOf(BUNDLED_PRACTICES);
  let build: BuiltFramework;
  let wide: BuiltFramework;
  let root: string;
  let browser: Browser;
  beforeAll(async () => {
    build = await buildFramework(BUNDLED_PRACTICES, { formats: ['html'] });
    // The bundled framework, with a table wider than any phone and a URL longer than its line,
    // in a left-to-right and a right-to-left edition.
    root = mkdtempSync(path.join(tmpdir(), 'gctf-phone-'));
    const folder = path.join(root, 'practices');
    cpSync(BUNDLED_PRACTICES, folder, { recursive: true });
    const cells = Array.from({ length: 7 }, (_, i) => `Column heading number ${i + 1}`);
    for (const draft of ['community-trust.md', 'community-trust.ar.md']) {
      appendFileSync(
        path.join(folder, 'prevention', draft),
        `\n| ${cells.join(' | ')} |\n|${cells.map(() => ' --- |').join('')}\n| ${cells.map((_, i) => `Interdepartmental-coordination-${i}`).join(' | ')} |\n\n` +
          'See <https://example.org/a/very/long/path/that/never/breaks/by/itself/because/it/has/no/spaces/at/all/index.html> and Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt.\n',
      );
    }
    wide = await buildFramework(folder, { formats: ['html'], langs: ['en', 'ar'] });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    build?.remove();
    wide?.remove();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const open = async (file: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 900 } });
    await page.goto(`file://${file}`);
    return page;
  };

  it.each(langs)('the %s edition does not scroll sideways', async (lang) => {
    const page = await open(build.path(lang, 'html'));
    const measured = await page.evaluate(measure);
    await page.close();
    expect(measured.wide).toEqual([]);
    expect(measured.scrollWidth).toBeLessThanOrEqual(WIDTH);
  });

  it.each(langs)('in the %s edition, a table fits the screen whenever its words do, and scrolls only when they do not', async (lang) => {
    const page = await open(build.path(lang, 'html'));
    const { tables } = await page.evaluate(measure);
    await page.close();
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      expect(table.boxWidth).toBeLessThanOrEqual(WIDTH);
      if (table.wordsWidth <= table.boxWidth) expect(table.width, 'a table whose words fit').toBeLessThanOrEqual(table.boxWidth + 0.5);
      else expect(table.scrolls).toBe(true);
    }
  });

  it('a table wider than the phone scrolls inside its own box, and long URLs and words wrap', async () => {
    for (const lang of ['en', 'ar']) {
      const page = await open(wide.path(lang, 'html'));
      const measured = await page.evaluate(measure);
      await page.close();
      expect(measured.scrollWidth, lang).toBeLessThanOrEqual(WIDTH);
      expect(measured.wide, lang).toEqual([]);
      const table = measured.tables.find((t) => t.width > t.boxWidth);
      expect(table, `the wide table (${lang})`).toBeDefined();
      expect(table!.scrolls).toBe(true);
      expect(table!.boxWidth).toBeLessThanOrEqual(WIDTH);
    }
  });

  /**
   * How dark the inline-start and inline-end edges of a table's box are, with the table itself
   * hidden (its box and backgrounds stay, laid out as before): what is left is the scroll shadow.
   */
  const edges = async (page: Page, index: number, scroll: 'start' | 'end'): Promise<{ start: number; end: number }> => {
    const clip = await page.evaluate(
      ([index, scroll]) => {
        const box = document.querySelectorAll<HTMLElement>('.table-scroll')[index]!;
        box.querySelector('table')!.style.visibility = 'hidden';
        const rtl = getComputedStyle(box).direction === 'rtl';
        // Right to left, scrollLeft runs from 0 at the start to minus the overflow at the end.
        box.scrollLeft = scroll === 'start' ? 0 : (rtl ? -1 : 1) * (box.scrollWidth - box.clientWidth);
        box.scrollIntoView({ block: 'start', behavior: 'instant' });
        const rect = box.getBoundingClientRect();
        return { x: rect.left, y: rect.top, width: rect.width, height: Math.min(rect.height, innerHeight - rect.top), rtl };
      },
      [index, scroll] as const,
    );
    const columns = await columnDarkness(browser, await page.screenshot({ clip: { x: clip.x, y: clip.y, width: clip.width, height: clip.height } }));
    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    const left = mean(columns.slice(1, 7));
    const right = mean(columns.slice(-7, -1));
    return clip.rtl ? { start: right, end: left } : { start: left, end: right };
  };

  it('a box that scrolls shows a shadow on the edge where more of the table lies, and a table that fits shows none', async () => {
    for (const lang of ['en', 'ar']) {
      const page = await open(wide.path(lang, 'html'));
      const boxes = await page.evaluate(() => [...document.querySelectorAll('.table-scroll')].map((box) => box.scrollWidth > box.clientWidth + 1));
      const scrolling = boxes.indexOf(true);
      const fitting = boxes.indexOf(false);
      expect(scrolling, `a box that scrolls (${lang})`).toBeGreaterThanOrEqual(0);
      const atStart = await edges(page, scrolling, 'start');
      expect(atStart.end, `${lang}: shadow at the end, scrolled to the start`).toBeGreaterThan(8);
      expect(atStart.start, `${lang}: no shadow at the start, scrolled to the start`).toBeLessThan(2);
      const atEnd = await edges(page, scrolling, 'end');
      expect(atEnd.start, `${lang}: shadow at the start, scrolled to the end`).toBeGreaterThan(8);
      expect(atEnd.end, `${lang}: no shadow at the end, scrolled to the end`).toBeLessThan(2);
      if (fitting >= 0) {
        const still = await edges(page, fitting, 'start');
        expect(Math.max(still.start, still.end), `${lang}: no shadow on a table that fits`).toBeLessThan(2);
      }
      await page.close();
    }
  });

  it.each(langs)('in the %s edition, a reference that reads as a label is on one line', async (lang) => {
    const edition = await editionOf(BUNDLED_PRACTICES, lang);
    const labels = [...edition.practices.map((p) => p.label), ...edition.sections.map((s) => s.label)].map((label) => label.replace(/\s+/g, ' '));
    const page = await open(build.path(lang, 'html'));
    const found = await page.evaluate((labels: string[]) => {
      const wanted = new Set(labels);
      const split: string[] = [];
      let references = 0;
      for (const link of document.querySelectorAll('a.xref')) {
        if (!wanted.has((link.textContent ?? '').replace(/\s+/g, ' ').trim())) continue;
        references++;
        const lines = new Set([...link.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.bottom)));
        if (lines.size > 1) split.push(link.textContent!);
      }
      return { references, split };
    }, labels);
    await page.close();
    expect(found.references).toBeGreaterThan(edition.practices.length);
    expect(found.split).toEqual([]);
  });
});
