import type { Practice } from '../model/types.js';
import type { Rule } from './rule.js';
import { keySpan } from './util.js';

/** Two practices, or a practice and a section, with one id. */
export const duplicateId: Rule = {
  id: 'duplicate-id',
  description: 'Every practice id must be unique in the framework and differ from every section id.',
  check(model, report) {
    const first = new Map<string, Practice>();
    const all = [...model.practices, ...model.excluded, ...model.withdrawn];
    all.sort((a, b) => (a.draft.file.path < b.draft.file.path ? -1 : a.draft.file.path > b.draft.file.path ? 1 : 0));
    const sectionIds = new Set(model.sections.map((s) => s.id));
    for (const practice of all) {
      // Positions cost a full YAML parse: worked out only for a finding.
      const place = () => idSpan(practice);
      const file = practice.draft.file.path;
      if (sectionIds.has(practice.id)) {
        const manifest = model.manifest;
        const index = model.sections.findIndex((s) => s.id === practice.id);
        const sectionPlace = manifest.yaml.valueSpan(['sections', index, 'id']) ?? { line: 1, column: 1 };
        report({
          file,
          place: place(),
          message: `Unexpected practice id \`${practice.id}\`, already a section id; expected an id no section uses`,
          cause: { file: manifest.file.path, place: sectionPlace, message: 'section defined here' },
        });
        continue;
      }
      const earlier = first.get(practice.id);
      if (!earlier) {
        first.set(practice.id, practice);
        continue;
      }
      const earlierPlace = idSpan(earlier);
      report({
        file,
        place: place(),
        message: `Unexpected duplicate id \`${practice.id}\`, also used by \`${earlier.draft.file.path}\`; expected ids unique in the framework`,
        cause: { file: earlier.draft.file.path, place: earlierPlace, message: 'first used here' },
      });
    }
  },
};

function idSpan(practice: Practice) {
  return practice.draft.frontmatter.data.id !== undefined ? keySpan(practice.draft, 'id') : { line: 1, column: 1 };
}
