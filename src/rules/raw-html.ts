import { draftFacts } from './draft-facts.js';
import type { Rule } from './rule.js';
import { code, nodeSpan } from './util.js';

/** Raw HTML in a draft: no output format keeps it, so the text it carries would be lost. */
export const rawHtml: Rule = {
  id: 'raw-html',
  description: 'Drafts are plain Markdown: raw HTML is dropped from every output (comments excepted, which are drafting notes).',
  check(model, report) {
    for (const draft of model.drafts) {
      for (const node of draftFacts(draft).html) {
        const value = node.value.trim();
        if (value.startsWith('<!--')) continue;
        report({ file: draft.file.path, place: nodeSpan(node), message: `Unexpected raw HTML ${code(value)}, expected Markdown (raw HTML is dropped from every output)` });
      }
    }
  },
};
