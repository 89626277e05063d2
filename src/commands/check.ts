import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CheckResult } from '../check/check-model.js';
import type { Diagnostic } from '../check/diagnostic.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { cacheFolder } from '../cache/cache-folder.js';
import { checkFramework } from '../engine/pipeline.js';
import { findFrameworkFolder, frameworkFolderOf, MANIFEST_NAME } from '../read/find-framework-folder.js';
import { isWithin } from '../read/read-inside.js';
import { repositoryRoot } from '../read/repository-root.js';
import { printable } from '../report/escape.js';
import { pretty } from '../report/pretty.js';
import { filterResult, mergeResults, relocate } from '../report/report-paths.js';
import { REPORTERS, type Reporter, type ReporterName } from '../report/reporter.js';
import { useColor } from '../report/terminal.js';
import { version } from '../version.js';
import { WriteError, writeInside } from '../write/write-inside.js';

export { REPORTERS, type ReporterName };

export interface CheckOptions {
  /**
   * Framework folders, project folders (whose `practices/` holds `framework.yaml`), or files and
   * folders inside a framework; none: the framework found upward from the current folder.
   */
  readonly paths?: readonly string[];
  readonly reporter?: ReporterName;
  /** Warnings fail the run too. */
  readonly strict?: boolean;
  /** Fail when there are more warnings than this. */
  readonly maxWarnings?: number;
  /** Report errors only. */
  readonly quiet?: boolean;
  /** Write the report to this file (relative to the current folder) instead of standard output. */
  readonly outputFile?: string;
  /** Use the cache of parsed drafts and results (default true). */
  readonly cache?: boolean;
  /** First apply the fixes that cannot be wrong (rules marked fixable), then report what remains. */
  readonly fix?: boolean;
  /** Check again after every change to the framework folder, printing each report. */
  readonly watch?: boolean;
  /** Stops `watch`; the command's promise then resolves with 0. */
  readonly signal?: AbortSignal;
}

/** What `check` looks at in one framework: all of it, or the files within some paths. */
interface Target {
  readonly folder: string;
  /** Absolute files and folders whose findings are reported; undefined: every finding. */
  within?: string[];
}

/**
 * `gctf check`: loads each framework concerned, runs every rule over the whole of it (a file is
 * checked in the context of its framework, so references and duplicates are still seen), keeps
 * the findings of the paths asked for, reports them with paths relative to the current folder,
 * and returns the exit code.
 */
export async function check(options: CheckOptions, io: Io): Promise<number> {
  if (options.watch) return watchCheck(options, io);
  const targets = targetsOf(options.paths ?? [], io.cwd);
  const cache = options.cache === false ? undefined : cacheFolder(io.cwd, io.env);
  const results: CheckResult[] = [];
  for (const target of targets) {
    const within = target.within;
    if (options.fix) {
      const { fixFramework } = await import('../engine/fix-framework.js');
      const only = within ? (file: string) => within.some((p) => isWithin(p, path.resolve(target.folder, file))) : undefined;
      const fixed = await fixFramework(target.folder, only);
      const shown = fixed.files.map((f) => printable(path.relative(io.cwd, path.resolve(target.folder, f)) || f));
      if (fixed.fixed > 0) io.stderr(`gctf: fixed ${fixed.fixed} ${fixed.fixed === 1 ? 'problem' : 'problems'} in ${shown.join(', ')}\n`);
    }
    let result = await checkFramework(target.folder, cache);
    if (within) result = filterResult(result, (d) => within.some((p) => isWithin(p, path.resolve(target.folder, d.file))));
    results.push(relocate(result, target.folder, io.cwd));
  }
  let result = mergeResults(results);
  if (options.quiet) result = filterResult(result, (d: Diagnostic) => d.severity === 'error');
  const { code, failure } = verdict(result, options);
  const name = options.reporter ?? (io.env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty');
  const reporter = await reporterFor(name, io);
  const toFile = options.outputFile !== undefined;
  const report = reporter(result, {
    color: !toFile && useColor(io),
    version: version(),
    cwd: io.cwd,
    root: name === 'sarif' ? repositoryRoot(io.cwd) : io.cwd,
    failure,
  });
  if (options.outputFile !== undefined) {
    writeReport(options.outputFile, report, io);
  } else {
    io.stdout(report);
  }
  // JSON and SARIF are for programs: the reason a run fails goes to people on standard error.
  if (failure !== undefined && (toFile || name === 'json' || name === 'sarif')) io.stderr(`gctf: ${failure}\n`);
  return code;
}

/**
 * `gctf check --watch`: checks once, then again after every change to the framework folder (the
 * watcher `gctf watch` and `serve` use), printing each report with what changed; a check whose
 * report is the one printed last (an editor's temporary file, a save without edits) prints
 * nothing. Unchanged drafts come from the cache, so a re-check parses only what changed.
 * Resolves with 0 when `signal` aborts.
 */
async function watchCheck(options: CheckOptions, io: Io): Promise<number> {
  const [{ watchFolder }, { assertFramework }] = await Promise.all([import('../watch/watch-folder.js'), import('../watch/session.js')]);
  const [first] = targetsOf(options.paths ?? [], io.cwd);
  if (!first) return 0;
  assertFramework(first.folder);
  io.stdout(`watching ${printable(path.relative(io.cwd, first.folder) || '.')}; checking after every change (Ctrl-C to stop)\n\n`);
  let last: string | undefined;
  await watchFolder(
    first.folder,
    async (changed) => {
      let report = '';
      const code = await check({ ...options, watch: false, fix: options.fix && changed.length === 0 }, { ...io, stdout: (text) => (report += text), stderr: (text) => (report += text) });
      if (report === last) return;
      last = report;
      const header = changed.length > 0 ? `changed: ${changed.slice(0, 5).map(printable).join(', ')}${changed.length > 5 ? ` and ${changed.length - 5} more` : ''}\n` : '';
      io.stdout(`${header}${report}${code === 0 ? 'clean' : `exit code ${code}`}; watching (Ctrl-C to stop)\n\n`);
    },
    options.signal,
  );
  return 0;
}

/** 0 clean, 1 errors (or warnings under `--strict`, or more than `--max-warnings`). */
export function exitCode(result: CheckResult, options: Pick<CheckOptions, 'strict' | 'maxWarnings'>): number {
  return verdict(result, options).code;
}

/**
 * The exit code, and why the run fails when the counts alone do not say it, in ESLint's words
 * ("ESLint found too many warnings (maximum: 0)").
 */
export function verdict(result: CheckResult, options: Pick<CheckOptions, 'strict' | 'maxWarnings'>): { code: number; failure?: string } {
  if (result.errorCount > 0) return { code: 1 };
  const w = `${result.warningCount} ${result.warningCount === 1 ? 'warning' : 'warnings'}`;
  if (options.strict && result.warningCount > 0) return { code: 1, failure: `gctf found ${w}, and --strict fails on any` };
  if (options.maxWarnings !== undefined && result.warningCount > options.maxWarnings) {
    return { code: 1, failure: `gctf found too many warnings (maximum: ${options.maxWarnings}; found ${result.warningCount})` };
  }
  return { code: 0 };
}

/** The frameworks the paths name or lie in, each with the paths to report on. */
function targetsOf(paths: readonly string[], cwd: string): Target[] {
  if (paths.length === 0) return [{ folder: findFrameworkFolder(cwd) }];
  const targets = new Map<string, Target>();
  const add = (folder: string, within: string | undefined) => {
    const target = targets.get(folder) ?? { folder, within: [] };
    targets.set(folder, target);
    if (within === undefined) target.within = undefined;
    else target.within?.push(within);
  };
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const folder = findFrameworkFolder(cwd, given);
    if (!existsSync(absolute) || existsSync(path.join(folder, MANIFEST_NAME))) {
      // A framework or project folder, whole; one that does not exist is reported as such.
      add(folder, undefined);
      continue;
    }
    const holder = frameworkFolderOf(absolute);
    if (holder === undefined || !isWithin(holder, absolute)) {
      throw new UsageError(`${printable(given)} is in no framework folder: expected a framework folder, or a file or folder inside one (a folder holding ${MANIFEST_NAME}, found upward from the path)`);
    }
    add(holder, absolute);
  }
  return [...targets.values()];
}

/** Writes the report through the guarded writer; a refused or failed write is a usage error. */
function writeReport(file: string, report: string, io: Io): void {
  const target = path.resolve(io.cwd, file);
  try {
    writeInside(path.dirname(target), path.basename(target), report);
  } catch (error) {
    if (error instanceof WriteError) throw new UsageError(`Cannot write --output-file ${printable(file)}: ${printable(error.message)}`);
    throw error;
  }
}

// Only the reporter asked for is loaded: SARIF's would load every rule for its descriptions.
// `pretty`, the default, is loaded at start-up, since `reportErrors` needs it too.
async function reporterFor(name: ReporterName, io: Io): Promise<Reporter> {
  switch (name) {
    case 'pretty':
      return pretty;
    case 'compact':
      return (await import('../report/compact.js')).compact;
    case 'json':
      return (await import('../report/json.js')).json;
    case 'sarif':
      return (await import('../report/sarif.js')).sarif;
    case 'github': {
      // Annotations name files from the repository root, which is where the workflow runs.
      return (await import('../report/github.js')).github(path.resolve(io.cwd, io.env.GITHUB_WORKSPACE ?? '.'));
    }
    default:
      throw new UsageError(`Unknown reporter ${String(name)}, expected one of ${REPORTERS.join(', ')}`);
  }
}
