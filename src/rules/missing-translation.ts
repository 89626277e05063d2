import type { Rule } from './rule.js';
import { translatable } from './stale-translation.js';
import { keySpan } from './util.js';

/** A practice or part with no translation into a language the document is published in. */
export const missingTranslation: Rule = {
  id: 'missing-translation',
  description: 'Every practice and part must have a translation for each language listed in `languages`.',
  check(model, report) {
    const others = model.metadata.languages.filter((l) => l !== model.metadata.language);
    if (others.length === 0) return;
    for (const item of translatable(model)) {
      const path = item.draft.file.path;
      for (const lang of others) {
        if (item.translations.has(lang)) continue;
        report({
          file: path,
          place: keySpan(item.draft, 'title'),
          message: `Missing \`${lang}\` translation, expected \`${path.replace(/\.md$/, () => `.${lang}.md`)}\` with \`source-hash: ${item.draft.hash}\``,
        });
      }
    }
  },
};
