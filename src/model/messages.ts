/** The fixed strings of an edition, from `templates/messages/<lang>.json`. */
export interface Messages {
  /** Language names, in this language: `{en: 'anglais', …}`. */
  readonly languages: Readonly<Record<string, string>>;
  readonly prefix: string;
  readonly section: string;
  readonly contents: string;
  readonly notes: string;
  readonly draft: string;
  readonly draftNotice: string;
  readonly coLeads: string;
  readonly workingGroup: string;
  readonly adopted: string;
  readonly meeting: string;
  /** `{language}` and `{authoritative}` are replaced by language names. */
  readonly courtesy: string;
  readonly untranslated: string;
  readonly backToText: string;
  readonly relatedPractices: string;
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** Whether a language is written right to left (by its primary subtag). */
export function isRightToLeft(lang: string): boolean {
  return RTL.has(lang.split('-')[0]?.toLowerCase() ?? '');
}
