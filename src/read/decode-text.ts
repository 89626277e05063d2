import { CONTROL as CONTROL_CHARACTER, everywhere } from '../text/characters.js';
/** A problem with a file's bytes, found while decoding it. */
export interface EncodingProblem {
  readonly kind: 'invalid-utf8' | 'bom' | 'control-character' | 'lone-cr' | 'binary';
  readonly line: number;
  readonly column: number;
  readonly detail: string;
}

/** A file's text, decoded and with line endings normalised to `\n`. */
export interface DecodedText {
  readonly text: string;
  readonly problems: readonly EncodingProblem[];
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const CONTROL = everywhere(CONTROL_CHARACTER);

/**
 * Decodes a file's bytes as UTF-8, as drafters expect: a BOM is dropped, CRLF and lone CR become
 * LF, and every byte-level problem is recorded with its line and column (in the normalised text)
 * instead of throwing.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const problems: EncodingProblem[] = [];
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    start = 3;
    problems.push({ kind: 'bom', line: 1, column: 1, detail: 'UTF-8 byte order mark' });
  }
  const body = bytes.subarray(start);
  if (looksBinary(body)) return { text: '', problems: [{ kind: 'binary', line: 1, column: 1, detail: 'binary data, not text' }] };
  let text: string;
  try {
    text = strictDecoder.decode(body);
  } catch {
    text = decoder.decode(body);
    const at = firstInvalidOffset(text);
    const { line, column } = pointAt(text, at);
    problems.push({ kind: 'invalid-utf8', line, column, detail: 'bytes that are not valid UTF-8' });
  }

  if (text.includes('\r')) {
    const loneCr = /\r(?!\n)/.exec(text);
    text = text.replace(/\r\n?/g, '\n');
    if (loneCr) {
      const { line, column } = pointAt(text, loneCr.index);
      problems.push({ kind: 'lone-cr', line, column, detail: 'carriage return (CR) line ending' });
    }
  }

  CONTROL.lastIndex = 0;
  const control = CONTROL.exec(text);
  if (control) {
    const { line, column } = pointAt(text, control.index);
    const code = control[0].codePointAt(0) ?? 0;
    problems.push({
      kind: 'control-character',
      line,
      column,
      detail: `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
    });
    text = text.replace(CONTROL, '\uFFFD');
  }
  return { text, problems };
}

function firstInvalidOffset(text: string): number {
  const at = text.indexOf('\uFFFD');
  return at < 0 ? 0 : at;
}

// Git's test, a NUL byte in the first 8000 bytes, refined: a stray NUL in otherwise valid UTF-8
// text is a control character reported at its line; many NULs (UTF-16, images) or bytes that are
// not UTF-8 make a binary file.
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8000);
  let nuls = 0;
  for (const byte of sample) if (byte === 0) nuls++;
  if (nuls === 0) return false;
  if (nuls > 8 && nuls * 100 > sample.length) return true;
  try {
    // `stream` keeps a character cut at the end of the sample from counting as invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return false;
  } catch {
    return true;
  }
}

/** The 1-based line and column of a UTF-16 offset in a text. */
export function pointAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
