import { draftFacts } from './draft-facts.js';
import type { Rule } from './rule.js';
import { nodeSpan } from './util.js';

/** A footnote definition that nothing in its draft calls: it would vanish from every output. */
export const footnoteUnused: Rule = {
  id: 'footnote-unused',
  description: 'Every footnote definition `[^x]: …` must be called as `[^x]` in the same draft.',
  check(model, report) {
    for (const draft of model.drafts) {
      const facts = draftFacts(draft);
      const called = new Set(facts.footnoteReferences.map((node) => node.identifier));
      for (const node of facts.footnoteDefinitions) {
        if (called.has(node.identifier)) continue;
        const label = node.label ?? node.identifier;
        report({
          file: draft.file.path,
          place: nodeSpan(node),
          message: `Unexpected footnote definition \`[^${label}]\` that nothing calls, expected a call \`[^${label}]\` in the text or no definition`,
        });
      }
    }
  },
};
