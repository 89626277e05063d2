/**
 * ISO 639-1 two-letter codes and their ISO 639-2/T three-letter codes, which Akoma Ntoso's
 * `FRBRlanguage` and its IRIs use (`eng`, `fra`, `ara`). The six UN languages and the other
 * languages GCTF members publish in; no library maps one to the other (Intl does not).
 */
const ISO_639_2: Readonly<Record<string, string>> = {
  am: 'amh', ar: 'ara', az: 'aze', bg: 'bul', bn: 'ben', bs: 'bos', cs: 'ces', da: 'dan', de: 'deu',
  dv: 'div', el: 'ell', en: 'eng', es: 'spa', et: 'est', fa: 'fas', fi: 'fin', fr: 'fra', ha: 'hau',
  he: 'heb', hi: 'hin', hr: 'hrv', hu: 'hun', hy: 'hye', id: 'ind', it: 'ita', ja: 'jpn', ka: 'kat',
  kk: 'kaz', ko: 'kor', ku: 'kur', ky: 'kir', lt: 'lit', lv: 'lav', mk: 'mkd', mn: 'mon', ms: 'msa',
  nb: 'nob', ne: 'nep', nl: 'nld', nn: 'nno', no: 'nor', pl: 'pol', ps: 'pus', pt: 'por', ro: 'ron',
  ru: 'rus', sd: 'snd', si: 'sin', sk: 'slk', sl: 'slv', so: 'som', sq: 'sqi', sr: 'srp', sv: 'swe',
  sw: 'swa', ta: 'tam', tg: 'tgk', th: 'tha', tk: 'tuk', tl: 'tgl', tr: 'tur', ug: 'uig', uk: 'ukr',
  ur: 'urd', uz: 'uzb', vi: 'vie', yi: 'yid', zh: 'zho',
};

/**
 * The three-letter code of a BCP 47 tag's language (`fr-CA` → `fra`). A primary subtag that is
 * already three letters is kept; one the table does not know is kept as it is, lowercased.
 */
export function iso639Alpha3(tag: string): string {
  const primary = (tag.split('-')[0] ?? tag).toLowerCase();
  return ISO_639_2[primary] ?? primary;
}
