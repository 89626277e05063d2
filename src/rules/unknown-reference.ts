import { closest } from '../model/fields.js';
import type { Rule } from './rule.js';
import { code, frontmatterReadable, nodeSpan, referenceSites, valueSpan } from './util.js';

/** A `#id` link, or a `related` entry, that names no practice or section. */
export const unknownReference: Rule = {
  id: 'unknown-reference',
  description: 'Every `[](#id)` cross-reference and every `related` id must name a practice or section of the framework.',
  check(model, report) {
    const known = () => [...model.index.keys()];
    for (const site of referenceSites(model)) {
      if (model.index.has(site.target)) continue;
      report({
        file: site.draft.file.path,
        place: nodeSpan(site.node),
        message: `Unexpected reference to ${code(`#${site.target}`)}, which names no practice or section; expected one of the framework's ids${hint(site.target, known())}`,
      });
    }
    for (const draft of model.drafts) {
      if (draft.role !== 'practice' || !frontmatterReadable(draft)) continue;
      const related = draft.frontmatter.data.related;
      if (!Array.isArray(related)) continue;
      related.forEach((id, i) => {
        if (typeof id !== 'string' || model.index.has(id)) return;
        report({
          file: draft.file.path,
          place: valueSpan(draft, 'related', i),
          message: `Unexpected related id ${code(id)}, which names no practice; expected the id of a practice in the framework${hint(id, known())}`,
        });
      });
    }
  },
};

function hint(target: string, ids: string[]): string {
  const best = closest(target, ids);
  return best ? ` (did you mean \`${best}\`?)` : '';
}
