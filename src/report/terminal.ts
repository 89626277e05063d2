import type { CheckResult } from '../check/check-model.js';
import type { Io } from '../io.js';
import { version } from '../version.js';
import { pretty } from './pretty.js';
import { relocate } from './report-paths.js';

/**
 * Prints only the errors of a check result to standard error, for commands whose own output is
 * something else (`list`, `translations`) but which still fail on errors in the drafts, with paths
 * relative to the current folder as every report has them (`folder` is the framework folder the
 * diagnostics are relative to). Returns whether there were any.
 */
export function reportErrors(result: CheckResult, io: Io, folder: string): boolean {
  if (result.errorCount === 0) return false;
  const errors = relocate(result, folder, io.cwd).diagnostics.filter((d) => d.severity === 'error');
  io.stderr(pretty({ diagnostics: errors, errorCount: errors.length, warningCount: 0 }, { color: useColor(io), version: version() }));
  return true;
}

/**
 * Colour when `FORCE_COLOR` asks for it (`--color` sets it; `0` or `false` is never, as in chalk
 * and Node), else on a terminal, never when `NO_COLOR` is set (to anything).
 */
export function useColor(io: Io): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.isTTY && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
}

