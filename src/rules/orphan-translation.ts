import type { Rule } from './rule.js';

/** A translation with no source draft beside it: it belongs to nothing and would be lost. */
export const orphanTranslation: Rule = {
  id: 'orphan-translation',
  description: 'Every translation `name.<lang>.md` must stand beside its source `name.md`.',
  check(model, report) {
    for (const draft of model.orphans) {
      const source = draft.file.path.replace(/\.[^./]+\.md$/, '.md');
      report({
        file: draft.file.path,
        place: { line: 1, column: 1 },
        message: `Unexpected translation with no source, expected \`${source}\` beside it (or rename it after its source)`,
      });
    }
  },
};
