import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInside } from './read-inside.js';

/** The `templates/` folder shipped with gctf. */
export const BUILTIN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

/**
 * Every template a framework may override under its own `templates/`: nothing else there is read.
 * A template is data, never a path handed to another program: Typst and the Word writer get its
 * bytes, so no engine can follow a link gctf's reader refused.
 */
export const TEMPLATE_NAMES = ['html/page.html', 'html/part.html', 'html/footnotes.html', 'html/style.css', 'typst/framework.typ', 'reference.docx', 'practice.md'] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** Templates are a few kilobytes; the Word reference document some hundreds. */
const MAX_TEMPLATE_BYTES = 4_000_000;

/** One template or message catalogue as read: the framework's own, else gctf's. */
export interface TemplateFile {
  /** `html/style.css`, `messages/fr.json`. */
  readonly name: string;
  readonly origin: 'framework' | 'builtin';
  readonly bytes: Uint8Array;
}

/** A framework template that could not be used, and why; reported by the `template-file` rule. */
export interface TemplateProblem {
  /** Relative to the framework folder: `templates/html/style.css`. */
  readonly file: string;
  readonly problem: string;
}

/** The templates a framework's outputs are made with, read once, through the guarded reader. */
export interface Templates {
  readonly files: ReadonlyMap<string, TemplateFile>;
  /** Framework templates that were refused; gctf's own stands in for each. */
  readonly refused: readonly TemplateProblem[];
}

/** Reads every template and the message catalogues of `languages`. Never throws. */
export function readTemplates(frameworkFolder: string, languages: readonly string[]): Templates {
  const files = new Map<string, TemplateFile>();
  const refused: TemplateProblem[] = [];
  const names = [...TEMPLATE_NAMES, ...languages.map((lang) => `messages/${lang}.json`)];
  for (const name of names) {
    const own = readInside(frameworkFolder, path.join('templates', name), MAX_TEMPLATE_BYTES);
    if (own.ok) {
      files.set(name, { name, origin: 'framework', bytes: own.bytes });
      continue;
    }
    if (own.kind !== 'missing') refused.push({ file: `templates/${name}`, problem: own.problem });
    // A language gctf ships no messages for takes the English ones.
    let builtin = readInside(BUILTIN_TEMPLATES, name, MAX_TEMPLATE_BYTES);
    if (!builtin.ok && name.startsWith('messages/')) builtin = readInside(BUILTIN_TEMPLATES, 'messages/en.json', MAX_TEMPLATE_BYTES);
    if (builtin.ok) files.set(name, { name, origin: 'builtin', bytes: builtin.bytes });
  }
  return { files, refused };
}

const decoder = new TextDecoder();

/** A template's text (see `readTemplates`); empty when even gctf's own is missing. */
export function templateText(templates: Templates, name: string): string {
  const file = templates.files.get(name);
  return file ? decoder.decode(file.bytes) : '';
}

/** A catalogue's object, or undefined when it is not a JSON object. */
export function parseCatalogue(bytes: Uint8Array | undefined): Record<string, unknown> | undefined {
  if (!bytes) return undefined;
  try {
    const value = JSON.parse(decoder.decode(bytes)) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** One of gctf's own templates, by name. */
export function readBuiltin(name: string): Uint8Array | undefined {
  const outcome = readInside(BUILTIN_TEMPLATES, name);
  return outcome.ok ? outcome.bytes : undefined;
}
