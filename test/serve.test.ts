import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serve } from '../src/commands/serve.js';
import { watch } from '../src/commands/watch.js';
import { outputFormats } from '../src/emit/registry.js';
import { loadFramework } from '../src/engine/pipeline.js';
import { EditionPages } from '../src/watch/incremental-html.js';
import { captureIo } from './helpers/capture-io.js';

const BUNDLED = path.join(import.meta.dirname, '..', 'practices');
const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function copyOfBundled(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gctf-serve-'));
  temporary.push(root);
  const folder = path.join(root, 'practices');
  cpSync(BUNDLED, folder, { recursive: true });
  return folder;
}

/** Polls `url` until its body passes `test`, for at most `timeout` ms. */
async function until(url: string, test: (body: string) => boolean, timeout = 2000): Promise<string> {
  const end = Date.now() + timeout;
  let body = '';
  while (Date.now() < end) {
    body = await (await fetch(url)).text();
    if (test(body)) return body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out after ${timeout} ms waiting for ${url}; last body began: ${body.slice(0, 300)}`);
}

describe('incremental HTML', () => {
  it('gives exactly the page a whole render gives, after edits that change text, footnotes and titles', async () => {
    const folder = copyOfBundled();
    const emitter = await outputFormats.find((f) => f.format === 'html')!.load();
    const pages = new EditionPages(emitter, 'test');
    for (const lang of ['en', 'fr', 'ar']) expect((await pages.render(await loadFramework(folder), lang)).mode).toBe('full');

    const file = path.join(folder, 'detection', 'information-sharing.md');
    const original = readFileSync(file, 'utf8');
    const edits = [
      original.replace(/\n\n/, '\n\nAn added sentence with a [link](https://example.org) and [](#community-trust).\n\n'),
      original.replace(/\n\n/, '\n\nA new note.[^added]\n\n[^added]: Added.\n\n'),
      original.replace(/^title: .*$/m, 'title: A new title'),
    ];
    for (const [i, text] of edits.entries()) {
      writeFileSync(file, text);
      const model = await loadFramework(folder);
      const fresh = new EditionPages(emitter, 'test');
      for (const lang of ['en', 'fr', 'ar']) {
        const incremental = await pages.render(model, lang);
        if (i === 0) expect(incremental.mode).toBe(1);
        expect(incremental.html, `edit ${i}, ${lang}`).toBe((await fresh.render(model, lang)).html);
      }
    }
  });
});

describe('gctf serve', () => {
  it('serves the editions, reloads on change, and shows errors over the last good page', async () => {
    const folder = copyOfBundled();
    const io = captureIo(path.dirname(folder), { GCTF_CACHE_DIR: path.join(path.dirname(folder), 'cache') });
    const controller = new AbortController();
    const stopped = serve({ port: 0, signal: controller.signal }, io);
    try {
      const origin = (await io.waitForOutput(/at (http:\/\/127\.0\.0\.1:\d+)\//))[1] as string;
      await io.waitForOutput(/rebuilt in \d+ ms/, 30_000);

      const page = await (await fetch(`${origin}/`)).text();
      expect(page).toContain('<html lang="en"');
      expect(page).toContain('/_gctf/events');
      expect((await (await fetch(`${origin}/fr/`)).text())).toContain('<html lang="fr"');
      const redirect = await fetch(`${origin}/ar`, { redirect: 'manual' });
      expect(redirect.status).toBe(301);
      expect(redirect.headers.get('location')).toBe('/ar/');
      expect((await fetch(`${origin}/de/`)).status).toBe(404);

      // The event stream announces the current build.
      const events = await fetch(`${origin}/_gctf/events`);
      const reader = events.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^retry: 500\ndata: 1\n\n/);

      const file = path.join(folder, 'prevention', 'community-trust.md');
      const original = readFileSync(file, 'utf8');
      const started = Date.now();
      writeFileSync(file, original.replace('Trust is the condition', 'Fresh words appear here. Trust is the condition'));
      await until(`${origin}/`, (body) => body.includes('Fresh words appear here.'));
      expect(Date.now() - started).toBeLessThan(2000);
      expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^data: 2\n\n/);
      await reader.cancel();

      writeFileSync(file, original.replace('Trust is the condition', 'Broken [](#no-such-practice). Trust is the condition'));
      const broken = await until(`${origin}/`, (body) => body.includes('gctf-overlay'));
      expect(broken).toContain('Fresh words appear here.');
      expect(broken).toMatch(/prevention\/community-trust\.md:\d+:\d+<\/code> Unexpected reference to <code>#no-such-practice<\/code>.*unknown-reference/);
      expect(io.out).toMatch(/checked in \d+ ms .*nothing rebuilt until the errors are fixed/);

      writeFileSync(file, original);
      const fixed = await until(`${origin}/`, (body) => !body.includes('gctf-overlay') && !body.includes('Fresh words'));
      expect(fixed).toContain('Trust is the condition');
      expect(io.out).toMatch(/changed: prevention\/community-trust\.md\n/);
      expect(io.out).toMatch(/rebuilt in \d+ ms \(1 of \d+ drafts parsed; en 1 practice re-rendered, fr rendered whole|rebuilt in \d+ ms \(1 of \d+ drafts parsed; en 1 practice re-rendered/);

      // Bound to loopback, it answers only loopback host names (DNS rebinding).
      const status = await new Promise<number>((resolve, reject) => {
        const url = new URL(origin);
        request({ host: url.hostname, port: url.port, path: '/', headers: { Host: 'attacker.example' } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      expect(status).toBe(403);
    } finally {
      controller.abort();
    }
    expect(await stopped).toBe(0);
  });

  it('exits 2 when the port is taken', async () => {
    const folder = copyOfBundled();
    const controller = new AbortController();
    const io = captureIo(path.dirname(folder));
    const first = serve({ port: 0, signal: controller.signal }, io);
    const port = Number((await io.waitForOutput(/:(\d+)\//))[1]);
    await expect(serve({ port, signal: controller.signal }, captureIo(path.dirname(folder)))).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining(`Port ${port}`) });
    controller.abort();
    expect(await first).toBe(0);
  });
});

describe('gctf watch', () => {
  it('writes the HTML editions, again after a change, and refuses an output folder inside the framework', async () => {
    const folder = copyOfBundled();
    const root = path.dirname(folder);
    const io = captureIo(root);
    const controller = new AbortController();
    const stopped = watch({ signal: controller.signal }, io);
    await io.waitForOutput(/rebuilt in \d+ ms/, 30_000);
    const slug = 'homegrown-terrorism-good-practices';
    expect(readFileSync(path.join(root, 'dist', `${slug}.fr.html`), 'utf8')).toContain('<html lang="fr"');
    const file = path.join(folder, 'response', 'victim-support.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n\n/, '\n\nWatched words.\n\n'));
    await io.waitForOutput(/changed: response\/victim-support\.md\n[\s\S]*rebuilt in/);
    const html = readFileSync(path.join(root, 'dist', `${slug}.html`), 'utf8');
    expect(html).toContain('Watched words.');
    expect(html).not.toContain('<script');
    controller.abort();
    expect(await stopped).toBe(0);

    await expect(watch({ out: path.join(folder, 'dist') }, captureIo(root))).rejects.toMatchObject({ name: 'UsageError' });
  });
});

describe('a folder that is no framework', () => {
  it('stops serve and watch with the message check gives, before listening', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gctf-serve-'));
    temporary.push(root);
    await expect(serve({ dir: 'nowhere', port: 0 }, captureIo(root))).rejects.toMatchObject({ name: 'UsageError', message: expect.stringContaining('No framework folder') });
    await expect(watch({ dir: 'nowhere' }, captureIo(root))).rejects.toMatchObject({ name: 'UsageError', message: expect.stringContaining('No framework folder') });
  });
});
