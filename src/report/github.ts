import { workflowData, workflowProperty } from './escape.js';
import type { Reporter } from './reporter.js';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=rule-id::message`), with the
 * file given relative to the repository root by the caller through `prefix`.
 */
export function github(prefix: string): Reporter {
  return (result) => {
    const lines = result.diagnostics.map((d) => {
      const end = d.place && 'end' in d.place ? d.place.end : undefined;
      const props = [
        `file=${workflowProperty(prefix + d.file)}`,
        `line=${d.line ?? 1}`,
        `col=${d.column ?? 1}`,
        ...(end ? [`endLine=${end.line}`, `endColumn=${end.column}`] : []),
        `title=${workflowProperty(d.ruleId ?? 'gctf')}`,
      ];
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${workflowData(d.reason)}`;
    });
    lines.push(`gctf: ${result.errorCount} error(s), ${result.warningCount} warning(s)`);
    return `${lines.join('\n')}\n`;
  };
}
