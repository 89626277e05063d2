import type { Rule } from './rule.js';

/** A folder of drafts that the manifest lists as no section: its practices would be lost. */
export const unknownSection: Rule = {
  id: 'unknown-section',
  description: 'Every folder of drafts must be a section listed in `framework.yaml`.',
  check(model, report) {
    const ids = model.sections.map((s) => `\`${s.id}\``).join(', ') || 'none';
    for (const folder of model.files.unknownFolders) {
      report({
        file: folder.file,
        place: { line: 1, column: 1 },
        message: `Unexpected folder \`${folder.name}/\` of drafts, which is no section in framework.yaml; expected one of ${ids} (or add it to \`sections\`)`,
      });
    }
  },
};
