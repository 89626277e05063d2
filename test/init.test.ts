import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../src/commands/build.js';
import { checkFramework as checkFolder } from '../src/engine/pipeline.js';
import { init } from '../src/commands/init.js';
import { manifestFields } from '../src/model/fields.js';
import { captureIo } from './helpers/capture-io.js';

const temporary: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gctf-init-'));
  temporary.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('gctf init', () => {
  it('writes a project that checks clean and builds at once', async () => {
    const root = scratch();
    const io = captureIo(root);
    expect(await init({ dir: 'project' }, io)).toBe(0);
    const project = path.join(root, 'project');
    for (const file of ['.gitignore', 'practices/framework.yaml', 'practices/introduction.md', 'practices/general/one-practice-per-file.md']) {
      expect(existsSync(path.join(project, file)), file).toBe(true);
      expect(io.out).toContain(path.join('project', file));
    }
    expect(readFileSync(path.join(project, '.gitignore'), 'utf8')).toMatch(/^dist\/$/m);
    expect(io.out).toContain('cd project');
    expect(io.out).toContain('gctf check');

    const result = await checkFolder(path.join(project, 'practices'), undefined);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.reason}`)).toEqual([]);

    const buildIo = captureIo(project);
    expect(await build({ formats: ['md', 'html', 'json'] }, buildIo)).toBe(0);
    const html = readFileSync(path.join(project, 'dist', 'framework.html'), 'utf8');
    expect(html).toContain('Write each good practice in a file of its own');
    // The cross-reference and the footnote of the example are resolved.
    expect(html).toContain('Good Practice 1');
    expect(html).toMatch(/class="footnotes"/);
  });

  it('documents every key of the manifest in framework.yaml', async () => {
    const root = scratch();
    await init({}, captureIo(root));
    const manifest = readFileSync(path.join(root, 'practices', 'framework.yaml'), 'utf8');
    for (const key of Object.keys(manifestFields)) expect(manifest, key).toMatch(new RegExp(`^#? ?${key}:`, 'm'));
  });

  it('refuses to start a project where one exists, naming what exists', async () => {
    const root = scratch();
    await init({}, captureIo(root));
    await expect(init({}, captureIo(root))).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('practices already exists') });

    const other = scratch();
    writeFileSync(path.join(other, 'framework.yaml'), 'title: x\n');
    await expect(init({}, captureIo(other))).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('framework.yaml already exists') });
  });

  it('adds dist/ to an existing .gitignore instead of replacing it', async () => {
    const root = scratch();
    writeFileSync(path.join(root, '.gitignore'), 'node_modules/');
    mkdirSync(path.join(root, 'practices'));
    const io = captureIo(root);
    expect(await init({}, io)).toBe(0);
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toBe('node_modules/\n# gctf build output\ndist/\n');
    expect(io.out).toContain('updated  .gitignore (added dist/)');
    expect(io.out).not.toContain('cd ');
  });
});
