import type { Root } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import type { Node } from 'unist';
import { MAX_DEPTH, MAX_TREE_DEPTH, precheckBody, setAside, treeDepth } from './body-limits.js';

// The `check` profile's parser, apart from the full one: remark-gfm loads some 140 modules that a
// check never uses (a fifth of a cold check of the bundled framework). `./markdown.js` has both.

/**
 * How much of GFM to parse. `full` (CommonMark + all of GFM) is what outputs are built from.
 * `check` is CommonMark + GFM footnotes, all the rules look at: it parses about 2.5 times as fast.
 * What it leaves out changes nothing the rules find: autolink literals, strikethrough and task-list
 * items are inline decoration, and a GFM table is read as a paragraph whose inline content (links,
 * footnote calls, HTML) is parsed the same; `empty-practice` recognises a table-shaped paragraph.
 */
export type ParseProfile = 'full' | 'check';

function checkSubset(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown());
}

/** The parser of the `check` profile. */
export const checkParser = unified().use(remarkParse).use(checkSubset).freeze();

/**
 * Parses a draft's Markdown body with `parser` into mdast whose positions are those of the whole
 * file: the body starts on line `firstLine`. Drafts past the Markdown limits, or that the parser
 * fails on, become a tree holding only that problem.
 */
export function parseWith(parser: Processor<Root>, body: string, firstLine: number): Root {
  const problem = precheckBody(body, firstLine);
  if (problem) return setAside(problem);
  let tree: Root;
  try {
    tree = parser.parse(body);
  } catch (error) {
    // A parser failure is one diagnostic for this draft, never a crash of the run.
    return setAside({ message: `Unexpected Markdown the parser cannot read (${(error as Error).message}), expected plainer Markdown`, line: firstLine, column: 1 });
  }
  const shift = firstLine - 1;
  if (shift !== 0) shiftPositions(tree, shift);
  const { depth, deepest } = treeDepth(tree);
  if (depth > MAX_TREE_DEPTH) {
    const at = deepest.position?.start ?? { line: firstLine, column: 1 };
    return setAside({ message: `Unexpected nesting more than ${MAX_DEPTH} levels deep, expected at most ${MAX_DEPTH}`, line: at.line, column: at.column });
  }
  return tree;
}

function shiftPositions(node: Node, shift: number): void {
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as Node & { children?: Node[] };
    if (current.position) {
      current.position.start.line += shift;
      current.position.end.line += shift;
    }
    if (current.children) for (const child of current.children) stack.push(child);
  }
}
