import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readInside } from '../read/read-inside.js';
import { frameworkFolderOfSource } from '../read/source-file.js';
import { ExitError, InputError, InternalError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { loadFramework } from '../engine/pipeline.js';
import { splitDraft, type SplitDraft } from '../parse/parse-draft.js';
import { decodeText } from '../read/decode-text.js';
import { findFrameworkFolder } from '../read/find-framework-folder.js';
import { findSourceVersion } from '../translations/git-history.js';
import { unifiedDiff } from '../translations/line-diff.js';
import { locateTranslation, type LocatedTranslation } from '../translations/locate-translation.js';
import { setSourceHash, SetSourceHashError } from '../translations/set-source-hash.js';
import { shares, translationStatus, type TranslationState, type TranslationStatus } from '../translations/translation-status.js';
import { readXliff, writeXliff, XliffReadError, type XliffFormat } from '../translations/xliff-document.js';
import { exportDocument } from '../translations/xliff-export.js';
import { planImport } from '../translations/xliff-import.js';
import { printable } from '../report/escape.js';
import { reportErrors, useColor } from '../report/terminal.js';
import { WriteError, writeInside } from '../write/write-inside.js';

export interface TranslationsOptions {
  /** The framework folder; found as FORMAT.md says when absent. */
  readonly dir?: string;
  /** Print JSON for scripts instead of the table. */
  readonly json?: boolean;
  /** The states that make the command exit 1; stale and missing when undefined. */
  readonly failOn?: readonly TranslationState[];
}

export interface ExportOptions {
  /** The framework folder; found as FORMAT.md says when absent. */
  readonly dir?: string;
  /** Languages to export; every language besides the authoritative one when empty or absent. */
  readonly langs?: readonly string[];
  /** Only the practices and parts whose translation is in one of these states. */
  readonly only?: readonly TranslationState[];
  readonly format?: XliffFormat;
  /** The file to write (one language only); default `<slug>.<lang>.xlf` in the current folder. */
  readonly out?: string;
}

export interface ImportOptions {
  /** XLIFF files, relative to the current folder. */
  readonly files: readonly string[];
  /** The framework folder; found as FORMAT.md says when absent. */
  readonly dir?: string;
}

export interface StampOptions {
  /** Translation files, relative to the current folder. */
  readonly files: readonly string[];
}

export interface DiffOptions {
  /** One translation file, relative to the current folder. */
  readonly file: string;
}

const COLORS: Record<TranslationState, string> = { ok: '\u001B[32m', stale: '\u001B[33m', missing: '\u001B[31m' };
const RESET = '\u001B[0m';

/**
 * `gctf translations`: where every translation stands (`ok`, `stale`, `missing`), one row per
 * practice and part, one column per non-authoritative language, totals at the bottom; or `--json`.
 * Returns 0 when every translation is up to date, else 1.
 */
export async function translations(options: TranslationsOptions, io: Io): Promise<number> {
  const model = await loadFramework(findFrameworkFolder(io.cwd, options.dir), { profile: 'check' });
  const status = translationStatus(model);
  io.stdout(options.json ? `${JSON.stringify(status, null, 2)}\n` : statusTable(status, useColor(io)));
  // Errors in the drafts fail this command too, and are shown (the table alone would hide them).
  const { checkModel } = await import('../check/check-model.js');
  const result = checkModel(model);
  if (reportErrors(result, io, model.folder)) return 1;
  const failOn = options.failOn ?? ['stale', 'missing'];
  return status.rows.some((row) => Object.values(row.status).some((s) => failOn.includes(s))) ? 1 : 0;
}

/** The status as a plain-text table with totals, coloured when `color` is set. */
export function statusTable(status: TranslationStatus, color: boolean): string {
  const { languages, rows, totals } = status;
  if (languages.length === 0) return 'No translations: framework.yaml lists no language besides the authoritative one (`languages`).\n';
  const header = ['id', 'kind', ...languages, 'file'];
  const body = rows.map((r) => [r.id, r.kind, ...languages.map((l) => r.status[l] ?? 'missing'), r.file]);
  const states: TranslationState[] = ['ok', 'stale', 'missing'];
  const footer = states.map((state) => [`total ${state}`, '', ...languages.map((l) => String(totals[l]?.[state] ?? 0)), '']);
  const widths = header.map((_, i) => Math.max(...[header, ...body, ...footer].map((row) => (row[i] ?? '').length)));
  const isLanguage = (i: number) => i >= 2 && i < 2 + languages.length;
  const line = (row: string[], paint: boolean) =>
    row
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        const padded = cell.padEnd(width);
        // Padding first, colour after: escape codes have no width on a terminal.
        return paint && isLanguage(i) && cell in COLORS ? `${COLORS[cell as TranslationState]}${cell}${RESET}${padded.slice(cell.length)}` : padded;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const lines = [line(header, false), rule, ...body.map((row) => line(row, color)), rule, ...footer.map((row) => line(row, false)), ''];
  for (const lang of languages) {
    const counts = status.words[lang] ?? { ok: 0, stale: 0, missing: 0 };
    const share = shares(counts);
    const total = counts.ok + counts.stale + counts.missing;
    lines.push(`${lang}: ${share.ok}% of ${total.toLocaleString('en-US')} words current, ${share.stale}% stale, ${share.missing}% missing`);
  }
  const behind = languages
    .filter((l) => (totals[l]?.stale ?? 0) + (totals[l]?.missing ?? 0) > 0)
    .map((l) => `${l}: ${totals[l]?.stale ?? 0} stale, ${totals[l]?.missing ?? 0} missing`);
  lines.push(
    '',
    behind.length === 0
      ? `All ${rows.length * languages.length} translations up to date.`
      : `${behind.join('; ')}.${languages.some((l) => (totals[l]?.stale ?? 0) > 0) ? " `gctf translations diff <file>` shows what changed in a stale translation's source." : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * `gctf translations stamp <file>…`: records each translation's source's current hash as its
 * `source-hash`, changing no other byte of the file, and writes it atomically. A file that cannot
 * be stamped is reported and skipped; the others are still stamped. Returns 2 when a path names no translation, else 1 when any was refused.
 */
export async function translationsStamp(options: StampOptions, io: Io): Promise<number> {
  let refused = 0;
  let misnamed = 0;
  for (const file of options.files) {
    try {
      io.stdout(`${stampOne(file, io)}\n`);
    } catch (error) {
      if (!(error instanceof ExitError || error instanceof InputError || error instanceof UsageError)) throw error;
      io.stderr(`gctf: ${printable(error.message)}\n`);
      // A path that names no translation is a usage error (2), as for every command.
      if (error instanceof UsageError) misnamed++;
      else refused++;
    }
  }
  return misnamed > 0 ? 2 : refused > 0 ? 1 : 0;
}

function stampOne(file: string, io: Io): string {
  const located = locateTranslation(io.cwd, file);
  const name = located.translation.source.path;
  const hash = currentSourceHash(located);
  const translation = readableTranslation(located);
  const recorded = recordedHash(translation);
  if (recorded === hash) return `${name}: already stamped ${hash}, unchanged`;

  // Read and written through the guarded reader and writer, inside the framework folder.
  const root = frameworkFolderOfSource(located.translation.source);
  const read = readInside(root, located.translation.source.path);
  if (!read.ok) throw new ExitError(1, `${name}: ${read.problem}; expected a translation file inside the framework folder`);
  const bytes = Buffer.from(read.bytes);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bom));
  } catch {
    throw new ExitError(1, `${name}: not valid UTF-8; expected a UTF-8 text file (gctf check reports where)`);
  }
  if (/\r(?!\n)/.test(raw)) {
    throw new ExitError(1, `${name}: has carriage-return (CR) line endings; expected LF or CRLF, so that only \`source-hash\` changes`);
  }
  let edited: string;
  try {
    edited = setSourceHash(raw, hash).text;
  } catch (error) {
    if (error instanceof SetSourceHashError) throw new ExitError(1, `${name}: ${error.message}`);
    throw error;
  }
  const output = Buffer.concat([bytes.subarray(0, bom), Buffer.from(edited, 'utf8')]);
  verifyStamp(translation, output, hash, name);
  writeInside(root, located.translation.source.path, output);
  return `stamped ${name}: ${hash} (was ${recorded ?? 'absent'})`;
}

/** The hash a translation should record: its source's body, as it is on disk now. */
function currentSourceHash(located: LocatedTranslation): string {
  const source = splitDraft(located.source.source);
  const unreadable = located.source.source.encodingProblems.find((p) => p.kind === 'binary' || p.kind === 'invalid-utf8');
  if (unreadable) {
    throw new ExitError(1, `${located.source.source.path}: the source has ${unreadable.detail}; expected UTF-8 text before its translations are stamped`);
  }
  if (source.frontmatter.problem) {
    throw new ExitError(1, `${located.source.source.path}: the source's frontmatter cannot be read (${source.frontmatter.problem.message}); expected it fixed first (gctf check)`);
  }
  return source.hash;
}

/** The translation, split, when its frontmatter is YAML that parses; else an `ExitError`. */
function readableTranslation(located: LocatedTranslation): SplitDraft {
  const draft = splitDraft(located.translation.source);
  const name = located.translation.source.path;
  const { frontmatter } = draft;
  if (!frontmatter.present) throw new ExitError(1, `${name}: no frontmatter; expected the file to open with \`---\`, \`title: …\`, \`---\``);
  if (frontmatter.problem) throw new ExitError(1, `${name}: frontmatter cannot be parsed: ${frontmatter.problem.message}; expected it fixed first (gctf check)`);
  const error = frontmatter.yaml?.errors[0];
  if (error) throw new ExitError(1, `${name}:${error.place.start.line}:${error.place.start.column}: frontmatter cannot be parsed: ${error.message}; expected YAML that gctf check accepts, fixed first`);
  return draft;
}

/** The `source-hash` a translation records, as written; undefined when absent or not a scalar. */
function recordedHash(draft: SplitDraft): string | undefined {
  const value = draft.frontmatter.data['source-hash'];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Reads the stamped bytes back as `gctf check` would: only `source-hash` may differ. */
function verifyStamp(before: SplitDraft, output: Buffer, hash: string, name: string): void {
  const decoded = decodeText(output);
  const after = splitDraft({ ...before.file, text: decoded.text });
  const { 'source-hash': _old, ...keptBefore } = before.frontmatter.data;
  const { 'source-hash': recorded, ...keptAfter } = after.frontmatter.data;
  const problems = [
    after.frontmatter.problem || (after.frontmatter.yaml?.errors.length ?? 0) > 0 ? 'the frontmatter no longer parses' : '',
    String(recorded) !== hash ? `source-hash reads back as ${String(recorded)}` : '',
    JSON.stringify(keptAfter) !== JSON.stringify(keptBefore) ? 'other keys changed' : '',
    after.body !== before.body ? 'the body changed' : '',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new InternalError(`stamping ${name} would have changed more than its source-hash (${problems.join('; ')}); nothing was written`);
  }
}



/**
 * `gctf translations diff <file>`: for a stale translation, the unified diff between the version
 * of its source that it translates (found in git history by its `source-hash`) and the source's
 * current body. Returns 0 when the diff was printed or the translation is up to date; an
 * `ExitError` (1) says why no diff could be made.
 */
export async function translationsDiff(options: DiffOptions, io: Io): Promise<number> {
  const located = locateTranslation(io.cwd, options.file);
  const name = located.translation.source.path;
  const sourceName = located.source.source.path;
  const current = currentSourceHash(located);
  const recorded = recordedHash(readableTranslation(located));
  if (recorded === undefined) {
    throw new ExitError(
      1,
      `${name}: no \`source-hash\`, so the version of ${sourceName} it translates is unknown; expected \`source-hash: <8 hex digits>\` (gctf translations stamp ${name} records the current one)`,
    );
  }
  if (recorded === current) {
    io.stdout(`${name} is up to date: ${sourceName} still hashes to ${current}.\n`);
    return 0;
  }
  const version = findSourceVersion({ cwd: located.project.folder, env: io.env }, sourceName, recorded);
  const now = splitDraft(located.source.source).body;
  const short = version.commit.slice(0, 10);
  io.stdout(`${sourceName} changed since ${name} was translated from commit ${short} (source-hash ${recorded}, now ${current}):\n\n`);
  io.stdout(
    unifiedDiff(version.body, now, {
      oldLabel: `${sourceName}\t${short} (source-hash ${recorded})`,
      newLabel: `${sourceName}\tnow (source-hash ${current})`,
      color: useColor(io),
    }),
  );
  return 0;
}

/**
 * `gctf translations export`: one XLIFF file per language (2.0, or 1.2 with `format: 'xliff12'`),
 * one `<file>` per practice and part, one unit per block, existing translations as targets. Writes
 * each file atomically and prints what it wrote; a language with nothing selected writes nothing.
 */
export async function translationsExport(options: ExportOptions, io: Io): Promise<number> {
  const model = await loadFramework(findFrameworkFolder(io.cwd, options.dir), { profile: 'check' });
  const { language, languages } = model.metadata;
  const others = languages.filter((l) => l !== language);
  const langs = options.langs && options.langs.length > 0 && !options.langs.includes('all') ? [...new Set(options.langs)] : others;
  for (const lang of langs) {
    if (!others.includes(lang)) {
      throw new ExitError(2, `--lang ${lang}: not a translation language of this framework; expected one of ${others.join(', ') || '(none: framework.yaml lists no language besides ' + language + ')'}`);
    }
  }
  if (options.out !== undefined && langs.length !== 1) {
    throw new ExitError(2, `--out names one file, but ${langs.length} languages are exported (${langs.join(', ')}); expected --lang with one language, or no --out (files <slug>.<lang>.xlf)`);
  }
  const format = options.format ?? 'xliff20';
  for (const lang of langs) {
    const doc = exportDocument(model, { lang, ...(options.only ? { only: options.only } : {}) });
    if (doc.files.length === 0) {
      io.stdout(`${lang}: nothing to export (no practice or part is ${(options.only ?? []).join(' or ')}); no file written\n`);
      continue;
    }
    const target = path.resolve(io.cwd, options.out ?? `${model.metadata.slug}.${lang}.xlf`);
    try {
      writeInside(path.dirname(target), path.basename(target), writeXliff(doc, format));
    } catch (error) {
      if (error instanceof WriteError) throw new ExitError(2, `Cannot write ${path.relative(io.cwd, target) || target}: ${error.message}`);
      throw error;
    }
    const units = doc.files.reduce((n, f) => n + f.units.length, 0);
    const done = doc.files.reduce((n, f) => n + f.units.filter((u) => u.state === 'translated').length, 0);
    const review = doc.files.reduce((n, f) => n + f.units.filter((u) => u.state === 'needs-review').length, 0);
    io.stdout(
      `${lang}: wrote ${path.relative(io.cwd, target) || target} (XLIFF ${format === 'xliff12' ? '1.2' : '2.0'}): ${doc.files.length} file${doc.files.length === 1 ? '' : 's'}, ${units} units (${done} translated, ${review} to review, ${units - done - review} new)\n`,
    );
  }
  return 0;
}

/**
 * `gctf translations import <file.xlf>…`: writes each translation whose units are all translated,
 * atomically, and only when its bytes change; reports the others and why (untranslated units, a
 * source changed since the export, codes that do not fit). Returns 1 when any was not written.
 */
export async function translationsImport(options: ImportOptions, io: Io): Promise<number> {
  const model = await loadFramework(findFrameworkFolder(io.cwd, options.dir), { profile: 'check' });
  const { language, languages } = model.metadata;
  let skipped = 0;
  for (const file of options.files) {
    const absolute = path.resolve(io.cwd, file);
    if (!existsSync(absolute)) throw new ExitError(2, `${file}: no such file; expected an XLIFF file written by gctf translations export`);
    let doc;
    try {
      doc = readXliff(readFileSync(absolute, 'utf8'));
    } catch (error) {
      if (error instanceof XliffReadError) throw new ExitError(1, `${file}: ${error.message}`);
      throw error;
    }
    if (doc.trgLang === language || !languages.includes(doc.trgLang)) {
      throw new ExitError(1, `${file}: target language \`${doc.trgLang || '(none)'}\`; expected one of the framework's translation languages (${languages.filter((l) => l !== language).join(', ')})`);
    }
    if (doc.srcLang !== '' && doc.srcLang !== language) {
      throw new ExitError(1, `${file}: source language \`${doc.srcLang}\`; expected the framework's authoritative language \`${language}\``);
    }
    let written = 0;
    let unchanged = 0;
    let refused = 0;
    for (const outcome of planImport(model, doc)) {
      if (outcome.kind === 'skip') {
        io.stderr(`gctf: ${outcome.file}: not imported: ${outcome.reason}\n`);
        refused++;
        continue;
      }
      const bytes = Buffer.from(outcome.text, 'utf8');
      const existing = readInside(model.folder, outcome.file);
      if (existing.ok && Buffer.from(existing.bytes).equals(bytes)) {
        unchanged++;
        continue;
      }
      try {
        // Through the one guarded writer, kept inside the framework folder.
        writeInside(model.folder, outcome.file, bytes);
      } catch (error) {
        if (!(error instanceof WriteError)) throw error;
        io.stderr(`gctf: ${outcome.file}: not written: ${error.message}\n`);
        refused++;
        continue;
      }
      io.stdout(`wrote ${outcome.file}\n`);
      written++;
    }
    skipped += refused;
    io.stdout(`${file}: ${written} written, ${unchanged} unchanged${refused > 0 ? `, ${refused} not imported` : ''}\n`);
  }
  return skipped > 0 ? 1 : 0;
}
