import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkModel } from '../src/check/check-model.js';
import { translations, translationsDiff, translationsStamp } from '../src/commands/translations.js';
import { loadFramework } from '../src/engine/pipeline.js';
import { sourceHash } from '../src/parse/parse-draft.js';
import { diffLines, unifiedDiff } from '../src/translations/line-diff.js';
import { setSourceHash, SetSourceHashError } from '../src/translations/set-source-hash.js';
import { copyFixture, removeTemporaryFolders, runCommand, temporaryFolder } from './helpers/run-command.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'translations');
const STATUS = path.join(FIXTURES, 'status');
const STAMP = path.join(FIXTURES, 'stamp');
const ALL_OK = path.join(import.meta.dirname, 'fixtures', 'rules', 'stale-translation', 'pass');

afterAll(removeTemporaryFolders);

/** The hash FORMAT.md defines, computed here independently of gctf's reader: body after `---`. */
function hashOfFile(file: string): string {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const match = /^---\n[\s\S]*?\n---\n/.exec(text);
  if (!match) throw new Error(`no frontmatter in ${file}`);
  return sourceHash(text.slice(match[0].length));
}

function staleFiles(diagnostics: readonly { ruleId?: string | undefined; file: string }[]): string[] {
  return diagnostics.filter((d) => d.ruleId === 'stale-translation').map((d) => d.file);
}

describe('gctf translations (status)', () => {
  it('prints one row per practice and part, one column per language, and totals', async () => {
    const run = await runCommand((io) => translations({ dir: STATUS }, io), { cwd: STATUS });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'id                       kind           fr       ar       file',
        '-----------------------  -------------  -------  -------  -----------------------------',
        'introduction             front          ok       ok       introduction.md',
        'prevention-introduction  section-intro  ok       missing  prevention/_section.md',
        'community-trust          practice       ok       stale    prevention/community-trust.md',
        'early-referral           practice       stale    missing  prevention/early-referral.md',
        'signals                  practice       ok       ok       detection/signals.md',
        'closing                  back           missing  missing  closing.md',
        '-----------------------  -------------  -------  -------  -----------------------------',
        'total ok                                4        2',
        'total stale                             1        1',
        'total missing                           1        3',
        '',
        'fr: 70% of 43 words current, 12% stale, 18% missing',
        'ar: 33% of 43 words current, 28% stale, 39% missing',
        '',
        'fr: 1 stale, 1 missing; ar: 1 stale, 3 missing. `gctf translations diff <file>` shows what changed in a stale translation\'s source.',
        '',
      ].join('\n'),
    );
  });

  it('prints the documented JSON, with withdrawn practices left out', async () => {
    const run = await runCommand((io) => translations({ dir: STATUS, json: true }, io), { cwd: STATUS });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['languages', 'rows', 'totals', 'words']);
    expect(report.languages).toEqual(['fr', 'ar']);
    expect(report.rows.map((r: { id: string; kind: string }) => `${r.kind}:${r.id}`)).toEqual([
      'front:introduction',
      'section-intro:prevention-introduction',
      'practice:community-trust',
      'practice:early-referral',
      'practice:signals',
      'back:closing',
    ]);
    expect(report.rows[3]).toEqual({ id: 'early-referral', kind: 'practice', file: 'prevention/early-referral.md', status: { fr: 'stale', ar: 'missing' }, words: 5 });
    expect(report.totals).toEqual({ fr: { ok: 4, stale: 1, missing: 1 }, ar: { ok: 2, stale: 1, missing: 3 } });
    // Words: each row's source words, added up per language by where its translation stands.
    const words = (lang: string, state: string) =>
      report.rows.filter((r: { status: Record<string, string> }) => r.status[lang] === state).reduce((n: number, r: { words: number }) => n + r.words, 0);
    expect(report.words).toEqual({
      fr: { ok: words('fr', 'ok'), stale: words('fr', 'stale'), missing: words('fr', 'missing') },
      ar: { ok: words('ar', 'ok'), stale: words('ar', 'stale'), missing: words('ar', 'missing') },
    });
    expect(report.words.fr).toEqual({ ok: 30, stale: 5, missing: 8 });
  });

  it('--fail-on chooses which states fail the command, for CI', async () => {
    const code = async (failOn: ('ok' | 'stale' | 'missing')[]) => (await runCommand((io) => translations({ dir: STATUS, failOn }, io), { cwd: STATUS })).code;
    expect(await code([])).toBe(0);
    expect(await code(['missing'])).toBe(1);
    expect(await code(['stale'])).toBe(1);
    const allOk = await runCommand((io) => translations({ dir: ALL_OK, failOn: ['stale', 'missing'] }, io), { cwd: ALL_OK });
    expect(allOk.code).toBe(0);
    expect(allOk.stdout).toMatch(/\nfr: 100% of \d+ words current, 0% stale, 0% missing\n/);
  });

  it('agrees with the stale-translation and missing-translation rules', async () => {
    const model = await loadFramework(STATUS);
    const { diagnostics } = checkModel(model);
    const run = await runCommand((io) => translations({ dir: STATUS, json: true }, io), { cwd: STATUS });
    const totals = JSON.parse(run.stdout).totals as Record<string, { stale: number; missing: number }>;
    const sum = (key: 'stale' | 'missing') => Object.values(totals).reduce((n, t) => n + t[key], 0);
    expect(sum('stale')).toBe(diagnostics.filter((d) => d.ruleId === 'stale-translation').length);
    expect(sum('missing')).toBe(diagnostics.filter((d) => d.ruleId === 'missing-translation').length);
  });

  it('exits 0 when every translation is up to date', async () => {
    const run = await runCommand((io) => translations({}, io), { cwd: ALL_OK });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\ncommunity-trust  practice  ok  prevention/community-trust.md\n');
    expect(run.stdout).toContain('All 1 translations up to date.');
  });

  it('colours the states only on a terminal, and never with NO_COLOR', async () => {
    const tty = await runCommand((io) => translations({ dir: STATUS }, io), { cwd: STATUS, isTTY: true });
    expect(tty.stdout).toContain('\u001B[33mstale\u001B[0m');
    expect(tty.stdout).toContain('\u001B[31mmissing\u001B[0m');
    const noColor = await runCommand((io) => translations({ dir: STATUS }, io), { cwd: STATUS, isTTY: true, env: { NO_COLOR: '' } });
    expect(noColor.stdout).not.toContain('\u001B[');
  });

  it('exits 2 when there is no framework folder', async () => {
    const run = await runCommand((io) => translations({ dir: 'nowhere' }, io), { cwd: temporaryFolder() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gctf: No framework folder: .*nowhere does not exist/);
  });
});

describe('gctf translations stamp', () => {
  /** Stamps one file of a fresh copy of the stamp fixture; returns the bytes before and after. */
  async function stampCopy(name: string, transform?: (text: string) => string) {
    const dir = copyFixture(STAMP);
    const file = path.join(dir, 'prevention', name);
    if (transform) writeFileSync(file, transform(readFileSync(file, 'utf8')));
    const before = readFileSync(file);
    const hash = hashOfFile(path.join(dir, 'prevention', name.replace(/\.fr\.md$/, '.md')));
    const run = await runCommand((io) => translationsStamp({ files: [`prevention/${name}`] }, io), { cwd: dir });
    return { dir, file, before, after: readFileSync(file), hash, run };
  }

  const crlf = (text: string) => text.replace(/\n/g, '\r\n');

  it.each([
    ['plain.fr.md', 'source-hash: 00000000  #', (h: string) => `source-hash: ${h}  #`, '00000000', undefined],
    ['double.fr.md', 'source-hash: "0000abcd"', (h: string) => `source-hash: "${h}"`, '0000abcd', undefined],
    ['single.fr.md', "source-hash: '0000abcd'", (h: string) => `source-hash: '${h}'`, '0000abcd', undefined],
    ['numeric.fr.md', 'source-hash: 1234e567', (h: string) => `source-hash: ${h}`, '1234e567', undefined],
    ['plain.fr.md', 'source-hash: 00000000  #', (h: string) => `source-hash: ${h}  #`, '00000000', crlf],
    ['double.fr.md', 'source-hash: "0000abcd"', (h: string) => `source-hash: "${h}"`, '0000abcd', (t: string) => `\uFEFF${crlf(t)}`],
  ])('replaces only the value of an existing key (%s, %s)', async (name, oldText, newText, was, transform) => {
    const { before, after, hash, run, dir } = await stampCopy(name, transform);
    expect(run).toEqual({ code: 0, stdout: `stamped prevention/${name}: ${hash} (was ${was})\n`, stderr: '' });
    const text = before.toString('utf8');
    expect(text.split(oldText)).toHaveLength(2);
    expect(after.equals(Buffer.from(text.replace(oldText, newText(hash)), 'utf8'))).toBe(true);
    expect(staleFiles(checkModel(await loadFramework(dir)).diagnostics)).not.toContain(`prevention/${name}`);
  });

  it.each([
    ['LF', (t: string) => t, '\n'],
    ['CRLF', crlf, '\r\n'],
  ])('adds a missing key after the title, which may span lines (%s)', async (_, transform, eol) => {
    const { before, after, hash, run, dir } = await stampCopy('absent.fr.md', transform);
    expect(run.stdout).toBe(`stamped prevention/absent.fr.md: ${hash} (was absent)\n`);
    const title = `title: >-${eol}  Clé absente,${eol}  sur deux lignes${eol}`;
    const text = before.toString('utf8');
    expect(text).toContain(title);
    expect(after.toString('utf8')).toBe(text.replace(title, `${title}source-hash: "${hash}"${eol}`));
    expect(staleFiles(checkModel(await loadFramework(dir)).diagnostics)).not.toContain('prevention/absent.fr.md');
  });

  it('stamps several files at once, leaves no temporary file, and changes nothing on a second run', async () => {
    const dir = copyFixture(STAMP);
    const files = ['prevention/plain.fr.md', 'prevention/double.fr.md', 'prevention/single.fr.md'];
    const first = await runCommand((io) => translationsStamp({ files }, io), { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n').filter(Boolean)).toHaveLength(3);
    expect(readdirSync(path.join(dir, 'prevention')).filter((f) => !f.endsWith('.md'))).toEqual([]);
    const before = files.map((f) => readFileSync(path.join(dir, f)));
    const second = await runCommand((io) => translationsStamp({ files }, io), { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`prevention/plain.fr.md: already stamped ${hashOfFile(path.join(dir, 'prevention/plain.md'))}, unchanged\n`);
    expect(files.map((f) => readFileSync(path.join(dir, f)))).toEqual(before);
    expect(staleFiles(checkModel(await loadFramework(dir)).diagnostics)).toEqual(['prevention/absent.fr.md', 'prevention/broken.fr.md', 'prevention/numeric.fr.md']);
  });

  it('takes files relative to the current folder, from anywhere inside or outside the framework', async () => {
    const dir = copyFixture(STAMP);
    const run = await runCommand((io) => translationsStamp({ files: ['plain.fr.md', '../prevention/single.fr.md'] }, io), {
      cwd: path.join(dir, 'prevention'),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^stamped prevention\/plain\.fr\.md: .*\nstamped prevention\/single\.fr\.md: /);
    const outside = await runCommand((io) => translationsStamp({ files: ['stamp/prevention/plain.fr.md'] }, io), { cwd: path.dirname(dir) });
    expect(outside.stdout).toMatch(/^prevention\/plain\.fr\.md: already stamped/);
  });

  it('refuses, unchanged, what is not a stampable translation, and still stamps the others', async () => {
    const dir = copyFixture(STAMP);
    writeFileSync(path.join(dir, 'prevention', 'plain.es.md'), '---\ntitle: Valor\n---\n\nValor.\n');
    const loose = path.join(temporaryFolder(), 'loose.fr.md');
    writeFileSync(loose, '---\ntitle: Seul\n---\n');
    const refused = ['prevention/broken.fr.md', 'prevention/untranslated.md', 'prevention/plain.es.md', 'prevention/missing.fr.md', loose, 'framework.yaml'];
    const before = refused.map((f) => (existsSync(path.resolve(dir, f)) ? readFileSync(path.resolve(dir, f)) : undefined));
    const run = await runCommand((io) => translationsStamp({ files: [...refused, 'prevention/plain.fr.md'] }, io), { cwd: dir });
    // Paths that name no file or no translation are usage errors: 2 wins over the refusals' 1.
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^stamped prevention\/plain\.fr\.md: [0-9a-f]{8} \(was 00000000\)\n$/);
    expect(run.stderr.split('\n')).toEqual([
      'gctf: prevention/broken.fr.md:3:1: frontmatter cannot be parsed: Flow sequence in block collection must be sufficiently indented and end with a ]; expected YAML that gctf check accepts, fixed first',
      'gctf: prevention/untranslated.md: a source draft in en, not a translation; expected a translation `name.<lang>.md` (<lang> one of fr) beside its source `name.md`',
      'gctf: prevention/plain.es.md: a translation into `es`, which framework.yaml does not list in `languages` (en, fr); expected a translation `name.<lang>.md` (<lang> one of fr) beside its source `name.md`',
      'gctf: prevention/missing.fr.md: no such file; expected the path of a translation `name.<lang>.md`, relative to the current folder',
      `gctf: ${loose}: not inside a framework folder; expected framework.yaml in its folder or a folder above it`,
      `gctf: framework.yaml: not a draft of the framework in ${dir}; expected a translation \`name.<lang>.md\` (<lang> one of fr) beside its source \`name.md\``,
      '',
    ]);
    expect(refused.map((f) => (existsSync(path.resolve(dir, f)) ? readFileSync(path.resolve(dir, f)) : undefined))).toEqual(before);
  });

  it('refuses an orphan translation', async () => {
    const dir = copyFixture(STAMP);
    writeFileSync(path.join(dir, 'prevention', 'lonely.fr.md'), '---\ntitle: Seule\n---\n\nSeule.\n');
    const run = await runCommand((io) => translationsStamp({ files: ['prevention/lonely.fr.md'] }, io), { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('gctf: prevention/lonely.fr.md: a translation with no source; expected `prevention/lonely.md` beside it\n');
  });
});

describe('setSourceHash', () => {
  it('adds the key as the last line when there is no title', () => {
    expect(setSourceHash('---\n# note\ntags: [a]\n---\nBody\n', '1a2b3c4d')).toEqual({ text: '---\n# note\ntags: [a]\nsource-hash: "1a2b3c4d"\n---\nBody\n', previous: undefined });
    expect(setSourceHash('---\n---\nBody\n', '1a2b3c4d').text).toBe('---\nsource-hash: "1a2b3c4d"\n---\nBody\n');
  });

  it('fills an empty value, keeping a comment after it', () => {
    expect(setSourceHash('---\ntitle: T\nsource-hash:\n---\n', '1a2b3c4d').text).toBe('---\ntitle: T\nsource-hash: "1a2b3c4d"\n---\n');
    expect(setSourceHash('---\ntitle: T\nsource-hash:   # to do\n---\n', '1a2b3c4d').text).toBe('---\ntitle: T\nsource-hash:   "1a2b3c4d" # to do\n---\n');
  });

  it('keeps a title with a trailing comment on its own line', () => {
    expect(setSourceHash('---\r\ntitle: "T" # c\r\nstatus: draft\r\n---\r\n', 'abcdef01').text).toBe('---\r\ntitle: "T" # c\r\nsource-hash: "abcdef01"\r\nstatus: draft\r\n---\r\n');
  });

  it('refuses what it cannot edit without touching anything else', () => {
    const refuse = (text: string) => () => setSourceHash(text, '1a2b3c4d');
    expect(refuse('title: T\n')).toThrow(new SetSourceHashError('no YAML frontmatter: found `title: T` on line 1, expected the file to open with a `---` line'));
    expect(refuse('---json\n{}\n---\n')).toThrow(/found `---json` frontmatter/);
    expect(refuse('---\ntitle: T\n')).toThrow(/never closed/);
    expect(refuse('---\n{title: T}\n---\n')).toThrow(/not a block mapping/);
    expect(refuse('---\ntitle: T\nsource-hash: |\n  00000000\n---\n')).toThrow(/block scalar/);
    expect(refuse('---\ntitle: T\nsource-hash: [a]\n---\n')).toThrow(/holds a list/);
    expect(refuse('---\ntitle: T\ntitle: U\n---\n')).toThrow(/frontmatter cannot be parsed: .*\(line 3\)/);
  });
});

describe('line diff', () => {
  it('prints unified hunks with three lines of context', () => {
    const old = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm'].map((l) => `${l}\n`).join('');
    const now = old.replace('b\n', 'B\n').replace('l\n', 'l\nL2\n');
    expect(unifiedDiff(old, now, { oldLabel: 'old', newLabel: 'new' })).toBe(
      ['--- old', '+++ new', '@@ -1,5 +1,5 @@', ' a', '-b', '+B', ' c', ' d', ' e', '@@ -10,4 +10,5 @@', ' j', ' k', ' l', '+L2', ' m', ''].join('\n'),
    );
  });

  it('merges nearby changes into one hunk and separates distant ones', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join('');
    const old = lines(20);
    const near = old.replace('line 5\n', 'five\n').replace('line 10\n', 'ten\n');
    expect(unifiedDiff(old, near, { oldLabel: 'a', newLabel: 'b' }).match(/^@@/gm)).toHaveLength(1);
    const far = old.replace('line 2\n', 'two\n').replace('line 19\n', '');
    expect(unifiedDiff(old, far, { oldLabel: 'a', newLabel: 'b' })).toBe(
      [
        '--- a',
        '+++ b',
        '@@ -1,5 +1,5 @@',
        ' line 1',
        '-line 2',
        '+two',
        ' line 3',
        ' line 4',
        ' line 5',
        '@@ -16,5 +16,4 @@',
        ' line 16',
        ' line 17',
        ' line 18',
        '-line 19',
        ' line 20',
        '',
      ].join('\n'),
    );
  });

  it('handles empty texts, additions at the start and a missing final newline', () => {
    expect(unifiedDiff('same\n', 'same\n', { oldLabel: 'a', newLabel: 'b' })).toBe('');
    expect(unifiedDiff('', 'x\n', { oldLabel: 'a', newLabel: 'b' })).toBe('--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n');
    expect(unifiedDiff('x\n', '', { oldLabel: 'a', newLabel: 'b' })).toBe('--- a\n+++ b\n@@ -1 +0,0 @@\n-x\n');
    expect(unifiedDiff('x\ny\n', 'x\ny', { oldLabel: 'a', newLabel: 'b' })).toBe('--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n+y\n\\ No newline at end of file\n');
    expect(unifiedDiff('b\nc\n', 'a\nb\nc\n', { oldLabel: 'a', newLabel: 'b' })).toBe('--- a\n+++ b\n@@ -1,2 +1,3 @@\n+a\n b\n c\n');
  });

  it('colours only when asked', () => {
    const coloured = unifiedDiff('a\n', 'b\n', { oldLabel: 'a', newLabel: 'b', color: true });
    expect(coloured).toContain('\u001B[31m-a\u001B[0m');
    expect(coloured).toContain('\u001B[32m+b\u001B[0m');
  });

  it('is a shortest edit script that rebuilds both texts', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }).map((lines) => lines.map((l) => `${l}\n`).join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const edits = diffLines(a, b);
        const rebuild = (kinds: string[]) => edits.filter((e) => kinds.includes(e.kind)).map((e) => `${e.text}\n`).join('');
        expect(rebuild(['equal', 'delete'])).toBe(a);
        expect(rebuild(['equal', 'insert'])).toBe(b);
        expect(edits.filter((e) => e.kind === 'equal').length).toBe(lcsLength(a.split('\n'), b.split('\n')) - 1);
      }),
      { numRuns: 300 },
    );
  });
});

/** The length of the longest common subsequence, by the textbook table. */
function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1] ?? 0);
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

describe('gctf translations diff', () => {
  /** Runs git in a test repository, with no user or system configuration. */
  function git(cwd: string, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      env: gitEnv(cwd),
      encoding: 'utf8',
    });
  }
  function gitEnv(cwd: string): Record<string, string | undefined> {
    // The test repository must not be mistaken for one above the temporary folder.
    return { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(cwd, 'no-such-gitconfig'), GIT_CEILING_DIRECTORIES: path.dirname(cwd) };
  }

  const SOURCE = ['---', 'title: Build trust', 'status: adopted', '---', '', 'Build trust with communities.', '', 'Listen first.', '', 'More text follows here.', ''].join('\n');

  /** A repository holding `practices/` with a source and its French translation, stamped and committed. */
  function repository(): { root: string; framework: string } {
    const root = temporaryFolder('gctf-git-');
    const framework = path.join(root, 'practices');
    mkdirSync(path.join(framework, 'prevention'), { recursive: true });
    writeFileSync(path.join(framework, 'framework.yaml'), 'title: Git fixture\nlanguages: [en, fr]\nsections:\n  - id: prevention\n    title: Prevention\n');
    writeFileSync(path.join(framework, 'prevention', 'community-trust.md'), SOURCE);
    writeFileSync(
      path.join(framework, 'prevention', 'community-trust.fr.md'),
      `---\ntitle: Instaurer la confiance\nsource-hash: ${hashOfFile(path.join(framework, 'prevention', 'community-trust.md'))}\n---\n\nInstaurer la confiance.\n`,
    );
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'translate');
    return { root, framework };
  }

  it('shows what changed in the source since the version the translation records', async () => {
    const { root, framework } = repository();
    const translated = git(root, 'rev-parse', 'HEAD').trim();
    const file = path.join(framework, 'prevention', 'community-trust.md');
    writeFileSync(file, SOURCE.replace('Listen first.\n', 'Listen first, then act.\n\nReport back.\n'));
    git(root, 'commit', '-q', '-am', 'revise');
    // An uncommitted edit counts too: the diff is against the source as it is on disk.
    writeFileSync(file, readFileSync(file, 'utf8').replace('More text follows here.\n', 'More text follows here.\nAnd a last line.\n'));
    const oldHash = sourceHash(SOURCE.slice(SOURCE.indexOf('---\n', 4) + 4));
    const newHash = hashOfFile(file);

    const run = await runCommand((io) => translationsDiff({ file: 'prevention/community-trust.fr.md' }, io), { cwd: framework, env: gitEnv(root) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const short = translated.slice(0, 10);
    expect(run.stdout).toBe(
      [
        `prevention/community-trust.md changed since prevention/community-trust.fr.md was translated from commit ${short} (source-hash ${oldHash}, now ${newHash}):`,
        '',
        `--- prevention/community-trust.md\t${short} (source-hash ${oldHash})`,
        `+++ prevention/community-trust.md\tnow (source-hash ${newHash})`,
        '@@ -1,6 +1,9 @@',
        ' ',
        ' Build trust with communities.',
        ' ',
        '-Listen first.',
        '+Listen first, then act.',
        '+',
        '+Report back.',
        ' ',
        ' More text follows here.',
        '+And a last line.',
        '',
      ].join('\n'),
    );
  });

  it('says so when the translation is up to date', async () => {
    const { root, framework } = repository();
    const run = await runCommand((io) => translationsDiff({ file: 'practices/prevention/community-trust.fr.md' }, io), { cwd: root, env: gitEnv(root) });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`prevention/community-trust.fr.md is up to date: prevention/community-trust.md still hashes to ${hashOfFile(path.join(framework, 'prevention', 'community-trust.md'))}.\n`);
  });

  it('says so when no committed version matches the recorded hash', async () => {
    const { root, framework } = repository();
    const translation = path.join(framework, 'prevention', 'community-trust.fr.md');
    writeFileSync(translation, readFileSync(translation, 'utf8').replace(/source-hash: \w+/, 'source-hash: 00000000'));
    const run = await runCommand((io) => translationsDiff({ file: 'prevention/community-trust.fr.md' }, io), { cwd: framework, env: gitEnv(root) });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "gctf: no committed version of prevention/community-trust.md hashes to 00000000 (1 commit searched); expected the translation's `source-hash` to name a committed version of its source\n",
    );
  });

  it('says so when the source is not tracked', async () => {
    const { root, framework } = repository();
    writeFileSync(path.join(framework, 'prevention', 'new.md'), '---\ntitle: New\nstatus: draft\n---\n\nNew.\n');
    writeFileSync(path.join(framework, 'prevention', 'new.fr.md'), '---\ntitle: Nouveau\nsource-hash: 00000000\n---\n\nNouveau.\n');
    const run = await runCommand((io) => translationsDiff({ file: 'prevention/new.fr.md' }, io), { cwd: framework, env: gitEnv(root) });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'gctf: prevention/new.md has no commits in git history; expected it tracked (git add prevention/new.md && git commit) before its translations are compared\n',
    );
  });

  it('says so when there is no git repository', async () => {
    const dir = copyFixture(STATUS);
    const run = await runCommand((io) => translationsDiff({ file: 'prevention/community-trust.ar.md' }, io), { cwd: dir, env: gitEnv(dir) });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `gctf: no git repository at ${dir} (nor above it); expected the framework in a git repository, whose history holds the version that was translated\n`,
    );
  });

  it('says so when the translation records no hash', async () => {
    const dir = copyFixture(STATUS);
    const run = await runCommand((io) => translationsDiff({ file: 'prevention/early-referral.fr.md' }, io), { cwd: dir, env: gitEnv(dir) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^gctf: prevention\/early-referral\.fr\.md: no `source-hash`, so the version of prevention\/early-referral\.md it translates is unknown; expected/);
  });
});
