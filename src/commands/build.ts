import { printable } from '../report/escape.js';
import path from 'node:path';
import { cacheFolder } from '../cache/cache-folder.js';
import { checkModel } from '../check/check-model.js';
import { createDiagnostic, type Diagnostic } from '../check/diagnostic.js';
import { startEmitting } from '../emit/emit-schedule.js';
import type { EmitOutcome } from '../emit/emit-thread.js';
import type { PdfStandard } from '../emit/emitter.js';
import { outputFormats, type OutputFormat } from '../emit/registry.js';
import { ExitError } from '../errors.js';
import type { Io } from '../io.js';
import { loadFramework, readBuildSettings } from '../engine/pipeline.js';
import { buildEdition, type Edition } from '../model/edition.js';
import { PRACTICE_STATUSES } from '../model/fields.js';
import type { PracticeStatus } from '../model/types.js';
import { findFrameworkFolder } from '../read/find-framework-folder.js';
import { messagesOf } from '../model/messages.js';
import type { Templates } from '../read/read-templates.js';
import { pretty } from '../report/pretty.js';
import { relocate } from '../report/report-paths.js';
import { version } from '../version.js';
import { useColor } from '../report/terminal.js';
import { assertOutsideFramework } from '../write/out-folder.js';
import { makeFolderInside, WriteError, writeInside } from '../write/write-inside.js';

export interface BuildOptions {
  readonly dir?: string;
  /** Formats to build (`md`, `html`, …); default `build.formats` of framework.yaml, else every format. */
  readonly formats?: readonly string[];
  /** Output folder, relative to the working folder; default `build.out` of framework.yaml, else `dist`. */
  readonly out?: string;
  /** Languages to build; default `build.languages` of framework.yaml, else every language of the manifest. */
  readonly langs?: readonly string[];
  /** The lowest practice status to include. */
  readonly minStatus?: Exclude<PracticeStatus, 'withdrawn'>;
  /** The standard the PDF declares (default `ua-1`); PDF/A needs `SOURCE_DATE_EPOCH` for its date. */
  readonly pdfStandard?: PdfStandard;
  /** The most pages a PDF may have (default 4,000): a larger one is refused before Typst sets it. */
  readonly pdfMaxPages?: number;
  /** Warnings fail the build, and so does a practice missing in a language. */
  readonly strict?: boolean;
  /** Parsed drafts are read from and kept in the cache (default); `false` parses everything afresh. */
  readonly cache?: boolean;
}

/** One file a build wrote. */
export interface BuiltFile {
  readonly path: string;
  readonly format: string;
  readonly lang: string;
  readonly bytes: number;
}

/**
 * `gctf build`: checks the framework, then writes each format of each language edition to
 * `OUT/<slug>.<ext>` (authoritative language) and `OUT/<slug>.<lang>.<ext>` (the others).
 */
export async function build(options: BuildOptions, io: Io): Promise<number> {
  // `build:` in framework.yaml gives the defaults; flags win. Read before the drafts, so that the
  // emitters the build needs start loading at once.
  const folder = findFrameworkFolder(io.cwd, options.dir);
  const settings = readBuildSettings(folder);
  const formats = selectFormats(options.formats ?? settings.formats);
  if (options.pdfStandard?.startsWith('a-') && formats.some((f) => f.format === 'pdf') && sourceDateEpoch(io.env.SOURCE_DATE_EPOCH) === undefined) {
    throw new ExitError(2, `--pdf-standard ${options.pdfStandard}: a PDF/A file must carry its date; set SOURCE_DATE_EPOCH (seconds since 1970), the only date a build stamps`);
  }
  const out = options.out !== undefined ? path.resolve(io.cwd, options.out) : (settings.out ?? path.resolve(io.cwd, 'dist'));
  // Emitters load first, and the threads the build will use start now: loading docx or Typst
  // there overlaps reading and checking the drafts here.
  const schedule = await startEmitting(formats);
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const prepared = await prepareEditions({ ...options, dir: folder, langs: options.langs ?? settings.languages }, out, io);
  if (typeof prepared === 'number') return prepared;
  const { templates, slug, authoritative, editions, draftCount } = prepared;
  // Progress on a terminal: a large framework takes a while before the first file is written.
  if (io.isTTY) io.stderr(`  read and checked ${draftCount.toLocaleString('en')} drafts  ${elapsed()}\n`);
  let { status } = prepared;
  const color = useColor(io);

  try {
    makeFolderInside(out, out);
  } catch (error) {
    if (error instanceof WriteError) throw new ExitError(2, `Cannot write into --out ${out}: ${error.message}`);
    throw error;
  }
  // Each file is written as soon as it is ready; the summary and any errors come in a fixed order.
  const results: (BuiltFile | Diagnostic)[] = [];
  const failures: string[] = [];
  const finish = (index: number, edition: Edition, format: OutputFormat, outcome: EmitOutcome) => {
    if ('error' in outcome) {
      const { error } = outcome;
      results[index] = createDiagnostic(error.message, { file: error.file, place: { line: error.line, column: error.column } }, `emit-${format.format}`, 'error', '');
      return;
    }
    const lang = edition.lang;
    const name = `${slug}${lang === authoritative ? '' : `.${lang}`}.${format.extension}`;
    const target = path.join(out, name);
    let bytes: number;
    try {
      bytes = writeInside(out, name, outcome.content);
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      failures.push(error.message);
      return;
    }
    results[index] = { path: target, format: format.format, lang, bytes };
    if (io.isTTY) io.stderr(`  wrote ${printable(path.relative(io.cwd, target) || target)}  ${formatSize(bytes)}  ${elapsed()}\n`);
  };
  await schedule.emit(editions, { templates, version: version(), extra: { pdfStandard: options.pdfStandard, pdfMaxPages: options.pdfMaxPages } }, finish);
  const written: BuiltFile[] = [];
  for (const result of results) {
    if (!result) continue;
    if ('bytes' in result) {
      written.push(result);
    } else {
      io.stderr(pretty(relocate({ diagnostics: [result], errorCount: 1, warningCount: 0 }, prepared.folder, io.cwd), { color, version: version() }));
      status = 1;
    }
  }
  // On a terminal each file was listed as it was written: the summary is only the total then.
  io.stdout(summary(written, io.cwd, io.isTTY));
  if (failures.length > 0) {
    // The file system failed (a full disk, a read-only folder): what was written is listed above.
    for (const failure of failures) io.stderr(`gctf: ${failure}\n`);
    return 2;
  }
  return status;
}

/**
 * Loads and checks the framework, and resolves the editions to build; an exit code when nothing
 * is to be built. The model stays in here: once the editions are made it is garbage, which halves
 * what a large framework's build holds while it writes.
 */
async function prepareEditions(
  options: BuildOptions,
  out: string,
  io: Io,
): Promise<number | { folder: string; templates: Templates; slug: string; authoritative: string; editions: Edition[]; status: number; draftCount: number }> {
  const model = await loadFramework(findFrameworkFolder(io.cwd, options.dir), {
    minStatus: options.minStatus,
    cacheFolder: options.cache === false ? undefined : cacheFolder(io.cwd, io.env),
  });
  assertOutsideFramework(out, model.folder);
  const langs = selectLanguages(options.langs, model.metadata.languages);

  if (options.minStatus && model.practices.length === 0) {
    // Said before the check: every reference would otherwise be reported as one to a practice left out.
    io.stderr(`gctf: nothing was built; the framework has no practice at status ${options.minStatus} or above (--status ${options.minStatus}) to publish.\n`);
    return 1;
  }
  const result = checkModel(model);
  const color = useColor(io);
  // Paths relative to the current folder, as every report has them.
  const shown = relocate(result, model.folder, io.cwd);
  if (result.errorCount > 0 || (options.strict && result.warningCount > 0)) {
    io.stderr(pretty(shown, { color, version: version() }));
    io.stderr(`gctf: nothing was built; fix the ${result.errorCount > 0 ? 'errors' : 'warnings (--strict)'} above first.\n`);
    return 1;
  }
  if (result.warningCount > 0) io.stderr(pretty(shown, { color, version: version() }));

  // Every edition is decided before anything is written: under --strict, one untranslated
  // practice in any language means no file at all.
  const status = 0;
  const editions: Edition[] = [];
  const untranslated: string[] = [];
  for (const lang of langs) {
    const edition = buildEdition(model, lang, messagesOf(model.templates, lang), { sourceDateEpoch: sourceDateEpoch(io.env.SOURCE_DATE_EPOCH) });
    if (edition.untranslatedCount > 0) {
      const level = options.strict ? 'error' : 'warning';
      const names = edition.practices.filter((p) => p.untranslated).map((p) => `${printable(p.id)} (${printable(p.file)})`);
      io.stderr(`gctf: ${level}: the ${lang} edition shows ${edition.untranslatedCount} practice(s) from the ${model.metadata.language} text, marked as not yet translated: ${names.join(', ')}\n`);
      untranslated.push(lang);
    }
    editions.push(edition);
  }
  if (options.strict && untranslated.length > 0) {
    io.stderr(`gctf: nothing was built; translate the practices above into ${untranslated.join(', ')} first, or build without --strict.\n`);
    return 1;
  }
  return { folder: model.folder, templates: model.templates, slug: model.metadata.slug, authoritative: model.metadata.language, editions, status, draftCount: model.drafts.length };
}

function selectFormats(requested: readonly string[] | undefined): OutputFormat[] {
  if (!requested || requested.length === 0 || requested.includes('all')) return [...outputFormats];
  const known = new Map(outputFormats.map((f) => [f.format, f]));
  return requested.map((name) => {
    const format = known.get(name);
    if (!format) throw new ExitError(2, `Unknown format "${name}", expected ${[...known.keys(), 'all'].join(', ')}`);
    return format;
  });
}

function selectLanguages(requested: readonly string[] | undefined, languages: readonly string[]): string[] {
  if (!requested || requested.length === 0 || requested.includes('all')) return [...languages];
  for (const lang of requested) {
    if (!languages.includes(lang)) throw new ExitError(2, `Unknown language "${lang}", expected one of ${languages.join(', ')} or all (from framework.yaml)`);
  }
  return languages.filter((l) => requested.includes(l));
}

/** The practice statuses `--status` accepts, lowest first. */
export const BUILD_STATUSES = PRACTICE_STATUSES.filter((s) => s !== 'withdrawn');



function sourceDateEpoch(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

function summary(files: readonly BuiltFile[], cwd: string, listed = false): string {
  if (files.length === 0) return 'gctf: no files written\n';
  if (listed) return `${files.length} files, ${formatSize(files.reduce((sum, f) => sum + f.bytes, 0))}\n`;
  const rows = files.map((f) => [printable(path.relative(cwd, f.path) || f.path), formatSize(f.bytes)] as const);
  const width = Math.max(...rows.map(([p]) => p.length));
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  return `${rows.map(([p, s]) => `${p.padEnd(width)}  ${s.padStart(9)}`).join('\n')}\n${files.length} files, ${formatSize(total)}\n`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
