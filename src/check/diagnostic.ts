import { VFileMessage } from 'vfile-message';
import type { Fix, Location } from '../rules/rule.js';
import type { Severity } from '../rules/registry.js';

/**
 * A finding, stamped: a `VFileMessage` with `file`, `place`, `ruleId`, `source`, `url`, a severity
 * (`fatal: true` for errors, `false` for warnings) and a `cause` for the other place.
 */
export type Diagnostic = VFileMessage & { readonly severity: Severity; file: string; fix?: Fix };

export function createDiagnostic(
  message: string,
  at: Location,
  ruleId: string,
  severity: Severity,
  url: string,
  cause?: Location & { message: string },
): Diagnostic {
  const diagnostic = new VFileMessage(message, {
    place: at.place,
    ruleId,
    source: 'gctf',
    cause: cause ? createCause(cause) : undefined,
  }) as Diagnostic;
  diagnostic.file = at.file;
  diagnostic.fatal = severity === 'error';
  diagnostic.url = url;
  (diagnostic as { severity: Severity }).severity = severity;
  return diagnostic;
}

function createCause(cause: Location & { message: string }): VFileMessage {
  const message = new VFileMessage(cause.message, { place: cause.place, source: 'gctf' });
  message.file = cause.file;
  return message;
}

/** Orders diagnostics by file, line, column and rule, so every report reads alike. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compare(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compare(a.ruleId ?? '', b.ruleId ?? '') ||
    compare(a.reason, b.reason)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
