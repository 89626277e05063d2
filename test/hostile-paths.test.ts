import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyHostile, hashTree, HOSTILE, removeScratch, runEveryCommand, runGuarded, scratch } from './helpers/hostile-harness.js';

// Issue 8, paths: manifest paths and section ids that climb out of the framework folder, symbolic
// links (files and folders, made by the tests) that lead outside, file names with spaces and
// non-ASCII letters, and an output folder that overlaps the sources. Nothing outside the
// framework folder is ever read: a secret placed beside it never reaches any output or report.

afterAll(removeScratch);

const SECRET = 'SECRET-OUTSIDE-THE-FRAMEWORK';
const secretDraft = `---\ntitle: ${SECRET}\nstatus: draft\n---\n\n${SECRET} statement.\n`;

/** Everything a run printed and wrote, to search for the secret. */
function everything(result: Awaited<ReturnType<typeof runEveryCommand>>): string {
  const runs = [result.check, result.list, result.translations, result.build];
  return [...runs.map((r) => r.stdout + r.stderr), ...result.outputs.map((f) => readFileSync(f, 'latin1'))].join('\n');
}

describe('hostile paths', () => {
  it('refuses front, back, section ids and slug that climb out (.., absolute paths), and reads none of them', async () => {
    const folder = copyHostile('path-escape');
    writeFileSync(path.join(folder, '..', 'outside.md'), secretDraft);
    mkdirSync(path.join(folder, '..', 'climbing'));
    writeFileSync(path.join(folder, '..', 'climbing', 'secret.md'), secretDraft);
    const result = await runEveryCommand(folder, {
      expected: ['framework.yaml:4 unsafe-path', 'framework.yaml:5 unsafe-path', 'framework.yaml:6 unsafe-path', 'framework.yaml:10 unsafe-path'],
    });
    expect(everything(result)).not.toContain(SECRET);
    expect(everything(result)).not.toContain('root:x:0');
  });

  it('refuses symbolic links to files and folders outside the framework folder, and follows those that stay inside', async () => {
    const folder = copyHostile('symlinks');
    const outside = scratch('gctf-hostile-outside-');
    writeFileSync(path.join(outside, 'secret.md'), secretDraft);
    mkdirSync(path.join(outside, 'folder'));
    writeFileSync(path.join(outside, 'folder', 'secret.md'), secretDraft);
    symlinkSync(path.join(outside, 'secret.md'), path.join(folder, 'prevention', 'leak.md'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(folder, 'introduction.md'));
    symlinkSync(path.join(outside, 'folder'), path.join(folder, 'detection'));
    symlinkSync('../assets/linked-source.md', path.join(folder, 'prevention', 'linked.md'));
    symlinkSync('../nowhere.md', path.join(folder, 'prevention', 'dangling.md'));
    symlinkSync('loop.md', path.join(folder, 'prevention', 'loop.md'));
    const result = await runEveryCommand(folder, {
      expected: [
        'prevention/leak.md:1 unsafe-path',
        'framework.yaml:5 unsafe-path',
        'detection/:1 unsafe-path',
        'prevention/dangling.md:1 file-encoding',
        'prevention/loop.md:1 file-encoding',
      ],
    });
    expect(everything(result)).not.toContain(SECRET);
    expect(result.diagnostics.filter((d) => d.file === 'prevention/linked.md')).toEqual([]);
    expect(hashTree(outside)).toEqual({ 'folder/secret.md': expect.any(String), 'secret.md': expect.any(String) });

    // Without the links that lead outside (or nowhere), the one that stays inside is built.
    const clean = copyHostile('symlinks');
    writeFileSync(path.join(clean, 'introduction.md'), '---\ntitle: Introduction\n---\n\nThe introduction.\n');
    symlinkSync('../assets/linked-source.md', path.join(clean, 'prevention', 'linked.md'));
    const built = await runEveryCommand(clean, { formats: ['md', 'html', 'json', 'docx', 'pdf'], literals: ['LINKED-LITERAL'] });
    expect(built.build.code).toBe(0);
    expect(readFileSync(built.outputs.find((f) => f.endsWith('.md'))!, 'utf8')).toContain('LINKED-LITERAL');
  });

  it('refuses a framework.yaml that is a symbolic link out of the folder, reading nothing through it', async () => {
    const folder = copyHostile('symlinks');
    const outside = path.join(folder, '..', 'outside-manifest');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'framework.yaml'), `title: ${SECRET}\nlanguage: en\nsections: [prevention]\n`);
    rmSync(path.join(folder, 'framework.yaml'));
    symlinkSync(path.join(outside, 'framework.yaml'), path.join(folder, 'framework.yaml'));
    for (const command of [['check', folder], ['list', folder], ['build', folder, '--out', path.join(folder, '..', 'dist')]]) {
      const run = await runGuarded(command);
      expect(run.code, command[0]).toBe(1);
      expect(run.stderr).toMatch(/^gctf: .*framework\.yaml is a symbolic link to a file outside the framework folder \(.*\); gctf reads nothing outside it\./);
      expect(run.stdout + run.stderr).not.toContain(SECRET);
    }

    // A link that stays inside the folder is read as the manifest.
    const inside = copyHostile('symlinks');
    writeFileSync(path.join(inside, 'introduction.md'), '---\ntitle: Introduction\n---\n\nThe introduction.\n');
    mkdirSync(path.join(inside, 'config'));
    writeFileSync(path.join(inside, 'config', 'manifest.yaml'), readFileSync(path.join(inside, 'framework.yaml')));
    rmSync(path.join(inside, 'framework.yaml'));
    symlinkSync(path.join('config', 'manifest.yaml'), path.join(inside, 'framework.yaml'));
    expect((await runGuarded(['list', inside])).code).toBe(0);
  });

  it('builds drafts whose file names have spaces and non-ASCII letters', async () => {
    const result = await runEveryCommand(path.join(HOSTILE, 'file-names'), {
      formats: ['md', 'html', 'json', 'docx', 'pdf'],
      literals: ['NAMES-LITERAL-1', 'NAMES-LITERAL-2', 'NAMES-LITERAL-3'],
    });
    expect(result.build.code).toBe(0);
    const json = readFileSync(result.outputs.find((f) => f.endsWith('.json'))!, 'utf8');
    for (const id of ['community-trust', 'prevention-communaute', 'arabic-name']) expect(json).toContain(`"id": "${id}"`);

    // Without an `id`, such a name is no valid default id: reported at line 1.
    const folder = copyHostile('file-names');
    writeFileSync(path.join(folder, 'prevention', 'no id here.md'), '---\ntitle: No id\nstatus: draft\n---\n\nStatement.\n');
    await runEveryCommand(folder, { expected: ['prevention/no id here.md:1 frontmatter-schema'] });
  });

  it('refuses an output folder that is, contains or lies inside the framework folder (exit 2), writing nothing', async () => {
    const folder = copyHostile('output-overlap');
    const before = hashTree(folder);
    for (const out of [folder, path.join(folder, 'dist'), path.join(folder, 'prevention'), path.dirname(folder)]) {
      const run = await runGuarded(['build', folder, '--out', out, '--format', 'md,html']);
      expect(run.code, `--out ${out}`).toBe(2);
      expect(run.stderr).toMatch(/^gctf: Refusing to write to .*: it overlaps the framework folder/);
      expect(hashTree(folder)).toEqual(before);
    }
    expect(readdirSync(path.dirname(folder))).toEqual([path.basename(folder)]);
  });
});
