/**
 * Where right-to-left text changes direction, by its letters (Unicode's strong characters): what
 * a writer needs that marks each run's direction itself (Word). Which language, and so which base
 * direction, a text has is the edition's decision.
 */

// Strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, NKo, …, and their presentation
// forms) and strong left-to-right ones (any other letter).
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const LETTER = /\p{L}/u;

/**
 * Splits right-to-left text into stretches of one direction: Latin words inside Arabic text
 * (`GCTF`, a resolution's name) are written as left-to-right runs, the rest as `w:rtl` runs, as
 * Word itself splits them when one types. Digits, spaces and punctuation stay with the stretch
 * they follow.
 */
export function directionalStretches(text: string): { text: string; rtl: boolean }[] {
  const stretches: { text: string; rtl: boolean }[] = [];
  let current: { text: string; rtl: boolean | undefined } = { text: '', rtl: undefined };
  for (const char of text) {
    const rtl = RTL_LETTER.test(char) ? true : LETTER.test(char) ? false : undefined;
    if (rtl !== undefined && current.rtl !== undefined && rtl !== current.rtl) {
      stretches.push({ text: current.text, rtl: current.rtl });
      current = { text: '', rtl };
    }
    if (current.rtl === undefined) current.rtl = rtl;
    current.text += char;
  }
  if (current.text) stretches.push({ text: current.text, rtl: current.rtl ?? true });
  return stretches;
}

