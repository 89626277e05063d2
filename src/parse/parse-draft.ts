import { createHash } from 'node:crypto';
import matter from 'gray-matter';
import type { Root } from 'mdast';
import type { SourceFile } from '../read/source-file.js';
import { parseYaml, type ParsedYaml, type Span } from './parse-yaml.js';

/** What a draft's frontmatter block held, or why it could not be read. */
export interface Frontmatter {
  /** Whether the file opens with a `---` line at all. */
  readonly present: boolean;
  /** The language named after the opening `---` (`yaml` when none is named). */
  readonly language: string;
  /** The YAML, parsed with positions; undefined when absent or not YAML. */
  readonly yaml: ParsedYaml | undefined;
  /** The plain data; `{}` when absent, unreadable or not a mapping. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Why the block could not be read: unterminated, another language, not a mapping. */
  readonly problem: { readonly message: string; readonly place: Span } | undefined;
  /** The 1-based line of the closing `---`, or 0 when there is none. */
  readonly endLine: number;
}

/** A draft split into frontmatter and body; its Markdown is not parsed yet. */
export type SplitDraft = Omit<ParsedDraft, 'tree'>;

/** A draft after parsing: frontmatter, body and Markdown tree. Parsing never throws. */
export interface ParsedDraft {
  readonly file: SourceFile;
  readonly frontmatter: Frontmatter;
  /** Everything after the line that closes the frontmatter (or the whole text without one). */
  readonly body: string;
  /** The line of the file on which the body starts. */
  readonly bodyLine: number;
  readonly tree: Root;
  /** FORMAT.md's source hash: first 8 hex digits of the SHA-256 of the body. */
  readonly hash: string;
}

const refuse = (language: string) => ({
  parse(): never {
    throw new UnsupportedFrontmatter(language);
  },
});

class UnsupportedFrontmatter extends Error {
  constructor(readonly language: string) {
    super(language);
  }
}

// gray-matter evaluates `---js` as JavaScript by default. Every engine it ships or aliases is
// replaced: YAML is handed back raw (parsed below with positions), the rest only refuse.
const engines = {
  yaml: { parse: () => ({}) },
  yml: { parse: () => ({}) },
  javascript: refuse('javascript'),
  js: refuse('js'),
  json: refuse('json'),
  coffee: refuse('coffee'),
  coffeescript: refuse('coffeescript'),
  cson: refuse('cson'),
  toml: refuse('toml'),
};

const OPENING = /^---[ \t]*([A-Za-z][\w-]*)?[ \t]*$/;
const CLOSING = /^(---|\.\.\.)[ \t]*$/;

/**
 * Splits one draft into frontmatter (parsed) and body (hashed, not yet parsed: Markdown is parsed
 * in bulk, in parallel and through the cache, by `parseBodies`). Content problems are recorded,
 * never thrown.
 */
export function splitDraft(file: SourceFile): SplitDraft {
  const text = file.text;
  const firstNewline = text.indexOf('\n');
  const firstLine = firstNewline < 0 ? text : text.slice(0, firstNewline);
  const opening = OPENING.exec(firstLine);
  if (!opening || firstLine.startsWith('----')) {
    return finish(file, absentFrontmatter(), text, 1);
  }

  let offset = firstNewline < 0 ? text.length : firstNewline + 1;
  let line = 2;
  let closeStart = -1;
  let closeEnd = -1;
  while (offset < text.length) {
    const next = text.indexOf('\n', offset);
    const end = next < 0 ? text.length : next;
    if (CLOSING.test(text.slice(offset, end))) {
      closeStart = offset;
      closeEnd = next < 0 ? text.length : next + 1;
      break;
    }
    offset = end + 1;
    line++;
  }

  const language = (opening[1] ?? 'yaml').toLowerCase();
  if (closeStart < 0) {
    const problem = {
      message: 'Unterminated frontmatter: the `---` on line 1 is never closed, expected a line `---` after the last key',
      place: { start: { line: 1, column: 1 }, end: { line: 1, column: firstLine.length + 1 } },
    };
    return finish(file, { present: true, language, yaml: undefined, data: {}, problem, endLine: 0 }, '', line);
  }

  const head = `${text.slice(0, closeStart)}---\n`;
  const body = text.slice(closeEnd);
  const bodyLine = line + 1;
  let raw: string;
  try {
    // Any language but YAML is refused here, by name, before gray-matter looks one up: its engine
    // table is a plain object, where `---constructor` or `---toString` would find a function.
    if (language !== 'yaml' && language !== 'yml') throw new UnsupportedFrontmatter(opening[1] ?? language);
    raw = matter(head, { engines, language: 'yaml' }).matter;
  } catch (error) {
    const name = error instanceof UnsupportedFrontmatter ? error.language : language;
    const problem = {
      message: `Unexpected \`---${name}\` frontmatter: only YAML frontmatter is read (\`---\`); other languages are never evaluated`,
      place: { start: { line: 1, column: 1 }, end: { line: 1, column: firstLine.length + 1 } },
    };
    return finish(file, { present: true, language: name, yaml: undefined, data: {}, problem, endLine: line }, body, bodyLine);
  }

  // gray-matter's block starts with the newline after `---`, so its line k is the file's line k.
  const yaml = parseYaml(raw, 1);
  let data: Record<string, unknown> = {};
  let problem: Frontmatter['problem'];
  if (yaml.errors.length === 0) {
    const value = yaml.value;
    if (value === null || value === undefined) {
      data = {};
    } else if (typeof value === 'object' && !Array.isArray(value)) {
      data = value as Record<string, unknown>;
      // A hash such as `5974e220` or `01234567` reads as a number in YAML; drafters write it bare.
      const hash = data['source-hash'];
      if (typeof hash === 'number') data = { ...data, 'source-hash': yaml.scalarSource(['source-hash']) ?? hash };
    } else {
      problem = {
        message: `Unexpected frontmatter ${Array.isArray(value) ? 'list' : typeof value}, expected a mapping of keys to values (\`title: …\`)`,
        place: { start: { line: 2, column: 1 }, end: { line: 2, column: 1 } },
      };
    }
  }
  return finish(file, { present: true, language, yaml, data, problem, endLine: line }, body, bodyLine);
}

function absentFrontmatter(): Frontmatter {
  return { present: false, language: 'yaml', yaml: undefined, data: {}, problem: undefined, endLine: 0 };
}

function finish(file: SourceFile, frontmatter: Frontmatter, body: string, bodyLine: number): SplitDraft {
  return { file, frontmatter, body, bodyLine, hash: sourceHash(body) };
}

/** The first 8 hex digits of the SHA-256 of a body (already `\n`-normalised). */
export function sourceHash(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex').slice(0, 8);
}
