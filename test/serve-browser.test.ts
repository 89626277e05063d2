import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve } from '../src/commands/serve.js';
import { captureIo } from './helpers/capture-io.js';
import { launchChromium, NO_CHROMIUM } from './helpers/chromium.js';

if (NO_CHROMIUM) console.warn(`serve-browser.test.ts skipped: ${NO_CHROMIUM}`);

describe('gctf serve in a browser', () => {
  it.skipIf(NO_CHROMIUM !== undefined)(`reloads the page after a change${NO_CHROMIUM ? ` (skipped: ${NO_CHROMIUM})` : ''}`, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gctf-browser-'));
    const folder = path.join(root, 'practices');
    cpSync(path.join(import.meta.dirname, '..', 'practices'), folder, { recursive: true });
    const io = captureIo(root);
    const controller = new AbortController();
    const stopped = serve({ port: 0, signal: controller.signal }, io);
    const browser = await launchChromium();
    try {
      const origin = (await io.waitForOutput(/at (http:\/\/127\.0\.0\.1:\d+)\//))[1] as string;
      await io.waitForOutput(/rebuilt in \d+ ms/, 30_000);
      const page = await browser.newPage();
      await page.goto(`${origin}/`);
      // A mark on this document: gone once the page has reloaded.
      await page.evaluate(() => ((window as unknown as { gctfMark: boolean }).gctfMark = true));

      const file = path.join(folder, 'prevention', 'community-trust.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace('Trust is the condition', 'Reloaded words. Trust is the condition'));
      await page.waitForFunction(
        () => !(window as unknown as { gctfMark?: boolean }).gctfMark && document.body.textContent!.includes('Reloaded words.'),
        undefined,
        { timeout: 5000 },
      );
      expect(await page.evaluate(() => document.querySelectorAll('#gctf-overlay').length)).toBe(0);
    } finally {
      await browser.close();
      controller.abort();
      await stopped;
      rmSync(root, { recursive: true, force: true });
    }
  });
});
