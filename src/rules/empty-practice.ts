import type { Rule } from './rule.js';
import { frontmatterReadable, nodeSpan } from './util.js';

/** A practice with no body, or whose body does not open with its statement. */
export const emptyPractice: Rule = {
  id: 'empty-practice',
  description: "A practice's body must open with a paragraph: the practice's statement.",
  check(model, report) {
    for (const draft of model.drafts) {
      if (draft.role !== 'practice' || !frontmatterReadable(draft)) continue;
      if (!draft.frontmatter.present && draft.body.trim() === '') continue;
      if (draft.tree.data?.gctfLimit) continue; // markdown-limits already speaks for it
      const first = draft.tree.children[0];
      if (!first) {
        const line = Math.max(1, draft.bodyLine - 1);
        report({ file: draft.file.path, place: { line, column: 1 }, message: 'Unexpected empty practice, expected a first paragraph stating the practice' });
      } else if (first.type !== 'paragraph' || looksLikeTable(draft.body, first.position?.start.offset)) {
        const type = first.type === 'paragraph' ? 'table' : first.type;
        report({ file: draft.file.path, place: nodeSpan(first), message: `Unexpected ${type} at the start of the practice, expected a first paragraph stating the practice` });
      }
    }
  },
};

// `gctf check` parses without the GFM table extension (see ParseProfile), so a table reaches this
// rule as a paragraph: a first line with a pipe followed by a GFM delimiter row is a table.
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function looksLikeTable(body: string, offset: number | undefined): boolean {
  if (offset === undefined) return false;
  const [head, delimiter] = body.slice(offset).split('\n', 2);
  return head !== undefined && delimiter !== undefined && head.includes('|') && DELIMITER_ROW.test(delimiter) && (delimiter.includes('|') || head.trim().startsWith('|'));
}
