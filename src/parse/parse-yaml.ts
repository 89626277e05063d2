import { createRequire } from 'node:module';
import { CORE_SCHEMA, load } from 'js-yaml';
import type { Node as YamlNode } from 'yaml';

// The full YAML parser is loaded on first use: a cached check of plain frontmatter never needs it.
const require = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const fullParser = () => (yamlModule ??= require('yaml') as typeof import('yaml'));

/** A 1-based line and column in a source file. */
export interface Point {
  readonly line: number;
  readonly column: number;
}

/** A span in a source file. */
export interface Span {
  readonly start: Point;
  readonly end: Point;
}

/** A YAML syntax problem, placed in the file. */
export interface YamlProblem {
  readonly message: string;
  readonly place: Span;
}

/** Parsed YAML: its plain value, and where each key and value stands in the file. */
export interface ParsedYaml {
  readonly value: unknown;
  readonly errors: readonly YamlProblem[];
  /** The span of a key (`title`, `sections.2.id`), for problems with that key's value or name. */
  keySpan(path: readonly (string | number)[]): Span | undefined;
  /** The span of a value, falling back to its key's span. */
  valueSpan(path: readonly (string | number)[]): Span | undefined;
  /** A scalar exactly as written (`5974e220`, which YAML would read as a number). */
  scalarSource(path: readonly (string | number)[]): string | undefined;
}

/** Aliases may expand at most this many times, so a few lines cannot become gigabytes. */
const MAX_ALIAS_COUNT = 100;
/** Nesting deeper than this is no manifest or frontmatter anybody writes. */
const MAX_DEPTH = 64;
/** A manifest or frontmatter block larger than this is no metadata anybody writes. */
const MAX_YAML_BYTES = 1_000_000;

// Anchors, aliases, tags, directives, block scalars, complex keys and escapes: anything beyond
// plain `key: value` and flow lists goes straight to the full parser.
// Also numbers with an exponent but no dot (`1e3`), which js-yaml reads as strings and YAML 1.2 as
// numbers.
const BEYOND_PLAIN = /[&*!%|>?@`\\]|(^|[\s,[:])[-+]?\d+[eE][-+]?\d+[ \t]*($|[,\]])/m;

/**
 * Parses YAML the fast way where it is plain (the frontmatter of nearly every draft): js-yaml with
 * the YAML 1.2 core schema reads the values, and positions are worked out by the full parser only
 * when a rule asks for one. Anything else, and anything js-yaml rejects, goes to `parseYamlFully`,
 * whose values and messages are the reference.
 *
 * The second parser pays for itself (measured on the frontmatter blocks alone): the bundled
 * framework's 102 blocks in 24–38 ms instead of 148–151 ms, a quarter of a cold `gctf check` of it;
 * 2,001 blocks of a 1,000-draft framework in 192–223 ms instead of 773–1,271 ms, about half.
 */
export function parseYaml(source: string, firstLine = 1): ParsedYaml {
  if (source.length > MAX_YAML_BYTES || BEYOND_PLAIN.test(source)) return parseYamlFully(source, firstLine);
  let value: unknown;
  try {
    value = load(source, { schema: CORE_SCHEMA, json: false });
  } catch {
    return parseYamlFully(source, firstLine);
  }
  let full: ParsedYaml | undefined;
  const positions = () => (full ??= parseYamlFully(source, firstLine));
  return {
    value,
    errors: [],
    keySpan: (path) => positions().keySpan(path),
    valueSpan: (path) => positions().valueSpan(path),
    scalarSource: (path) => positions().scalarSource(path),
  };
}

/**
 * Parses YAML text that starts on line `firstLine` of its file (YAML 1.2 core schema: dates stay
 * strings, `yes` is a string) and keeps positions, so that every problem points at the file's own
 * line. Duplicate keys, alias bombs and absurd nesting are reported, never expanded.
 */
export function parseYamlFully(source: string, firstLine = 1): ParsedYaml {
  const { LineCounter, parseDocument, isMap, isScalar, isSeq } = fullParser();
  const lineCounter = new LineCounter();
  const errors: YamlProblem[] = [];
  const shift = firstLine - 1;
  const toPoint = (offset: number): Point => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + shift, column: p.col };
  };
  const toSpan = (range: readonly number[] | null | undefined): Span | undefined =>
    range ? { start: toPoint(range[0] ?? 0), end: toPoint(range[1] ?? range[0] ?? 0) } : undefined;

  const refuse = (message: string, offset: number): ParsedYaml => {
    let line = firstLine;
    for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line++;
    return {
      value: undefined,
      errors: [{ message, place: { start: { line, column: 1 }, end: { line, column: 1 } } }],
      keySpan: () => undefined,
      valueSpan: () => undefined,
      scalarSource: () => undefined,
    };
  };
  if (source.length > MAX_YAML_BYTES) {
    return refuse(`YAML of ${(source.length / 1e6).toFixed(1)} MB, expected at most ${MAX_YAML_BYTES / 1e6} MB of metadata`, 0);
  }
  const { depth, offset } = nestingDepth(source);
  if (depth > MAX_DEPTH) return refuse(`YAML nested ${depth} levels deep, expected at most ${MAX_DEPTH}`, offset);

  // YAML 1.1's explicit tags (`!!timestamp`, `!!binary`, `!!set`) stay unresolved: a date is text.
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, resolveKnownTags: false });
  // An error the parser finds only at the end of the input (an unclosed `[` or quote) is placed
  // right after the last text, on the line that holds the problem, not on the blank line after it.
  const settle = (offset: number): number => {
    if (source.slice(offset).trim() !== '') return offset;
    const end = source.slice(0, offset).trimEnd().length;
    return end > 0 ? end : offset;
  };
  for (const error of doc.errors) {
    const place = toSpan(error.pos.map(settle)) ?? spanAtStart(firstLine);
    const key = error.code === 'DUPLICATE_KEY' ? /^[^:\n]*/.exec(source.slice(error.pos[0]))?.[0].trim() : undefined;
    errors.push({ message: key ? `duplicate key \`${key.slice(0, 60)}\`, expected each key once` : firstLineOf(error.message), place });
  }
  let value: unknown;
  // A duplicate key is reported, and the rest is still read (the last of the duplicates stands):
  // one repeated key must not hide every other finding, nor make a manifest's sections vanish.
  const readable = doc.errors.every((error) => error.code === 'DUPLICATE_KEY');
  const bomb = readable ? excessiveAlias(doc) : undefined;
  if (bomb) errors.push({ message: 'Excessive alias count indicates a resource exhaustion attack (an alias bomb), expected at most 100 alias expansions', place: toSpan(bomb.range) ?? spanAtStart(firstLine) });
  if (readable && !bomb) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      errors.push({ message: firstLineOf(String((error as Error).message)), place: spanAtStart(firstLine) });
    }
  }

  const find = (path: readonly (string | number)[]): { key?: YamlNode; value?: YamlNode } => {
    let node: unknown = doc.contents;
    let key: YamlNode | undefined;
    for (const part of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
        if (!pair) return {};
        key = pair.key as YamlNode;
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number') {
        node = node.items[part];
        key = node as YamlNode;
      } else {
        return {};
      }
    }
    return { key, value: (node ?? undefined) as YamlNode | undefined };
  };

  return {
    value,
    errors,
    keySpan: (path) => toSpan(find(path).key?.range),
    valueSpan: (path) => {
      const found = find(path);
      return toSpan(found.value?.range) ?? toSpan(found.key?.range);
    },
    scalarSource: (path) => {
      const node = find(path).value;
      return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
    },
  };
}

function spanAtStart(line: number): Span {
  return { start: { line, column: 1 }, end: { line, column: 1 } };
}

function firstLineOf(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

// The YAML parser recurses once per level; counting brackets and indentation first keeps a
// hostile `[[[[…` of a million levels from exhausting the stack. Returns the deepest level and
// the offset where nesting first passed the limit (or the deepest point), for the report's line.
function nestingDepth(source: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let offset = 0;
  const deeper = (level: number, at: number) => {
    if (level > max) {
      if (max <= MAX_DEPTH) offset = at;
      max = level;
    }
  };
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) deeper(++depth, i);
    else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
  }
  let lineStart = 0;
  for (const line of source.split('\n')) {
    deeper(Math.floor((line.length - line.trimStart().length) / 2), lineStart);
    lineStart += line.length + 1;
  }
  return { depth: max, offset };
}

/**
 * The alias at which expanding the document would pass `MAX_ALIAS_COUNT`, found the way the
 * `yaml` package counts (each use of an anchor costs what the anchored node expands to), so that
 * an alias bomb is reported at the alias's own line instead of the top of the block.
 */
function excessiveAlias(doc: import('yaml').Document): YamlNode | undefined {
  const { visit, isAlias, isCollection, isPair, isNode } = fullParser();
  const ordered: YamlNode[] = [];
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node) || (isNode(node) && node.anchor)) ordered.push(node);
    },
  });
  if (!ordered.some((node) => isAlias(node))) return undefined;
  const data = new Map<YamlNode, { count: number; aliasCount: number }>();
  // The anchored node each alias names: the last one before it with that anchor.
  const latest = new Map<string, YamlNode>();
  const sourceFor = new Map<YamlNode, YamlNode>();
  for (const node of ordered) {
    if (isAlias(node)) {
      const source = latest.get(node.source);
      if (source) sourceFor.set(node, source);
    } else if (node.anchor) {
      latest.set(node.anchor, node);
    }
  }
  const aliasCount = (node: unknown): number => {
    if (isAlias(node)) {
      const source = sourceFor.get(node);
      const d = source ? data.get(source) : undefined;
      return d ? d.count * d.aliasCount : 0;
    }
    if (isCollection(node)) return node.items.reduce((max: number, item) => Math.max(max, aliasCount(item)), 0);
    if (isPair(node)) return Math.max(aliasCount(node.key), aliasCount(node.value));
    return 1;
  };
  for (const node of ordered) {
    if (!isAlias(node)) continue;
    const source = sourceFor.get(node);
    if (!source) continue;
    let d = data.get(source);
    if (!d) data.set(source, (d = { count: 0, aliasCount: 0 }));
    d.count += 1;
    if (d.aliasCount === 0) d.aliasCount = aliasCount(source);
    if (d.count * d.aliasCount > MAX_ALIAS_COUNT) return node;
  }
  return undefined;
}
