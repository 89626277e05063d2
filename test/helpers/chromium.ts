import { existsSync } from 'node:fs';

// Chromium driven through playwright-core (an optional dev dependency), for the tests that look
// at the HTML editions as a reader's browser lays them out: on a phone, on a desktop and printed.

// The few parts of playwright-core these tests use.
export interface Page {
  goto(url: string): Promise<unknown>;
  evaluate<T>(fn: () => T): Promise<T>;
  evaluate<T, A>(fn: (arg: A) => T, arg: A): Promise<T>;
  waitForFunction(fn: () => boolean, arg?: unknown, options?: { timeout: number }): Promise<unknown>;
  addStyleTag(options: { content: string }): Promise<unknown>;
  emulateMedia(options: { media: 'screen' | 'print' }): Promise<void>;
  screenshot(options: { clip: { x: number; y: number; width: number; height: number } }): Promise<Buffer>;
  pdf(options: { preferCSSPageSize: boolean }): Promise<Buffer>;
  close(): Promise<void>;
}
export interface Browser {
  newPage(options?: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: { executablePath: string; args: string[] }): Promise<Browser> };
}

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let playwright: Playwright | undefined;
let reason: string | undefined;
try {
  playwright = (await import(/* @vite-ignore */ 'playwright-core' as string)) as Playwright;
} catch {
  reason = 'playwright-core is not installed (npm install --save-dev playwright-core)';
}
if (!reason && !existsSync(CHROMIUM)) reason = `no browser at ${CHROMIUM} (apt-get install chromium)`;

/** Why the browser tests are skipped here, or undefined when Chromium can run. */
export const NO_CHROMIUM: string | undefined = reason;

/** Starts Chromium; call only when `NO_CHROMIUM` is undefined. */
export function launchChromium(): Promise<Browser> {
  if (!playwright) throw new Error(NO_CHROMIUM);
  return playwright.chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/**
 * The mean darkness (0 white, 255 black) of the columns of pixels of a PNG screenshot, decoded by
 * the browser itself (a page of its own, so the page under test is left as it was).
 */
export async function columnDarkness(browser: Browser, png: Buffer): Promise<number[]> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (base64: string) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      const columns: number[] = [];
      for (let x = 0; x < image.width; x++) {
        let sum = 0;
        for (let y = 0; y < image.height; y++) {
          const at = (y * image.width + x) * 4;
          sum += 255 - (data[at]! + data[at + 1]! + data[at + 2]!) / 3;
        }
        columns.push(sum / image.height);
      }
      return columns;
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}
