import type { FootnoteReference, Heading, Link, Definition, List, Nodes, Paragraph, RootContent, Table } from 'mdast';
import type { Draft } from '../model/types.js';
import { draftFacts } from './draft-facts.js';
import type { Finding, Rule } from './rule.js';
import { translatable } from './stale-translation.js';
import { code, frontmatterReadable, nodeSpan } from './util.js';

/**
 * A translation that is current (its `source-hash` matches) but does not keep its source's
 * structure: the same cross-references in the same order, the same footnote calls and
 * definitions, and as many headings, list items and table rows and cells. A stale translation is
 * left to `stale-translation`: its source has changed, so its structure may differ.
 */
export const translationStructure: Rule = {
  id: 'translation-structure',
  description: "A current translation must keep its source's cross-references (same targets, same order), footnotes, headings, list items and table rows and cells.",
  check(model, report) {
    for (const item of translatable(model)) {
      const source = item.draft;
      if (!frontmatterReadable(source) || source.tree.data?.gctfLimit) continue;
      for (const translation of item.translations.values()) {
        const draft = translation.draft;
        if (translation.stale || !frontmatterReadable(draft) || draft.tree.data?.gctfLimit) continue;
        compare(source, draft, (finding) => report(finding));
      }
    }
  },
};

type Report = (finding: Finding) => void;

function compare(source: Draft, translation: Draft, report: Report): void {
  const file = translation.file.path;
  const cause = (node: Nodes | undefined, what: string) => ({ file: source.file.path, place: node ? nodeSpan(node) : { line: 1, column: 1 }, message: what });
  const sourceFacts = draftFacts(source);
  const facts = draftFacts(translation);
  const blockOf = blockFinder(source, translation);

  // Cross-references: the same ids in the same order.
  const targets = (nodes: readonly (Link | Definition)[]) => nodes.map((n) => n.url.slice(1));
  sequence(targets(sourceFacts.references), targets(facts.references), {
    missing: (i) => {
      const node = sourceFacts.references[i] as Link | Definition;
      report({ file, place: blockOf(node), message: `Missing cross-reference ${code(`#${node.url.slice(1)}`)}, expected the source's ${ordinal(i + 1)} cross-reference here (the source has ${count(sourceFacts.references.length, 'cross-reference')})`, cause: cause(node, 'the cross-reference in the source') });
    },
    unexpected: (j) => {
      const node = facts.references[j] as Link | Definition;
      report({ file, place: nodeSpan(node), message: `Unexpected cross-reference ${code(`#${node.url.slice(1)}`)} that the source does not have here, expected the source's cross-references in its order (the source has ${count(sourceFacts.references.length, 'cross-reference')})` });
    },
    changed: (i, j) => {
      const expected = sourceFacts.references[i] as Link | Definition;
      const found = facts.references[j] as Link | Definition;
      report({ file, place: nodeSpan(found), message: `Unexpected cross-reference ${code(`#${found.url.slice(1)}`)}, expected ${code(`#${expected.url.slice(1)}`)} as the source's ${ordinal(i + 1)} cross-reference`, cause: cause(expected, 'the cross-reference in the source') });
    },
  });

  // Footnote calls, in order, and definitions.
  const labels = (nodes: readonly FootnoteReference[]) => nodes.map((n) => n.identifier);
  sequence(labels(sourceFacts.footnoteReferences), labels(facts.footnoteReferences), {
    missing: (i) => {
      const node = sourceFacts.footnoteReferences[i] as FootnoteReference;
      report({ file, place: blockOf(node), message: `Missing footnote call ${code(`[^${node.label ?? node.identifier}]`)}, expected it here as in the source (the source has ${count(sourceFacts.footnoteReferences.length, 'footnote call')})`, cause: cause(node, 'the footnote call in the source') });
    },
    unexpected: (j) => {
      const node = facts.footnoteReferences[j] as FootnoteReference;
      report({ file, place: nodeSpan(node), message: `Unexpected footnote call ${code(`[^${node.label ?? node.identifier}]`)} that the source does not have here (the source has ${count(sourceFacts.footnoteReferences.length, 'footnote call')})` });
    },
    changed: (i, j) => {
      const expected = sourceFacts.footnoteReferences[i] as FootnoteReference;
      const found = facts.footnoteReferences[j] as FootnoteReference;
      report({ file, place: nodeSpan(found), message: `Unexpected footnote call ${code(`[^${found.label ?? found.identifier}]`)}, expected ${code(`[^${expected.label ?? expected.identifier}]`)} as in the source` });
    },
  });
  const defined = new Set(facts.footnoteDefinitions.map((d) => d.identifier));
  for (const definition of sourceFacts.footnoteDefinitions) {
    if (defined.has(definition.identifier)) continue;
    report({ file, place: blockOf(definition), message: `Missing footnote definition ${code(`[^${definition.label ?? definition.identifier}]: …`)}, expected one as in the source`, cause: cause(definition, 'the definition in the source') });
  }

  // Headings: as many, of the same ranks.
  const sourceHeadings = sourceFacts.headings;
  const headings = facts.headings;
  if (sourceHeadings.length !== headings.length) {
    const at = headings.findIndex((h, i) => h.depth !== (sourceHeadings[i] as Heading | undefined)?.depth);
    const node = headings[at >= 0 ? at : headings.length - 1];
    report({
      file,
      place: node ? nodeSpan(node) : { line: translation.bodyLine, column: 1 },
      message: `Unexpected ${count(headings.length, 'heading')}, expected ${sourceHeadings.length} as in the source (${sourceHeadings.map((h) => '#'.repeat(h.depth)).join(', ') || 'none'})`,
    });
  }

  // Lists: as many, each with as many items.
  const sourceLists = blocks(source).filter((n): n is List => n.type === 'list');
  const lists = blocks(translation).filter((n): n is List => n.type === 'list');
  if (sourceLists.length !== lists.length) {
    const node = lists[Math.min(sourceLists.length, lists.length)] ?? lists[lists.length - 1];
    report({ file, place: node ? nodeSpan(node) : { line: translation.bodyLine, column: 1 }, message: `Unexpected ${count(lists.length, 'list')}, expected ${sourceLists.length} as in the source` });
  } else {
    lists.forEach((list, k) => {
      const expected = sourceLists[k] as List;
      if (expected.children.length === list.children.length) return;
      report({
        file,
        place: nodeSpan(list),
        message: `Unexpected list of ${count(list.children.length, 'item')}, expected ${expected.children.length} as in the source's ${ordinal(k + 1)} list`,
        cause: cause(expected, 'the list in the source'),
      });
    });
  }

  // Tables: as many, each with as many rows, each row with as many cells.
  const sourceTables = tables(source);
  const tablesFound = tables(translation);
  if (sourceTables.length !== tablesFound.length) {
    const node = tablesFound[Math.min(sourceTables.length, tablesFound.length)] ?? tablesFound[tablesFound.length - 1];
    report({ file, place: node ? { line: node.line, column: 1 } : { line: translation.bodyLine, column: 1 }, message: `Unexpected ${count(tablesFound.length, 'table')}, expected ${sourceTables.length} as in the source` });
  } else {
    tablesFound.forEach((table, k) => {
      const expected = sourceTables[k] as TableShape;
      if (expected.rows.length !== table.rows.length) {
        report({ file, place: { line: table.line, column: 1 }, message: `Unexpected table of ${count(table.rows.length, 'row')}, expected ${expected.rows.length} as in the source's ${ordinal(k + 1)} table` });
        return;
      }
      table.rows.forEach((cells, r) => {
        const want = expected.rows[r] ?? 0;
        if (cells === want) return;
        report({ file, place: { line: table.line + (r === 0 ? 0 : r + 1), column: 1 }, message: `Unexpected row of ${count(cells, 'cell')}, expected ${want} as in row ${r + 1} of the source's ${ordinal(k + 1)} table` });
      });
    });
  }
}

interface SequenceEvents {
  missing(i: number): void;
  unexpected(j: number): void;
  changed(i: number, j: number): void;
}

/** Walks two sequences together: an item dropped, added or replaced is reported once. */
function sequence(expected: readonly string[], found: readonly string[], on: SequenceEvents): void {
  let i = 0;
  let j = 0;
  while (i < expected.length || j < found.length) {
    if (i < expected.length && j < found.length && expected[i] === found[j]) {
      i++;
      j++;
    } else if (j >= found.length || (i < expected.length && expected[i + 1] === found[j] && expected[i] !== found[j + 1])) {
      on.missing(i++);
    } else if (i >= expected.length || (found[j + 1] === expected[i] && found[j] !== expected[i + 1])) {
      on.unexpected(j++);
    } else {
      on.changed(i++, j++);
    }
  }
}

/** The top-level blocks of a draft and those nested in lists, quotes and footnotes, in order. */
function blocks(draft: Draft): RootContent[] {
  const out: RootContent[] = [];
  const walk = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      out.push(node);
      if ('children' in node && (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote' || node.type === 'footnoteDefinition')) walk(node.children as RootContent[]);
    }
  };
  walk(draft.tree.children);
  return out;
}

/**
 * Where in the translation something of the source belongs: the translation's top-level block at
 * the same position as the source's block holding it (the last block when the translation is
 * shorter).
 */
function blockFinder(source: Draft, translation: Draft): (node: Nodes) => { line: number; column: number } {
  return (node) => {
    const offset = node.position?.start.offset ?? 0;
    const index = source.tree.children.findIndex((b) => (b.position?.start.offset ?? 0) <= offset && offset <= (b.position?.end.offset ?? 0));
    const blocksOfTranslation = translation.tree.children;
    const block = blocksOfTranslation[Math.min(index < 0 ? 0 : index, blocksOfTranslation.length - 1)];
    return block?.position ? { line: block.position.start.line, column: block.position.start.column } : { line: translation.bodyLine, column: 1 };
  };
}

interface TableShape {
  /** The table's first line. */
  readonly line: number;
  /** Cells in each row, the header row first (the delimiter row not counted). */
  readonly rows: readonly number[];
}

// `gctf check` parses without the GFM table extension (see ParseProfile): a table then reaches
// the rules as a paragraph, so rows and cells are counted from the table's own lines either way.
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function tables(draft: Draft): TableShape[] {
  const out: TableShape[] = [];
  for (const node of blocks(draft)) {
    if (node.type !== 'table' && node.type !== 'paragraph') continue;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    const lines = draft.body.slice(start, end).split('\n');
    const [head, delimiter] = lines;
    const isTable = (node as Table | Paragraph).type === 'table' || (head !== undefined && delimiter !== undefined && head.includes('|') && DELIMITER_ROW.test(delimiter));
    if (!isTable) continue;
    const rows = lines.filter((_, i) => i !== 1).map(cellCount);
    out.push({ line: node.position?.start.line ?? draft.bodyLine, rows });
  }
  return out;
}

/** The cells of a GFM table row: split at pipes that are not escaped, outer pipes optional. */
function cellCount(row: string): number {
  const trimmed = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return trimmed.split(/(?<!\\)\|/).length;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}
