import { draftFacts } from './draft-facts.js';
import type { Rule } from './rule.js';
import { nodeSpan } from './util.js';

const DEEPEST = 4;

/** Headings in drafts: no `#` (the title is in the frontmatter), `##`–`####`, no skipped rank. */
export const headingStructure: Rule = {
  id: 'heading-structure',
  description: 'Draft bodies use `##`–`####` headings without skipping a rank; `#` is never used (the title comes from the frontmatter).',
  check(model, report) {
    for (const draft of model.drafts) {
      let previous = 1;
      for (const node of draftFacts(draft).headings) {
        const rank = node.depth;
        let expected: string | undefined;
        if (rank === 1) expected = 'rank `2` (`##`); the title comes from the frontmatter';
        else if (rank > DEEPEST) expected = `rank \`${DEEPEST}\` or less (\`##\`–\`####\`)`;
        else if (rank > previous + 1) expected = `rank \`${previous + 1}\` or less`;
        if (expected) report({ file: draft.file.path, place: nodeSpan(node), message: `Unexpected heading rank \`${rank}\`, expected ${expected}` });
        previous = Math.min(Math.max(rank, 2), DEEPEST);
      }
    }
  },
};
