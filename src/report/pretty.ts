import { printable } from './escape.js';
import type { Diagnostic } from '../check/diagnostic.js';
import type { Reporter } from './reporter.js';

const paint = (code: number, on: boolean) => (text: string) => (on ? `\u001B[${code}m${text}\u001B[39m` : text);

/**
 * The default reporter: grouped by file (a line with its path, relative to the current folder, as
 * markdownlint-cli2 and ESLint's stylish print it), `line:column  severity  message  rule-id`, then
 * a summary, and why the run fails when the counts alone do not say it.
 * Colour only when asked (a terminal without `NO_COLOR`).
 */
export const pretty: Reporter = (result, { color, failure }) => {
  const red = paint(31, color);
  const yellow = paint(33, color);
  const dim = (text: string) => (color ? `\u001B[2m${text}\u001B[22m` : text);
  const underline = (text: string) => (color ? `\u001B[4m${text}\u001B[24m` : text);
  const lines: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of result.diagnostics) {
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  for (const [file, list] of byFile) {
    lines.push(underline(printable(file)));
    const places = list.map((d) => `${d.line ?? 1}:${d.column ?? 1}`);
    const width = Math.max(...places.map((p) => p.length));
    list.forEach((d, i) => {
      const severity = d.severity === 'error' ? red('error  ') : yellow('warning');
      lines.push(`  ${(places[i] ?? '').padEnd(width)}  ${severity}  ${printable(d.reason)}  ${dim(printable(d.ruleId ?? ''))}`);
      const cause = d.cause as Diagnostic | undefined;
      if (cause && typeof cause === 'object' && 'reason' in cause) {
        lines.push(`  ${' '.repeat(width)}  ${dim(`↳ ${printable(cause.reason)}: ${printable(cause.file)}:${cause.line ?? 1}:${cause.column ?? 1}`)}`);
      }
    });
    lines.push('');
  }
  const { errorCount: e, warningCount: w } = result;
  if (e === 0 && w === 0) {
    lines.push('✔ no problems');
  } else {
    const parts = [`${e} ${e === 1 ? 'error' : 'errors'}`, `${w} ${w === 1 ? 'warning' : 'warnings'}`];
    lines.push(e > 0 ? red(`✖ ${parts.join(', ')}`) : yellow(`⚠ ${parts.join(', ')}`));
  }
  if (failure !== undefined) lines.push(red(`✖ ${failure}`));
  return `${lines.join('\n')}\n`;
};
