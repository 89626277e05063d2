import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import { expect } from 'vitest';
import { runCli, type CliRun } from './run-cli.js';

/** The hostile fixtures: one framework folder per class of bad input. */
export const HOSTILE = path.join(import.meta.dirname, '..', 'fixtures', 'hostile');

/** How long one command may take on any input up to 20 MB (issue 8). */
export const TIME_LIMIT_MS = 10_000;

/** Whether poppler's `pdftotext` is installed: PDF text checks are skipped without it. */
export const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

const created: string[] = [];

/** A fresh temporary folder, removed by `removeScratch`. */
export function scratch(prefix = 'gctf-hostile-'): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(folder);
  return folder;
}

/** Removes every folder `scratch` made (for `afterAll`). */
export function removeScratch(): void {
  for (const folder of created.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** Copies a hostile fixture into a fresh temporary folder and returns the copy's path. */
export function copyHostile(name: string): string {
  const copy = path.join(scratch(), name);
  cpSync(path.join(HOSTILE, name), copy, { recursive: true });
  return copy;
}

/**
 * The SHA-256 of every file under `folder`, by relative path. Symbolic links are not followed:
 * their target path is hashed, so a link that was changed or followed and written through shows.
 */
export function hashTree(folder: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      const relative = path.relative(folder, file);
      const stats = lstatSync(file);
      if (stats.isSymbolicLink()) hashes[relative] = `link:${readlinkSync(file)}`;
      else if (stats.isDirectory()) walk(file);
      else hashes[relative] = createHash('sha256').update(readFileSync(file)).digest('hex');
    }
  };
  walk(folder);
  return hashes;
}

/** A command run, with how long it took. */
export interface TimedRun extends CliRun {
  readonly argv: readonly string[];
  readonly ms: number;
}

/** Runs gctf in-process and asserts what every run on any input must satisfy. */
export async function runGuarded(argv: string[], options: { cwd?: string } = {}): Promise<TimedRun> {
  const start = performance.now();
  const run = await runCli(argv, { cwd: options.cwd });
  const ms = performance.now() - start;
  const label = `gctf ${argv.join(' ')}\n${run.stderr}${run.stdout.slice(0, 2000)}`;
  expect(run.stderr, label).not.toContain('internal error');
  expect(`${run.stderr}${run.stdout}`, label).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  expect(ms, `${label}\ntook ${Math.round(ms)} ms`).toBeLessThan(TIME_LIMIT_MS);
  return { ...run, argv, ms };
}

/** One diagnostic as the reporters print it. */
export interface Reported {
  readonly file: string;
  readonly line: number;
  readonly severity: string;
  readonly ruleId: string;
}

/** The diagnostics of `gctf check --reporter json --no-cache`, with the run. */
export async function checkJson(folder: string): Promise<{ run: TimedRun; diagnostics: Reported[] }> {
  // Run from the framework folder, so that the paths reported (relative to the current folder) are
  // the framework's own, as the expectations write them.
  const run = await runGuarded(['check', folder, '--reporter', 'json', '--no-cache'], { cwd: folder });
  const report = JSON.parse(run.stdout) as { diagnostics: Reported[]; errorCount: number };
  expect(run.code).toBe(report.errorCount > 0 ? 1 : 0);
  return { run, diagnostics: report.diagnostics };
}

/** Reads the pretty report (`file` on its own line, then `  line:column  severity  message  rule`). */
export function parsePretty(text: string): Reported[] {
  const found: Reported[] = [];
  let file = '';
  for (const line of text.split('\n')) {
    const match = /^\s+(\d+):\d+\s+(error|warning)\s+.*\s(\S+)$/.exec(line);
    if (match) found.push({ file, line: Number(match[1]), severity: match[2] ?? '', ruleId: match[3] ?? '' });
    else if (/^\S/.test(line) && !line.startsWith('✖') && !line.startsWith('gctf:')) file = line.trim();
  }
  return found;
}

/** The expected finding, written `file:line rule-id`. */
export type Expectation = `${string}:${number} ${string}`;

function matches(found: readonly Reported[], expected: Expectation): boolean {
  const match = /^(.*):(\d+) (\S+)$/.exec(expected);
  if (!match) throw new Error(`bad expectation ${expected}`);
  // Reports name files relative to the current folder; expectations, relative to the framework's.
  return found.some((d) => (d.file === match[1] || d.file.endsWith(`/${match[1]}`)) && d.line === Number(match[2]) && d.ruleId === match[3]);
}

/** Asserts that every expected finding is among those reported. */
export function expectFindings(found: readonly Reported[], expected: readonly Expectation[], context = ''): void {
  const shown = found.map((d) => `${d.file}:${d.line} ${d.ruleId} (${d.severity})`).join('\n');
  for (const e of expected) expect(matches(found, e), `${context}expected ${e} among:\n${shown}`).toBe(true);
}

/** What `runEveryCommand` saw. */
export interface EveryCommand {
  readonly check: TimedRun;
  readonly diagnostics: Reported[];
  readonly list: TimedRun;
  readonly translations: TimedRun;
  readonly build: TimedRun;
  /** The build's output folder (empty when it refused). */
  readonly out: string;
  readonly outputs: readonly string[];
}

/**
 * Runs `check`, `list`, `translations` and `build` on a framework folder and asserts what holds for
 * every input: no crash, exit 0 or 1 (1 exactly when there are errors), each command under 10 s,
 * the expected findings reported with file, line and rule id by `check` and, for errors, by `list`
 * and `build` too, the sources byte-identical afterwards, and every output written valid.
 */
export async function runEveryCommand(
  folder: string,
  options: { expected?: readonly Expectation[]; formats?: readonly string[]; literals?: readonly string[] } = {},
): Promise<EveryCommand> {
  const before = hashTree(folder);
  const { run: check, diagnostics } = await checkJson(folder);
  const expected = options.expected ?? [];
  expectFindings(diagnostics, expected, 'check: ');
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  expect(check.code).toBe(hasErrors ? 1 : 0);
  const errors = expected.filter((e) => diagnostics.some((d) => d.severity === 'error' && matches([d], e)));

  const list = await runGuarded(['list', folder]);
  expect(list.code).toBe(hasErrors ? 1 : 0);
  expectFindings(parsePretty(list.stderr), errors, 'list: ');

  // `translations` prints no diagnostics (see the report of issue 8); it must still not crash.
  const translations = await runGuarded(['translations', folder]);
  expect([0, 1]).toContain(translations.code);

  const out = path.join(scratch('gctf-hostile-out-'), 'dist');
  const formats = options.formats ?? ['md', 'html', 'json', 'docx'];
  const build = await runGuarded(['build', folder, '--out', out, '--format', formats.join(',')]);
  expect([0, 1]).toContain(build.code);
  if (hasErrors) {
    expect(build.code).toBe(1);
    expectFindings(parsePretty(build.stderr), errors, 'build: ');
  } else {
    expect(build.code, build.stderr).toBe(0);
  }
  const outputs = listFiles(out);
  if (!hasErrors) expect(outputs.length).toBeGreaterThan(0);
  await expectValidOutputs(outputs, options.literals ?? []);

  expect(hashTree(folder), 'the sources are unchanged').toEqual(before);
  return { check, diagnostics, list, translations, build, out, outputs };
}

function listFiles(folder: string): string[] {
  try {
    return readdirSync(folder)
      .sort()
      .map((name) => path.join(folder, name));
  } catch {
    return [];
  }
}

/**
 * Asserts that every output is valid: HTML without script, event handler or `javascript:` URL;
 * DOCX whose every XML part is well-formed; JSON that parses; PDF whose text (pdftotext, when
 * installed) holds each of `literals`. No temporary file is left behind.
 */
export async function expectValidOutputs(files: readonly string[], literals: readonly string[] = []): Promise<void> {
  for (const file of files) {
    const name = path.basename(file);
    expect(name, 'no temporary file is left').not.toMatch(/\.tmp$/);
    const bytes = readFileSync(file);
    if (name.endsWith('.html')) expectSafeHtml(bytes.toString('utf8'), name);
    else if (name.endsWith('.json')) {
      expect(() => JSON.parse(bytes.toString('utf8')), name).not.toThrow();
      expectSafeMarkdown(bytes.toString('utf8'), name);
    }
    else if (name.endsWith('.docx')) await expectWellFormedDocx(bytes, name);
    else if (name.endsWith('.pdf')) {
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      if (hasPdftotext) {
        const text = pdfText(file);
        for (const literal of literals) expect(squash(text), `${name} shows ${literal}`).toContain(squash(literal));
      }
    } else if (name.endsWith('.md')) {
      expect(bytes.length).toBeGreaterThan(0);
      expectSafeMarkdown(bytes.toString('utf8'), name);
    }
  }
}

/**
 * Asserts that Markdown (or JSON holding it) carries no raw HTML element a renderer would obey
 * and no link to an unsafe scheme: what a draft's text says is escaped (`\\<script`, `&lt;`), and
 * code (fenced, indented or inline) is shown as code, so it is left out of the search.
 */
export function expectSafeMarkdown(text: string, name = 'markdown'): void {
  const texts = name.endsWith('.json') ? jsonStrings(JSON.parse(text) as unknown) : [text];
  for (const markdown of texts) {
    const prose = withoutCode(markdown);
    expect(prose, name).not.toMatch(/(?<![\\])<(?:script|img|iframe|object|embed|a|svg|style)\b/i);
    expect(prose, name).not.toMatch(/\]\(\s*<?\s*(?:javascript|vbscript|data|file):/i);
  }
}

/** Every string of a JSON output that holds Markdown: all but the plain-text bodies (`text`), which no renderer reads as Markdown. */
function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, field]) => (key === 'text' ? [] : jsonStrings(field)));
  return [];
}

/** Markdown without its code: fenced blocks (an unclosed one runs to the end), indented lines, code spans. */
function withoutCode(markdown: string): string {
  return markdown
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[^\n]*$|(?![\s\S]))/gm, '')
    .replace(/^(?: {4}|\t).*$/gm, '')
    .replace(/(`+)[^`]*?\1/g, '');
}

/** Asserts that a page carries no script: no `<script>`, no `on…=` handler, no `javascript:` URL. */
export function expectSafeHtml(html: string, name = 'page'): void {
  expect(html, name).not.toMatch(/<script\b/i);
  expect(html, name).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  // Inside a real tag only: draft text showing `href="javascript:…"` is escaped and harmless.
  expect(html, name).not.toMatch(/<[a-z][^>]*\s(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(?:javascript|vbscript|data:text\/html)/i);
  expect(html, name).not.toMatch(/<(?:iframe|object|embed|base|meta\s+http-equiv)\b/i);
}

/** Unzips a DOCX and asserts that every XML part is well-formed XML. */
export async function expectWellFormedDocx(bytes: Uint8Array, name = 'docx'): Promise<void> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files).filter((part) => /\.(xml|rels)$/.test(part));
  expect(parts, name).toContain('word/document.xml');
  for (const part of parts) {
    const xml = await zip.file(part)!.async('string');
    const valid = XMLValidator.validate(xml);
    expect(valid === true ? true : JSON.stringify(valid.err), `${name}: ${part}`).toBe(true);
    expect(xml, `${name}: ${part} holds no character XML forbids`).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  }
}

/** The PDF's text as pdftotext reads it. */
export function pdfText(file: string): string {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`pdftotext failed on ${file}: ${result.stderr}`);
  return result.stdout;
}

/** Text without white space, hyphens or soft breaks: found however the PDF broke its lines. */
export function squash(text: string): string {
  return text.replace(/[\s\u00AD\u200B-]+/g, '');
}

/** The peak resident memory of this test process so far, in bytes. */
export function peakMemory(): number {
  return process.resourceUsage().maxRSS * 1024;
}
