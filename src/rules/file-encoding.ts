import type { Rule } from './rule.js';

/** Bytes that are not UTF-8 text, control characters and binary files. */
export const fileEncoding: Rule = {
  id: 'file-encoding',
  description: 'Files must be UTF-8 text, not binary data.',
  check(model, report) {
    for (const file of [model.manifest.file, ...model.drafts.map((d) => d.file)]) {
      for (const problem of file.encodingProblems) {
        if (problem.kind === 'bom' || problem.kind === 'lone-cr' || problem.kind === 'control-character') continue;
        const place = { line: problem.line, column: problem.column };
        report({ file: file.path, place, message: `Unexpected ${problem.detail}, expected UTF-8 text` });
      }
    }
  },
};
