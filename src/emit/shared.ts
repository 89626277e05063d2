import type { Heading, Root, RootContent } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import remarkStringify from 'remark-stringify';
import { unified, type Processor } from 'unified';
import type { Node, Parent } from 'unist';
import { GFM_STYLE, MARKDOWN_STYLE } from '../text/markdown-style.js';
import { plainTextHandler } from '../text/plain-text-markdown.js';

/*
 * What several writers need, in one place (pandoc's Writers/Shared): no emitter imports another.
 * Nothing here decides how the document reads (labels, lists, dates, directions: the edition
 * does); these only copy and serialize trees.
 */

/**
 * GFM for the serializer only: what remark-gfm adds to remark-stringify, without the GFM parser
 * it also brings (about a hundred micromark modules, 60 ms to load, that writing never uses).
 */
function gfmSerializer(this: Processor) {
  (this.data().toMarkdownExtensions ??= []).push(gfmToMarkdown(GFM_STYLE));
}

// Built once and reused: it keeps no state between trees, and the JSON emitter serializes one
// tree per practice. A new processor per tree would also make new GFM escaping patterns each
// time, and compile their regular expressions again. Plain text is written without running the
// escaping patterns over it (see plain-text-markdown.ts): the same bytes, in less time.
const markdownProcessor = unified()
  .use(remarkStringify, { ...MARKDOWN_STYLE, handlers: { text: plainTextHandler } })
  .use(gfmSerializer)
  .freeze();

/**
 * Serializes an mdast tree as CommonMark + GFM (tables, footnotes, strikethrough) with gctf's
 * spelling. The JSON emitter uses it too, for each practice's `source`. Only reads the tree, so it
 * may be (or share nodes with) the edition's own content.
 */
export function stringifyMarkdown(tree: Root): string {
  return markdownProcessor.stringify(tree);
}

const isHeading = (node: Node): node is Heading => node.type === 'heading';

/**
 * Draft content with every heading moved `by` ranks deeper (a draft's `##` sits under the
 * practice's own heading in the document). Never mutates the edition, which every format shares:
 * the headings, and the nodes that hold them, are copies; all else is the edition's, to be read only.
 */
export function shiftHeadings<T extends RootContent>(nodes: readonly T[], by: number): T[] {
  return copyWhere(nodes, isHeading, (heading) => {
    heading.depth = Math.min(6, heading.depth + by) as Heading['depth'];
  });
}

/**
 * Copies draft content only where an emitter is going to change it: every node `picks` selects is
 * a shallow copy, handed to `change`, and so is every ancestor of one (with its own `children`
 * array). All other nodes — and the copies' other fields, `data` and `position` included — stay
 * the original's, shared, so the result must not be changed anywhere else.
 *
 * Emitters change few nodes (headings get a new depth, links a new URL), so this is far cheaper
 * than a `structuredClone` of whole draft trees, which copies every node and every `position`.
 * The edition, which every format shares, is never touched.
 */
export function copyWhere<T extends Node, Picked extends Node>(
  nodes: readonly T[],
  picks: (node: Node) => node is Picked,
  change: (copy: Picked) => void,
): T[] {
  return copyChildren(nodes, picks, change as (copy: Node) => void) ?? [...nodes];
}

/** The copied `children`, or undefined when no node among them or below needed a copy. */
function copyChildren<T extends Node>(
  children: readonly T[],
  picks: (node: Node) => boolean,
  change: (copy: Node) => void,
): T[] | undefined {
  let copies: T[] | undefined;
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as T;
    const copy = copyNode(child, picks, change);
    if (copy === child) continue;
    copies ??= children.slice();
    copies[i] = copy;
  }
  return copies;
}

function copyNode<T extends Node>(node: T, picks: (node: Node) => boolean, change: (copy: Node) => void): T {
  const children = 'children' in node ? copyChildren((node as unknown as Parent).children, picks, change) : undefined;
  const picked = picks(node);
  if (!picked && children === undefined) return node;
  const copy = children === undefined ? { ...node } : { ...node, children };
  if (picked) change(copy);
  return copy;
}
