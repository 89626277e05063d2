import path from 'node:path';
import type { Reporter } from './reporter.js';

/**
 * Exactly `{"root", "diagnostics": [{file, line, column, endLine, endColumn, severity, ruleId,
 * message}], "errorCount", "warningCount"}`, with `file` relative to `root`, the current folder
 * (absolute, `/`-separated), as every reporter shows it.
 */
export const json: Reporter = (result, { cwd }) =>
  `${JSON.stringify(
    {
      root: cwd === undefined ? '.' : cwd.split(path.sep).join('/'),
      diagnostics: result.diagnostics.map((d) => ({
        file: d.file,
        line: d.line ?? 1,
        column: d.column ?? 1,
        endLine: d.place && 'end' in d.place ? d.place.end.line : (d.line ?? 1),
        endColumn: d.place && 'end' in d.place ? d.place.end.column : (d.column ?? 1),
        severity: d.severity,
        ruleId: d.ruleId ?? '',
        message: d.reason,
      })),
      errorCount: result.errorCount,
      warningCount: result.warningCount,
    },
    null,
    2,
  )}\n`;
