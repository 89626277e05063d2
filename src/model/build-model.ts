import type { Paragraph } from 'mdast';
import {
  DOCUMENT_STATUSES,
  ID_PATTERN,
  PRACTICE_STATUSES,
  manifestFields,
  numberingFields,
  partFields,
  practiceFields,
  read,
  sectionFields,
} from './fields.js';
import type {
  Draft,
  FrameworkModel,
  LocalizedText,
  Manifest,
  Metadata,
  ModelOptions,
  Part,
  Practice,
  PracticeStatus,
  Section,
  Translation,
} from './types.js';
import { toRoman } from './roman.js';

const DEFAULT_PREFIX = 'Good Practice';

/** Reads a text that may be localized into a `{lang: text}` map. */
export function localized(value: unknown, language: string): LocalizedText | undefined {
  if (typeof value === 'string') return { [language]: value };
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as LocalizedText;
  return undefined;
}

/** The text for `lang`, falling back to the authoritative language, then to any. */
export function pick(text: LocalizedText, lang: string, fallback: string): string {
  return text[lang] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}

/** Reads the manifest's metadata, with FORMAT.md's defaults where a key is absent or wrong. */
export function readMetadata(manifest: Manifest): Metadata {
  const data = manifest.data;
  const language = read<string>(data, 'language', manifestFields.language) ?? 'en';
  const listed = read<string[]>(data, 'languages', manifestFields.languages) ?? [language];
  const languages = [language, ...listed.filter((l, i) => l !== language && listed.indexOf(l) === i)];
  const numbering = (read<Record<string, unknown>>(data, 'numbering', manifestFields.numbering) ?? {}) as Record<string, unknown>;
  const text = (key: string) => localized(read(data, key, manifestFields[key]), language);
  return {
    title: text('title') ?? { [language]: 'Untitled framework' },
    subtitle: text('subtitle'),
    shortTitle: text('short-title'),
    initiative: text('initiative'),
    workingGroup: text('working-group'),
    coLeads: (read<(string | LocalizedText)[]>(data, 'co-leads', manifestFields['co-leads']) ?? []).map((name) => (typeof name === 'string' ? { [language]: name } : name)),
    adopted: read<string>(data, 'adopted', manifestFields.adopted),
    meeting: text('meeting'),
    slug: read<string>(data, 'slug', manifestFields.slug) ?? 'framework',
    language,
    languages,
    status: read<(typeof DOCUMENT_STATUSES)[number]>(data, 'status', manifestFields.status) ?? 'draft',
    numbering: {
      prefix: localized(read(numbering, 'prefix', numberingFields.prefix), language) ?? { [language]: DEFAULT_PREFIX },
      start: read<number>(numbering, 'start', numberingFields.start) ?? 1,
    },
  };
}

/** The sections the manifest lists, in order: `{id, title}` for each entry whose id is valid. */
export function readSectionList(manifest: Manifest, language: string): { id: string; title: LocalizedText }[] {
  const list = read<unknown[]>(manifest.data, 'sections', manifestFields.sections) ?? [];
  const seen = new Set<string>();
  const sections: { id: string; title: LocalizedText }[] = [];
  for (const entry of list) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) continue;
    const record = entry as Record<string, unknown>;
    const id = read<string>(record, 'id', sectionFields.id);
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    sections.push({ id, title: localized(read(record, 'title', sectionFields.title), language) ?? { [language]: id } });
  }
  return sections;
}

/** The id a practice file gets: its `id`, else the file stem without a leading `NN-`. */
export function practiceId(draft: Draft): string {
  return read<string>(draft.frontmatter.data, 'id', practiceFields.id) ?? draft.stem.replace(/^\d+-/, '');
}

/**
 * Resolves parsed drafts into the document model: sections in manifest order, practices sorted by
 * `order` then file name, numbered consecutively (withdrawn and excluded ones unnumbered),
 * translations attached to their sources, and the id index.
 */
export function buildModel(
  folder: string,
  manifest: Manifest,
  drafts: readonly Draft[],
  files: FrameworkModel['files'] & { readonly templates: FrameworkModel['templates'] },
  options: ModelOptions = {},
): FrameworkModel {
  const metadata = readMetadata(manifest);
  const sectionList = readSectionList(manifest, metadata.language);
  const sources = drafts.filter((d) => d.lang === undefined);
  const translated = drafts.filter((d) => d.lang !== undefined);

  const keyOf = (d: Draft) => `${d.role}\u0000${d.section ?? ''}\u0000${d.stem}`;
  const sourceByKey = new Map(sources.map((d) => [keyOf(d), d]));
  const translationsOf = new Map<Draft, Map<string, Translation>>();
  const orphans: Draft[] = [];
  for (const draft of translated) {
    const source = sourceByKey.get(keyOf(draft));
    if (!source) {
      orphans.push(draft);
      continue;
    }
    const recorded = read<string>(draft.frontmatter.data, 'source-hash', practiceFields['source-hash']);
    const map = translationsOf.get(source) ?? new Map<string, Translation>();
    map.set(draft.lang as string, Object.freeze({
      lang: draft.lang as string,
      title: read<string>(draft.frontmatter.data, 'title', practiceFields.title),
      draft,
      sourceHash: recorded,
      stale: recorded !== source.hash,
    }));
    translationsOf.set(source, map);
  }
  const translationsFor = (draft: Draft): ReadonlyMap<string, Translation> => {
    const map = translationsOf.get(draft) ?? new Map<string, Translation>();
    // Language order follows the manifest, so every output lists them alike.
    return new Map(metadata.languages.filter((l) => map.has(l)).map((l) => [l, map.get(l) as Translation]));
  };

  const toPart = (draft: Draft, id: string): Part =>
    Object.freeze({
      kind: 'part' as const,
      id,
      title: read<string>(draft.frontmatter.data, 'title', partFields.title) ?? id,
      draft,
      translations: translationsFor(draft),
    });
  const parts = (role: 'front' | 'back') =>
    sources
      .filter((d) => d.role === role)
      .map((d) => toPart(d, d.stem));

  const statusRank = (status: PracticeStatus) => PRACTICE_STATUSES.indexOf(status);
  const minRank = options.minStatus ? statusRank(options.minStatus) : 0;
  let next = metadata.numbering.start;
  const numbered: Practice[] = [];
  const withdrawn: Practice[] = [];
  const excluded: Practice[] = [];
  // Each section's practices and introduction, found in one pass (not one pass a section).
  const practicesOf = new Map<string, Draft[]>();
  const introOf = new Map<string, Draft>();
  for (const d of sources) {
    if (d.section === undefined) continue;
    if (d.role === 'practice') {
      const list = practicesOf.get(d.section);
      if (list) list.push(d);
      else practicesOf.set(d.section, [d]);
    }
    else if (d.role === 'section-intro' && !introOf.has(d.section)) introOf.set(d.section, d);
  }
  const sections: Section[] = sectionList.map((entry, i) => {
    const inSection = (practicesOf.get(entry.id) ?? [])
      .map((draft) => ({ draft, order: read<number>(draft.frontmatter.data, 'order', practiceFields.order) }))
      .sort(comparePractices);
    const practices: Practice[] = [];
    for (const { draft, order } of inSection) {
      const data = draft.frontmatter.data;
      const status = read<PracticeStatus>(data, 'status', practiceFields.status) ?? 'draft';
      const included = status !== 'withdrawn' && statusRank(status) >= minRank;
      const id = practiceId(draft);
      const practice: Practice = Object.freeze({
        kind: 'practice' as const,
        id,
        number: included ? next++ : undefined,
        title: read<string>(data, 'title', practiceFields.title) ?? id,
        status,
        order,
        tags: Object.freeze(read<string[]>(data, 'tags', practiceFields.tags) ?? []),
        related: Object.freeze(read<string[]>(data, 'related', practiceFields.related) ?? []),
        section: entry.id,
        draft,
        statement: statementOf(draft),
        translations: translationsFor(draft),
      });
      if (included) {
        practices.push(practice);
        numbered.push(practice);
      } else if (status === 'withdrawn') {
        withdrawn.push(practice);
      } else {
        excluded.push(practice);
      }
    }
    const introDraft = introOf.get(entry.id);
    return Object.freeze({
      kind: 'section' as const,
      id: entry.id,
      number: i + 1,
      numeral: toRoman(i + 1),
      title: entry.title,
      intro: introDraft ? toPart(introDraft, `${entry.id}-introduction`) : undefined,
      practices: Object.freeze(practices),
    });
  });

  const index = new Map<string, Practice | Section>();
  for (const section of sections) index.set(section.id, section);
  for (const practice of [...numbered, ...excluded, ...withdrawn]) {
    if (ID_PATTERN.test(practice.id) && !index.has(practice.id)) index.set(practice.id, practice);
  }

  return Object.freeze({
    folder,
    manifest,
    metadata,
    front: Object.freeze(parts('front')),
    back: Object.freeze(parts('back')),
    sections: Object.freeze(sections),
    practices: Object.freeze(numbered),
    withdrawn: Object.freeze(withdrawn),
    excluded: Object.freeze(excluded),
    minStatus: options.minStatus,
    index,
    drafts,
    orphans: Object.freeze(orphans),
    files: { refused: files.refused, unknownFolders: files.unknownFolders, unlistedLanguages: files.unlistedLanguages },
    templates: files.templates,
  });
}

function statementOf(draft: Draft): Paragraph | undefined {
  const first = draft.tree.children[0];
  return first?.type === 'paragraph' ? first : undefined;
}

/**
 * The order practices stand in within a section: by `order`, those without one last, then by file
 * name. `gctf new` places a practice by the same comparison, so that it lands where it says.
 */
export function comparePractices(a: { readonly order: number | undefined; readonly draft: { readonly file: { readonly path: string } } }, b: typeof a): number {
  return compareOrder(a.order, b.order) || compareNames(a.draft.file.path, b.draft.file.path);
}

function compareOrder(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a - b;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
