import { toString } from 'mdast-util-to-string';
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
  /** Words in the source: its title and body text (Markdown syntax not counted). */
  readonly words: number;
}

/** The whole table: every language other than the authoritative one, every row, and totals. */
export interface TranslationStatus {
  readonly languages: readonly string[];
  readonly rows: readonly TranslationRow[];
  readonly totals: Readonly<Record<string, Readonly<Record<TranslationState, number>>>>;
  /** Per language, the source words whose translation is ok (current), stale or missing. */
  readonly words: Readonly<Record<string, Readonly<Record<TranslationState, number>>>>;
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
  const words: Record<string, Record<TranslationState, number>> = {};
  for (const lang of languages) {
    totals[lang] = { ok: 0, stale: 0, missing: 0 };
    words[lang] = { ok: 0, stale: 0, missing: 0 };
  }
  const rows = translatable(model).map((item): TranslationRow => {
    const count = countWords(item.title) + countWords(toString(item.draft.tree));
    const status: Record<string, TranslationState> = {};
    for (const lang of languages) {
      const translation = item.translations.get(lang);
      const state: TranslationState = translation === undefined ? 'missing' : translation.stale ? 'stale' : 'ok';
      status[lang] = state;
      const total = totals[lang];
      if (total) total[state]++;
      const share = words[lang];
      if (share) share[state] += count;
    }
    return { id: item.id, kind: item.draft.role, file: item.draft.file.path, status, words: count };
  });
  return { languages, rows, totals, words };
}

// A word is a run of letters or digits, with inner apostrophes and hyphens (`l'autorité`, `co-lead`).
const WORD = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu;

/** The number of words in a text, as a translation service counts them for a quote. */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** Whole percentages of `part` in `total` that add up to 100 over the three states. */
export function shares(counts: Readonly<Record<TranslationState, number>>): Record<TranslationState, number> {
  const total = counts.ok + counts.stale + counts.missing;
  if (total === 0) return { ok: 100, stale: 0, missing: 0 };
  const states: TranslationState[] = ['ok', 'stale', 'missing'];
  const exact = states.map((s) => (counts[s] * 100) / total);
  const floors = exact.map(Math.floor);
  // Largest remainders get the points lost to rounding down, so the shares add up to 100.
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return { ok: floors[0] ?? 0, stale: floors[1] ?? 0, missing: floors[2] ?? 0 };
}

/** Whether every translation of every row is up to date. */
export function allUpToDate(status: TranslationStatus): boolean {
  return status.rows.every((row) => Object.values(row.status).every((s) => s === 'ok'));
}
