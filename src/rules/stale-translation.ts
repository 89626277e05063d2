import type { FrameworkModel, Part, Practice } from '../model/types.js';
import type { Rule } from './rule.js';
import { keySpan } from './util.js';

/** A translation whose source changed since it was translated (its `source-hash` differs). */
export const staleTranslation: Rule = {
  id: 'stale-translation',
  description: "A translation's `source-hash` must match its source draft's current body.",
  check(model, report) {
    for (const item of translatable(model)) {
      for (const translation of item.translations.values()) {
        if (!translation.stale) continue;
        const source = item.draft.file.path;
        const file = translation.draft.file.path;
        const cause = { file: source, place: { line: 1, column: 1 }, message: 'source draft' };
        if (translation.sourceHash === undefined) {
          report({ file, place: keySpan(translation.draft, 'title'), message: `Missing \`source-hash\`, expected \`source-hash: ${item.draft.hash}\` (the hash of \`${source}\` it translates)`, cause });
        } else {
          report({
            file,
            place: keySpan(translation.draft, 'source-hash'),
            message: `Stale translation: \`source-hash\` is \`${translation.sourceHash}\` but \`${source}\` now hashes to \`${item.draft.hash}\`; expected the translation brought up to date and \`source-hash: ${item.draft.hash}\``,
            cause,
          });
        }
      }
    }
  },
};

/** Every practice and part that can have translations, in document order. */
export function translatable(model: FrameworkModel): (Practice | Part)[] {
  return [
    ...model.front,
    ...model.sections.flatMap((s) => [...(s.intro ? [s.intro] : []), ...s.practices]),
    ...model.excluded,
    ...model.back,
  ];
}
