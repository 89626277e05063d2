import type { Text } from 'mdast';
import type { Handle, Info, State } from 'mdast-util-to-markdown';

/**
 * Characters that some escaping rule of mdast-util-to-markdown (or of its GFM extensions: tables,
 * footnotes, strikethrough, autolink literals) may escape wherever they stand, and line endings,
 * which let the rules for the start of a line apply inside a text. A text holding none of them is
 * checked below for the few rules that remain.
 */
const ESCAPABLE_ANYWHERE = /[\t\r\n!"#&'*+<>=[\\\]_`~|@\u007F]/;
/** What makes the start of a line a list item, a heading, a table row or a rule: escaped there. */
const RISKY_LINE_START = /^(?:[\t \-:]|\d+[.)])/;
/** The rules that look across a text's edges or inside words: `www.`, `http:/`, `](`, `![`, `a@b`. */
const RISKY_AROUND = /[Ww]\.[-.\w]|[ps]:\/|\]\(|!\[|[+\-.\w]@/;

/**
 * The `text` handler of mdast-util-to-markdown, with a fast path: most text in drafts is plain
 * words and punctuation that no rule escapes, and `state.safe` spends most of the time of writing
 * Markdown (a third of a build's main thread) learning so, by running every escaping pattern over
 * every text. A text is written as it is when it holds no character any pattern could escape
 * (`ESCAPABLE_ANYWHERE`), does not open a line with what would start a block there, does not end
 * a line with a space, and forms no autolink or link syntax with the characters around it;
 * anything else goes to `state.safe`, as the default handler does. The output is byte for byte
 * the default's: test/plain-text-markdown.test.ts compares the two on every text of the bundled
 * framework and on generated texts built from every escapable character.
 */
export const plainTextHandler: Handle = (node: Text, parent, state: State, info: Info) => {
  const value = node.value;
  if (isPlain(value, info.before, info.after)) return value;
  const siblings = parent ? parent.children : [];
  const index = state.indexStack[state.indexStack.length - 1] ?? 0;
  return state.safe(value, { ...info, afterNode: siblings[index + 1], beforeNode: siblings[index - 1] });
};

/** Whether `value`, between the characters `before` and `after`, needs no escaping. */
export function isPlain(value: string, before: string, after: string): boolean {
  if (ESCAPABLE_ANYWHERE.test(value)) return false;
  const atLineStart = before === '' || before === '\n' || before === '\r';
  if (atLineStart && RISKY_LINE_START.test(value)) return false;
  const atLineEnd = after === '' || after === '\n' || after === '\r';
  if (atLineEnd && /[\t ]$/.test(value)) return false;
  return !RISKY_AROUND.test(before + value + after);
}
