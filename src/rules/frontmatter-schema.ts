import { closest, INVISIBLE, partFields, practiceFields, type Field } from '../model/fields.js';
import { practiceId } from '../model/build-model.js';
import type { Draft } from '../model/types.js';
import { distance } from 'fastest-levenshtein';
import type { Span } from '../parse/parse-yaml.js';
import type { Finding, Fix, Rule } from './rule.js';
import { code, frontmatterReadable, keySpan, valueSpan } from './util.js';

/** Frontmatter keys and values: required keys, types, unknown keys, ids. */
export const frontmatterSchema: Rule = {
  id: 'frontmatter-schema',
  description: 'Frontmatter keys must be known and hold values of the documented type (`title`, `status`, `id`, …).',
  fixable: true,
  check(model, report) {
    const sourceIds = new Map<string, string>();
    for (const draft of model.drafts) {
      if (draft.role === 'practice' && draft.lang === undefined) sourceIds.set(`${draft.section}/${draft.stem}`, practiceId(draft));
    }
    for (const draft of model.drafts) {
      if (!frontmatterReadable(draft) || draft.file.encodingProblems.some((p) => p.kind === 'binary')) continue;
      const file = draft.file.path;
      const fields = draft.role === 'practice' ? practiceFields : partFields;
      if (!draft.frontmatter.present) {
        const needed = draft.role === 'practice' && draft.lang === undefined ? '`title` and `status`' : '`title`';
        report({ file, place: { line: 1, column: 1 }, message: `Missing frontmatter, expected a \`---\` block with ${needed} at the top of the file` });
        continue;
      }
      checkFields(draft, fields, report);
      if (draft.role === 'practice' && draft.lang === undefined && draft.frontmatter.data['source-hash'] !== undefined) {
        report({ file, place: keySpan(draft, 'source-hash'), message: 'Unexpected `source-hash` in a source draft, expected it only in translations (`name.fr.md`)' });
      }
      if (draft.role === 'practice' && draft.lang !== undefined) {
        const sourceId = sourceIds.get(`${draft.section}/${draft.stem}`);
        const id = draft.frontmatter.data.id;
        if (sourceId !== undefined && typeof id === 'string' && id !== sourceId) {
          report({ file, place: valueSpan(draft, 'id'), message: `Unexpected id ${code(id)} in a translation, expected the source's id ${code(sourceId)} or no \`id\`` });
        }
      }
      if (draft.role === 'practice' && draft.lang === undefined && draft.frontmatter.data.id === undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(practiceId(draft))) {
        report({ file, place: { line: 1, column: 1 }, message: `Unexpected file name ${code(draft.stem)} for the default id, expected an \`id\` key or a file name like \`community-trust.md\`` });
      }
    }
  },
};

function checkFields(draft: Draft, fields: Readonly<Record<string, Field>>, report: (f: Finding) => void): void {
  const file = draft.file.path;
  const data = draft.frontmatter.data;
  const isTranslation = draft.lang !== undefined;
  for (const [key, field] of Object.entries(fields)) {
    const value = data[key];
    if (value === undefined || value === null) {
      if (field.required && !(isTranslation && key === 'status')) {
        report({ file, place: { line: 1, column: 1 }, message: `Missing \`${key}\` in frontmatter, expected ${field.type.expected}` });
      }
      continue;
    }
    if (!field.type.test(value)) {
      const invisible = typeof value === 'string' && INVISIBLE.test(value);
      const found = invisible ? 'invisible or direction-changing character in' : `${describe(value)} ${code(value)} for`;
      report({ file, place: valueSpan(draft, key), message: `Unexpected ${found} \`${key}\`, expected ${field.type.expected}` });
    }
  }
  for (const key of Object.keys(data)) {
    if (key in fields) continue;
    const hint = closest(key, Object.keys(fields));
    const expected = hint ? `did you mean \`${hint}\`?` : `expected one of ${Object.keys(fields).map((k) => `\`${k}\``).join(', ')}`;
    const place = keySpan(draft, key);
    const fix = hint ? renameFix(draft, key, place, Object.keys(fields)) : undefined;
    report({ file, place, message: `Unexpected key \`${key}\`, ${expected}`, ...(fix ? { fix } : {}) });
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

/**
 * The rename `--fix` makes of a misspelt key, only when it cannot be wrong: exactly one known key
 * is nearest (within a third of the key's length), the key is not there already, and the key is
 * written plainly on one line as the span shows it.
 */
function renameFix(draft: Draft, key: string, place: Span, known: readonly string[]): Fix | undefined {
  const limit = Math.max(1, Math.floor(key.length / 3));
  const distances = known.map((k) => ({ k, d: distance(key, k) })).filter(({ d }) => d <= limit);
  const best = Math.min(...distances.map(({ d }) => d));
  const nearest = distances.filter(({ d }) => d === best);
  if (nearest.length !== 1 || !nearest[0] || draft.frontmatter.data[nearest[0].k] !== undefined) return undefined;
  const line = draft.file.text.split('\n')[place.start.line - 1] ?? '';
  if (place.start.line !== place.end.line || line.slice(place.start.column - 1, place.end.column - 1) !== key) return undefined;
  return { from: place.start, to: place.end, text: nearest[0].k };
}
