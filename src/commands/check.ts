import path from 'node:path';
import type { CheckResult } from '../check/check-model.js';
import { ExitError } from '../errors.js';
import type { Io } from '../io.js';
import { cacheFolder } from '../cache/cache-folder.js';
import { checkFramework } from '../engine/pipeline.js';
import { findFrameworkFolder } from '../read/find-framework-folder.js';
import { pretty } from '../report/pretty.js';
import { REPORTERS, type Reporter, type ReporterName } from '../report/reporter.js';
import { useColor } from '../report/terminal.js';
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
  const result = await checkFramework(folder, options.cache === false ? undefined : cacheFolder(io.cwd, io.env));
  const name = options.reporter ?? (io.env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty');
  const reporter = await reporterFor(name, folder, io);
  io.stdout(reporter(result, { color: useColor(io), version: version() }));
  return exitCode(result, options);
}

/** 0 clean, 1 errors (or warnings under `--strict`, or more than `--max-warnings`). */
export function exitCode(result: CheckResult, options: Pick<CheckOptions, 'strict' | 'maxWarnings'>): number {
  if (result.errorCount > 0) return 1;
  if (options.strict && result.warningCount > 0) return 1;
  if (options.maxWarnings !== undefined && result.warningCount > options.maxWarnings) return 1;
  return 0;
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
