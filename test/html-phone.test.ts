import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PRACTICES, buildFramework, languagesOf, type BuiltFramework } from './helpers/build-framework.js';

// Every HTML edition read on a phone: at 390 px wide, nothing makes the page scroll sideways.
// Tables fit or scroll inside their own box, long words and URLs wrap.

// The few parts of playwright-core this test uses.
interface Page {
  goto(url: string): Promise<unknown>;
  evaluate<T>(fn: () => T): Promise<T>;
}
interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: { executablePath: string; args: string[] }): Promise<Browser> };
}

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const WIDTH = 390;
let playwright: Playwright | undefined;
let skipReason: string | undefined;
try {
  playwright = (await import(/* @vite-ignore */ 'playwright-core' as string)) as Playwright;
} catch {
  skipReason = 'playwright-core is not installed (npm install --save-dev playwright-core)';
}
if (!skipReason && !existsSync(CHROMIUM)) skipReason = `no browser at ${CHROMIUM} (apt-get install chromium)`;
if (skipReason) console.warn(`html-phone.test.ts skipped: ${skipReason}`);

/** What a page measures at the phone's width: its scroll width, and the elements that stick out. */
interface Measure {
  scrollWidth: number;
  wide: string[];
  tables: { width: number; boxWidth: number; scrolls: boolean }[];
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
  const tables = [...document.querySelectorAll('table')].map((table) => {
    const box = table.parentElement!;
    return { width: table.getBoundingClientRect().width, boxWidth: box.getBoundingClientRect().width, scrolls: getComputedStyle(box).overflowX === 'auto' };
  });
  return { scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10), tables };
}

describe.skipIf(skipReason !== undefined)(`the HTML editions on a ${WIDTH} px phone${skipReason ? ` (skipped: ${skipReason})` : ''}`, async () => {
  const langs = await languagesOf(BUNDLED_PRACTICES);
  let build: BuiltFramework;
  let wide: BuiltFramework;
  let root: string;
  let browser: Browser;
  beforeAll(async () => {
    build = await buildFramework(BUNDLED_PRACTICES, { formats: ['html'] });
    // The bundled framework, with a table wider than any phone and a URL longer than its line.
    root = mkdtempSync(path.join(tmpdir(), 'gctf-phone-'));
    const folder = path.join(root, 'practices');
    cpSync(BUNDLED_PRACTICES, folder, { recursive: true });
    const cells = Array.from({ length: 7 }, (_, i) => `Column heading number ${i + 1}`);
    appendFileSync(
      path.join(folder, 'prevention', 'community-trust.md'),
      `\n| ${cells.join(' | ')} |\n|${cells.map(() => ' --- |').join('')}\n| ${cells.map((_, i) => `Interdepartmental-coordination-${i}`).join(' | ')} |\n\n` +
        'See <https://example.org/a/very/long/path/that/never/breaks/by/itself/because/it/has/no/spaces/at/all/index.html> and Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt.\n',
    );
    wide = await buildFramework(folder, { formats: ['html'], langs: ['en'] });
    browser = await playwright!.chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    build?.remove();
    wide?.remove();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const open = async (file: string): Promise<Measure> => {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 900 } });
    await page.goto(`file://${file}`);
    return page.evaluate(measure);
  };

  it.each(langs)('the %s edition does not scroll sideways', async (lang) => {
    const measured = await open(build.path(lang, 'html'));
    expect(measured.wide).toEqual([]);
    expect(measured.scrollWidth).toBeLessThanOrEqual(WIDTH);
  });

  it('a table wider than the phone scrolls inside its own box, and long URLs and words wrap', async () => {
    const measured = await open(wide.path('en', 'html'));
    expect(measured.scrollWidth).toBeLessThanOrEqual(WIDTH);
    expect(measured.wide).toEqual([]);
    const table = measured.tables.find((t) => t.width > t.boxWidth);
    expect(table, 'the wide table').toBeDefined();
    expect(table!.scrolls).toBe(true);
    expect(table!.boxWidth).toBeLessThanOrEqual(WIDTH);
  });
});
