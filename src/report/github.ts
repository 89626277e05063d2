import path from 'node:path';
import { workflowData, workflowProperty } from './escape.js';
import type { Reporter } from './reporter.js';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=rule-id::message`), with the
 * file given relative to `workspace`, the repository root the workflow runs in (`GITHUB_WORKSPACE`). A run that fails on
 * warnings alone (`--strict`, `--max-warnings`) also gets an `::error` saying so, so the failed job
 * has an error annotation.
 */
export function github(workspace: string): Reporter {
  return (result, { failure, cwd = workspace }) => {
    const lines = result.diagnostics.map((d) => {
      const end = d.place && 'end' in d.place ? d.place.end : undefined;
      const props = [
        `file=${workflowProperty(path.relative(workspace, path.resolve(cwd, d.file)).split(path.sep).join('/'))}`,
        `line=${d.line ?? 1}`,
        `col=${d.column ?? 1}`,
        ...(end ? [`endLine=${end.line}`, `endColumn=${end.column}`] : []),
        `title=${workflowProperty(d.ruleId ?? 'gctf')}`,
      ];
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${workflowData(d.reason)}`;
    });
    if (failure !== undefined) lines.push(`::error title=gctf::${workflowData(failure)}`);
    lines.push(`gctf: ${result.errorCount} error(s), ${result.warningCount} warning(s)`);
    return `${lines.join('\n')}\n`;
  };
}
