import { UNPRINTABLE } from '../model/fields.js';
import type { Span } from '../parse/parse-yaml.js';
import type { Rule } from './rule.js';

/**
 * Control characters and lone surrogates, in a draft's text or in a frontmatter or manifest value
 * (YAML escapes such as `"\u0007"` make them too). Every output shows U+FFFD instead.
 */
export const controlCharacter: Rule = {
  id: 'control-character',
  description: 'Text must hold no control characters or lone surrogates (each is shown as U+FFFD in every output).',
  check(model, report) {
    const found = (value: string) => {
      const match = UNPRINTABLE.exec(value);
      return match ? `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
    };
    const scan = (file: string, data: unknown, at: (path: (string | number)[]) => Span | undefined, path: (string | number)[] = []) => {
      if (typeof data === 'string') {
        const code = found(data);
        if (code) report({ file, place: at(path) ?? { line: 1, column: 1 }, message: `Unexpected control character ${code} in \`${path.join('.')}\` (shown as U+FFFD), expected printable text` });
      } else if (Array.isArray(data)) {
        data.forEach((item, i) => scan(file, item, at, [...path, i]));
      } else if (data && typeof data === 'object') {
        for (const [key, value] of Object.entries(data)) scan(file, value, at, [...path, key]);
      }
    };
    scan(model.manifest.file.path, model.manifest.data, (path) => model.manifest.yaml.valueSpan(path));
    for (const draft of model.drafts) {
      scan(draft.file.path, draft.frontmatter.data, (path) => draft.frontmatter.yaml?.valueSpan(path));
    }
    for (const file of [model.manifest.file, ...model.drafts.map((d) => d.file)]) {
      for (const problem of file.encodingProblems) {
        if (problem.kind !== 'control-character') continue;
        report({ file: file.path, place: { line: problem.line, column: problem.column }, message: `Unexpected ${problem.detail} (shown as U+FFFD), expected printable text` });
      }
    }
  },
};
