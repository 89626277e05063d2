import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

// Issue #17, part A: paths, reporters and the command line as ESLint and markdownlint-cli2 users
// expect them. Each test names the problem it shows fixed.

const RULES = path.join(import.meta.dirname, 'fixtures', 'rules');
const warningsOnly = path.join(RULES, 'footnote-unused', 'fail');

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const scratch = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gctf-ergonomics-'));
  temporary.push(dir);
  return dir;
};

const practice = (title: string, order: number, body: string) => `---\ntitle: ${title}\nstatus: draft\norder: ${order}\n---\n\n${body}\n`;

/** A git repository made by `gctf init`, with drafts that have findings in two files. */
async function repository(): Promise<string> {
  const root = scratch();
  try {
    execFileSync('git', ['init', '-q', root], { stdio: 'ignore' });
  } catch {
    mkdirSync(path.join(root, '.git'));
  }
  expect((await runCli(['init'], { cwd: root })).code).toBe(0);
  const general = path.join(root, 'practices', 'general');
  writeFileSync(path.join(general, 'community-trust.md'), practice('Build trust', 20, 'Trust is built over years.'));
  writeFileSync(path.join(general, 'a.md'), practice('Refer early', 30, 'Refer early, as [](#comunity-trust) says.'));
  writeFileSync(path.join(general, 'b.md'), practice('Respond', 40, 'Respond as [](#nowhere) says.'));
  return root;
}

interface SarifResult {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[];
}

describe('item 2: one path convention for every reporter', () => {
  it('from a repository root with gctf init’s layout, the SARIF is valid SARIF 2.1.0 and every result resolves to a file from the repository root', async () => {
    const root = await repository();
    const run = await runCli(['check', '--reporter', 'sarif'], { cwd: root });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);

    // The OASIS schema, as @microsoft/jest-sarif ships it (see test/fixtures/sarif/README.md). It
    // is draft-04; Ajv reads it as draft-07 once its `id` is spelt `$id`.
    const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false }).compile(schema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);

    const base = log.runs[0].originalUriBaseIds['%SRCROOT%'].uri as string;
    expect(new URL(base).protocol).toBe('file:');
    expect(decodeURIComponent(new URL(base).pathname).replace(/\/$/, '')).toBe(root);
    const results = log.runs[0].results as SarifResult[];
    expect(results.length).toBeGreaterThan(1);
    for (const result of results) {
      const { uri, uriBaseId } = result.locations[0]!.physicalLocation.artifactLocation;
      expect(uriBaseId).toBe('%SRCROOT%');
      expect(existsSync(path.join(root, ...uri.split('/').map(decodeURIComponent))), uri).toBe(true);
    }
    expect(results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toContain('practices/general/a.md');
  });

  it('pretty, json, github and sarif print the same path for the same finding, relative to the current folder', async () => {
    const root = await repository();
    const pretty = (await runCli(['check'], { cwd: root })).stdout;
    const json = JSON.parse((await runCli(['check', '--reporter', 'json'], { cwd: root })).stdout);
    const github = (await runCli(['check', '--reporter', 'github'], { cwd: root, env: { GITHUB_WORKSPACE: root } })).stdout;
    const sarif = JSON.parse((await runCli(['check', '--reporter', 'sarif'], { cwd: root })).stdout);

    expect(json.root).toBe(root.split(path.sep).join('/'));
    const finding = json.diagnostics.find((d: { message: string }) => d.message.includes('#comunity-trust'));
    expect(finding).toMatchObject({ file: 'practices/general/a.md', line: 7 });
    expect(pretty).toContain(`practices/general/a.md\n  ${finding.line}:${finding.column}  error`);
    expect(github).toContain(`::error file=practices/general/a.md,line=${finding.line},col=${finding.column},`);
    const result = (sarif.runs[0].results as SarifResult[]).find((r) => r.locations[0]!.physicalLocation.region.startColumn === finding.column && r.locations[0]!.physicalLocation.region.startLine === finding.line);
    expect(result?.locations[0]!.physicalLocation.artifactLocation.uri).toBe('practices/general/a.md');

    // From a subfolder, paths stay relative to where gctf runs; SARIF's stay relative to the root.
    const general = path.join(root, 'practices', 'general');
    const inner = JSON.parse((await runCli(['check', '--reporter', 'json'], { cwd: general })).stdout);
    expect(inner.diagnostics.map((d: { file: string }) => d.file)).toContain('a.md');
    const innerSarif = JSON.parse((await runCli(['check', '--reporter', 'sarif'], { cwd: general })).stdout);
    expect((innerSarif.runs[0].results as SarifResult[]).map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toContain('practices/general/a.md');
  });

  it('percent-encodes each segment of a SARIF uri', async () => {
    const root = await repository();
    writeFileSync(path.join(root, 'practices', 'general', 'odd name#1.md'), practice('Odd', 50, 'See [](#nowhere).'));
    const sarif = JSON.parse((await runCli(['check', '--reporter', 'sarif'], { cwd: root })).stdout);
    const uris = (sarif.runs[0].results as SarifResult[]).map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('practices/general/odd%20name%231.md');
  });
});

describe('item 3: --strict and --max-warnings say why they fail', () => {
  it('in the pretty report, on standard error for json and sarif, and as an ::error annotation on GitHub', async () => {
    const strict = await runCli(['check', '--strict'], { cwd: warningsOnly });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('✖ gctf found 1 warning, and --strict fails on any\n');
    const max = await runCli(['check', '--max-warnings', '0'], { cwd: warningsOnly });
    expect(max.code).toBe(1);
    expect(max.stdout).toContain('✖ gctf found too many warnings (maximum: 0; found 1)\n');
    const json = await runCli(['check', '--max-warnings', '0', '--reporter', 'json'], { cwd: warningsOnly });
    expect(JSON.parse(json.stdout).warningCount).toBe(1);
    expect(json.stderr).toBe('gctf: gctf found too many warnings (maximum: 0; found 1)\n');
    const github = await runCli(['check', '--max-warnings', '0', '--reporter', 'github'], { cwd: warningsOnly });
    expect(github.code).toBe(1);
    expect(github.stdout).toContain('\n::error title=gctf::gctf found too many warnings (maximum: 0; found 1)\n');
    expect((await runCli(['check', '--max-warnings', '1'], { cwd: warningsOnly })).stdout).not.toContain('too many');
  });
});

describe('item 5: file arguments and the framework found upward', () => {
  it('gctf check practices/general/a.md reports only that file’s findings and exits 1 on its errors', async () => {
    const root = await repository();
    const run = await runCli(['check', 'practices/general/a.md', '--reporter', 'json'], { cwd: root });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.diagnostics.map((d: { file: string }) => d.file)).toEqual(['practices/general/a.md']);
    expect(report.errorCount).toBe(1);
    // A clean file of a framework with errors elsewhere passes: lint-staged checks what is staged.
    const clean = await runCli(['check', 'practices/general/community-trust.md'], { cwd: root });
    expect(clean).toEqual({ code: 0, stdout: '✔ no problems\n', stderr: '' });
    // Several files, and a folder.
    const two = JSON.parse((await runCli(['check', 'practices/general/a.md', 'practices/general/b.md', '--reporter', 'json'], { cwd: root })).stdout);
    expect(two.diagnostics.map((d: { file: string }) => d.file)).toEqual(['practices/general/a.md', 'practices/general/b.md']);
    const folder = JSON.parse((await runCli(['check', 'practices/general', '--reporter', 'json'], { cwd: root })).stdout);
    expect(folder.errorCount).toBe(2);
  });

  it('finds the framework from a subfolder, and in a project folder right after gctf init', async () => {
    const root = await repository();
    const inner = await runCli(['check', '--reporter', 'json'], { cwd: path.join(root, 'practices', 'general') });
    expect(inner.code).toBe(1);
    expect(JSON.parse(inner.stdout).errorCount).toBe(2);
    const parent = scratch();
    expect((await runCli(['init', 'my-framework'], { cwd: parent })).code).toBe(0);
    expect(await runCli(['check', 'my-framework'], { cwd: parent })).toEqual({ code: 0, stdout: '✔ no problems\n', stderr: '' });
    expect((await runCli(['list', 'my-framework'], { cwd: parent })).code).toBe(0);
  });

  it('refuses, with exit 2, a path in no framework', async () => {
    const root = scratch();
    writeFileSync(path.join(root, 'loose.md'), 'text\n');
    const run = await runCli(['check', 'loose.md'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('gctf: loose.md is in no framework folder: expected a framework folder, or a file or folder inside one (a folder holding framework.yaml, found upward from the path)\n');
  });

  it('ships a pre-commit hook that runs gctf check on the staged drafts', () => {
    const hooks = readFileSync(path.join(import.meta.dirname, '..', '.pre-commit-hooks.yaml'), 'utf8');
    expect(hooks).toContain('id: gctf-check');
    expect(hooks).toContain('entry: gctf check');
  });
});
