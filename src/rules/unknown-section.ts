import { closest } from '../model/fields.js';
import type { Rule } from './rule.js';

/** A folder of drafts that the manifest lists as no section: its practices would be lost. */
export const unknownSection: Rule = {
  id: 'unknown-section',
  description: 'Every folder of drafts must be a section listed in `framework.yaml`.',
  check(model, report) {
    const folders = model.files.unknownFolders;
    if (folders.length === 0) return;
    if (model.manifest.yaml.errors.length > 0 || model.sections.length === 0) {
      // No section could be read (the manifest does not parse, or `sections` is missing or holds
      // no valid entry): every folder would be "unknown", so it is said once, at the manifest,
      // beside the manifest-schema findings that say why.
      const names = folders.map((f) => `\`${f.name}/\``).join(', ');
      report({
        file: model.manifest.file.path,
        place: model.manifest.yaml.keySpan(['sections']) ?? { line: 1, column: 1 },
        message: `Unexpected ${folders.length === 1 ? 'folder' : `${folders.length} folders`} of drafts (${names}) that no section can hold: the \`sections\` of framework.yaml cannot be read; expected them fixed first (see manifest-schema)`,
      });
      return;
    }
    const ids = model.sections.map((s) => `\`${s.id}\``).join(', ');
    for (const folder of folders) {
      const hint = closest(folder.name, model.sections.map((s) => s.id));
      report({
        file: folder.file,
        place: { line: 1, column: 1 },
        message: `Unexpected folder \`${folder.name}/\` of drafts, which is no section in framework.yaml; ${hint ? `did you mean \`${hint}\`? ` : ''}expected one of ${ids} (or add it to \`sections\`)`,
      });
    }
  },
};
