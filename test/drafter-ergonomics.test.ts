import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTemporaryFolders, temporaryFolder } from './helpers/run-command.js';
import { runCli } from './helpers/run-cli.js';

// Issue 17, part B: what a drafter meets first (build --status, --strict, template overrides,
// translations diff/stamp, a broken manifest), and the tools ESLint and markdownlint users expect.

afterAll(removeTemporaryFolders);

/** A project made by `gctf init`, with `files` written into its `practices/` folder. */
async function project(files: Record<string, string> = {}): Promise<{ root: string; practices: string }> {
  const root = temporaryFolder();
  const run = await runCli(['init'], { cwd: root });
  expect(run.code, run.stderr).toBe(0);
  const practices = path.join(root, 'practices');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(practices, name)), { recursive: true });
    writeFileSync(path.join(practices, name), text);
  }
  return { root, practices };
}

const practice = (title: string, status: string, body: string, extra = '') => `---\ntitle: ${title}\nstatus: ${status}\n${extra}---\n\n${body}\n`;

describe('item 1: build --status never publishes raw ids', () => {
  it('stops on a reference from an included practice to an excluded one, naming both, and writes nothing', async () => {
    const { root } = await project({
      'general/one-practice-per-file.md': practice('Write one file a practice', 'adopted', 'Each practice in a file; see [](#respond).'),
      'general/respond.md': practice('Respond quickly', 'draft', 'Respond quickly.'),
    });
    const run = await runCli(['build', '--status', 'adopted', '--format', 'md', '--out', 'out'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/general\/one-practice-per-file\.md\n\s+6:30\s+error\s+Unexpected reference from `general\/one-practice-per-file\.md` to `respond` \(`general\/respond\.md`, status `draft`\).*excluded-reference/);
    expect(existsSync(path.join(root, 'out'))).toBe(false);
  });

  it('stops when no practice is at that status, saying so', async () => {
    const { root } = await project();
    const run = await runCli(['build', '--status', 'adopted', '--format', 'md', '--out', 'out'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing was built; the framework has no practice at status adopted or above (--status adopted) to publish.');
    expect(existsSync(path.join(root, 'out'))).toBe(false);
  });

  it('gctf check, which has no --status, does not report the reference', async () => {
    const { root } = await project({
      'general/one-practice-per-file.md': practice('Write one file a practice', 'adopted', 'Each practice in a file; see [](#respond).'),
      'general/respond.md': practice('Respond quickly', 'draft', 'Respond quickly.'),
    });
    const run = await runCli(['check', '--no-cache'], { cwd: root });
    expect(run.stdout).not.toContain('excluded-reference');
  });
});

describe('item 4: build --strict decides everything before writing', () => {
  it('writes nothing and names the untranslated practices', async () => {
    const { root, practices } = await project();
    const manifest = path.join(practices, 'framework.yaml');
    // Without the rule the check passes under --strict, and only the editions show what is missing.
    writeFileSync(manifest, `${readFileSync(manifest, 'utf8')}\nlanguages: [en, fr]\nrules: {missing-translation: off}\n`);
    const run = await runCli(['build', '--strict', '--format', 'md,html', '--out', 'out'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('one-practice-per-file (general/one-practice-per-file.md)');
    expect(run.stderr).toContain('nothing was built; translate the practices above into fr first');
    expect(existsSync(path.join(root, 'out')) ? readdirSync(path.join(root, 'out')) : []).toEqual([]);
  });
});

describe('item 6: a broken page template stops the build with file, line and column', () => {
  for (const [name, template, expected] of [
    ['an unclosed tag', '<html>\n<title>{{title}</title>\n', 'templates/html/page.html:2:8'],
    ['an unknown partial', '<html>\n  {{> nosuchpartial}}\n', 'templates/html/page.html:2:3'],
  ] as const) {
    it(`reports ${name} as template-file, exit 1, nothing written`, async () => {
      const { root } = await project({ 'templates/html/page.html': template });
      const run = await runCli(['build', '--format', 'html', '--out', 'out'], { cwd: root });
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).toContain('template-file');
      expect(run.stdout + run.stderr).toMatch(new RegExp(`${expected.split(':')[0]?.replace(/\./g, '\\.')}[\\s\\S]*?${expected.split(':').slice(1).join(':')}`));
      expect(run.stderr).not.toContain('internal error');
      expect(existsSync(path.join(root, 'out'))).toBe(false);
    });
  }
});

describe('item 9: translations diff and stamp take the paths their help shows', () => {
  const repositoryRoot = path.resolve(import.meta.dirname, '..');

  it('every example path in the help names a file from the current folder', async () => {
    for (const argv of [['translations', '--help'], ['translations', 'diff', '--help'], ['translations', 'stamp', '--help']]) {
      const help = await runCli(argv, { cwd: repositoryRoot });
      const paths = [...(help.stdout + help.stderr).matchAll(/gctf translations (?:diff|stamp) (\S+\.md)/g)].map((m) => m[1] ?? '');
      expect(paths.length, argv.join(' ')).toBeGreaterThan(0);
      for (const file of paths.filter((f) => !f.includes('*'))) expect(existsSync(path.join(repositoryRoot, file)), file).toBe(true);
    }
  });

  it('a path relative to the framework folder is a usage error (2) that points at the right path, never at the bundled sample', async () => {
    const { root } = await project({ 'general/one-practice-per-file.fr.md': '---\ntitle: Une\n---\n\nUne.\n' });
    for (const sub of ['diff', 'stamp']) {
      const run = await runCli(['translations', sub, 'general/one-practice-per-file.fr.md'], { cwd: root });
      expect(run.code, sub).toBe(2);
      expect(run.stderr).toContain('general/one-practice-per-file.fr.md: no such file (did you mean practices/general/one-practice-per-file.fr.md?)');
      expect(run.stderr).not.toContain('community-trust');
    }
    const source = await runCli(['translations', 'stamp', 'practices/general/one-practice-per-file.md'], { cwd: root });
    expect(source.code).toBe(2);
    expect(source.stderr).toContain('not a translation');
  });
});

describe('item 10: one broken framework.yaml line does not cascade', () => {
  it('says once that the sections cannot be read, never "expected one of none"', async () => {
    const { root, practices } = await project({ 'other/x.md': practice('Another practice', 'draft', 'Another practice.') });
    const manifest = path.join(practices, 'framework.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('  - id: general', '  - id: [broken'));
    const run = await runCli(['check', '--no-cache', '--reporter', 'json'], { cwd: root });
    expect(run.code).toBe(1);
    const found = (JSON.parse(run.stdout) as { diagnostics: { ruleId: string; message?: string; reason?: string }[] }).diagnostics;
    const text = run.stdout;
    expect(text).not.toContain('expected one of none');
    expect(found.filter((d) => d.ruleId === 'unknown-section')).toHaveLength(1);
    expect(text).toContain('Unexpected 2 folders of drafts (`general/`, `other/`) that no section can hold: the `sections` of framework.yaml cannot be read');
    expect(found.filter((d) => d.ruleId === 'manifest-schema').length).toBeGreaterThan(0);
  });
});

describe('check --fix fixes what cannot be wrong and reports what remains', () => {
  it('renames a misspelt key, drops a BOM, normalizes lone CRs, fixes leaf heading ranks; leaves the rest', async () => {
    const fr = '---\ntitle: Une\nsource-hash: "00000000"\n---\n\nUne.\n';
    const { root, practices } = await project({
      'general/misspelt.md': '---\ntitle: Misspelt\nstatuss: draft\n---\n\nA practice.\n\n## Part\n\n#### Skipped leaf\n\n## Next\n\n#### Parent\n\n##### Child\n',
      'general/bom.md': '\uFEFF---\r\ntitle: With a BOM\r\nstatus: draft\r\n---\r\n\r\nA practice.\r\n',
      'general/lone-cr.md': '---\rtitle: Old Mac\rstatus: draft\r---\r\rA practice.\r',
      'general/one-practice-per-file.fr.md': fr,
    });
    const manifest = path.join(practices, 'framework.yaml');
    writeFileSync(manifest, `${readFileSync(manifest, 'utf8')}\nlanguages: [en, fr]\n`);
    const run = await runCli(['check', '--fix', '--no-cache', '--reporter', 'json'], { cwd: root });
    expect(run.stderr).toMatch(/^gctf: fixed 6 problems in practices\/general\/bom\.md, practices\/general\/lone-cr\.md, practices\/general\/misspelt\.md\n/);
    const read = (name: string) => readFileSync(path.join(practices, name), 'utf8');
    // Parent moves up a rank, then its child can follow it without leaving it (a second pass).
    expect(read('general/misspelt.md')).toBe('---\ntitle: Misspelt\nstatus: draft\n---\n\nA practice.\n\n## Part\n\n### Skipped leaf\n\n## Next\n\n### Parent\n\n#### Child\n');
    expect(read('general/bom.md')).toBe('---\r\ntitle: With a BOM\r\nstatus: draft\r\n---\r\n\r\nA practice.\r\n');
    expect(read('general/lone-cr.md')).toBe('---\ntitle: Old Mac\nstatus: draft\n---\n\nA practice.\n');
    // Never a stale translation: only a translator can say it is current.
    expect(read('general/one-practice-per-file.fr.md')).toBe(fr);
    const remaining = (JSON.parse(run.stdout) as { diagnostics: { ruleId: string; line: number }[] }).diagnostics.map((d) => `${d.ruleId}:${d.line}`).sort();
    expect(remaining.filter((r) => !r.startsWith('missing-translation'))).toEqual(['stale-translation:3']);
  });
});

describe('build settings in framework.yaml, flags winning', () => {
  it('builds build.formats and build.languages into build.out, and --format, --lang and --out override them', async () => {
    const { root, practices } = await project({ 'general/one-practice-per-file.fr.md': '---\ntitle: Une\n---\n\nUne.\n' });
    const manifest = path.join(practices, 'framework.yaml');
    writeFileSync(manifest, `${readFileSync(manifest, 'utf8')}\nslug: gp\nlanguages: [en, fr]\nrules: {stale-translation: off}\nbuild:\n  out: ../public\n  formats: [md]\n  languages: [fr]\n`);
    const settled = await runCli(['build'], { cwd: root });
    expect(settled.code, settled.stderr).toBe(0);
    expect(readdirSync(path.join(root, 'public'))).toEqual(['gp.fr.md']);
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
    const flags = await runCli(['build', '--format', 'json', '--lang', 'en', '--out', 'elsewhere'], { cwd: root });
    expect(flags.code, flags.stderr).toBe(0);
    expect(readdirSync(path.join(root, 'elsewhere'))).toEqual(['gp.json']);
  });
});

describe('check --watch', () => {
  it('checks once, then again after every change, printing each report', async () => {
    const { root, practices } = await project();
    const { check } = await import('../src/commands/check.js');
    const { captureIo } = await import('./helpers/capture-io.js');
    const io = captureIo(root);
    const controller = new AbortController();
    const running = check({ watch: true, signal: controller.signal }, io);
    try {
      await io.waitForOutput(/clean; watching/);
      writeFileSync(path.join(practices, 'general', 'broken.md'), practice('Broken', 'draft', 'See [](#nowhere).'));
      const match = await io.waitForOutput(/changed: general\/broken\.md[\s\S]*?unknown-reference[\s\S]*?exit code 1; watching/);
      expect(match[0]).toContain('practices/general/broken.md');
    } finally {
      controller.abort();
    }
    expect(await running).toBe(0);
  });
});
