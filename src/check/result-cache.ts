import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Location } from '../rules/rule.js';
import type { Severity } from '../rules/registry.js';
import type { CheckResult } from './check-model.js';
import type { Diagnostic } from './diagnostic.js';

interface StoredDiagnostic {
  readonly message: string;
  readonly at: Location;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly url: string;
  readonly cause?: Location & { readonly message: string };
}

/**
 * Check results by project key (see `projectKey`): when not one file, option or version changed,
 * the result is the one stored, and nothing needs parsing. One entry per framework folder.
 */
export async function readCheckResult(folder: string, scope: string, key: string): Promise<CheckResult | undefined> {
  try {
    const stored = JSON.parse(readFileSync(resultFile(folder, scope), 'utf8')) as { key: string; diagnostics: StoredDiagnostic[] };
    if (stored.key !== key) return undefined;
    // A clean result needs no diagnostics made: their module (and vfile-message) stays unloaded.
    if (stored.diagnostics.length === 0) return { diagnostics: [], errorCount: 0, warningCount: 0 };
    const { createDiagnostic } = await import('./diagnostic.js');
    const diagnostics = stored.diagnostics.map((d) => createDiagnostic(d.message, d.at, d.ruleId, d.severity, d.url, d.cause));
    const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
    return { diagnostics, errorCount, warningCount: diagnostics.length - errorCount };
  } catch {
    return undefined;
  }
}

/** Stores a check result under its project key. Failures only cost time next run. */
export function writeCheckResult(folder: string, scope: string, key: string, result: CheckResult): void {
  const file = resultFile(folder, scope);
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(temporary, JSON.stringify({ key, diagnostics: result.diagnostics.map(store) }));
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
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

function resultFile(folder: string, scope: string): string {
  return path.join(folder, `check-${Buffer.from(scope).toString('base64url').slice(-48)}.json`);
}
