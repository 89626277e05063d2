import { LANGUAGE_PATTERN } from '../text/language-tag.js';
import { INVISIBLE, replaceUnprintable, UNPRINTABLE } from '../text/characters.js';
import { distance } from 'fastest-levenshtein';
/**
 * The keys of `framework.yaml` and of a draft's frontmatter, with what each must hold. The model
 * reads a value only where it fits; the `manifest-schema` and `frontmatter-schema` rules report
 * every value that does not. One table serves both, so they never disagree.
 */

/** What a key must hold: `expected` names it for messages; `test` says whether a value fits. */
export interface FieldType {
  readonly expected: string;
  test(value: unknown): boolean;
}

export interface Field {
  readonly type: FieldType;
  readonly required: boolean;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Ids of practices and sections, from FORMAT.md. */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** A BCP 47 language tag, loosely: `en`, `fr`, `ar`, `pt-BR`, `zh-Hant`. */
export { LANGUAGE_PATTERN };
export const SLUG_PATTERN = /^[a-z0-9-]+$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Characters that render invisibly or reorder text: never wanted in ids, titles or tags. */
export { INVISIBLE, UNPRINTABLE };

/** A value with every unprintable character replaced by U+FFFD (strings in lists and maps too). */
export function printable<T>(value: T): T {
  if (typeof value === 'string') return replaceUnprintable(value) as T;
  if (Array.isArray(value)) return value.map(printable) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printable(v)])) as T;
  return value;
}

export const text: FieldType = {
  expected: 'a single line of text',
  test: (value) => isString(value) && value.trim() !== '' && !/[\n\r]/.test(value),
};
export const plainText: FieldType = {
  expected: 'a single line of text without invisible or direction-changing characters',
  test: (value) => text.test(value) && !INVISIBLE.test(value as string),
};
export const localizedText: FieldType = {
  expected: 'a line of text, or a map of language to text (`en: …`, `fr: …`)',
  test: (value) =>
    text.test(value) ||
    (isPlainObject(value) &&
      Object.keys(value).length > 0 &&
      Object.entries(value).every(([lang, v]) => LANGUAGE_PATTERN.test(lang) && text.test(v))),
};
export const textList: FieldType = {
  expected: 'a list of lines of text',
  test: (value) => Array.isArray(value) && value.every((v) => plainText.test(v)),
};
export const localizedTextList: FieldType = {
  expected: 'a list whose entries are a line of text, or a map of language to text (`- {en: United States, fr: États-Unis}`)',
  test: (value) => Array.isArray(value) && value.every((v) => plainText.test(v) || (localizedText.test(v) && isPlainObject(v) && Object.values(v).every((t) => plainText.test(t)))),
};
export const idList: FieldType = {
  expected: 'a list of practice ids (`[community-trust, early-referral]`)',
  test: (value) => Array.isArray(value) && value.every((v) => isString(v) && ID_PATTERN.test(v)),
};
export const id: FieldType = {
  expected: 'an id of lowercase letters, digits and single hyphens (`community-trust`)',
  test: (value) => isString(value) && ID_PATTERN.test(value),
};
export const slug: FieldType = {
  expected: 'lowercase letters, digits and hyphens (`homegrown-terrorism`)',
  test: (value) => isString(value) && SLUG_PATTERN.test(value),
};
export const language: FieldType = {
  expected: 'a BCP 47 language tag (`en`, `fr`, `ar`)',
  test: (value) => isString(value) && LANGUAGE_PATTERN.test(value),
};
export const languageList: FieldType = {
  expected: 'a list of BCP 47 language tags (`[en, fr, ar]`)',
  test: (value) => Array.isArray(value) && value.length > 0 && value.every((v) => language.test(v)),
};
export const date: FieldType = {
  expected: 'a date written `YYYY-MM-DD`',
  test: (value) => isString(value) && DATE_PATTERN.test(value) && !Number.isNaN(Date.parse(value)),
};
export const number: FieldType = {
  expected: 'a number',
  test: (value) => typeof value === 'number' && Number.isFinite(value),
};
export const pathList: FieldType = {
  expected: 'a path or a list of paths to Markdown files inside the framework folder',
  test: (value) =>
    (isString(value) && value.trim() !== '') || (Array.isArray(value) && value.every((v) => isString(v) && v.trim() !== '')),
};
export const hash: FieldType = {
  expected: '8 hexadecimal digits (`3fa94c1e`)',
  test: (value) => isString(value) && /^[0-9a-f]{8}$/.test(value),
};
export const oneOf = (...values: string[]): FieldType & { readonly values: readonly string[] } => ({
  expected: values.map((v) => `\`${v}\``).join(', ').replace(/, ([^,]*)$/, ' or $1'),
  test: (value) => isString(value) && values.includes(value),
  values,
});

/** Publication status of the whole document. */
export const DOCUMENT_STATUSES = ['draft', 'final'] as const;
/** Status of one practice, lowest first; `withdrawn` stands outside the ladder. */
export const PRACTICE_STATUSES = ['draft', 'review', 'agreed', 'adopted', 'withdrawn'] as const;
export const RULE_LEVELS = ['error', 'warning', 'off'] as const;

export const manifestFields: Readonly<Record<string, Field>> = {
  title: { type: localizedText, required: true },
  subtitle: { type: localizedText, required: false },
  'short-title': { type: localizedText, required: false },
  initiative: { type: localizedText, required: false },
  'working-group': { type: localizedText, required: false },
  'co-leads': { type: localizedTextList, required: false },
  adopted: { type: date, required: false },
  meeting: { type: localizedText, required: false },
  slug: { type: slug, required: false },
  language: { type: language, required: false },
  languages: { type: languageList, required: false },
  status: { type: oneOf(...DOCUMENT_STATUSES), required: false },
  numbering: {
    type: { expected: 'a mapping with `prefix` and `start`', test: isPlainObject },
    required: false,
  },
  front: { type: pathList, required: false },
  back: { type: pathList, required: false },
  sections: {
    type: { expected: 'a list of sections (`- id: prevention` / `title: Prevention`)', test: Array.isArray },
    required: true,
  },
  rules: {
    type: { expected: 'a map of rule id to `error`, `warning` or `off`', test: isPlainObject },
    required: false,
  },
  build: {
    type: { expected: 'a mapping with `out`, `formats` and `languages` (defaults for gctf build)', test: isPlainObject },
    required: false,
  },
};

/** The formats `gctf build` writes, as `build.formats` and `--format` name them. */
export const BUILD_FORMATS = ['md', 'html', 'json', 'akn', 'docx', 'pdf'] as const;

/** `build:` in `framework.yaml`: defaults for `gctf build`, which its flags override (Quarto's `_quarto.yml` model). */
export const buildFields: Readonly<Record<string, Field>> = {
  out: {
    type: { expected: "a folder, relative to framework.yaml's folder and outside it (`../dist`)", test: (v) => text.test(v) },
    required: false,
  },
  formats: {
    type: {
      expected: `a list of formats (${[...BUILD_FORMATS, 'all'].map((f) => `\`${f}\``).join(', ')})`,
      test: (v) => Array.isArray(v) && v.length > 0 && v.every((f) => isString(f) && [...BUILD_FORMATS, 'all'].includes(f)),
    },
    required: false,
  },
  languages: { type: languageList, required: false },
};

export const numberingFields: Readonly<Record<string, Field>> = {
  prefix: { type: localizedText, required: false },
  start: {
    type: { expected: 'a whole number', test: (v) => typeof v === 'number' && Number.isInteger(v) },
    required: false,
  },
};

export const sectionFields: Readonly<Record<string, Field>> = {
  id: { type: id, required: true },
  title: { type: localizedText, required: true },
};

export const practiceFields: Readonly<Record<string, Field>> = {
  id: { type: id, required: false },
  title: { type: plainText, required: true },
  status: { type: oneOf(...PRACTICE_STATUSES), required: true },
  order: { type: number, required: false },
  tags: { type: textList, required: false },
  related: { type: idList, required: false },
  'source-hash': { type: hash, required: false },
};

/** Front and back parts and section introductions need only a title. */
export const partFields: Readonly<Record<string, Field>> = {
  title: { type: plainText, required: true },
  'source-hash': { type: hash, required: false },
};

/** Reads `data[key]` when it fits `field`, else undefined. */
export function read<T>(data: Readonly<Record<string, unknown>>, key: string, field: Field | undefined): T | undefined {
  const value = data[key];
  return field && field.type.test(value) ? printable(value as T) : undefined;
}

/**
 * The closest of `candidates` to a misspelt word, for "did you mean" hints on keys, references,
 * sections, languages and rule ids: the nearest by edit distance (fastest-levenshtein), when it is
 * at most a third of the word's length away, rounded (`titel` is two edits from `title`; one edit
 * for short words). Ties go to the first.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.round(word.length / 3)) ? best : undefined;
}
