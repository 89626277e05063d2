import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elements, hasClass, hasJava, NO_JAVA, parseHtmlFiles, validateHtml, visibleText, type HtmlElement } from './helpers/html-tree.js';
import { runCli, type CliRun } from './helpers/run-cli.js';
import { BUNDLED, LANGS, makeHistory, type DiffHistory } from './diff-fixture.js';

const SLUG = 'homegrown-terrorism-good-practices';
const file = (out: string, lang: string, ext: string) => path.join(out, `${SLUG}.redline${lang === 'en' ? '' : `.${lang}`}.${ext}`);
const hasPandoc = spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).error === undefined;
const NO_PANDOC = 'pandoc is not on PATH: skipping the tests that read the redline Word files with it (apt-get install pandoc)';
if (!hasPandoc) console.warn(`diff.test.ts: ${NO_PANDOC}`);
if (!hasJava) console.warn(`diff.test.ts: ${NO_JAVA}`);
const soffice = ['soffice', 'libreoffice'].find((name) => spawnSync(name, ['--version'], { stdio: 'ignore' }).error === undefined);
if (!soffice) console.warn('diff.test.ts: LibreOffice is not on PATH: skipping the check that it opens the redline and lists its changes (apt-get install libreoffice-writer)');

interface JsonChange {
  kind: string;
  target: string;
  id: string;
  lang?: string;
  oldNumber?: number;
  newNumber?: number;
  hunks?: { before: string; removed: string; added: string }[];
}

/** Changes as `kind id [lang]` lines, sorted: what the reports must hold exactly. */
const lines = (changes: readonly JsonChange[]) => changes.filter((c) => c.kind !== 'renumbered').map((c) => `${c.kind} ${c.target} ${c.id}${c.lang ? ` ${c.lang}` : ''}`).sort();

describe('gctf diff HEAD~1 on the bundled framework with one round of edits', () => {
  let history: DiffHistory;
  let out: string;
  let run: CliRun;
  let expected: string[];
  beforeAll(async () => {
    history = makeHistory();
    out = path.join(history.root, 'redline');
    run = await runCli(['diff', 'HEAD~1', '--format', 'all', '--out', out, '--reporter', 'json', '--author', 'Rabat Review'], { cwd: history.root });
    const e = history.edits;
    expected = [
      `added practice ${e.added}`,
      `withdrawn practice ${e.withdrawn}`,
      `moved practice ${e.moved}`,
      ...LANGS.flatMap((lang) => [`text practice ${e.textEdited} ${lang}`, `text practice ${e.footnoteEdited} ${lang}`]),
    ].sort();
  }, 120_000);
  afterAll(() => history?.remove());

  it('reports exactly the edits, and exits 1', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { changes: JsonChange[]; counts: Record<string, number>; renumbering: { id: string }[]; new: { name: string } };
    expect(lines(report.changes)).toEqual(expected);
    expect(report.counts).toMatchObject({ added: 1, withdrawn: 1, moved: 1, retitled: 0, status: 0, text: 2 });
    // The reflowed practice is no change, and renumbering touches only numbers.
    expect(report.changes.some((c) => c.id === history.edits.reflowed && c.kind !== 'renumbered')).toBe(false);
    for (const c of report.changes.filter((c) => c.kind === 'renumbered')) expect(c.oldNumber).not.toBe(c.newNumber);
    expect(report.renumbering.length).toBeGreaterThan(0);
    // The text changes are the words added, nothing else.
    for (const lang of LANGS) {
      const text = report.changes.find((c) => c.kind === 'text' && c.id === history.edits.textEdited && c.lang === lang);
      expect(text?.hunks?.some((h) => h.added.trim() === history.edits.addedWords[lang] && h.removed === '')).toBe(true);
      const note = report.changes.find((c) => c.kind === 'text' && c.id === history.edits.footnoteEdited && c.lang === lang);
      expect(note?.hunks).toEqual([expect.objectContaining({ removed: '', added: ' (2025 edition)' })]);
    }
  });

  it('finds the same changes when it only summarizes (and parses as gctf check does)', async () => {
    const summary = await runCli(['diff', 'HEAD~1', '--reporter', 'json'], { cwd: history.root });
    expect(summary.code).toBe(1);
    const strip = (text: string) => (JSON.parse(text) as { changes: JsonChange[] }).changes;
    expect(strip(summary.stdout)).toEqual(strip(run.stdout));
  }, 60_000);

  it('writes the same bytes every time', async () => {
    const again = path.join(history.root, 'redline-again');
    await runCli(['diff', 'HEAD~1', '--format', 'all', '--out', again, '--reporter', 'json', '--author', 'Rabat Review'], { cwd: history.root });
    const names = readdirSync(out).sort();
    expect(names).toHaveLength(12);
    expect(readdirSync(again).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(path.join(again, name)).equals(readFileSync(path.join(out, name))), name).toBe(true);
  }, 60_000);

  it('prints a terminal summary and a GitHub summary of the same changes', async () => {
    const pretty = await runCli(['diff', 'HEAD~1'], { cwd: history.root });
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toContain('1 added, 1 withdrawn, 1 moved');
    expect(pretty.stdout).toContain(`(${history.edits.added})`);
    expect(pretty.stdout).toMatch(/renumbered: \d+ → \d+/);
    const github = await runCli(['diff', 'HEAD~1'], { cwd: history.root, env: { GITHUB_ACTIONS: 'true' } });
    expect(github.stdout).toMatch(/^### gctf diff: `HEAD~1` → `working tree`/);
    expect(github.stdout).toContain('| added | 1 |');
    expect(github.stdout).toContain('<summary>Renumbering');
    expect(github.stdout).toContain(`**${history.edits.addedWords.en.replace(/\./g, '.')}**`);
    const same = await runCli(['diff', 'HEAD', 'HEAD'], { cwd: history.root });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('no substantive changes');
  }, 60_000);

  it('writes the JSON of each language with the same changes', () => {
    for (const lang of LANGS) {
      const data = JSON.parse(readFileSync(file(out, lang, 'json'), 'utf8')) as { changes: JsonChange[]; language: string };
      expect(data.language).toBe(lang);
      expect(lines(data.changes).map((l) => l.replace(/ (en|fr|ar)$/, ''))).toEqual([...new Set(expected.filter((l) => !/ (en|fr|ar)$/.test(l) || l.endsWith(` ${lang}`)).map((l) => l.replace(/ (en|fr|ar)$/, '')))].sort());
    }
  });

  it('marks CriticMarkup only in the practices that changed, in every language', () => {
    const e = history.edits;
    for (const lang of LANGS) {
      const md = readFileSync(file(out, lang, 'md'), 'utf8');
      const chunks = md.split(/^(?=### )/m).slice(1);
      const changed = chunks.filter((chunk) => /\{\+\+|\{--/.test(chunk));
      // Added; withdrawn and moved away (deleted where they stood); moved here; two text edits.
      expect(changed.length, lang).toBe(6);
      expect(md).toContain(`{++ ${e.addedWords[lang]}++}`);
      expect(md).toContain('{++ (2025 edition)++}');
      expect(md.match(/\{~~|\{--|\{\+\+/g)?.length).toBeGreaterThan(6);
    }
  });

  it('marks the HTML only where the practices changed, with a summary linking to each change', () => {
    const e = history.edits;
    const pages = parseHtmlFiles(LANGS.map((lang) => file(out, lang, 'html')));
    for (const [i, lang] of LANGS.entries()) {
      const page = pages[i] as HtmlElement;
      expect(page.attrs.lang).toBe(lang);
      expect(page.attrs.dir).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      const articles = elements(page).filter((el) => el.tag === 'article');
      const marked = articles.filter((a) => elements(a).some((el) => el.tag === 'ins' || el.tag === 'del')).map((a) => a.attrs.id);
      expect(marked.sort(), lang).toEqual([e.added, `was-${e.withdrawn}`, `was-${e.moved}`, e.moved, e.textEdited, e.footnoteEdited].sort());
      const barred = articles.filter((a) => hasClass(a, 'rl-changed') || hasClass(a, 'rl-ins') || hasClass(a, 'rl-del')).map((a) => a.attrs.id);
      expect(barred.sort()).toEqual(marked.sort());
      const ids = new Set(elements(page).map((el) => el.attrs.id).filter(Boolean));
      const summary = elements(page).find((el) => el.tag === 'header') as HtmlElement;
      const links = elements(summary).filter((el) => el.tag === 'a').map((a) => a.attrs.href ?? '');
      expect(links.length).toBeGreaterThan(5);
      for (const href of links) expect(ids.has(href.slice(1)), href).toBe(true);
      expect(visibleText(summary)).toContain('Renumbering');
      const inserted = elements(articles.find((a) => a.attrs.id === e.textEdited) as HtmlElement).filter((el) => el.tag === 'ins');
      expect(inserted.map(visibleText)).toContain(e.addedWords[lang]);
    }
  });

  it.skipIf(!hasJava)('writes HTML that passes the Nu HTML Checker', () => {
    expect(validateHtml(LANGS.map((lang) => file(out, lang, 'html')))).toEqual([]);
  }, 120_000);

  it('writes Word revisions each with a unique id, the author and the commit date', () => {
    for (const lang of LANGS) {
      const xml = new TextDecoder().decode(unzipSync(readFileSync(file(out, lang, 'docx')))['word/document.xml']);
      const revisions = [...xml.matchAll(/<w:(ins|del) ([^>]*?)\/?>/g)].map((m) => m[2] as string);
      expect(revisions.length).toBeGreaterThan(10);
      const ids = revisions.map((attrs) => /w:id="(\d+)"/.exec(attrs)?.[1]);
      expect(new Set(ids).size).toBe(ids.length);
      for (const attrs of revisions) {
        expect(attrs).toContain('w:author="Rabat Review"');
        expect(attrs).toContain('w:date="2026-03-02T10:00:00Z"');
      }
      expect(xml).toContain('<w:delText');
      // Renumbering stays in the fields: no revision holds a SEQ field of a practice kept in place.
      expect(xml).toMatch(/SEQ GoodPractice/);
    }
  });

  it.skipIf(!hasPandoc)("accepting every change gives the new build's text, rejecting every change the old build's (pandoc)", async () => {
    const old = path.join(history.root, 'old-tree');
    execFileSync('git', ['worktree', 'add', '-q', old, 'HEAD~1'], { cwd: history.root, stdio: 'ignore' });
    const builds = { old: path.join(history.root, 'old-build'), new: path.join(history.root, 'new-build') };
    expect((await runCli(['build', path.join(old, 'practices'), '--format', 'docx', '--out', builds.old], { cwd: history.root })).code).toBe(0);
    expect((await runCli(['build', history.folder, '--format', 'docx', '--out', builds.new], { cwd: history.root })).code).toBe(0);
    const plain = (docx: string, track?: 'accept' | 'reject') =>
      execFileSync('pandoc', [...(track ? [`--track-changes=${track}`] : []), '-t', 'plain', '--wrap=none', docx]).toString('utf8');
    for (const lang of LANGS) {
      const redline = file(out, lang, 'docx');
      const build = (side: 'old' | 'new') => path.join(builds[side], `${SLUG}${lang === 'en' ? '' : `.${lang}`}.docx`);
      const accepted = plain(redline, 'accept');
      const firstHeading = accepted.split('\n')[0] as string;
      expect(comparable(accepted, firstHeading), `${lang} accept`).toBe(comparable(plain(build('new')), firstHeading));
      expect(comparable(plain(redline, 'reject'), firstHeading), `${lang} reject`).toBe(comparable(plain(build('old')), firstHeading));
    }
  }, 240_000);

  it.skipIf(!soffice)('opens in LibreOffice, which lists the tracked changes', () => {
    // LibreOffice converts the file to its own format; the tracked changes come through as its own.
    const target = mkdtempSync(path.join(os.tmpdir(), 'gctf-diff-lo-'));
    try {
      execFileSync(soffice as string, ['--headless', '--convert-to', 'fodt', '--outdir', target, file(out, 'en', 'docx')], { stdio: 'ignore', timeout: 120_000 });
      const fodt = readFileSync(path.join(target, `${SLUG}.redline.fodt`), 'utf8');
      expect(fodt).toContain('<text:tracked-changes');
      expect((fodt.match(/<text:changed-region/g) ?? []).length).toBeGreaterThan(10);
      expect(fodt).toContain('<text:deletion>');
      expect(fodt).toContain('<text:insertion>');
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  }, 180_000);
});

/**
 * A Word file's text as pandoc reads it, from the first front part's heading on (after the cover
 * and the contents), for comparing. White space and list markers are left out, and so are the
 * numbers of practices: those are Word fields, whose cached results pandoc shows as written and
 * which Word recomputes when it updates fields. So are table rules: pandoc keeps the empty grid of
 * a table whose rows are all tracked as deleted (Word removes the rows).
 */
function comparable(text: string, firstHeading: string): string {
  const all = text.split('\n');
  let start = all.indexOf(firstHeading);
  if (all.indexOf(firstHeading, start + 1) >= 0) start = all.indexOf(firstHeading, start + 1);
  // Direction marks and isolates (U+200E, U+200F, U+2066–U+2069) are invisible marks around
  // numbers in right-to-left text, which the redline's own frame (its cover, its notes) does not
  // need to repeat.
  const body = all.slice(start).join(' ').replace(/[\u200E\u200F\u2066-\u2069]/g, '').replace(/\s+/g, ' ');
  return body
    .replace(/(Good Practice|Bonne pratique|الممارسة الجيدة) [0-9٠-٩]+/g, '#')
    .split(' ')
    .filter((word) => !/^(-|\d+\.|[a-z]\)|[-=+|:]{3,}|)$/.test(word))
    .join('');
}

describe('what is not a change', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'gctf-diff-noise-'));
    cpSync(BUNDLED, path.join(root, 'old'), { recursive: true });
    cpSync(BUNDLED, path.join(root, 'new'), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a practice inserted at the front is one added practice, the others renumbered, with no text change', async () => {
    const folder = path.join(root, 'new');
    const section = 'prevention';
    writeFileSync(path.join(folder, section, 'first-of-all.md'), '---\ntitle: Start with the basics\nstatus: draft\norder: -1000\n---\n\nAuthorities should start with the basics.\n');
    // Style, white space and line breaks are no change either.
    for (const name of readdirSync(path.join(folder, section)).filter((f) => f.endsWith('.md'))) {
      const full = path.join(folder, section, name);
      const text = readFileSync(full, 'utf8');
      const end = text.indexOf('\n---\n', 4) + 5;
      const body = text
        .slice(end)
        .replace(/\b_([^_\n]+)_\b/g, '*$1*')
        .replace(/\. /g, '.  ')
        .replace(/, /g, ',\n');
      writeFileSync(full, text.slice(0, end) + body);
    }
    const run = await runCli(['diff', path.join(root, 'old'), folder, '--reporter', 'json'], { cwd: root });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { changes: JsonChange[]; counts: Record<string, number> };
    expect(lines(report.changes)).toEqual(['added practice first-of-all']);
    expect(report.counts.renumbered).toBeGreaterThan(10);
    expect(run.code).toBe(1);
  }, 60_000);
});

describe('a word replaced', () => {
  it('reads as one substitution in CriticMarkup, and as one hunk', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gctf-diff-word-'));
    try {
      cpSync(BUNDLED, path.join(root, 'old'), { recursive: true });
      cpSync(BUNDLED, path.join(root, 'new'), { recursive: true });
      const draft = path.join(root, 'new', 'prevention', 'community-trust.md');
      const text = readFileSync(draft, 'utf8');
      const end = text.indexOf('\n---\n', 4) + 5;
      const body = text.slice(end);
      const word = /\b(communities|community|authorities|police)\b/.exec(body)?.[1] as string;
      writeFileSync(draft, text.slice(0, end) + body.replace(word, 'neighbourhoods'));
      const out = path.join(root, 'out');
      const run = await runCli(['diff', path.join(root, 'old'), path.join(root, 'new'), '--reporter', 'json', '--format', 'md', '--lang', 'en', '--out', out], { cwd: root });
      const report = JSON.parse(run.stdout) as { changes: JsonChange[] };
      expect(lines(report.changes)).toEqual(['text practice community-trust en']);
      expect(report.changes[0]?.hunks).toEqual([expect.objectContaining({ removed: word, added: 'neighbourhoods' })]);
      expect(readFileSync(path.join(out, `${SLUG}.redline.md`), 'utf8')).toContain(`{~~${word}~>neighbourhoods~~}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("the manifest's facts", () => {
  it('a new title is the document retitled, in each language it changed in', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gctf-diff-title-'));
    try {
      cpSync(BUNDLED, path.join(root, 'old'), { recursive: true });
      cpSync(BUNDLED, path.join(root, 'new'), { recursive: true });
      const manifest = path.join(root, 'new', 'framework.yaml');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^(title:\n  en: )(.*)$/m, '$1$2 (Revised)'));
      const run = await runCli(['diff', path.join(root, 'old'), path.join(root, 'new'), '--reporter', 'json'], { cwd: root });
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { changes: (JsonChange & { title?: string })[] };
      expect(lines(report.changes)).toEqual(['retitled document title en']);
      expect(report.changes[0]?.title).toMatch(/ \(Revised\)$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('bad input', () => {
  let history: DiffHistory;
  beforeAll(() => {
    history = makeHistory();
  }, 60_000);
  afterAll(() => history?.remove());
  const outOf = () => path.join(history.root, 'bad-out');

  it('an unknown revision: one line, exit 2, nothing written', async () => {
    const run = await runCli(['diff', 'no-such-tag', '--format', 'all', '--out', outOf()], { cwd: history.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gctf: unknown revision "no-such-tag"[^\n]*\n$/);
    expect(existsSync(outOf())).toBe(false);
  });

  it('a revision without the framework: one line, exit 2, nothing written', async () => {
    const emptyTree = execFileSync('git', ['hash-object', '-t', 'tree', '/dev/null'], { cwd: history.root }).toString().trim();
    const env = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@e' };
    const empty = execFileSync('git', ['commit-tree', emptyTree, '-m', 'empty'], { cwd: history.root, env }).toString().trim();
    const run = await runCli(['diff', empty, '--format', 'html', '--out', outOf()], { cwd: history.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gctf: no framework at [0-9a-f]+: practices\/framework\.yaml does not exist in that revision\n$/);
    expect(existsSync(outOf())).toBe(false);
  });

  it('a side that does not check clean: its diagnostics, exit 1, nothing written', async () => {
    const broken = path.join(history.root, 'broken');
    cpSync(history.folder, broken, { recursive: true });
    const draft = path.join(broken, history.edits.addedSection, `${history.edits.added}.md`);
    writeFileSync(draft, `${readFileSync(draft, 'utf8')}\nSee [](#no-such-practice).\n`);
    const run = await runCli(['diff', 'HEAD', broken, '--format', 'html', '--out', outOf()], { cwd: history.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the new version (');
    expect(run.stderr).toContain('unknown-reference');
    expect(existsSync(outOf())).toBe(false);
  });

  it('two unrelated frameworks: one line, exit 2, nothing written', async () => {
    const other = path.join(history.root, 'other');
    expect((await runCli(['init', other], { cwd: history.root })).code).toBe(0);
    const run = await runCli(['diff', history.folder, path.join(other, 'practices'), '--format', 'md', '--out', outOf()], { cwd: history.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gctf: [^\n]* are unrelated frameworks: no practice or section id in common\n$/);
    expect(existsSync(outOf())).toBe(false);
  });

  it('an unknown format or language: exit 2', async () => {
    expect((await runCli(['diff', 'HEAD', '--format', 'pdf'], { cwd: history.root })).code).toBe(2);
    expect((await runCli(['diff', 'HEAD', '--lang', 'de'], { cwd: history.root })).code).toBe(2);
  });
});
