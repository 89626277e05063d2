import { showEscaped } from '../text/characters.js';

/**
 * The one escaper for everything gctf prints for people and for CI logs. Every string that came
 * from outside gctf (a file name, a draft's text in a message, a rule id from a manifest) goes
 * through `printable` before it is put on a line; the GitHub form of a report also goes through
 * `workflowData` and `workflowProperty`, the escaping GitHub's own toolkit applies. `terminalSafe`
 * is the last guard at the door (`cli.ts`): whatever reaches standard output or error loses every
 * control character but line breaks, tabs and gctf's own colour codes.
 */

/** A string from outside, for a line of a human-readable report: shown escaped, on one line. */
export function printable(value: string): string {
  return showEscaped(value);
}

/** The message part of a GitHub workflow command (`::error …::<data>`). */
export function workflowData(value: string): string {
  return printable(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value of a GitHub workflow command (`file=<value>`). */
export function workflowProperty(value: string): string {
  return workflowData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

// ESC not starting one of gctf's own colour codes (`ESC [ digits m`), and every other control
// character but tab and line feed.
// eslint-disable-next-line no-control-regex
const UNSAFE = /\u001B(?!\[[0-9;]{1,12}m)|[\u0000-\u0008\u000B-\u001A\u001C-\u001F\u007F-\u009F]/g;

/** Text bound for a terminal or a log, with every control sequence but colours shown escaped. */
export function terminalSafe(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (c) => (c === '\u001B' ? '\\e' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`));
}
