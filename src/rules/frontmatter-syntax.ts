import type { Rule } from './rule.js';

/** Frontmatter that cannot be read: unterminated, not YAML, not a mapping, or bad YAML. */
export const frontmatterSyntax: Rule = {
  id: 'frontmatter-syntax',
  description: 'Frontmatter must be one YAML mapping between `---` lines; other languages are never evaluated.',
  check(model, report) {
    for (const draft of model.drafts) {
      const { problem, yaml } = draft.frontmatter;
      if (problem) report({ file: draft.file.path, place: problem.place, message: problem.message });
      for (const error of yaml?.errors ?? []) {
        report({ file: draft.file.path, place: error.place, message: `Unexpected YAML: ${error.message}` });
      }
    }
  },
};
