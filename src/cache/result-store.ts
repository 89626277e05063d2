import { readSealed, writeSealed } from './cache-seal.js';
import type { Location } from '../rules/rule.js';
import type { Severity } from '../rules/registry.js';
import type { CheckResult } from '../check/check-model.js';
import type { Diagnostic } from '../check/diagnostic.js';

interface StoredDiagnostic {
  readonly message: string;
  readonly at: Location;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly url: string;
  readonly cause?: Location & { readonly message: string };
}

/**
 * Check results, one per framework folder, under two keys: the project key (see `projectKey`),
 * from every file's content, and the stat key (see `projectStatKey`), from every file's stat. When
 * not one file, option or version changed, the result is the one stored, and nothing needs
 * parsing; when the stat key matches, not even reading the files.
 */
export interface StoredCheck {
  readonly key: string;
  readonly statKey?: string;
  readonly diagnostics: readonly StoredDiagnostic[];
}

/** The stored check of a framework folder, if any: sealed by gctf and of the right shape. */
export function readStoredCheck(folder: string, scope: string): StoredCheck | undefined {
  const payload = readSealed(folder, resultFile(scope));
  if (!payload) return undefined;
  try {
    const stored = JSON.parse(new TextDecoder().decode(payload)) as Partial<StoredCheck>;
    return typeof stored.key === 'string' && Array.isArray(stored.diagnostics) && stored.diagnostics.every(isStoredDiagnostic) ? (stored as StoredCheck) : undefined;
  } catch {
    return undefined;
  }
}

function isStoredDiagnostic(value: unknown): value is StoredDiagnostic {
  const d = value as StoredDiagnostic | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.message === 'string' &&
    typeof d.ruleId === 'string' &&
    (d.severity === 'error' || d.severity === 'warning') &&
    typeof d.at?.file === 'string' &&
    typeof d.at.place === 'object' &&
    d.at.place !== null
  );
}

/** The check result a stored check holds. */
export async function storedResult(stored: StoredCheck): Promise<CheckResult> {
  // A clean result needs no diagnostics made: their module (and vfile-message) stays unloaded.
  if (stored.diagnostics.length === 0) return { diagnostics: [], errorCount: 0, warningCount: 0 };
  const { createDiagnostic } = await import('../check/diagnostic.js');
  const diagnostics = stored.diagnostics.map((d) => createDiagnostic(d.message, d.at, d.ruleId, d.severity, d.url, d.cause));
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  return { diagnostics, errorCount, warningCount: diagnostics.length - errorCount };
}

/** Stores a check result under its keys. Failures only cost time next run. */
export function writeCheckResult(folder: string, scope: string, keys: { key: string; statKey: string | undefined }, result: CheckResult | StoredCheck): void {
  const diagnostics = 'errorCount' in result ? result.diagnostics.map(store) : result.diagnostics;
  const json = JSON.stringify({ key: keys.key, ...(keys.statKey ? { statKey: keys.statKey } : {}), diagnostics });
  writeSealed(folder, resultFile(scope), new TextEncoder().encode(json));
}

function store(d: Diagnostic): StoredDiagnostic {
  const cause = d.cause as Diagnostic | undefined;
  return {
    message: d.reason,
    at: { file: d.file, place: d.place ?? { line: 1, column: 1 } },
    ruleId: d.ruleId ?? '',
    severity: d.severity,
    url: d.url ?? '',
    ...(cause && typeof cause === 'object' && 'reason' in cause ? { cause: { message: cause.reason, file: cause.file, place: cause.place ?? { line: 1, column: 1 } } } : {}),
  };
}

function resultFile(scope: string): string {
  return `check-${Buffer.from(scope).toString('base64url').slice(-48)}.json`;
}
