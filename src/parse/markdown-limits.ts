import type { Root } from 'mdast';
import type { Node } from 'unist';

/** The largest draft body gctf parses: real drafts are a few kilobytes; 1 MB is a whole book. */
export const MAX_BODY_BYTES = 1_000_000;
/** The deepest nesting gctf parses and renders (block quotes, lists, emphasis, links). */
export const MAX_DEPTH = 64;
/** The deepest tree allowed: a list level is two nodes (list, item), and inline content adds more. */
export const MAX_TREE_DEPTH = MAX_DEPTH * 2 + 32;

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
 */
export function precheckBody(body: string, firstLine: number): MarkdownLimitProblem | undefined {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_BODY_BYTES) {
    return { message: `Unexpected draft body of ${(bytes / 1e6).toFixed(1)} MB, expected at most ${MAX_BODY_BYTES / 1e6} MB (split it into several practices)`, line: firstLine, column: 1 };
  }
  let fence: string | undefined;
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === undefined) fence = marker[0]?.repeat(marker.length);
      else if (marker.startsWith(fence)) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
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
