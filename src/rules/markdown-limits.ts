import type { Rule } from './rule.js';

/** A draft too large or too deeply nested to parse: reported instead of parsed. */
export const markdownLimits: Rule = {
  id: 'markdown-limits',
  description: 'A draft body must be under 1 MB and nested at most 64 levels deep (block quotes, lists, emphasis).',
  check(model, report) {
    for (const draft of model.drafts) {
      const problem = draft.tree.data?.gctfLimit;
      if (problem) report({ file: draft.file.path, place: { line: problem.line, column: problem.column }, message: problem.message });
    }
  },
};
