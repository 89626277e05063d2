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
    expect(hooks).toContain("entry: npx --no-install gctf check");
  });
});

describe('item 7: a bad --out or --output-file is one line and exit 2', () => {
  it('an existing file, a path under a file, and /proc, for build, watch and check -o', async () => {
    const root = scratch();
    expect((await runCli(['init'], { cwd: root })).code).toBe(0);
    writeFileSync(path.join(root, 'afile'), 'not a folder\n');
    const cases = ['afile', 'afile/sub', ...(existsSync('/proc/self') ? ['/proc/gctf'] : [])];
    for (const out of cases) {
      for (const argv of [
        ['build', '--format', 'md', '--out', out],
        ['watch', '--out', out],
        ['check', '--output-file', `${out}/report.txt`],
      ]) {
        const run = await runCli(argv, { cwd: root });
        expect(run.code, argv.join(' ')).toBe(2);
        expect(run.stderr, argv.join(' ')).toMatch(/^gctf: Cannot write (into --out|--output-file) [^\n]*\n$/);
        expect(run.stderr).not.toContain('internal error');
      }
    }
    mkdirSync(path.join(root, 'adir'));
    const folder = await runCli(['check', '-o', 'adir'], { cwd: root });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^gctf: Cannot write --output-file adir: .*adir exists and is not a regular file; expected a file gctf may replace\n$/);
  });
});

describe('item 7: diff and graph, too', () => {
  it('a bad --out for diff and graph is one line and exit 2', async () => {
    const root = scratch();
    expect((await runCli(['init'], { cwd: root })).code).toBe(0);
    try {
      execFileSync('git', ['init', '-q'], { cwd: root });
      execFileSync('git', ['add', '-A'], { cwd: root });
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'x'], { cwd: root });
    } catch {
      return; // No git: diff has no revision to compare.
    }
    writeFileSync(path.join(root, 'afile'), 'not a folder\n');
    for (const out of ['afile', 'afile/sub', ...(existsSync('/proc/self') ? ['/proc/gctf'] : [])]) {
      const diff = await runCli(['diff', 'HEAD', '--format', 'md', '--out', out], { cwd: root });
      expect(diff.code, out).toBe(2);
      expect(diff.stderr).toMatch(/^gctf: Cannot write into --out [^\n]*\n$/);
    }
    for (const out of ['afile/sub.mmd', ...(existsSync('/proc/self') ? ['/proc/gctf/g.mmd'] : [])]) {
      const graph = await runCli(['graph', '--out', out], { cwd: root });
      expect(graph.code, out).toBe(2);
      expect(graph.stderr).toMatch(/^gctf: Cannot write [^\n]*\n$/);
      expect(graph.stderr).not.toContain('internal error');
    }
  });
});

describe('item 12: small ones', () => {
  it('-v prints the version, as -V and --version do', async () => {
    const v = await runCli(['-v']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect((await runCli(['--version'])).stdout).toBe(v.stdout);
  });

  it('--format "" (and --lang "") is a usage error, not every format', async () => {
    const root = await repository();
    for (const argv of [['build', '--format', ''], ['build', '--lang', ' , ']]) {
      const run = await runCli([...argv, '--out', 'dist'], { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('expected a comma-separated list');
      expect(existsSync(path.join(root, 'dist'))).toBe(false);
    }
  });

  it('build lists each file once on a terminal: as it is written, then only the total', async () => {
    const root = scratch();
    expect((await runCli(['init'], { cwd: root })).code).toBe(0);
    const run = await runCli(['build', '--format', 'md,json'], { cwd: root, isTTY: true });
    expect(run.code).toBe(0);
    expect(run.stderr.match(/framework\.md/g)).toHaveLength(1);
    expect(run.stdout).not.toContain('framework.md');
    expect(run.stdout).toMatch(/^2 files, [\d.]+ KB\n$/);
    // Off a terminal, the list is the output.
    const piped = await runCli(['build', '--format', 'md,json'], { cwd: root });
    expect(piped.stdout).toMatch(/^dist\/framework\.md /m);
  });

  it('watch ignores editors’ temporary files', async () => {
    const { isIgnored } = await import('../src/watch/watch-folder.js');
    for (const name of ['general/x.md~', 'general/#x.md#', 'general/.#x.md', 'general/4913', 'general/x.md.swp', 'general/x.md.crswap', 'general/x.md___jb_tmp___', 'general/x.md.sb-3f2a1b-Xy12Zw', 'templates/~$reference.docx', 'general/x.md.bak']) {
      expect(isIgnored(name), name).toBe(true);
    }
    for (const name of ['general/x.md', 'framework.yaml', 'general/x.fr.md', 'templates/html/page.html']) expect(isIgnored(name), name).toBe(false);
  });

  it('graph --out into a missing folder names the file asked for, never a temporary one', async () => {
    const root = scratch();
    expect((await runCli(['init'], { cwd: root })).code).toBe(0);
    const run = await runCli(['graph', '--out', 'missing/g.mmd'], { cwd: root });
    expect(run.stdout + run.stderr).not.toMatch(/\.tmp|\.[0-9a-f]{12}/);
    expect(run.stdout + run.stderr).toContain('missing/g.mmd');
  });
});

describe('item 12: a YAML error is reported on its own line', () => {
  it('an unclosed [ on line 4 of framework.yaml is reported at line 4, right after the text, not at 5:1', async () => {
    const root = scratch();
    expect((await runCli(['init'], { cwd: root })).code).toBe(0);
    writeFileSync(path.join(root, 'practices', 'framework.yaml'), 'title: X\nsections:\n  - id: general\n  - id: [broken\n');
    const report = JSON.parse((await runCli(['check', '--reporter', 'json'], { cwd: root })).stdout) as { diagnostics: { ruleId: string; line: number; column: number; message: string }[] };
    const yaml = report.diagnostics.filter((d) => d.ruleId === 'manifest-schema');
    expect(yaml).toEqual([expect.objectContaining({ line: 4, column: 16, message: expect.stringContaining('Unexpected YAML: Flow sequence') })]);
  });
});

describe('flags: --quiet, --output-file, colour, --version --verbose, completion', () => {
  it('--quiet reports errors only, and -o writes the report to a file through the guarded writer', async () => {
    const root = await repository();
    writeFileSync(path.join(root, 'practices', 'general', 'c.md'), practice('Notes', 60, 'A note.[^1]\n\n[^1]: Used.\n\n[^2]: Unused.'));
    const all = JSON.parse((await runCli(['check', '--reporter', 'json'], { cwd: root })).stdout);
    expect(all.warningCount).toBeGreaterThan(0);
    const quiet = JSON.parse((await runCli(['check', '--reporter', 'json', '--quiet'], { cwd: root })).stdout);
    expect(quiet.warningCount).toBe(0);
    expect(quiet.errorCount).toBe(all.errorCount);
    const written = await runCli(['check', '--reporter', 'sarif', '-o', 'reports/gctf.sarif'], { cwd: root });
    expect(written).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(path.join(root, 'reports', 'gctf.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('--color, --no-color and FORCE_COLOR decide colour over the terminal and NO_COLOR', async () => {
    const colour = (argv: string[], env: Record<string, string> = {}, isTTY = false) => runCli(['check', ...argv], { cwd: warningsOnly, env, isTTY }).then((r) => r.stdout.includes('\u001B['));
    expect(await colour(['--color'])).toBe(true);
    expect(await colour([], { FORCE_COLOR: '1' })).toBe(true);
    expect(await colour([], { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(await colour(['--no-color'], { FORCE_COLOR: '1' }, true)).toBe(false);
    expect(await colour(['--color'], { NO_COLOR: '1' })).toBe(true);
    expect(await colour([], {}, true)).toBe(true);
    expect(await colour([], { NO_COLOR: '' }, true)).toBe(false);
  });

  it('--version --verbose prints the versions of Node.js, Typst, docx and remark', async () => {
    const run = await runCli(['--version', '--verbose']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['gctf', 'Node.js', 'typst-ts', 'docx', 'remark']);
    for (const line of lines) expect(line).toMatch(/^\S+ \d+\.\d+\.\d+/);
    expect((await runCli(['-v', '--verbose'])).stdout).toBe(run.stdout);
  });

  it('completion prints bash, zsh and fish scripts made from the command tree', async () => {
    const bash = await runCli(['completion', 'bash']);
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain('complete -o filenames -F _gctf_completion gctf');
    expect(bash.stdout).toContain('"check/-r"|"check/--reporter") COMPREPLY=($(compgen -W \'pretty compact json sarif github\'');
    expect(bash.stdout).toContain('"translations/export") cmd="translations export"');
    try {
      execFileSync('bash', ['-n'], { input: bash.stdout });
      const words = execFileSync('bash', ['-c', `${bash.stdout}\nCOMP_WORDS=(gctf check --rep); COMP_CWORD=2; _gctf_completion; echo "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
      expect(words.trim()).toBe('--reporter');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    expect((await runCli(['completion', 'zsh'])).stdout).toContain('bashcompinit');
    const fish = (await runCli(['completion', 'fish'])).stdout;
    expect(fish).toContain("complete -c gctf -n '__fish_seen_subcommand_from check' -s r -l reporter -x -a 'pretty compact json sarif github'");
    expect((await runCli(['completion', 'tcsh'])).code).toBe(2);
  });
});

describe('item 11: did you mean, by edit distance', () => {
  it('for references, keys, sections and languages', async () => {
    const root = await repository();
    const practices = path.join(root, 'practices');
    writeFileSync(path.join(practices, 'framework.yaml'), readFileSync(path.join(practices, 'framework.yaml'), 'utf8').replace('# languages: [en, fr, ar]', 'languages: [en, fr]'));
    writeFileSync(path.join(practices, 'general', 'community-trust.fe.md'), '---\ntitle: Bâtir la confiance\n---\n\nLa confiance.\n');
    writeFileSync(path.join(practices, 'general', 'keys.md'), '---\ntitel: Keys\nstatus: draft\norder: 70\n---\n\nText.\n');
    mkdirSync(path.join(practices, 'genral'));
    writeFileSync(path.join(practices, 'genral', 'lost.md'), practice('Lost', 10, 'Text.'));
    const report = JSON.parse((await runCli(['check', '--reporter', 'json'], { cwd: root })).stdout) as { diagnostics: { ruleId: string; message: string }[] };
    const message = (ruleId: string) => report.diagnostics.filter((d) => d.ruleId === ruleId).map((d) => d.message).join('\n');
    expect(message('unknown-reference')).toContain('`#comunity-trust`, which names no practice or section; expected one of the framework\'s ids (did you mean `community-trust`?)');
    expect(message('frontmatter-schema')).toContain('did you mean `title`?');
    expect(message('unknown-section')).toContain('did you mean `general`?');
    expect(message('unknown-language')).toContain('did you mean `fr`?');
  });
});

describe('item 12: the serve overlay shows quoted code as code', () => {
  it('backticks become <code>, escaped; a lone backtick stays text', async () => {
    const { withCode } = await import('../src/watch/live-reload.js');
    expect(withCode('Unexpected reference to `#<b>x</b>`, expected one of `a`')).toBe('Unexpected reference to <code>#&lt;b&gt;x&lt;/b&gt;</code>, expected one of <code>a</code>');
    expect(withCode('a lone ` backtick <i>')).toBe('a lone ` backtick &lt;i&gt;');
  });
});

describe('item 8: no links to pages that do not exist', () => {
  it('SARIF carries each rule’s description and help inline, and links nowhere', async () => {
    const root = await repository();
    const log = JSON.parse((await runCli(['check', '--reporter', 'sarif'], { cwd: root })).stdout);
    const driver = log.runs[0].tool.driver;
    expect(driver.informationUri).toBeUndefined();
    for (const rule of driver.rules) {
      expect(rule.helpUri).toBeUndefined();
      expect(rule.fullDescription.text.length).toBeGreaterThan(10);
      expect(rule.help.markdown).toContain(rule.fullDescription.text);
    }
    expect(JSON.stringify(log)).not.toContain('npmjs.com');
  });

  it('the framework.yaml that init writes names no FORMAT.md, and names the command that lists the rules', async () => {
    const root = scratch();
    expect((await runCli(['init'], { cwd: root })).code).toBe(0);
    const manifest = readFileSync(path.join(root, 'practices', 'framework.yaml'), 'utf8');
    expect(manifest).not.toContain('FORMAT.md');
    expect(manifest).not.toContain('gctf check --help');
    expect(manifest).toContain('`gctf rules` lists them');
    expect(existsSync(path.join(import.meta.dirname, '..', 'docs', 'format.md'))).toBe(true);
    const rules = await runCli(['rules']);
    expect(rules.code).toBe(0);
    expect(rules.stdout).toContain('unknown-reference');
  });
});

describe('the README’s editor and CI recipes, tried on gctf init’s layout', () => {
  const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');

  it('the VS Code task’s problem matcher reads every finding of the compact report, at a file that exists', async () => {
    const block = /```json\n(\{\n {2}"version": "2\.0\.0",[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const task = JSON.parse(block!).tasks[0];
    expect(task.command).toBe('npx gctf check --reporter compact --no-color');
    const pattern = task.problemMatcher.pattern;
    const regexp = new RegExp(pattern.regexp);
    const root = await repository();
    const json = JSON.parse((await runCli(['check', '--reporter', 'json'], { cwd: root })).stdout);
    const run = await runCli(['check', '--reporter', 'compact', '--no-color'], { cwd: root });
    expect(run.code).toBe(1);
    const problems = run.stdout.split('\n').flatMap((line) => {
      const m = regexp.exec(line);
      return m ? [{ file: m[pattern.file], line: Number(m[pattern.line]), column: Number(m[pattern.column]), severity: m[pattern.severity], message: m[pattern.message], code: m[pattern.code] }] : [];
    });
    expect(problems).toEqual(json.diagnostics.map((d: { file: string; line: number; column: number; severity: string; message: string; ruleId: string }) => ({ file: d.file, line: d.line, column: d.column, severity: d.severity, message: d.message, code: d.ruleId })));
    for (const p of problems) expect(existsSync(path.join(root, p.file)), p.file).toBe(true);
  });

  it('the GitHub Actions job writes SARIF from the repository root, with the pre-commit and lint-staged recipes beside it', () => {
    expect(readme).toContain('- run: npx gctf check --reporter sarif -o gctf.sarif');
    expect(readme).toContain('- uses: github/codeql-action/upload-sarif@v3');
    expect(readme).toContain('- id: gctf-check');
    expect(readme).toContain('"lint-staged": { "practices/**/*.{md,yaml}": "gctf check" }');
  });
});

describe('item 8: every diagnostic’s url names a page that exists', () => {
  it('docs/rules/<id>.md for every rule', async () => {
    const { registry, ruleUrl } = await import('../src/rules/registry.js');
    for (const { rule } of registry) expect(existsSync(path.join(import.meta.dirname, '..', ruleUrl(rule.id))), rule.id).toBe(true);
    const root = await repository();
    const { checkFramework } = await import('../src/engine/pipeline.js');
    const result = await checkFramework(path.join(root, 'practices'), undefined);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const d of result.diagnostics) expect(existsSync(path.join(import.meta.dirname, '..', d.url ?? '')), d.url).toBe(true);
  });
});

describe('item 5: fmt takes a project folder too', () => {
  it('gctf fmt --check my-framework right after gctf init my-framework', async () => {
    const parent = scratch();
    expect((await runCli(['init', 'my-framework'], { cwd: parent })).code).toBe(0);
    const run = await runCli(['fmt', '--check', 'my-framework'], { cwd: parent });
    expect(run.stderr).toBe('gctf: 2 drafts already formatted\n');
    expect(run.code).toBe(0);
  });
});
