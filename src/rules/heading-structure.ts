import type { Heading } from 'mdast';
import type { Draft } from '../model/types.js';
import { draftFacts } from './draft-facts.js';
import type { Fix, Rule } from './rule.js';
import { nodeSpan } from './util.js';

const DEEPEST = 4;

/** Headings in drafts: no `#` (the title is in the frontmatter), `##`–`####`, no skipped rank. */
export const headingStructure: Rule = {
  id: 'heading-structure',
  description: 'Draft bodies use `##`–`####` headings without skipping a rank; `#` is never used (the title comes from the frontmatter).',
  fixable: true,
  check(model, report) {
    for (const draft of model.drafts) {
      let previous = 1;
      const headings = draftFacts(draft).headings;
      headings.forEach((node, i) => {
        const rank = node.depth;
        let expected: string | undefined;
        let target: number = rank;
        if (rank === 1) {
          expected = 'rank `2` (`##`); the title comes from the frontmatter';
          target = 2;
        } else if (rank > DEEPEST) {
          expected = `rank \`${DEEPEST}\` or less (\`##\`–\`####\`)`;
          target = Math.min(DEEPEST, previous + 1);
        } else if (rank > previous + 1) {
          expected = `rank \`${previous + 1}\` or less`;
          target = previous + 1;
        }
        if (expected) {
          const fix = rankFix(draft, node, target, headings[i - 1]?.depth ?? 0, headings[i + 1]?.depth);
          report({ file: draft.file.path, place: nodeSpan(node), message: `Unexpected heading rank \`${rank}\`, expected ${expected}`, ...(fix ? { fix } : {}) });
        }
        previous = Math.min(Math.max(rank, 2), DEEPEST);
      });
    }
  },
};

/**
 * A fix that cannot be wrong: only an ATX heading (`### Title`), and only when the new rank keeps
 * it where it stands in the outline: as much above, beside or below the heading before it (the
 * start of the body, for the first) and the heading after it as it was.
 */
function rankFix(draft: Draft, node: Heading, target: number, before: number, after: number | undefined): Fix | undefined {
  const same = (other: number) => Math.sign(node.depth - other) === Math.sign(target - other);
  if (!node.position || !same(before) || (after !== undefined && !same(after))) return undefined;
  const { line, column } = node.position.start;
  const text = draft.file.text.split('\n')[line - 1] ?? '';
  const marks = /^#+/.exec(text.slice(column - 1))?.[0];
  if (marks?.length !== node.depth) return undefined;
  return { from: { line, column }, to: { line, column: column + marks.length }, text: '#'.repeat(target) };
}
