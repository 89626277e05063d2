import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Rebuilder } from '../src/watch/rebuilder.js';

// watch and serve rebuild through the same pipeline as gctf check, with trees kept in memory:
// what they report after an edit is what a fresh check reports.

const BUNDLED = path.join(import.meta.dirname, '..', 'practices');
const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyOfBundled(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gctf-rebuild-'));
  temporary.push(root);
  cpSync(BUNDLED, path.join(root, 'practices'), { recursive: true });
  return path.join(root, 'practices');
}

const findings = (rebuild: Awaited<ReturnType<Rebuilder['rebuild']>>) => rebuild.result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`);

describe('rebuilds after an edit', () => {
  it('stops reporting a BOM or a lone CR once the drafter removes it, though the text decodes the same', async () => {
    const folder = copyOfBundled();
    const file = path.join(folder, 'prevention', 'civil-society-partners.md');
    const original = readFileSync(file);
    const rebuilder = new Rebuilder(folder, undefined);
    expect(findings(await rebuilder.rebuild())).toEqual([]);

    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), original]));
    expect(findings(await rebuilder.rebuild())).toEqual(['prevention/civil-society-partners.md:1:1 normalized-text']);
    writeFileSync(file, original);
    expect(findings(await rebuilder.rebuild())).toEqual([]);

    writeFileSync(file, original.toString('utf8').replace('\n', '\r'));
    expect(findings(await rebuilder.rebuild())).toEqual(['prevention/civil-society-partners.md:1:4 normalized-text']);
    writeFileSync(file, original);
    const fixed = await rebuilder.rebuild();
    expect(findings(fixed)).toEqual([]);
    expect(fixed.pages?.map((p) => p.lang)).toEqual(['en', 'fr', 'ar']);
  });
});
