import { isMap, isScalar, parseDocument, Scalar, type Pair } from 'yaml';

/** The result of recording a hash in a draft's text. */
export interface SetSourceHashResult {
  /** The whole text with only the `source-hash` value changed (or its line added). */
  readonly text: string;
  /** The value as it was written before (`00000000`, `"00000000"`), or undefined when absent. */
  readonly previous: string | undefined;
}

/** Why a draft's frontmatter could not take a `source-hash` without changing anything else. */
export class SetSourceHashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetSourceHashError';
  }
}

const OPENING = /^---[ \t]*$/;
const CLOSING = /^(---|\.\.\.)[ \t]*$/;

/**
 * Sets `source-hash: <hash>` in the YAML frontmatter of a draft's raw text (BOM removed, line
 * endings as on disk), changing nothing else: an existing value is replaced in place in its own
 * quoting style; a missing key becomes a line `source-hash: "<hash>"` after `title:` (else after
 * the last key), with the file's own line ending. Throws `SetSourceHashError` when the text has no
 * readable YAML frontmatter mapping, or its `source-hash` is not a plain or quoted scalar.
 */
export function setSourceHash(raw: string, hash: string): SetSourceHashResult {
  const block = frontmatterBlock(raw);
  const doc = parseDocument(block.yaml, { uniqueKeys: true, strict: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const line = error ? lineOf(block.yaml, error.pos[0]) + 1 : 2;
    throw new SetSourceHashError(`frontmatter cannot be parsed: ${firstLine(error?.message ?? 'YAML error')} (line ${line}); expected YAML that \`gctf check\` accepts`);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    return insertLine(raw, block, undefined, hash);
  }
  if (!isMap(root) || root.flow) {
    throw new SetSourceHashError('frontmatter is not a block mapping of keys to values; expected lines such as `title: …`');
  }
  const pairOf = (name: string) => root.items.find((item) => isScalar(item.key) && String(item.key.value) === name);
  const existing = pairOf('source-hash');
  if (!existing) return insertLine(raw, block, pairOf('title'), hash);

  const value = existing.value;
  const keyEnd = isScalar(existing.key) ? (existing.key.range?.[1] ?? 0) : 0;
  if (value === null || value === undefined) {
    // `source-hash:` with nothing after it: the value goes right after the colon.
    const colon = block.yaml.indexOf(':', keyEnd);
    return replace(raw, block, colon + 1, colon + 1, ` "${hash}"`, undefined);
  }
  if (!isScalar(value) || !value.range) {
    throw new SetSourceHashError(`\`source-hash\` holds a ${isMap(value) ? 'mapping' : 'list or alias'}; expected 8 hexadecimal digits (\`source-hash: 1a2b3c4d\`), to be fixed by hand`);
  }
  const [start, end] = value.range;
  const written = block.yaml.slice(start, end);
  switch (value.type) {
    case Scalar.QUOTE_DOUBLE:
      return replace(raw, block, start, end, `"${hash}"`, written);
    case Scalar.QUOTE_SINGLE:
      return replace(raw, block, start, end, `'${hash}'`, written);
    case Scalar.PLAIN: {
      if (written === '') {
        const before = block.yaml[start - 1] === ':' ? ' ' : '';
        const after = block.yaml[start] === '#' ? ' ' : '';
        return replace(raw, block, start, end, `${before}"${hash}"${after}`, undefined);
      }
      return replace(raw, block, start, end, hash, written);
    }
    default:
      throw new SetSourceHashError(
        `\`source-hash\` is a block scalar (\`${written.split(/\r?\n/)[0] ?? ''}\`); expected one line, \`source-hash: 1a2b3c4d\`, to be fixed by hand`,
      );
  }
}

interface Block {
  /** Offset in the raw text where the YAML starts (after the opening `---` line). */
  readonly start: number;
  /** Offset where the closing `---` line starts. */
  readonly end: number;
  readonly yaml: string;
  /** The line ending the file uses, judged by its opening line. */
  readonly eol: string;
}

function frontmatterBlock(raw: string): Block {
  const firstNewline = raw.indexOf('\n');
  const opening = firstNewline < 0 ? raw : raw.slice(0, firstNewline).replace(/\r$/, '');
  if (firstNewline < 0 || !OPENING.test(opening)) {
    const found = opening.startsWith('---') && opening.length > 3 ? `\`${opening.trim()}\` frontmatter` : `\`${opening.slice(0, 40)}\` on line 1`;
    throw new SetSourceHashError(`no YAML frontmatter: found ${found}, expected the file to open with a \`---\` line`);
  }
  const eol = raw[firstNewline - 1] === '\r' ? '\r\n' : '\n';
  const start = firstNewline + 1;
  for (let offset = start; offset < raw.length; ) {
    const next = raw.indexOf('\n', offset);
    const lineEnd = next < 0 ? raw.length : next;
    if (CLOSING.test(raw.slice(offset, lineEnd).replace(/\r$/, ''))) {
      return { start, end: offset, yaml: raw.slice(start, offset), eol };
    }
    if (next < 0) break;
    offset = next + 1;
  }
  throw new SetSourceHashError('frontmatter cannot be parsed: the `---` on line 1 is never closed; expected a `---` line after the last key');
}

function replace(raw: string, block: Block, from: number, to: number, text: string, previous: string | undefined): SetSourceHashResult {
  const at = block.start + from;
  return { text: raw.slice(0, at) + text + raw.slice(block.start + to), previous };
}

/** Adds the key on its own line after the title's value (which may span lines), else at the end. */
function insertLine(raw: string, block: Block, title: Pair | undefined, hash: string): SetSourceHashResult {
  const yaml = block.yaml;
  let at = yaml.length;
  let indent = '';
  const key = title?.key;
  const value = title?.value;
  if (isScalar(key) && key.range && isScalar(value) && value.range) {
    const valueEnd = value.range[1];
    // A block scalar's range ends after its last newline; any other value ends within its line.
    const newline = yaml[valueEnd - 1] === '\n' ? valueEnd - 1 : yaml.indexOf('\n', valueEnd);
    at = newline < 0 ? yaml.length : newline + 1;
    const keyLineStart = yaml.lastIndexOf('\n', key.range[0] - 1) + 1;
    indent = /^[ \t]*/.exec(yaml.slice(keyLineStart))?.[0] ?? '';
  }
  const needsBreak = at > 0 && yaml[at - 1] !== '\n';
  const line = `${needsBreak ? block.eol : ''}${indent}source-hash: "${hash}"${block.eol}`;
  return replace(raw, block, at, at, line, undefined);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
