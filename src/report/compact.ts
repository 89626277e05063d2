import { printable } from './escape.js';
import type { Reporter } from './reporter.js';

/**
 * One line a finding, `path:line:column: severity: message [rule-id]`, the form compilers print and
 * ESLint's `unix` formatter writes: a terminal makes each location clickable, and an editor's
 * problem matcher reads it with one regular expression (see the README's VS Code task). Then the
 * counts, and why the run fails when the counts alone do not say it.
 */
export const compact: Reporter = (result, { failure }) => {
  const lines = result.diagnostics.map(
    (d) => `${printable(d.file)}:${d.line ?? 1}:${d.column ?? 1}: ${d.severity === 'error' ? 'error' : 'warning'}: ${printable(d.reason)} [${printable(d.ruleId ?? 'gctf')}]`,
  );
  const { errorCount: e, warningCount: w } = result;
  lines.push(`${e} ${e === 1 ? 'error' : 'errors'}, ${w} ${w === 1 ? 'warning' : 'warnings'}`);
  if (failure !== undefined) lines.push(failure);
  return `${lines.join('\n')}\n`;
};
