import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { hasPdftotext } from './helpers/hostile-harness.js';

const ROOT = path.join(import.meta.dirname, '..');

describe('characters the PDF cannot show', () => {
  it('are listed from the fonts themselves (src/text/typeset-coverage.ts is not stale)', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'font-coverage.mjs'), '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('are a warning in gctf check, and U+FFFD in a PDF/UA-1 file that still builds', async () => {
    const folder = path.join(ROOT, 'test', 'fixtures', 'rules', 'pdf-font-coverage', 'fail');
    const out = mkdtempSync(path.join(tmpdir(), 'gctf-glyphs-'));
    try {
      const check = await runCli(['check', folder, '--no-cache']);
      expect(check.code).toBe(0);
      expect(check.stdout).toContain('warning  Unexpected character `東` (U+6771) in `title`');
      const build = await runCli(['build', folder, '--format', 'pdf', '--out', out, '--no-cache']);
      expect(build.stderr).not.toContain('emit-pdf');
      expect(build.code).toBe(0);
      if (!hasPdftotext) return expect.soft(hasPdftotext, 'poppler-utils (pdftotext) reads the PDF back; install it to run this part').toBe(true);
      const text = spawnSync('pdftotext', [path.join(out, 'framework.pdf'), '-'], { encoding: 'utf8' }).stdout;
      expect(text).toContain('Tōkyō (\uFFFD\uFFFD)');
      expect(text).toContain('Ελλάδα');
      expect(text).not.toContain('東');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
