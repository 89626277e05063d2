import type { Rule } from './rule.js';

/** A byte order mark or old Mac line endings: read as expected, but worth knowing. */
export const normalizedText: Rule = {
  id: 'normalized-text',
  description: 'Files should have no byte order mark and no lone CR line endings (both are normalised when read).',
  fixable: true,
  check(model, report) {
    for (const file of [model.manifest.file, ...model.drafts.map((d) => d.file)]) {
      for (const problem of file.encodingProblems) {
        if (problem.kind !== 'bom' && problem.kind !== 'lone-cr') continue;
        const place = { line: problem.line, column: problem.column };
        const fix = problem.kind === 'bom' ? 'no byte order mark' : 'LF or CRLF line endings';
        report({ file: file.path, place, message: `Unexpected ${problem.detail} (normalised when read), expected ${fix}`, fix: 'normalize' });
      }
    }
  },
};
