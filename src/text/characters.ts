/**
 * The one account of the characters gctf treats specially, for every stage: reading (what a draft
 * must not hold), the model (what a title shows instead), the outputs (what XML, Typst or Word
 * cannot hold) and the reports (what a terminal or a CI log must never receive as it is).
 */

// eslint-disable-next-line no-control-regex
const CONTROL_SOURCE = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]';
const LONE_SURROGATE_SOURCE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const INVISIBLE_SOURCE = '[\\u00AD\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF]';

/**
 * C0 controls other than tab, line feed and carriage return, DEL, and C1 controls: none belongs in
 * a draft, several make a Word file Word refuses, and a terminal obeys some as commands.
 */
export const CONTROL = new RegExp(CONTROL_SOURCE);

/** A UTF-16 surrogate without its pair: no encoder can write it. */
export const LONE_SURROGATE = new RegExp(LONE_SURROGATE_SOURCE);

/** A control character or a lone surrogate (`CONTROL` or `LONE_SURROGATE`). */
export const UNPRINTABLE = new RegExp(`${CONTROL_SOURCE}|${LONE_SURROGATE_SOURCE}`);

/** Characters with no glyph that change how text reads: direction marks and overrides, zero-width characters, soft hyphens. */
export const INVISIBLE = new RegExp(INVISIBLE_SOURCE);

/** A global copy of a pattern, for `replace` and `exec` loops (the exported ones are for `test`). */
export const everywhere = (pattern: RegExp): RegExp => new RegExp(pattern.source, 'g');

const CONTROL_ALL = everywhere(CONTROL);
const LONE_SURROGATE_ALL = everywhere(LONE_SURROGATE);

// Every control character (line breaks and tabs too), the invisible ones, and lone surrogates:
// what a one-line message must show escaped.
const UNSHOWABLE = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F]|${INVISIBLE_SOURCE}|${LONE_SURROGATE_SOURCE}`, 'g');

const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'g');

/** `value` with every unprintable character (`UNPRINTABLE`) shown as U+FFFD. */
export function replaceUnprintable(value: string): string {
  return UNPRINTABLE.test(value) ? value.replace(UNPRINTABLE_ALL, '\uFFFD') : value;
}

/** `value` with control characters dropped and lone surrogates replaced: text as it may be typeset. */
export function dropUnprintable(value: string): string {
  return value.replace(LONE_SURROGATE_ALL, '\uFFFD').replace(CONTROL_ALL, '');
}

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001B': '\\e' };

/**
 * `value` as one line that is safe to show anywhere: every control character (line breaks, tabs,
 * escape sequences), invisible or direction-changing character and lone surrogate is written as an
 * escape (`\n`, `\e`, `\u202E`), so that no input can start a line, move the cursor, set a title,
 * or reorder what a reader sees.
 */
export function showEscaped(value: string): string {
  UNSHOWABLE.lastIndex = 0;
  if (!UNSHOWABLE.test(value)) return value;
  return value.replace(UNSHOWABLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
