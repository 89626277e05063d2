import type { FrameworkModel } from '../model/types.js';
import { translatable } from '../rules/stale-translation.js';

/** Where one translation stands: up to date, behind its source, or not written. */
export type TranslationState = 'ok' | 'stale' | 'missing';

/** One practice or part, and where each of its translations stands. */
export interface TranslationRow {
  readonly id: string;
  /** `practice`, `front`, `back` or `section-intro`. */
  readonly kind: 'practice' | 'front' | 'back' | 'section-intro';
  /** The source draft, relative to the framework folder. */
  readonly file: string;
  readonly status: Readonly<Record<string, TranslationState>>;
}

/** The whole table: every language other than the authoritative one, every row, and totals. */
export interface TranslationStatus {
  readonly languages: readonly string[];
  readonly rows: readonly TranslationRow[];
  readonly totals: Readonly<Record<string, Readonly<Record<TranslationState, number>>>>;
}

/**
 * Where every translation stands, for each practice and part in document order (front parts,
 * then each section's introduction and practices, practices below the build's status, back
 * parts; withdrawn practices, in no output, are left out) and each non-authoritative language.
 * `stale` is what the `stale-translation` rule reports, `missing` what `missing-translation` does.
 */
export function translationStatus(model: FrameworkModel): TranslationStatus {
  const languages = model.metadata.languages.filter((l) => l !== model.metadata.language);
  const totals: Record<string, Record<TranslationState, number>> = {};
  for (const lang of languages) totals[lang] = { ok: 0, stale: 0, missing: 0 };
  const rows = translatable(model).map((item): TranslationRow => {
    const status: Record<string, TranslationState> = {};
    for (const lang of languages) {
      const translation = item.translations.get(lang);
      const state: TranslationState = translation === undefined ? 'missing' : translation.stale ? 'stale' : 'ok';
      status[lang] = state;
      const total = totals[lang];
      if (total) total[state]++;
    }
    return { id: item.id, kind: item.draft.role, file: item.draft.file.path, status };
  });
  return { languages, rows, totals };
}

/** Whether every translation of every row is up to date. */
export function allUpToDate(status: TranslationStatus): boolean {
  return status.rows.every((row) => Object.values(row.status).every((s) => s === 'ok'));
}
