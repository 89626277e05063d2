import type { Node, Parent } from 'unist';

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
