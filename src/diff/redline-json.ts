import type { FrameworkDiff, RedlineDocument, RedlineOptions } from './compare.js';

/**
 * One language's changes as data: every change (kind, practice id, old and new number, sections,
 * the word-level hunks) in this language, and the structural ones that hold in every language.
 */
export function redlineJson(redline: RedlineDocument, diff: FrameworkDiff, options: RedlineOptions): string {
  const changes = diff.changes.filter((c) => c.lang === undefined || c.lang === redline.lang).map((c) => ({ ...c, lang: c.lang ?? redline.lang }));
  return `${JSON.stringify({ old: options.sides.old, new: options.sides.new, date: options.date, language: redline.lang, counts: diff.counts, renumbering: diff.renumbering, changes }, null, 2)}\n`;
}
