import { draftFacts } from './draft-facts.js';
import type { Rule } from './rule.js';
import { code, nodeSpan } from './util.js';

/**
 * An image without words: PDF/UA-1 forbids a figure without alternative text, and a reader who
 * cannot see it (or a format that does not show it: the PDF and Word editions set the words in
 * its place) is left with nothing. Caught here, so that the accessible PDF never fails to build.
 */
export const imageAltText: Rule = {
  id: 'image-alt-text',
  description: 'Every image must say what it shows in its alt text, `![what it shows](file.png)`: PDF/UA-1 requires it, and the PDF and Word editions show those words in its place.',
  check(model, report) {
    for (const draft of model.drafts) {
      for (const node of draftFacts(draft).images) {
        if ((node.alt ?? '').trim() !== '') continue;
        const what = node.type === 'image' ? code(node.url) : code(`[${node.label ?? node.identifier}]`);
        report({ file: draft.file.path, place: nodeSpan(node), message: `Unexpected image ${what} without alt text, expected \`![what it shows](…)\` (PDF/UA-1 requires it)` });
      }
    }
  },
};
