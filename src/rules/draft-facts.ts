import type { Definition, FootnoteDefinition, FootnoteReference, Heading, Html, Image, ImageReference, Link, Nodes, Text } from 'mdast';
import type { Draft } from '../model/types.js';

/** What the rules look at in a draft's tree, gathered in one walk and shared by every rule. */
export interface DraftFacts {
  /** `#id` links and link definitions, in document order. */
  readonly references: readonly (Link | Definition)[];
  readonly headings: readonly Heading[];
  readonly footnoteReferences: readonly FootnoteReference[];
  readonly footnoteDefinitions: readonly FootnoteDefinition[];
  readonly html: readonly Html[];
  /** Images, inline and by reference, in document order. */
  readonly images: readonly (Image | ImageReference)[];
  /** Text nodes holding `[^`: footnote calls that found no definition stay text. */
  readonly footnoteLikeText: readonly Text[];
}

const memo = new WeakMap<Draft, DraftFacts>();

/** The facts of a draft's tree, gathered once per draft however many rules ask. */
export function draftFacts(draft: Draft): DraftFacts {
  let facts = memo.get(draft);
  if (!facts) {
    facts = gather(draft.tree);
    memo.set(draft, facts);
  }
  return facts;
}

function gather(tree: Nodes): DraftFacts {
  const references: (Link | Definition)[] = [];
  const headings: Heading[] = [];
  const footnoteReferences: FootnoteReference[] = [];
  const footnoteDefinitions: FootnoteDefinition[] = [];
  const html: Html[] = [];
  const images: (Image | ImageReference)[] = [];
  const footnoteLikeText: Text[] = [];
  // Depth-first, in document order, without a visitor's per-node overhead.
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    switch (node.type) {
      case 'link':
      case 'definition':
        if (node.url.startsWith('#') && node.url.length > 1) references.push(node);
        break;
      case 'heading':
        headings.push(node);
        break;
      case 'footnoteReference':
        footnoteReferences.push(node);
        break;
      case 'footnoteDefinition':
        footnoteDefinitions.push(node);
        break;
      case 'html':
        html.push(node);
        break;
      case 'image':
      case 'imageReference':
        images.push(node);
        break;
      case 'text':
        if (node.value.includes('[^')) footnoteLikeText.push(node);
        break;
      default:
        break;
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return { references, headings, footnoteReferences, footnoteDefinitions, html, images, footnoteLikeText };
}
