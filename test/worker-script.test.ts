import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { workerScript } from '../src/worker-url.js';
import { removeTemporaryFolders, temporaryFolder } from './helpers/run-command.js';

// Tests never run stale compiled code. When gctf runs from its TypeScript sources (as here, under
// vitest), a worker thread must not be started from lib/: lib/ holds whatever `tsc` last compiled,
// so an edit to src/emit/html.ts would show in `--format html` (this thread) and not in
// `--format md,html,json` (the emit thread, from lib/). From src/, the work stays on this thread.
const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');
const LIB = path.join(ROOT, 'lib');

afterAll(removeTemporaryFolders);

/** Every worker script src/ starts, with the module that starts it: `new BackgroundThread('./x.js', …)` or `workerScript('./x.js', …)`. */
function workerScriptsInSources(): { module: string; script: string }[] {
  const found: { module: string; script: string }[] = [];
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(file, 'utf8');
        for (const match of text.matchAll(/(?:new BackgroundThread\b[^(]*|workerScript)\(\s*'(\.\.?\/[^']+\.js)'\s*,\s*import\.meta\.url/g)) {
          found.push({ module: file, script: match[1] ?? '' });
        }
      }
    }
  };
  visit(SRC);
  return found;
}

const isInside = (file: string, folder: string): boolean => !path.relative(folder, file).startsWith('..');

describe('workerScript, from the TypeScript sources', () => {
  const workers = workerScriptsInSources();

  it('finds the worker threads gctf starts (emit, parse, Typst)', () => {
    expect(workers.map((w) => w.script).sort()).toEqual(expect.arrayContaining(['./emit-worker.js', './parse-worker.js', './typst-worker.js']));
  });

  it.each(workers.map((w) => [path.relative(ROOT, w.module), w.script] as const))('%s never starts %s from lib/', (module, script) => {
    const url = workerScript(script, pathToFileURL(path.join(ROOT, module)).href);
    if (url !== undefined) expect(isInside(fileURLToPath(url), LIB), `${module} starts ${fileURLToPath(url)}`).toBe(false);
  });

  it('does not fall back to a compiled twin under lib/, even when one is there', () => {
    // A project laid out as gctf is, with a compiled (possibly stale) lib/ beside src/.
    const project = temporaryFolder('gctf-worker-script-');
    mkdirSync(path.join(project, 'src', 'emit'), { recursive: true });
    mkdirSync(path.join(project, 'lib', 'emit'), { recursive: true });
    writeFileSync(path.join(project, 'src', 'emit', 'emit-thread.ts'), '');
    writeFileSync(path.join(project, 'src', 'emit', 'emit-worker.ts'), '');
    writeFileSync(path.join(project, 'lib', 'emit', 'emit-thread.js'), '');
    writeFileSync(path.join(project, 'lib', 'emit', 'emit-worker.js'), '// compiled yesterday\n');
    const url = workerScript('./emit-worker.js', pathToFileURL(path.join(project, 'src', 'emit', 'emit-thread.ts')).href);
    if (url !== undefined) expect(isInside(fileURLToPath(url), path.join(project, 'lib')), `starts ${fileURLToPath(url)}`).toBe(false);
  });

  it('still starts the compiled worker beside a compiled module (gctf as installed)', () => {
    const project = temporaryFolder('gctf-worker-script-');
    mkdirSync(path.join(project, 'lib', 'emit'), { recursive: true });
    writeFileSync(path.join(project, 'lib', 'emit', 'emit-thread.js'), '');
    writeFileSync(path.join(project, 'lib', 'emit', 'emit-worker.js'), '');
    const url = workerScript('./emit-worker.js', pathToFileURL(path.join(project, 'lib', 'emit', 'emit-thread.js')).href);
    expect(url && fileURLToPath(url)).toBe(path.join(project, 'lib', 'emit', 'emit-worker.js'));
  });
});

describe('the tests', () => {
  it('import gctf from src/, never from lib/, and never run bin/gctf.js (which loads lib/)', () => {
    const found: string[] = [];
    const visit = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) visit(file);
        else if (entry.name.endsWith('.ts') && file !== import.meta.filename) {
          const text = readFileSync(file, 'utf8');
          for (const match of text.matchAll(/from\s+'(?:\.\.\/)+lib\/[^']*'|import\(\s*'(?:\.\.\/)+lib\/[^']*'|bin\/gctf(?:\.js)?\b/g)) {
            found.push(`${path.relative(ROOT, file)}: ${match[0]}`);
          }
        }
      }
    };
    visit(path.join(ROOT, 'test'));
    expect(found).toEqual([]);
  });
});
