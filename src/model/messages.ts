import { parseCatalogue, readBuiltin, readTemplates, type Templates } from '../read/read-templates.js';
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

/**
 * The message catalogue for a language: gctf's (English for a language gctf ships none for), with
 * the framework's own keys laid over it. A framework catalogue that is not a JSON object of
 * strings is left out (the `template-file` rule reports it).
 */
export function messagesOf(templates: Templates, lang: string): Messages {
  const own = templates.files.get(`messages/${lang}.json`);
  const builtinBytes = own?.origin === 'builtin' ? own.bytes : readBuiltin(`messages/${lang}.json`) ?? readBuiltin('messages/en.json');
  const base = parseCatalogue(builtinBytes) ?? {};
  const overrides = own?.origin === 'framework' ? (parseCatalogue(own.bytes) ?? {}) : {};
  const languages = { ...(base.languages as object), ...((overrides.languages as object | undefined) ?? {}) };
  return { ...base, ...overrides, languages } as unknown as Messages;
}

/** Reads the templates of one language's messages and returns them (for commands that need no other template). */
export function readMessages(frameworkFolder: string, lang: string): Messages {
  return messagesOf(readTemplates(frameworkFolder, [lang]), lang);
}

