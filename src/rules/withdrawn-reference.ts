import type { Rule } from './rule.js';
import { frontmatterReadable, keySpan, nodeSpan, referenceSites, valueSpan } from './util.js';

/** A reference to a withdrawn practice, which has no number and is in no output. */
export const withdrawnReference: Rule = {
  id: 'withdrawn-reference',
  description: 'Cross-references and `related` ids must not name a withdrawn practice.',
  check(model, report) {
    const withdrawn = new Map(model.withdrawn.map((p) => [p.id, p]));
    const cause = (id: string) => {
      const practice = withdrawn.get(id);
      return practice ? { file: practice.draft.file.path, place: keySpan(practice.draft, 'status'), message: 'withdrawn here' } : undefined;
    };
    for (const site of referenceSites(model)) {
      const target = model.index.get(site.target);
      if (target?.kind !== 'practice' || target.status !== 'withdrawn') continue;
      report({
        file: site.draft.file.path,
        place: nodeSpan(site.node),
        message: `Unexpected reference to withdrawn practice \`${site.target}\` (\`${target.draft.file.path}\`), expected a reference to a practice in the document`,
        cause: cause(site.target),
      });
    }
    for (const draft of model.drafts) {
      if (draft.role !== 'practice' || draft.lang !== undefined || !frontmatterReadable(draft)) continue;
      const related = draft.frontmatter.data.related;
      if (!Array.isArray(related)) continue;
      related.forEach((id, i) => {
        if (typeof id !== 'string' || !withdrawn.has(id)) return;
        report({
          file: draft.file.path,
          place: valueSpan(draft, 'related', i),
          message: `Unexpected related id \`${id}\` of a withdrawn practice, expected a practice in the document`,
          cause: cause(id),
        });
      });
    }
  },
};
