import type { Root } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import type { Node } from 'unist';

/**
 * How much of GFM to parse. `full` (CommonMark + all of GFM) is what outputs are built from.
 * `check` leaves out the inline-only extensions — autolink literals, strikethrough, task-list
 * items — which no rule looks at and which never change block structure; it parses about twice as
 * fast, and every rule finds the same things in its trees.
 */
export type ParseProfile = 'full' | 'check';

function checkSubset(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown());
}

const parsers = {
  full: unified().use(remarkParse).use(remarkGfm).freeze(),
  check: unified().use(remarkParse).use(checkSubset).freeze(),
};

/**
 * Parses a draft's Markdown body into mdast whose positions are those of the whole file: the body
 * starts on line `firstLine`.
 */
export function parseMarkdown(body: string, firstLine: number, profile: ParseProfile = 'full'): Root {
  const tree = parsers[profile].parse(body);
  const shift = firstLine - 1;
  if (shift !== 0) shiftPositions(tree, shift);
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
