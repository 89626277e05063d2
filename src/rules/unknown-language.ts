import { closest } from '../model/fields.js';
import type { Rule } from './rule.js';

/** A translation into a language the manifest does not publish: no edition would show it. */
export const unknownLanguage: Rule = {
  id: 'unknown-language',
  description: 'Every translation must be into a language listed in `languages`.',
  check(model, report) {
    const listed = model.metadata.languages.map((l) => `\`${l}\``).join(', ');
    for (const { file, lang } of model.files.unlistedLanguages) {
      const hint = closest(lang, model.metadata.languages);
      report({
        file,
        place: { line: 1, column: 1 },
        message: `Unexpected translation into \`${lang}\`, which framework.yaml does not list; ${hint ? `did you mean \`${hint}\`? ` : ''}expected one of ${listed} (or add \`${lang}\` to \`languages\`)`,
      });
    }
  },
};
