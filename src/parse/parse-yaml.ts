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

// Anchors, aliases, tags, directives, block scalars, complex keys and escapes: anything beyond
// plain `key: value` and flow lists goes straight to the full parser.
// Also numbers with an exponent but no dot (`1e3`), which js-yaml reads as strings and YAML 1.2 as
// numbers.
const BEYOND_PLAIN = /[&*!%|>?@`\\]|\d[eE][-+]?\d/;

/**
 * Parses YAML the fast way where it is plain (the frontmatter of nearly every draft): js-yaml with
 * the YAML 1.2 core schema reads the values, and positions are worked out by the full parser only
 * when a rule asks for one. Anything else, and anything js-yaml rejects, goes to `parseYamlFully`,
 * whose values and messages are the reference.
 */
export function parseYaml(source: string, firstLine = 1): ParsedYaml {
  if (BEYOND_PLAIN.test(source)) return parseYamlFully(source, firstLine);
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

  const depth = nestingDepth(source);
  if (depth > MAX_DEPTH) {
    return {
      value: undefined,
      errors: [{ message: `YAML nested ${depth} levels deep, expected at most ${MAX_DEPTH}`, place: spanAtStart(firstLine) }],
      keySpan: () => undefined,
      valueSpan: () => undefined,
      scalarSource: () => undefined,
    };
  }

  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  for (const error of doc.errors) {
    const place = toSpan(error.pos) ?? spanAtStart(firstLine);
    errors.push({ message: firstLineOf(error.message), place });
  }
  let value: unknown;
  if (errors.length === 0) {
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
// hostile `[[[[…` of a million levels from exhausting the stack.
function nestingDepth(source: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
  }
  let indentMax = 0;
  for (const line of source.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (indent > indentMax) indentMax = indent;
  }
  return Math.max(max, Math.floor(indentMax / 2));
}
