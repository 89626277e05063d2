import type { Draft } from '../model/types.js';
import type { Rule } from './rule.js';
import { code, frontmatterReadable, keySpan, nodeSpan, referenceSites, valueSpan } from './util.js';

/**
 * A reference from a practice a `--status` build includes to one it leaves out: the output would
 * read the bare id. Only a build with `--status` excludes practices, so `gctf check` never reports
 * it; references from drafts the build leaves out themselves do not matter.
 */
export const excludedReference: Rule = {
  id: 'excluded-reference',
  description: 'Under `gctf build --status`, cross-references and `related` ids of the practices built must not name a practice below that status.',
  check(model, report) {
    if (model.excluded.length === 0 || model.minStatus === undefined) return;
    const minStatus = model.minStatus;
    const excluded = new Map(model.excluded.map((p) => [p.id, p]));
    const left = new Set<Draft>();
    for (const practice of [...model.excluded, ...model.withdrawn]) {
      left.add(practice.draft);
      for (const translation of practice.translations.values()) left.add(translation.draft);
    }
    const describe = (id: string, from: string) => {
      const practice = excluded.get(id);
      if (!practice) return undefined;
      return {
        message: `Unexpected reference from \`${from}\` to ${code(id)} (\`${practice.draft.file.path}\`, status ${code(practice.status)}), which \`--status ${minStatus}\` leaves out; expected a reference to a practice at status ${code(minStatus)} or above (or a lower --status)`,
        cause: { file: practice.draft.file.path, place: keySpan(practice.draft, 'status'), message: `status ${practice.status} here` },
      };
    };
    for (const site of referenceSites(model)) {
      if (left.has(site.draft) || model.index.get(site.target) !== excluded.get(site.target)) continue;
      const found = describe(site.target, site.draft.file.path);
      if (found) report({ file: site.draft.file.path, place: nodeSpan(site.node), ...found });
    }
    for (const draft of model.drafts) {
      if (draft.role !== 'practice' || draft.lang !== undefined || left.has(draft) || !frontmatterReadable(draft)) continue;
      const related = draft.frontmatter.data.related;
      if (!Array.isArray(related)) continue;
      related.forEach((id, i) => {
        if (typeof id !== 'string' || model.index.get(id) !== excluded.get(id)) return;
        const found = describe(id, draft.file.path);
        if (found) report({ file: draft.file.path, place: valueSpan(draft, 'related', i), ...found });
      });
    }
  },
};
