import { visit } from 'unist-util-visit';
import type { Rule } from './rule.js';
import { nodeSpan } from './util.js';

/** A footnote definition that nothing in its draft calls: it would vanish from every output. */
export const footnoteUnused: Rule = {
  id: 'footnote-unused',
  description: 'Every footnote definition `[^x]: …` must be called as `[^x]` in the same draft.',
  check(model, report) {
    for (const draft of model.drafts) {
      const called = new Set<string>();
      visit(draft.tree, 'footnoteReference', (node) => {
        called.add(node.identifier);
      });
      visit(draft.tree, 'footnoteDefinition', (node) => {
        if (called.has(node.identifier)) return;
        const label = node.label ?? node.identifier;
        report({
          file: draft.file.path,
          place: nodeSpan(node),
          message: `Unexpected footnote definition \`[^${label}]\` that nothing calls, expected a call \`[^${label}]\` in the text or no definition`,
        });
      });
    }
  },
};
