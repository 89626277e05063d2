import { replaceUnprintable } from '../text/characters.js';
import type { PracticeGraph } from './practice-graph.js';

// A hand-written layout, since no maintained JavaScript library lays out clustered graphs without
// a browser or a native Graphviz: sections are columns, practices boxes stacked in document order,
// references cubic curves from box side to box side. The same graph always gives the same bytes.
const MARGIN = 40;
const COLUMN_WIDTH = 240;
const COLUMN_GAP = 120;
const HEADER_LINE = 18;
const BOX_GAP = 16;
const LINE_HEIGHT = 16;
const BOX_PADDING = 10;
const MAX_CHARS = 32;
const MAX_LINES = 3;

interface Box {
  readonly column: number;
  readonly x: number;
  readonly y: number;
  readonly height: number;
}

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value for XML: escaped, and without the characters XML 1.0 cannot hold. */
export function xmlText(text: string): string {
  return replaceUnprintable(text)
    .replace(/[\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Splits a label into at most `MAX_LINES` lines of about `MAX_CHARS` characters, with `…` when cut. */
export function wrapLabel(text: string, maxChars = MAX_CHARS, maxLines = MAX_LINES): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while ([...rest].length > maxChars) {
      if (current) {
        lines.push(current);
        current = '';
      }
      const chars = [...rest];
      lines.push(chars.slice(0, maxChars).join(''));
      rest = chars.slice(maxChars).join('');
    }
    if (!current) current = rest;
    else if ([...current].length + 1 + [...rest].length <= maxChars) current += ` ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = [...(kept[maxLines - 1] ?? '')];
  kept[maxLines - 1] = `${last.slice(0, maxChars - 1).join('')}…`;
  return kept;
}

const round = (n: number) => String(Math.round(n * 10) / 10);

/** The graph as a standalone SVG image: sections as columns, practices as boxes, references as curves. */
export function toSvg(graph: PracticeGraph): string {
  const boxes = new Map<string, Box>();
  const columns: string[] = [];
  let height = 0;
  graph.groups.forEach((group, column) => {
    const x = MARGIN + column * (COLUMN_WIDTH + COLUMN_GAP);
    const header = wrapLabel(group.label, MAX_CHARS, 2);
    const parts = [`<g class="section">`, `<text class="section-label" x="${x}" y="${MARGIN}">${tspans(header, x)}</text>`];
    let y = MARGIN + header.length * HEADER_LINE + BOX_GAP;
    for (const node of group.nodes) {
      const lines = wrapLabel(node.label);
      const boxHeight = lines.length * LINE_HEIGHT + 2 * BOX_PADDING;
      boxes.set(node.id, { column, x, y, height: boxHeight });
      parts.push(
        `<g class="practice" id="practice-${xmlText(node.id)}"><title>${xmlText(node.label)}</title>` +
          `<rect x="${x}" y="${y}" width="${COLUMN_WIDTH}" height="${boxHeight}" rx="6"/>` +
          `<text x="${x + BOX_PADDING}" y="${y + BOX_PADDING + LINE_HEIGHT - 4}">${tspans(lines, x + BOX_PADDING)}</text></g>`,
      );
      y += boxHeight + BOX_GAP;
    }
    parts.push('</g>');
    columns.push(parts.join('\n'));
    height = Math.max(height, y);
  });

  const curves = graph.edges.flatMap((edge) => {
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (!from || !to) return [];
    return [`<path class="${edge.kind}" d="${curve(from, to)}"><title>${xmlText(`${edge.from} → ${edge.to}${edge.kind === 'related' ? ' (related)' : ''}`)}</title></path>`];
  });

  const columnsCount = Math.max(1, graph.groups.length);
  const width = 2 * MARGIN + columnsCount * COLUMN_WIDTH + (columnsCount - 1) * COLUMN_GAP + COLUMN_GAP / 2;
  const totalHeight = Math.max(height, MARGIN * 2) + MARGIN;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${totalHeight}" viewBox="0 0 ${width} ${totalHeight}" font-family="sans-serif" font-size="13">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>',
    '<style>.practice rect{fill:#fff;stroke:#335;stroke-width:1.2}.section-label{font-weight:bold;font-size:15px}path.reference,path.related{fill:none;stroke:#555;stroke-width:1.2;marker-end:url(#arrow)}path.related{stroke-dasharray:6 4}</style>',
    `<rect width="${width}" height="${totalHeight}" fill="#fafafa"/>`,
    // Curves first, so that boxes are drawn over the curves that pass behind them.
    '<g class="edges">',
    ...curves,
    '</g>',
    ...columns,
    '</svg>',
    '',
  ].join('\n');
}

function tspans(lines: readonly string[], x: number): string {
  return lines.map((line, i) => `<tspan x="${x}"${i === 0 ? '' : ` dy="${LINE_HEIGHT}"`}>${xmlText(line)}</tspan>`).join('');
}

/** A cubic curve between two boxes' sides: facing sides across columns, a loop on the right within one. */
function curve(from: Box, to: Box): string {
  const fromY = from.y + from.height / 2;
  const toY = to.y + to.height / 2;
  if (from.column === to.column) {
    const x = from.x + COLUMN_WIDTH;
    const bulge = 24 + Math.min(72, Math.abs(toY - fromY) / 6);
    return `M${round(x)},${round(fromY)} C${round(x + bulge)},${round(fromY)} ${round(x + bulge)},${round(toY)} ${round(x)},${round(toY)}`;
  }
  const rightwards = from.column < to.column;
  const startX = rightwards ? from.x + COLUMN_WIDTH : from.x;
  const endX = rightwards ? to.x : to.x + COLUMN_WIDTH;
  const dx = Math.max(40, Math.abs(endX - startX) / 2) * (rightwards ? 1 : -1);
  return `M${round(startX)},${round(fromY)} C${round(startX + dx)},${round(fromY)} ${round(endX - dx)},${round(toY)} ${round(endX)},${round(toY)}`;
}
