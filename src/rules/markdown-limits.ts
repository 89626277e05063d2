import type { Rule } from './rule.js';

/** A draft too large or too deeply nested to parse: reported instead of parsed. */
export const markdownLimits: Rule = {
  id: 'markdown-limits',
  description: 'A draft body must stay within what parses quickly: under 1 MB, 10,000 lines and 10,000 table cells, nested at most 64 levels deep, at most 1,000 inline markers a paragraph (10,000 in all) and 1,000 setext underlines.',
  check(model, report) {
    for (const draft of model.drafts) {
      const problem = draft.tree.data?.gctfLimit;
      if (problem) report({ file: draft.file.path, place: { line: problem.line, column: problem.column }, message: problem.message });
    }
  },
};
