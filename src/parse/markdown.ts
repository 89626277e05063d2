import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node } from 'unist';

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * Parses a draft's Markdown body (CommonMark + GFM) into mdast whose positions are those of the
 * whole file: the body starts on line `firstLine`.
 */
export function parseMarkdown(body: string, firstLine: number): Root {
  const tree = parser.parse(body);
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
