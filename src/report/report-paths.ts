import path from 'node:path';
import type { CheckResult } from '../check/check-model.js';
import type { Diagnostic } from '../check/diagnostic.js';

/**
 * The one path convention of every report: a file is shown relative to the current folder, with
 * `/` between segments (`practices/general/x.md`), whichever reporter prints it, so a terminal,
 * an editor's problem matcher and a CI log all open the same file. Diagnostics are made relative
 * to their framework folder; this turns them into paths relative to `cwd`.
 */
export function shownPath(folder: string, cwd: string, file: string): string {
  const relative = path.relative(cwd, path.resolve(folder, file));
  // A folder named as one (`detection/`, an unsafe folder) keeps its trailing slash.
  const shown = (relative === '' ? '.' : relative).split(path.sep).join('/');
  return file.endsWith('/') && !shown.endsWith('/') ? `${shown}/` : shown;
}

/**
 * The result with every diagnostic's file, and its cause's, relative to `cwd` instead of the
 * framework folder. The diagnostics themselves are left as they are (the cache holds them): each
 * is seen through an object that only gives another `file`.
 */
export function relocate(result: CheckResult, folder: string, cwd: string): CheckResult {
  const move = <T extends { file: string }>(d: T): T => Object.create(d, { file: { value: shownPath(folder, cwd, d.file), enumerable: true } }) as T;
  const diagnostics = result.diagnostics.map((d) => {
    const moved = move(d);
    const cause = d.cause;
    if (cause && typeof cause === 'object' && 'file' in cause && typeof cause.file === 'string') {
      Object.defineProperty(moved, 'cause', { value: move(cause as { file: string }), enumerable: true });
    }
    return moved as Diagnostic;
  });
  return { ...result, diagnostics };
}

/** Only the diagnostics `keep` accepts, counted again. */
export function filterResult(result: CheckResult, keep: (d: Diagnostic) => boolean): CheckResult {
  const diagnostics = result.diagnostics.filter(keep);
  return {
    diagnostics,
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity !== 'error').length,
  };
}

/** Several results as one, in order. */
export function mergeResults(results: readonly CheckResult[]): CheckResult {
  return {
    diagnostics: results.flatMap((r) => r.diagnostics),
    errorCount: results.reduce((n, r) => n + r.errorCount, 0),
    warningCount: results.reduce((n, r) => n + r.warningCount, 0),
  };
}

/**
 * A file shown relative to `cwd` as a URI reference relative to `root` (SARIF's `%SRCROOT%`),
 * each segment percent-encoded, `#` and `?` included; undefined when the file is outside `root`.
 */
export function uriFromRoot(root: string, cwd: string, file: string): string | undefined {
  const relative = path.relative(root, path.resolve(cwd, file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}
