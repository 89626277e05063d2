import type { FrameworkModel, Part, Practice } from '../model/types.js';
import { translatable } from '../rules/stale-translation.js';
import type { TranslationState } from './translation-status.js';
import type { UnitState, XliffDocument, XliffFile, XliffUnit } from './xliff-document.js';
import { extractUnits, isEmpty, matchCodes, type Token, type Unit } from './xliff-units.js';

/** What to export: one language, and which translations (by where they stand). */
export interface ExportSelection {
  readonly lang: string;
  /** The states to include; every practice and part when undefined. */
  readonly only?: readonly TranslationState[];
}

/**
 * The XLIFF document for one language: one `<file>` per practice or part (in document order) whose
 * translation is in one of the selected states, one unit per non-empty block of its source, with the
 * existing translation's blocks as targets: `translated` when it is up to date, `needs-review` when
 * its source changed since (or its structure no longer matches the source's). A block whose
 * translation lacks one of its source's cross-references or footnote calls gets no target.
 */
export function exportDocument(model: FrameworkModel, selection: ExportSelection): XliffDocument {
  const { lang } = selection;
  const files: XliffFile[] = [];
  const usedIds = new Set<string>();
  for (const item of translatable(model)) {
    const translation = item.translations.get(lang);
    const state: TranslationState = translation === undefined ? 'missing' : translation.stale ? 'stale' : 'ok';
    if (selection.only && !selection.only.includes(state)) continue;
    const context = describe(model, item);
    const all = extractUnits(item.title, item.draft.body);
    const units = all.filter((u) => !isEmpty(u.tokens));
    const existing = translation ? extractUnits(translation.title ?? '', translation.draft.body) : [];
    const sameStructure = existing.length > 0 && sameIds(all, existing);
    const unitState: UnitState = state === 'ok' && sameStructure ? 'translated' : 'needs-review';
    const byId = new Map(existing.map((u) => [u.id, u]));
    const display = displayOf(model, lang);
    const xliffUnits = units.map((unit): XliffUnit => {
      const found = byId.get(unit.id);
      const target = found && !isEmpty(found.tokens) ? keepsProtected(unit, matchCodes(unit, found)) : undefined;
      const shown = new Map<number, string>();
      for (const code of unit.codes) if (code.kind === 'xref' && code.target !== undefined) shown.set(code.id, display(code.target));
      return {
        id: unit.id,
        note: `${context}; ${unit.where}`,
        codes: unit.codes,
        source: unit.tokens,
        target,
        state: target === undefined ? 'new' : unitState,
        display: shown,
      };
    });
    let id = item.id;
    for (let n = 2; usedIds.has(id); n++) id = `${item.id}-${n}`;
    usedIds.add(id);
    files.push({ id, original: item.draft.file.path, note: `${context}; translation ${state}`, units: xliffUnits });
  }
  return { srcLang: model.metadata.language, trgLang: lang, files };
}

/** Whether two drafts have the same blocks (by unit id, in order). */
function sameIds(a: readonly Unit[], b: readonly Unit[]): boolean {
  return a.length === b.length && a.every((u, i) => u.id === b[i]?.id);
}

/** The target, unless it lacks a cross-reference or footnote call of the source. */
function keepsProtected(unit: Unit, tokens: Token[] | undefined): Token[] | undefined {
  if (tokens === undefined) return undefined;
  const present = new Set(tokens.flatMap((t) => (t.type === 'placeholder' ? [t.id] : [])));
  return unit.codes.every((c) => (c.kind !== 'xref' && c.kind !== 'footnote') || present.has(c.id)) ? tokens : undefined;
}

/** What a practice or part is, for the translator: `Good Practice 7: Title (I. Prevention)`. */
function describe(model: FrameworkModel, item: Practice | Part): string {
  const language = model.metadata.language;
  if (item.kind === 'practice') {
    const prefix = model.metadata.numbering.prefix[language] ?? 'Good Practice';
    const section = model.sections.find((s) => s.id === item.section);
    const where = section ? ` (section ${section.numeral}. ${section.title[language] ?? section.id})` : '';
    return item.number === undefined ? `Practice ${item.id} (${item.status}, not numbered): ${item.title}${where}` : `${prefix} ${item.number}: ${item.title}${where}`;
  }
  switch (item.draft.role) {
    case 'section-intro': {
      const section = model.sections.find((s) => s.id === item.draft.section);
      return `Introduction of section ${section?.numeral ?? '?'}. ${section?.title[language] ?? item.draft.section ?? ''}: ${item.title}`;
    }
    case 'front':
      return `Front part: ${item.title}`;
    default:
      return `Back part: ${item.title}`;
  }
}

/** What a cross-reference shows in the target language: `Bonne pratique 7`, or the section's title. */
function displayOf(model: FrameworkModel, lang: string): (id: string) => string {
  const { prefix } = model.metadata.numbering;
  const words = prefix[lang] ?? prefix[model.metadata.language] ?? 'Good Practice';
  return (id) => {
    const target = model.index.get(id);
    if (target?.kind === 'practice' && target.number !== undefined) return `${words} ${target.number}`;
    if (target?.kind === 'section') return `${target.numeral}. ${target.title[lang] ?? target.title[model.metadata.language] ?? id}`;
    return `#${id}`;
  };
}
