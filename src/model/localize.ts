/**
 * How the edition puts text in its language: dates and lists. The edition decides these once, in
 * its language, and every output format writes what it decided.
 */

/** Formats an ISO `YYYY-MM-DD` date in a language, in UTC so no build machine shifts it. */
export function formatDate(iso: string, lang: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** One part of a list as the language joins it: an item (by its index) or the words between. */
export type ListPart = { readonly item: number } | { readonly text: string };

/**
 * Joins items the way the language lists them (`A and B`, `A, B et C`, `A، وB`). Returns the parts in
 * order: an item's index, or the literal text between items.
 */
export function listParts(count: number, lang: string, type: 'conjunction' | 'unit'): ListPart[] {
  const placeholders = Array.from({ length: count }, (_, i) => `\u0000${i}\u0000`);
  return listFormat(lang, type)
    .formatToParts(placeholders)
    .map((part) => (part.type === 'element' ? { item: Number(part.value.slice(1, -1)) } : { text: part.value }));
}

/** `items` joined as the language lists them. */
export function joinList(items: readonly string[], lang: string, type: 'conjunction' | 'unit' = 'conjunction'): string {
  return listParts(items.length, lang, type)
    .map((part) => ('item' in part ? (items[part.item] ?? '') : part.text))
    .join('');
}

/** Formatters by language and type: making one costs several times more than using it, once per practice. */
const listFormats = new Map<string, Intl.ListFormat>();

function listFormat(lang: string, type: 'conjunction' | 'unit'): Intl.ListFormat {
  const key = `${lang} ${type}`;
  let format = listFormats.get(key);
  if (!format) {
    format = new Intl.ListFormat(lang, { type, style: type === 'unit' ? 'short' : 'long' });
    listFormats.set(key, format);
  }
  return format;
}

/** The instant `SOURCE_DATE_EPOCH` names, as ISO 8601; undefined when unset or not a whole number of seconds. */
export function buildInstant(sourceDateEpoch: number | undefined): string | undefined {
  if (sourceDateEpoch === undefined || !Number.isSafeInteger(sourceDateEpoch) || sourceDateEpoch < 0) return undefined;
  const date = new Date(sourceDateEpoch * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
