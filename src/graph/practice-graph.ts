import { visit } from 'unist-util-visit';
import { pick } from '../model/build-model.js';
import type { FrameworkModel } from '../model/types.js';
import { decodeFragment } from '../text/fragment.js';

/** A numbered practice, as a node of the graph. */
export interface GraphNode {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  /** `N. Title`. */
  readonly label: string;
}

/** A section of the document, grouping its practices. */
export interface GraphGroup {
  readonly id: string;
  /** `I. Prevention`. */
  readonly label: string;
  readonly nodes: readonly GraphNode[];
}

/** A reference from one practice to another: a `[](#id)` link, or only a `related` entry. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'reference' | 'related';
}

/** The cross-reference graph of a framework's numbered practices. */
export interface PracticeGraph {
  readonly groups: readonly GraphGroup[];
  readonly edges: readonly GraphEdge[];
}

/**
 * The graph of references between numbered practices, in the authoritative language: one edge per
 * pair of practices, a `reference` when the text links to the target (anywhere, footnotes
 * included), else `related` when only the frontmatter's `related` names it. References to
 * sections, to withdrawn practices and to a practice itself are left out.
 */
export function practiceGraph(model: FrameworkModel): PracticeGraph {
  const language = model.metadata.language;
  const numbered = new Set(model.practices.map((p) => p.id));
  const groups = model.sections.map((section) => ({
    id: section.id,
    label: `${section.numeral}. ${pick(section.title, language, language)}`,
    nodes: section.practices.map((p) => ({ id: p.id, number: p.number ?? 0, title: p.title, label: `${p.number ?? 0}. ${p.title}` })),
  }));
  const edges: GraphEdge[] = [];
  for (const practice of model.practices) {
    const kinds = new Map<string, GraphEdge['kind']>();
    visit(practice.draft.tree, 'link', (link) => {
      if (!link.url.startsWith('#')) return;
      const target = decodeFragment(link.url.slice(1));
      if (numbered.has(target) && target !== practice.id) kinds.set(target, 'reference');
    });
    for (const target of practice.related) {
      if (numbered.has(target) && target !== practice.id && !kinds.has(target)) kinds.set(target, 'related');
    }
    // Edges in the order of the targets' numbers, so every output is the same for the same drafts.
    const order = (id: string) => (model.index.get(id) as { number?: number } | undefined)?.number ?? 0;
    for (const [to, kind] of [...kinds].sort((a, b) => order(a[0]) - order(b[0]))) edges.push({ from: practice.id, to, kind });
  }
  return { groups, edges };
}

