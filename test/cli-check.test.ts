import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../src/read/repository-root.js';
import { registry } from '../src/rules/registry.js';
import { runCli } from './helpers/run-cli.js';

const RULES = path.join(import.meta.dirname, 'fixtures', 'rules');
const broken = path.join(RULES, 'unknown-reference', 'fail');
const warningsOnly = path.join(RULES, 'footnote-unused', 'fail');
const clean = path.join(RULES, 'unknown-reference', 'pass');

describe('gctf check', () => {
  it('prints the pretty report grouped by file, and exits 1 on errors', async () => {
    const run = await runCli(['check'], { cwd: broken });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'prevention/community-trust.md',
        '  4:11  error    Unexpected related id `nowhere`, which names no practice; expected the id of a practice in the framework  unknown-reference',
        "  7:18  error    Unexpected reference to `#early-referal`, which names no practice or section; expected one of the framework's ids (did you mean `early-referral`?)  unknown-reference",
        "  9:6   error    Unexpected reference to `#prevension`, which names no practice or section; expected one of the framework's ids (did you mean `prevention`?)  unknown-reference",
        '',
        '✖ 3 errors, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 on a clean framework', async () => {
    const run = await runCli(['check', clean]);
    expect(run).toEqual({ code: 0, stdout: '✔ no problems\n', stderr: '' });
  });

  it('colours only on a terminal, and never with NO_COLOR', async () => {
    expect((await runCli(['check', broken], { isTTY: true })).stdout).toContain('\u001B[31m');
    expect((await runCli(['check', broken], { isTTY: true, env: { NO_COLOR: '' } })).stdout).not.toContain('\u001B[');
    expect((await runCli(['check', broken], { isTTY: false })).stdout).not.toContain('\u001B[');
  });

  it('names the other place for duplicates', async () => {
    const run = await runCli(['check', path.join(RULES, 'duplicate-id', 'fail')]);
    expect(run.stdout).toContain('  ↳ first used here: test/fixtures/rules/duplicate-id/fail/prevention/community-trust.md:1:1');
  });

  it('prints exactly the documented JSON', async () => {
    const run = await runCli(['check', '--reporter', 'json'], { cwd: broken });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['root', 'diagnostics', 'errorCount', 'warningCount']);
    expect(report.root).toBe(broken.split(path.sep).join('/'));
    expect(report.errorCount).toBe(3);
    expect(report.warningCount).toBe(0);
    expect(report.diagnostics[1]).toEqual({
      file: 'prevention/community-trust.md',
      line: 7,
      column: 18,
      endLine: 7,
      endColumn: 36,
      severity: 'error',
      ruleId: 'unknown-reference',
      message: "Unexpected reference to `#early-referal`, which names no practice or section; expected one of the framework's ids (did you mean `early-referral`?)",
    });
  });

  it('prints SARIF 2.1.0 with every rule and physical locations', async () => {
    const run = await runCli(['check', broken, '--reporter', 'sarif'], { cwd: broken });
    const log = JSON.parse(run.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('gctf');
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(registry.map((r) => r.rule.id));
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
      expect(rule.helpUri).toBeUndefined();
      expect(rule.help.markdown).toContain(rule.fullDescription.text);
    }
    const result = log.runs[0].results[1];
    expect(result.ruleId).toBe('unknown-reference');
    expect(driver.rules[result.ruleIndex].id).toBe('unknown-reference');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation).toEqual({
      // Relative to the repository root (this checkout's, or the folder itself outside git).
      artifactLocation: { uri: path.relative(repositoryRoot(broken), path.join(broken, 'prevention', 'community-trust.md')).split(path.sep).join('/'), uriBaseId: '%SRCROOT%' },
      region: { startLine: 7, startColumn: 18, endLine: 7, endColumn: 36 },
    });
  });

  it('prints GitHub annotations, chosen automatically on GitHub Actions', async () => {
    const run = await runCli(['check', broken], { env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: RULES } });
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::error file=unknown-reference/fail/prevention/community-trust.md,line=4,col=11,endLine=4,endColumn=18,title=unknown-reference::Unexpected related id `nowhere`, which names no practice; expected the id of a practice in the framework',
    );
    expect(lines.at(-1)).toBe('gctf: 3 error(s), 0 warning(s)');
  });

  it('passes warnings unless --strict or --max-warnings says otherwise', async () => {
    expect((await runCli(['check', warningsOnly])).code).toBe(0);
    expect((await runCli(['check', warningsOnly, '--strict'])).code).toBe(1);
    expect((await runCli(['check', warningsOnly, '--max-warnings', '0'])).code).toBe(1);
    expect((await runCli(['check', warningsOnly, '--max-warnings', '1'])).code).toBe(0);
  });

  it('lets framework.yaml turn a rule off or change its severity', async () => {
    const run = await runCli(['check', path.join(RULES, 'manifest-schema', 'pass'), '--reporter', 'json']);
    expect(JSON.parse(run.stdout).errorCount).toBe(0);
    const raw = await runCli(['check', path.join(RULES, 'raw-html', 'fail'), '--reporter', 'json']);
    expect(JSON.parse(raw.stdout).diagnostics.map((d: { severity: string }) => d.severity)).toEqual(['warning', 'warning', 'warning']);
  });

  it('reports a duplicate manifest key once, and still reads the rest of the manifest', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'gctf-duplicate-'));
    cpSync(clean, folder, { recursive: true });
    const manifest = path.join(folder, 'framework.yaml');
    const text = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, `${text}title: The same title again\n`);
    const run = await runCli(['check', '--reporter', 'json'], { cwd: folder });
    rmSync(folder, { recursive: true });
    const line = text.split('\n').length;
    expect(JSON.parse(run.stdout).diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'manifest-schema', file: 'framework.yaml', line, column: 1, message: 'Unexpected YAML: duplicate key `title`, expected each key once' }),
    ]);
  });

  it('exits 2 with a one-line message for usage errors and missing folders', async () => {
    const unknown = await runCli(['check', '--reporter', 'xml', clean]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("argument 'xml' is invalid");
    const missing = await runCli(['check', path.join(RULES, 'no-such-folder')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^gctf: No framework folder: .*no-such-folder does not exist\. .*\n$/);
    expect((await runCli(['chekc'])).code).toBe(2);
  });

  it('finds ./practices when no folder is given', async () => {
    const run = await runCli(['check', '--reporter', 'json'], { cwd: path.join(import.meta.dirname, '..') });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).errorCount).toBe(0);
  });
});

describe('gctf list', () => {
  it('lists the numbered practices in order, as a table and as JSON', async () => {
    const folder = path.join(RULES, 'withdrawn-reference', 'pass');
    const table = await runCli(['list', folder]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').slice(0, 3)).toEqual([
      '#  id               title        status   section        languages',
      '-  ---------------  -----------  -------  -------------  ---------',
      '1  community-trust  Build trust  adopted  I. Prevention  en',
    ]);
    expect(table.stdout).toContain('1 numbered practices in 1 sections, 1 withdrawn');
    const json = JSON.parse((await runCli(['list', folder, '--json'])).stdout);
    expect(json.practices).toEqual([
      { number: 1, id: 'community-trust', title: 'Build trust', status: 'adopted', section: 'prevention', languages: ['en'], file: 'prevention/community-trust.md' },
    ]);
  });

  it('exits 1 and reports the errors when the drafts have errors', async () => {
    const run = await runCli(['list', broken]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown-reference');
  });
});

describe('gctf build on a terminal', () => {
  it('shows its progress: the drafts read and checked, then each file as it is written, with the time taken', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'gctf-progress-'));
    const run = await runCli(['build', clean, '--format', 'md,json', '--out', out], { isTTY: true });
    rmSync(out, { recursive: true });
    expect(run.code).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ {2}read and checked 2 drafts {2}\d+\.\d s$/);
    // Files are written as they are ready, on whichever thread rendered them first.
    expect([...lines.slice(1)].sort()).toEqual([
      expect.stringMatching(/^ {2}wrote \S+\/framework\.json {2}\d+(\.\d)? (B|KB) {2}\d+\.\d s$/),
      expect.stringMatching(/^ {2}wrote \S+\/framework\.md {2}\d+(\.\d)? (B|KB) {2}\d+\.\d s$/),
    ]);
  });
});

describe('gctf build with a format on the emit thread', () => {
  it('reports an emit error from that thread against its file, exits 1, and still writes the other formats', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'gctf-emit-error-'));
    const framework = path.join(folder, 'framework');
    cpSync(clean, framework, { recursive: true });
    mkdirSync(path.join(framework, 'templates'));
    writeFileSync(path.join(framework, 'templates', 'reference.docx'), 'not a zip');
    const out = path.join(folder, 'dist');
    const run = await runCli(['build', framework, '--format', 'md,docx', '--out', out]);
    const written = readdirSync(out).sort();
    rmSync(folder, { recursive: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/templates\/reference\.docx\n {2}1:1 {2}error {4}Cannot use .*reference\.docx as the Word reference document: it is not a readable \.docx \(zip\) file: .* {2}emit-docx\n/);
    expect(written).toEqual(['framework.md']);
  });
});
