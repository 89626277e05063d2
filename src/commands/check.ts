import path from 'node:path';
import type { CheckResult } from '../check/check-model.js';
import { ExitError } from '../errors.js';
import type { Io } from '../io.js';
import { cacheFolder } from '../cache/cache-folder.js';
import { readStoredCheck, storedResult, writeCheckResult } from '../cache/result-store.js';
import { projectKey, projectStatKey, readProject, resolveProject } from '../load.js';
import { findFrameworkFolder } from '../read/find-framework-folder.js';
import { pretty } from '../report/pretty.js';
import { REPORTERS, type Reporter, type ReporterName } from '../report/reporter.js';
import { version } from '../version.js';

export { REPORTERS, type ReporterName };

export interface CheckOptions {
  /** The framework folder; found as FORMAT.md says when absent. */
  readonly dir?: string;
  readonly reporter?: ReporterName;
  /** Warnings fail the run too. */
  readonly strict?: boolean;
  /** Fail when there are more warnings than this. */
  readonly maxWarnings?: number;
  /** Use the cache of parsed drafts and results (default true). */
  readonly cache?: boolean;
}

/** `gctf check`: loads the framework, runs every rule, reports, and returns the exit code. */
export async function check(options: CheckOptions, io: Io): Promise<number> {
  const folder = findFrameworkFolder(io.cwd, options.dir);
  const result = await checkFolder(folder, options.cache === false ? undefined : cacheFolder(io.cwd, io.env));
  const name = options.reporter ?? (io.env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty');
  const reporter = await reporterFor(name, folder, io);
  io.stdout(reporter(result, { color: useColor(io), version: version() }));
  return exitCode(result, options);
}

/**
 * Checks a framework folder. With a cache folder, an unchanged project's result is read back
 * without parsing anything, and unchanged drafts are not parsed again.
 */
export async function checkFolder(folder: string, cache: string | undefined): Promise<CheckResult> {
  const project = readProject(folder);
  const stored = cache ? readStoredCheck(cache, project.folder) : undefined;
  // Files whose stats are as when the result was stored are not even read.
  const statKey = cache ? projectStatKey(project, { purpose: 'check' }) : undefined;
  if (stored && statKey !== undefined && stored.statKey === statKey) return storedResult(stored);
  const key = cache ? projectKey(project, { purpose: 'check' }) : '';
  if (stored && stored.key === key) {
    // Same content under new stats (a checkout, a touch): vouch for the new stats next time.
    if (cache && statKey !== undefined) writeCheckResult(cache, project.folder, { key, statKey }, stored);
    return storedResult(stored);
  }
  // The rules load while the draft parsers do, rather than after the drafts are parsed.
  const rules = import('../check/check-model.js');
  const model = await resolveProject(project, { cacheFolder: cache, profile: 'check' });
  const result = (await rules).checkModel(model);
  if (cache) writeCheckResult(cache, project.folder, { key, statKey }, result);
  return result;
}

/** 0 clean, 1 errors (or warnings under `--strict`, or more than `--max-warnings`). */
export function exitCode(result: CheckResult, options: Pick<CheckOptions, 'strict' | 'maxWarnings'>): number {
  if (result.errorCount > 0) return 1;
  if (options.strict && result.warningCount > 0) return 1;
  if (options.maxWarnings !== undefined && result.warningCount > options.maxWarnings) return 1;
  return 0;
}

/**
 * Prints only the errors of a check result to standard error, for commands whose own output is
 * something else (`list`, `translations`) but which still fail on errors in the drafts. Returns
 * whether there were any.
 */
export function reportErrors(result: CheckResult, io: Io): boolean {
  if (result.errorCount === 0) return false;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  io.stderr(pretty({ diagnostics: errors, errorCount: errors.length, warningCount: 0 }, { color: useColor(io), version: version() }));
  return true;
}

/** Colour on a terminal, never when `NO_COLOR` is set (to anything). */
export function useColor(io: Io): boolean {
  return io.isTTY && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
}

// Only the reporter asked for is loaded: SARIF's would load every rule for its descriptions.
// `pretty`, the default, is loaded at start-up, since `reportErrors` needs it too.
async function reporterFor(name: ReporterName, folder: string, io: Io): Promise<Reporter> {
  switch (name) {
    case 'pretty':
      return pretty;
    case 'json':
      return (await import('../report/json.js')).json;
    case 'sarif':
      return (await import('../report/sarif.js')).sarif;
    case 'github': {
      // Annotations name files from the repository root, which is where the workflow runs.
      const relative = path.relative(io.env.GITHUB_WORKSPACE ?? io.cwd, folder).split(path.sep).join('/');
      return (await import('../report/github.js')).github(relative === '' ? '' : `${relative}/`);
    }
    default:
      throw new ExitError(2, `Unknown reporter ${String(name)}, expected one of ${REPORTERS.join(', ')}`);
  }
}
