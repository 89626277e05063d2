import type { PracticeGraph } from './practice-graph.js';

/**
 * A Mermaid label, quoted: `"`, `#` and everything Mermaid or HTML reads as syntax become
 * Mermaid's entity codes (`#quot;`, `#35;`), which it shows as the characters themselves.
 */
export function mermaidLabel(text: string): string {
  return `"${text.replace(/[^\p{L}\p{N} .,:;!?'’\-–—/]/gu, (c) => (c === '"' ? '#quot;' : `#${c.codePointAt(0) ?? 0};`))}"`;
}

/** A DOT double-quoted string: only `"` and `\` are special in one, and line breaks end it. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** Node names are made from numbers, never from ids or titles, so they need no escaping. */
const nodeName = (number: number) => `p${number}`;

/** The graph as a Mermaid flowchart: one `subgraph` per section, dotted arrows for `related`. */
export function toMermaid(graph: PracticeGraph): string {
  const numbers = numbersOf(graph);
  const lines = ['flowchart LR'];
  graph.groups.forEach((group, i) => {
    lines.push(`  subgraph s${i + 1}[${mermaidLabel(group.label)}]`);
    for (const node of group.nodes) lines.push(`    ${nodeName(node.number)}[${mermaidLabel(node.label)}]`);
    lines.push('  end');
  });
  for (const edge of graph.edges) {
    lines.push(`  ${nodeName(numbers.get(edge.from) ?? 0)} ${edge.kind === 'related' ? '-.->' : '-->'} ${nodeName(numbers.get(edge.to) ?? 0)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The graph in Graphviz DOT: one `cluster_` subgraph per section, dashed edges for `related`. */
export function toDot(graph: PracticeGraph): string {
  const numbers = numbersOf(graph);
  const lines = ['digraph practices {', '  rankdir=LR;', '  node [shape=box, style=rounded, fontname="sans-serif"];', '  edge [color="#555555"];'];
  graph.groups.forEach((group, i) => {
    lines.push(`  subgraph cluster_${i + 1} {`, `    label=${dotString(group.label)};`);
    for (const node of group.nodes) lines.push(`    ${nodeName(node.number)} [label=${dotString(node.label)}, tooltip=${dotString(node.id)}];`);
    lines.push('  }');
  });
  for (const edge of graph.edges) {
    lines.push(`  ${nodeName(numbers.get(edge.from) ?? 0)} -> ${nodeName(numbers.get(edge.to) ?? 0)}${edge.kind === 'related' ? ' [style=dashed]' : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Each practice id's number. */
export function numbersOf(graph: PracticeGraph): Map<string, number> {
  return new Map(graph.groups.flatMap((g) => g.nodes.map((n) => [n.id, n.number] as const)));
}
