import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExitError } from '../errors.js';
import type { Messages } from '../model/messages.js';

/** The `templates/` folder shipped with gctf. */
export const BUILTIN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

/**
 * Finds a template file: the framework folder's own `templates/<name>` first, else gctf's.
 * Returns the absolute path.
 */
export function templatePath(frameworkFolder: string, name: string): string {
  const own = path.join(frameworkFolder, 'templates', name);
  return existsSync(own) ? own : path.join(BUILTIN_TEMPLATES, name);
}

/** Reads a template file as text (see `templatePath`). */
export function readTemplate(frameworkFolder: string, name: string): string {
  return readFileSync(templatePath(frameworkFolder, name), 'utf8');
}

/**
 * The message catalogue for a language: gctf's `templates/messages/<lang>.json` (English for a
 * language gctf ships none for), with the framework's own `templates/messages/<lang>.json` keys
 * laid over it.
 */
export function readMessages(frameworkFolder: string, lang: string): Messages {
  const builtin = path.join(BUILTIN_TEMPLATES, 'messages', `${lang}.json`);
  const base = readJson(existsSync(builtin) ? builtin : path.join(BUILTIN_TEMPLATES, 'messages', 'en.json'));
  const ownPath = path.join(frameworkFolder, 'templates', 'messages', `${lang}.json`);
  const own = existsSync(ownPath) ? readJson(ownPath) : {};
  const languages = { ...(base.languages as object), ...((own.languages as object | undefined) ?? {}) };
  return { ...base, ...own, languages } as unknown as Messages;
}

function readJson(file: string): Record<string, unknown> {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    throw new ExitError(1, `Cannot read the message catalogue ${file}: ${(error as Error).message}`);
  }
  throw new ExitError(1, `Cannot read the message catalogue ${file}: expected a JSON object`);
}
