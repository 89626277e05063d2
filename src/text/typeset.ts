import { TYPESET_RANGES } from './typeset-coverage.js';

/**
 * Which characters the PDF can show: those its fonts have a glyph for in every weight and style
 * (`typeset-coverage.ts`, generated from the fonts). PDF/UA-1 forbids text no font can display, so
 * the `pdf-font-coverage` rule reports the others, and the PDF shows U+FFFD in their place.
 */

/** Whether the PDF's fonts show `codePoint`; control characters count as shown (they are never typeset). */
export function isTypesettable(codePoint: number): boolean {
  // Controls and lone surrogates are dropped or replaced before typesetting (`control-character`).
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0) || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return true;
  let low = 0;
  let high = TYPESET_RANGES.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = TYPESET_RANGES[middle] as readonly [number, number];
    if (codePoint < start) high = middle - 1;
    else if (codePoint > end) low = middle + 1;
    else return true;
  }
  return false;
}

// Invisible characters the PDF leaves out rather than show: the byte-order mark, which PDF/UA-1
// refuses after some glyphs, and variation selectors, which select nothing in these fonts.
const LEFT_OUT = /^[\uFEFF\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;

// Every character below U+0370 but controls is in the fonts: the common case costs one test.
// eslint-disable-next-line no-control-regex
const SURELY_SHOWN = /^[\u0009\u000A\u000D\u0020-\u007E\u00A0-\u036F]*$/;

/** The first character of `text` the PDF cannot show, with its offset; undefined when there is none. */
export function firstUntypesettable(text: string): { readonly char: string; readonly offset: number } | undefined {
  if (SURELY_SHOWN.test(text)) return undefined;
  let offset = 0;
  for (const char of text) {
    if (!LEFT_OUT.test(char) && !isTypesettable(char.codePointAt(0) as number)) return { char, offset };
    offset += char.length;
  }
  return undefined;
}

/** `text` with every character the PDF cannot show replaced by U+FFFD, and the invisible ones it leaves out dropped. */
export function typesettable(text: string): string {
  if (SURELY_SHOWN.test(text)) return text;
  let out = '';
  for (const char of text) {
    if (LEFT_OUT.test(char)) continue;
    out += isTypesettable(char.codePointAt(0) as number) ? char : '\uFFFD';
  }
  return out;
}
