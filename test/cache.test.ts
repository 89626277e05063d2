import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'mdast';
import { afterAll, describe, expect, it } from 'vitest';
import { TreeCache } from '../src/cache/tree-pack.js';
import { BUNDLED_PRACTICES } from './helpers/build-framework.js';
import { runCli } from './helpers/run-cli.js';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the bundled framework and an empty cache folder beside it. */
function project() {
  const root = mkdtempSync(path.join(tmpdir(), 'gctf-cache-'));
  temporary.push(root);
  const folder = path.join(root, 'practices');
  cpSync(BUNDLED_PRACTICES, folder, { recursive: true });
  const cache = path.join(root, 'cache');
  const env = { GCTF_CACHE_DIR: cache };
  const draft = path.join(folder, 'prevention', 'civil-society-partners.md');
  return { root, folder, cache, env, draft, cacheFiles: () => (existsSync(cache) ? readdirSync(cache).sort() : []) };
}

type JsonReport = { errorCount: number; diagnostics: { ruleId: string; file: string; line: number; column: number }[] };
const report = (stdout: string) => JSON.parse(stdout) as JsonReport;

describe('the cache of parsed drafts', () => {
  it('serves an unchanged check from the cache, and sees an edit, a revert and a config change at once', async () => {
    const { folder, env, draft, cacheFiles } = project();
    const first = await runCli(['check', folder, '--reporter', 'json'], { env, cwd: folder });
    expect(first.code).toBe(0);
    expect(cacheFiles().some((name) => /^trees-[0-9a-f]{16}-check\.v8$/.test(name))).toBe(true);
    const again = await runCli(['check', folder, '--reporter', 'json'], { env, cwd: folder });
    expect(again).toEqual(first);

    const original = readFileSync(draft, 'utf8');
    // Line 9 is the practice's first paragraph; the reference is its first characters.
    writeFileSync(draft, original.replace('\nGovernments should', '\n[](#no-such-practice) Governments should'));
    const edited = await runCli(['check', folder, '--reporter', 'json'], { env, cwd: folder });
    expect(edited.code).toBe(1);
    expect(report(edited.stdout).diagnostics.filter((d) => d.ruleId === 'unknown-reference')).toEqual([
      expect.objectContaining({ file: 'prevention/civil-society-partners.md', line: 9, column: 1 }),
    ]);

    const manifest = path.join(folder, 'framework.yaml');
    writeFileSync(manifest, `${readFileSync(manifest, 'utf8')}\nrules:\n  unknown-reference: off\n`);
    const configured = await runCli(['check', folder, '--reporter', 'json'], { env, cwd: folder });
    expect(report(configured.stdout).diagnostics.filter((d) => d.ruleId === 'unknown-reference')).toEqual([]);

    writeFileSync(draft, original);
    const reverted = await runCli(['check', folder, '--reporter', 'json'], { env, cwd: folder });
    expect(report(reverted.stdout).diagnostics).toEqual([]);
  });

  it('vouches for files by their stats once they have settled, and still sees a same-size edit or a replaced file at once', async () => {
    const { folder, cache, env, draft, cacheFiles } = project();
    // Files changed in the last two seconds are always read: wait until the copy has settled.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const first = await runCli(['check', folder, '--reporter', 'json'], { env, cwd: folder });
    expect(first.code).toBe(0);
    // A stored result is sealed: a header line and a 32-byte HMAC before the JSON.
    const stored = () => JSON.parse(readFileSync(path.join(cache, cacheFiles().find((name) => name.startsWith('check-')) as string)).subarray('gctf-sealed-1\n'.length + 32).toString('utf8')) as { key: string; statKey?: string };
    expect(stored().statKey).toMatch(/^[\w-]{43}$/);
    expect(await runCli(['check', folder, '--reporter', 'json'], { env, cwd: folder })).toEqual(first);

    // The same number of bytes, changed right after a check: the stats differ, so the file is read.
    const original = readFileSync(draft, 'utf8');
    writeFileSync(draft, original.replace('\nGovernments should', '\n[](#zzzzz)s should'));
    expect(readFileSync(draft).length).toBe(Buffer.byteLength(original));
    const edited = await runCli(['check', folder, '--reporter', 'json'], { env, cwd: folder });
    expect(report(edited.stdout).diagnostics.filter((d) => d.ruleId === 'unknown-reference')).toEqual([
      expect.objectContaining({ file: 'prevention/civil-society-partners.md', line: 9, column: 1 }),
    ]);
    // A result stored from files that changed a moment ago carries no stat key.
    expect(stored().statKey).toBeUndefined();

    // An editor's save that writes a new file and renames it over the old one.
    writeFileSync(`${draft}.tmp`, original);
    renameSync(`${draft}.tmp`, draft);
    expect(report((await runCli(['check', folder, '--reporter', 'json'], { env, cwd: folder })).stdout).diagnostics).toEqual([]);
  });

  it('gives a rebuild the parsed drafts, never a stale one, beside the check pack', async () => {
    const { root, folder, env, draft, cacheFiles } = project();
    const out = path.join(root, 'dist');
    expect((await runCli(['check', folder], { env })).code).toBe(0);
    expect((await runCli(['build', folder, '--format', 'md', '--lang', 'en', '--out', out], { env })).code).toBe(0);
    // The check's trees and the build's live in separate packs: neither evicts the other.
    expect(cacheFiles().filter((name) => name.endsWith('.v8')).map((name) => name.replace(/-[0-9a-f]{16}-/, '-*-'))).toEqual(['trees-*-check.v8', 'trees-*-full.v8']);
    const built = readFileSync(path.join(out, 'homegrown-terrorism-good-practices.md'), 'utf8');

    writeFileSync(draft, readFileSync(draft, 'utf8').replace('Governments should support', 'Governments should warmly support'));
    expect((await runCli(['build', folder, '--format', 'md', '--lang', 'en', '--out', out], { env })).code).toBe(0);
    const rebuilt = readFileSync(path.join(out, 'homegrown-terrorism-good-practices.md'), 'utf8');
    expect(rebuilt).toBe(built.replace('Governments should support', 'Governments should warmly support'));
  });

  it('writes nothing with --no-cache', async () => {
    const { root, folder, env, cacheFiles } = project();
    expect((await runCli(['check', folder, '--no-cache'], { env })).code).toBe(0);
    expect((await runCli(['build', folder, '--format', 'md', '--out', path.join(root, 'dist'), '--no-cache'], { env })).code).toBe(0);
    expect(cacheFiles()).toEqual([]);
  });

  it('is only slower when damaged or deleted', async () => {
    const { root, folder, cache, env, draft, cacheFiles } = project();
    writeFileSync(draft, readFileSync(draft, 'utf8').replace('\nGovernments should', '\n[](#no-such-practice) Governments should'));
    const first = await runCli(['check', folder, '--reporter', 'json'], { env, cwd: folder });
    expect(first.code).toBe(1);
    expect((await runCli(['build', folder, '--format', 'md', '--out', path.join(root, 'dist')], { env })).code).toBe(1);
    for (const name of cacheFiles()) writeFileSync(path.join(cache, name), 'not a cache entry');
    expect(await runCli(['check', folder, '--reporter', 'json'], { env, cwd: folder })).toEqual(first);
    rmSync(cache, { recursive: true });
    expect(await runCli(['check', folder, '--reporter', 'json'], { env, cwd: folder })).toEqual(first);
  });

  it('keys trees by parser identity and profile, so an upgrade never reads an old tree', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'gctf-trees-'));
    temporary.push(folder);
    const job = { body: 'Text.\n', firstLine: 5, profile: 'full' as const };
    const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Text.' }] }] };
    const cache = TreeCache.open(folder, '/framework', 'remark-parse@11.0.0', 'full');
    cache.set(job, tree);
    cache.save();
    expect(TreeCache.open(folder, '/framework', 'remark-parse@11.0.0', 'full').get(job)).toEqual(tree);
    expect(TreeCache.open(folder, '/framework', 'remark-parse@12.0.0', 'full').get(job)).toBeUndefined();
    expect(TreeCache.open(folder, '/framework', 'remark-parse@11.0.0', 'full').get({ ...job, firstLine: 6 })).toBeUndefined();
    expect(TreeCache.open(folder, '/framework', 'remark-parse@11.0.0', 'check').get({ ...job, profile: 'check' })).toBeUndefined();
    expect(TreeCache.open(folder, '/elsewhere', 'remark-parse@11.0.0', 'full').get(job)).toBeUndefined();
  });
});
