import type { Root } from 'mdast';
import type { Node } from 'unist';

/** The largest draft body gctf parses: real drafts are a few kilobytes; 1 MB is a whole book. */
export const MAX_BODY_BYTES = 1_000_000;
/** The deepest nesting gctf parses and renders (block quotes, lists, emphasis, links). */
export const MAX_DEPTH = 64;
/** The deepest tree allowed: a list level is two nodes (list, item), and inline content adds more. */
export const MAX_TREE_DEPTH = MAX_DEPTH * 2 + 32;
/** The most lines a body may have: a long draft has a few hundred. */
export const MAX_LINES = 10_000;
/** The most table cells (`|`) a body may hold: 200 rows of 50 columns is already a data set. */
export const MAX_TABLE_CELLS = 10_000;
/**
 * The most inline markers in one paragraph: `*`, `_`, `[`, `]`, `` ` ``, `<`, `~`, `&` and the
 * starts of autolinks (`www.`, `://`, `@`).
 */
export const MAX_PARAGRAPH_MARKERS = 1_000;
/** The most inline markers in a whole body. */
export const MAX_MARKERS = 10_000;
/** The most setext underlines (`===`, `---` under a line of text) in a body. */
export const MAX_SETEXT_UNDERLINES = 1_000;

/** Why a body was not parsed, or was parsed and then set aside: kept on the tree's `data`. */
export interface MarkdownLimitProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

declare module 'mdast' {
  interface RootData {
    /** Set when the body exceeded a limit and the tree was left empty. */
    gctfLimit?: MarkdownLimitProblem;
  }
}

/**
 * Checks a body before parsing it: too large, or nested deeper than any draft needs (an estimate
 * from each line's leading block-quote markers, list markers and indentation, outside fenced
 * code). Parsers and renderers recurse per level and slow down with size, so such input is
 * reported instead of parsed.
 *
 * It also caps what makes micromark slow out of proportion to the input (measured: each alone
 * took over 10 s on a body well under 1 MB): lines, table cells, setext underlines, and inline
 * markers, per paragraph and in all. Emphasis and link resolution is quadratic in the markers of
 * one paragraph (`*a **a ` repeated 2,000 times, 28 KB, took 9 s), and setext underlines in
 * their number (`a\n===\n` 8,000 times, 32 KB, took 12 s). Each count is one linear pass, and
 * the caps lie far above anything a drafter writes.
 */
export function precheckBody(body: string, firstLine: number): MarkdownLimitProblem | undefined {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_BODY_BYTES) {
    return { message: `Unexpected draft body of ${(bytes / 1e6).toFixed(1)} MB, expected at most ${MAX_BODY_BYTES / 1e6} MB (split it into several practices)`, line: firstLine, column: 1 };
  }
  let fence: string | undefined;
  const lines = body.split('\n');
  if (lines.length > MAX_LINES) {
    return { message: `Unexpected draft body of ${lines.length} lines, expected at most ${MAX_LINES} (split it into several practices)`, line: firstLine + MAX_LINES, column: 1 };
  }
  let cells = 0;
  let markers = 0;
  let paragraphMarkers = 0;
  let setext = 0;
  let previousBlank = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === undefined) fence = marker[0]?.repeat(marker.length);
      else if (marker.startsWith(fence)) fence = undefined;
      previousBlank = true;
      continue;
    }
    if (fence !== undefined) continue;
    const inline = countInline(line);
    const blank = line.trim() === '';
    // A blank line, a heading or a list item starts a new run of inline content.
    if (blank || /^[ \t>]*(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|1[.)][ \t])/.test(line)) paragraphMarkers = 0;
    cells += inline.pipes;
    markers += inline.markers;
    paragraphMarkers += inline.markers;
    if (!previousBlank && /^ {0,3}(?:=+|-+)[ \t]*$/.test(line)) setext++;
    previousBlank = blank;
    const place = { line: firstLine + i, column: 1 };
    if (cells > MAX_TABLE_CELLS) {
      return { message: `Unexpected table of more than ${MAX_TABLE_CELLS} cells (\`|\`), expected at most ${MAX_TABLE_CELLS} in a draft (split the table, or publish the data separately)`, ...place };
    }
    if (paragraphMarkers > MAX_PARAGRAPH_MARKERS) {
      return { message: `Unexpected paragraph with more than ${MAX_PARAGRAPH_MARKERS} emphasis, link, code or entity markers (\`*\`, \`_\`, \`[\`, \`]\`, backticks, \`<\`, \`~\`, \`&\`, autolinks), expected at most ${MAX_PARAGRAPH_MARKERS} (split the paragraph)`, ...place };
    }
    if (markers > MAX_MARKERS) {
      return { message: `Unexpected draft body with more than ${MAX_MARKERS} emphasis, link, code or entity markers, expected at most ${MAX_MARKERS} (split it into several practices)`, ...place };
    }
    if (setext > MAX_SETEXT_UNDERLINES) {
      return { message: `Unexpected draft body with more than ${MAX_SETEXT_UNDERLINES} setext heading underlines (\`===\` or \`---\` under text), expected at most ${MAX_SETEXT_UNDERLINES} (use \`##\` headings)`, ...place };
    }
    const prefix = /^(?:[ \t]|>|[-*+][ \t]|\d{1,9}[.)][ \t])*/.exec(line)?.[0] ?? '';
    let depth = 0;
    let spaces = 0;
    for (const c of prefix) {
      if (c === ' ') spaces++;
      else if (c === '\t') spaces += 4;
      else if (c === '>' || c === '-' || c === '*' || c === '+' || c === '.' || c === ')') depth++;
    }
    depth += Math.floor(spaces / 4);
    if (depth > MAX_DEPTH) {
      return { message: `Unexpected nesting about ${depth} levels deep (block quotes or lists), expected at most ${MAX_DEPTH}`, line: firstLine + i, column: 1 };
    }
  }
  return undefined;
}

/** How many table pipes and inline markers a line holds; a backslash escapes the next character. */
function countInline(line: string): { pipes: number; markers: number } {
  let pipes = 0;
  let markers = 0;
  for (let i = 0; i < line.length; i++) {
    switch (line.charCodeAt(i)) {
      case 0x5c: // a backslash
        i++;
        break;
      case 0x7c: // |
        pipes++;
        break;
      case 0x2a: // *
      case 0x5f: // _
      case 0x5b: // [
      case 0x5d: // ]
      case 0x60: // `
      case 0x3c: // <
      case 0x7e: // ~
      case 0x26: // &
      case 0x40: // @
        markers++;
        break;
      case 0x3a: // :
        if (line.startsWith('//', i + 1)) markers++;
        break;
      case 0x77: // w
        if (line.startsWith('ww.', i + 1)) markers++;
        break;
      default:
        break;
    }
  }
  return { pipes, markers };
}

/** The depth of a tree, measured without recursion; `limit + 1` as soon as it passes `limit`. */
export function treeDepth(tree: Node, limit = MAX_TREE_DEPTH): { depth: number; deepest: Node } {
  const stack: [Node, number][] = [[tree, 0]];
  let max = 0;
  let deepest: Node = tree;
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Node, number];
    if (depth > max) {
      max = depth;
      deepest = node;
      if (max > limit) break;
    }
    const children = (node as Node & { children?: Node[] }).children;
    if (children) for (const child of children) stack.push([child, depth + 1]);
  }
  return { depth: max, deepest };
}

/** An empty tree that says why the body was set aside. */
export function setAside(problem: MarkdownLimitProblem): Root {
  return { type: 'root', children: [], data: { gctfLimit: problem } };
}
