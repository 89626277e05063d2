import { diffArrays } from 'diff';
import type { FootnoteDefinition, Link, Parent, PhrasingContent, RootContent, TableRow } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { copyContent } from '../model/edition.js';

/** An insertion or a deletion. */
export type Mark = 'ins' | 'del';

/**
 * A stretch of inserted or deleted phrasing content in a redline tree: an mdast node of gctf's
 * own (`type: 'ins' | 'del'`), which the diff's writers turn into `<ins>`, CriticMarkup or Word
 * revisions. Blocks that are inserted, deleted or changed carry `data.redline` too.
 */
export interface MarkNode {
  readonly type: Mark;
  children: PhrasingContent[];
}

/** What a block of a redline tree is: wholly inserted, wholly deleted, or changed within. */
export type BlockMark = Mark | 'changed';

/** One word-level change: the words taken out and the words put in, with the words before. */
export interface Hunk {
  readonly before: string;
  readonly removed: string;
  readonly added: string;
}

/** What aligning two versions of a practice's content needs besides the content. */
export interface AlignContext {
  /** The language the text is in, for word segmentation. */
  readonly lang: string;
  /** The identifier a footnote of the old version has in the redline (its calls may be deleted text). */
  oldFootnote(identifier: string): string;
  /** Every word-level change found, in order. */
  readonly hunks: Hunk[];
}

interface Wrapper {
  readonly sig: string;
  readonly node: Parent & PhrasingContent;
}

interface Atom {
  readonly key: string;
  readonly leaf: PhrasingContent;
  readonly path: readonly Wrapper[];
  readonly space: boolean;
}

const segmenters = new Map<string, Intl.Segmenter>();

/** Words, spaces and punctuation of `text`, as the language segments them. */
function words(text: string, lang: string): string[] {
  const cacheKey = `${lang}\u0000${text}`;
  const known = segmented.get(cacheKey);
  if (known) return known;
  const found = segment(text, lang);
  if (segmented.size > 10_000) segmented.clear();
  segmented.set(cacheKey, found);
  return found;
}

/** Texts already segmented: a changed block's unchanged sentences are in both versions. */
const segmented = new Map<string, string[]>();

function segment(text: string, lang: string): string[] {
  let segmenter = segmenters.get(lang);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
    segmenters.set(lang, segmenter);
  }
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    // Runs of spaces are one token, whatever the segmenter makes of them.
    const last = out[out.length - 1];
    if (last !== undefined && /^\s+$/.test(segment) && /^\s+$/.test(last)) out[out.length - 1] = last + segment;
    else out.push(segment);
  }
  return out;
}

type Reference = { kind: string; id: string; label: string };
const referenceOf = (link: Link) => (link.data as { reference?: Reference } | undefined)?.reference;

/**
 * A bare cross-reference (`[](#id)`, shown as `Good Practice 7`): one atom whose key is the
 * target's id, so a target renumbered elsewhere is no change here.
 */
function bareReference(link: Link): Reference | undefined {
  const reference = referenceOf(link);
  return reference && toString(link) === reference.label ? reference : undefined;
}

/**
 * Phrasing content as a flat list of atoms (words, spaces, references, footnote calls), each with
 * the formatting it sits in. Keys say what a reader sees: emphasis is emphasis whether written `*a*`
 * or `_a_`, any run of white space (a reflowed line included) is one space, a reference is its
 * target and a footnote call is a call.
 */
function atoms(nodes: readonly PhrasingContent[], lang: string, path: readonly Wrapper[] = [], out: Atom[] = []): Atom[] {
  const prefix = path.map((w) => w.sig).join('/');
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        for (const word of words(node.value, lang)) {
          const space = /^\s+$/.test(word);
          out.push({ key: `${prefix}\u0001${space ? ' ' : word}`, leaf: { type: 'text', value: word }, path, space });
        }
        break;
      case 'link': {
        const bare = bareReference(node);
        if (bare) out.push({ key: `${prefix}\u0001\u27e6${bare.kind}:${bare.id}\u27e7`, leaf: node, path, space: false });
        else atoms(node.children, lang, [...path, { sig: `link:${referenceOf(node)?.id ?? node.url}`, node: { ...node, children: [] } }], out);
        break;
      }
      case 'emphasis':
      case 'strong':
      case 'delete':
        atoms(node.children, lang, [...path, { sig: node.type, node: { ...node, children: [] } }], out);
        break;
      case 'linkReference':
        atoms(node.children, lang, [...path, { sig: `ref:${node.identifier}`, node: { ...node, children: [] } }], out);
        break;
      case 'footnoteReference':
        out.push({ key: `${prefix}\u0001\u27e6note\u27e7`, leaf: node, path, space: false });
        break;
      case 'inlineCode':
        out.push({ key: `${prefix}\u0001\`${node.value}`, leaf: node, path, space: false });
        break;
      case 'break':
        out.push({ key: `${prefix}\u0001 `, leaf: node, path, space: true });
        break;
      case 'image':
        out.push({ key: `${prefix}\u0001img:${node.url}:${node.alt ?? ''}`, leaf: node, path, space: false });
        break;
      default:
        out.push({ key: `${prefix}\u0001${node.type}:${toString(node)}`, leaf: node, path, space: false });
    }
  }
  // No space at either end counts: the text is the same whatever white space surrounds it.
  while (out[0]?.space) out.shift();
  while (out[out.length - 1]?.space) out.pop();
  return out;
}

const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * The normalized rendering of a block, by which blocks are compared: equal keys are the same text
 * to a reader, however the Markdown was written and whatever the numbers around it became.
 */
export function blockKey(node: RootContent, lang: string): string {
  const known = keys.get(node);
  if (known !== undefined) return known;
  const key = computeKey(node, lang);
  keys.set(node, key);
  return key;
}

/** Keys already computed: a list's key is its items', which mergeBlocks asks for again. */
const keys = new WeakMap<object, string>();

/**
 * Phrasing content's key: each leaf's text in the formatting it sits in, white space collapsed.
 * Equal exactly when `atoms` would give equal keys, at a fraction of the cost: no word segmentation,
 * which only the blocks that differ need.
 */
function phrasingKey(nodes: readonly PhrasingContent[], prefix = ''): string {
  let key = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        key += `\u0001${prefix}\u0001${node.value.replace(/\s+/g, ' ')}`;
        break;
      case 'link': {
        const bare = bareReference(node);
        key += bare ? `\u0001${prefix}\u0001\u27e6${bare.kind}:${bare.id}\u27e7` : phrasingKey(node.children, `${prefix}/link:${referenceOf(node)?.id ?? node.url}`);
        break;
      }
      case 'emphasis':
      case 'strong':
      case 'delete':
        key += phrasingKey(node.children, `${prefix}/${node.type}`);
        break;
      case 'linkReference':
        key += phrasingKey(node.children, `${prefix}/ref:${node.identifier}`);
        break;
      case 'footnoteReference':
        key += `\u0001${prefix}\u0001\u27e6note\u27e7`;
        break;
      case 'inlineCode':
        key += `\u0001${prefix}\u0001\`${node.value}`;
        break;
      case 'break':
        key += `\u0001${prefix}\u0001 `;
        break;
      case 'image':
        key += `\u0001${prefix}\u0001img:${node.url}:${node.alt ?? ''}`;
        break;
      default:
        key += `\u0001${prefix}\u0001${node.type}:${toString(node)}`;
    }
  }
  return key;
}

function computeKey(node: RootContent, lang: string): string {
  if (PHRASING_PARENTS.has(node.type)) {
    const depth = node.type === 'heading' ? node.depth : '';
    // White space at either end is no text.
    const inner = phrasingKey((node as Parent).children as PhrasingContent[]);
    return `${node.type}${depth}(${inner.replace(/^(\u0001[^\u0001]*\u0001) /, '$1').replace(/ $/, '')})`;
  }
  switch (node.type) {
    case 'code':
      return `code(${node.lang ?? ''}:${node.value})`;
    case 'list':
      return `list${node.ordered ? `o${node.start ?? 1}` : 'u'}(${node.children.map((c) => blockKey(c, lang)).join('\u0002')})`;
    case 'listItem':
      return `item${node.checked ?? ''}(${node.children.map((c) => blockKey(c, lang)).join('\u0002')})`;
    case 'table':
      return `table${(node.align ?? []).join(',')}(${node.children.map((c) => blockKey(c, lang)).join('\u0002')})`;
    case 'tableRow':
      return `row(${node.children.map((c) => blockKey(c, lang)).join('\u0002')})`;
    default:
      if ('children' in node) return `${node.type}(${(node as Parent).children.map((c) => blockKey(c as RootContent, lang)).join('\u0002')})`;
      return `${node.type}:${toString(node)}`;
  }
}

/** The key of a footnote: its content's blocks. */
export function footnoteKey(note: FootnoteDefinition, lang: string): string {
  return note.children.map((c) => blockKey(c, lang)).join('\u0002');
}

const setMark = (node: RootContent, mark: BlockMark) => {
  (node as { data?: Record<string, unknown> }).data = { ...(node.data as Record<string, unknown> | undefined), redline: mark };
};

/** The redline mark of a block, if it has one. */
export function blockMarkOf(node: { data?: unknown }): BlockMark | undefined {
  return (node.data as { redline?: BlockMark } | undefined)?.redline;
}

/**
 * A copy of `node` wholly inserted or deleted: every block is marked, and the phrasing content of
 * every paragraph, heading and cell sits in one mark node. The calls of a deleted block's
 * footnotes are given their redline identifiers.
 */
export function markBlock<T extends RootContent>(node: T, mark: Mark, context: AlignContext): T {
  const copy = copyContent(node);
  const walk = (block: RootContent) => {
    setMark(block, mark);
    if (PHRASING_PARENTS.has(block.type)) {
      const parent = block as Parent;
      if (mark === 'del') renameNotes(parent.children as PhrasingContent[], context);
      if (parent.children.length > 0) parent.children = [{ type: mark, children: parent.children } as unknown as PhrasingContent];
      return;
    }
    if ('children' in block) for (const child of (block as Parent).children) walk(child as RootContent);
  };
  walk(copy);
  return copy;
}

function renameNotes(nodes: PhrasingContent[], context: AlignContext): void {
  for (const node of nodes) {
    if (node.type === 'footnoteReference') {
      node.identifier = context.oldFootnote(node.identifier);
      node.label = node.identifier;
    } else if ('children' in node) renameNotes(node.children as PhrasingContent[], context);
  }
}

/** The text an atom reads as, for hunks. */
const atomText = (atom: Atom) => (atom.leaf.type === 'footnoteReference' ? `[^${atom.leaf.identifier}]` : atom.leaf.type === 'break' ? ' ' : toString(atom.leaf));

interface Placed {
  readonly atom: Atom;
  readonly mark: Mark | undefined;
}

/**
 * The old and new phrasing content as one: words of both, the deleted and the inserted marked.
 * White space between two changes belongs to the change, and each changed stretch reads as its
 * deletion, then its insertion.
 */
export function mergeInline(oldNodes: readonly PhrasingContent[], newNodes: readonly PhrasingContent[], context: AlignContext): PhrasingContent[] {
  const before = atoms(oldNodes, context.lang);
  const after = atoms(newNodes, context.lang);
  const parts = diffArrays(
    before.map((a) => a.key),
    after.map((a) => a.key),
  );
  let o = 0;
  let n = 0;
  const placed: Placed[] = [];
  for (const part of parts) {
    if (part.removed) for (let i = 0; i < part.count; i++) placed.push({ atom: before[o++] as Atom, mark: 'del' });
    else if (part.added) for (let i = 0; i < part.count; i++) placed.push({ atom: after[n++] as Atom, mark: 'ins' });
    else
      for (let i = 0; i < part.count; i++) {
        placed.push({ atom: after[n] as Atom, mark: undefined });
        o++;
        n++;
      }
  }
  // A space kept between two changes joins them: `{--a b--}{++x y++}`, not `{--a--}{++x++} {--b--}…`.
  const merged: Placed[] = [];
  for (let i = 0; i < placed.length; i++) {
    const item = placed[i] as Placed;
    const changedAround = (from: number, step: number) => {
      for (let j = from; j >= 0 && j < placed.length; j += step) {
        const other = placed[j] as Placed;
        if (other.mark) return true;
        if (!other.atom.space) return false;
      }
      return false;
    };
    if (!item.mark && item.atom.space && changedAround(i - 1, -1) && changedAround(i + 1, 1)) {
      merged.push({ atom: item.atom, mark: 'del' }, { atom: item.atom, mark: 'ins' });
    } else merged.push(item);
  }
  const ordered: Placed[] = [];
  for (let i = 0; i < merged.length; ) {
    if (!(merged[i] as Placed).mark) {
      ordered.push(merged[i++] as Placed);
      continue;
    }
    const run: Placed[] = [];
    while (i < merged.length && (merged[i] as Placed).mark) run.push(merged[i++] as Placed);
    const dels = run.filter((p) => p.mark === 'del');
    const ins = run.filter((p) => p.mark === 'ins');
    const context_ = ordered
      .slice(-6)
      .map((p) => atomText(p.atom))
      .join('')
      .trimStart();
    context.hunks.push({ before: context_, removed: dels.map((p) => atomText(p.atom)).join(''), added: ins.map((p) => atomText(p.atom)).join('') });
    ordered.push(...dels, ...ins);
  }
  return rebuild(ordered, context);
}

/** Nests placed atoms in their formatting again, consecutive atoms of one mark in one mark node. */
function rebuild(items: readonly Placed[], context: AlignContext): PhrasingContent[] {
  const root: PhrasingContent[] = [];
  const open: { sig: string; children: PhrasingContent[] }[] = [];
  for (const { atom, mark } of items) {
    let k = 0;
    while (k < open.length && k < atom.path.length && open[k]?.sig === (atom.path[k] as Wrapper).sig) k++;
    open.length = k;
    for (let i = k; i < atom.path.length; i++) {
      const wrapper = atom.path[i] as Wrapper;
      const node = { ...wrapper.node, children: [] as PhrasingContent[] } as Parent & PhrasingContent;
      (open.length > 0 ? (open[open.length - 1] as { children: PhrasingContent[] }).children : root).push(node);
      open.push({ sig: wrapper.sig, children: node.children as PhrasingContent[] });
    }
    const container = open.length > 0 ? (open[open.length - 1] as { children: PhrasingContent[] }).children : root;
    let leaf = copyContent(atom.leaf);
    if (mark === 'del' && leaf.type === 'footnoteReference') {
      leaf = { ...leaf, identifier: context.oldFootnote(leaf.identifier), label: context.oldFootnote(leaf.identifier) };
    }
    if (!mark) {
      const last = container[container.length - 1];
      if (last?.type === 'text' && leaf.type === 'text') last.value += leaf.value;
      else container.push(leaf);
      continue;
    }
    const last = container[container.length - 1] as unknown as MarkNode | undefined;
    if (last && last.type === mark) {
      const inner = last.children[last.children.length - 1];
      if (inner?.type === 'text' && leaf.type === 'text') inner.value += leaf.value;
      else last.children.push(leaf);
    } else container.push({ type: mark, children: [leaf] } as unknown as PhrasingContent);
  }
  return root;
}

/**
 * Two versions of a list of blocks as one redline list: blocks matched by their normalized
 * rendering; a changed block of the same kind is merged (word by word, or item by item), anything
 * else is deleted and inserted whole. Unchanged blocks are the new version's own nodes.
 */
export function mergeBlocks(oldBlocks: readonly RootContent[], newBlocks: readonly RootContent[], context: AlignContext): RootContent[] {
  const parts = diffArrays(
    oldBlocks.map((b) => blockKey(b, context.lang)),
    newBlocks.map((b) => blockKey(b, context.lang)),
  );
  const out: RootContent[] = [];
  let o = 0;
  let n = 0;
  let removed: RootContent[] = [];
  const flush = (added: RootContent[]) => {
    const pairs = Math.min(removed.length, added.length);
    for (let i = 0; i < pairs; i++) out.push(...mergeBlock(removed[i] as RootContent, added[i] as RootContent, context));
    for (const block of removed.slice(pairs)) out.push(markBlock(block, 'del', context));
    for (const block of added.slice(pairs)) out.push(markBlock(block, 'ins', context));
    removed = [];
  };
  for (const part of parts) {
    if (part.removed) {
      removed.push(...oldBlocks.slice(o, o + part.count));
      o += part.count;
    } else if (part.added) {
      flush(newBlocks.slice(n, n + part.count) as RootContent[]);
      n += part.count;
    } else {
      flush([]);
      out.push(...newBlocks.slice(n, n + part.count));
      o += part.count;
      n += part.count;
    }
  }
  flush([]);
  return out;
}

/** One changed block, merged when both versions are of a kind that can be, else deleted and inserted. */
function mergeBlock(before: RootContent, after: RootContent, context: AlignContext): RootContent[] {
  if (before.type === after.type) {
    if (PHRASING_PARENTS.has(after.type) && (after.type !== 'heading' || (before as { depth: number }).depth === after.depth)) {
      const copy = { ...after, children: mergeInline((before as Parent).children as PhrasingContent[], (after as Parent).children as PhrasingContent[], context) } as RootContent;
      setMark(copy, 'changed');
      return [copy];
    }
    if (after.type === 'list' || after.type === 'listItem' || after.type === 'blockquote' || after.type === 'footnoteDefinition') {
      const copy = { ...after, children: mergeBlocks((before as Parent).children as RootContent[], (after as Parent).children as RootContent[], context) } as RootContent;
      setMark(copy, 'changed');
      return [copy];
    }
    if (after.type === 'table' && before.type === 'table' && before.children[0]?.children.length === after.children[0]?.children.length) {
      const copy = { ...after, children: mergeBlocks(before.children, after.children, context) as TableRow[] };
      setMark(copy, 'changed');
      return [copy];
    }
    if (after.type === 'tableRow' && before.type === 'tableRow' && before.children.length === after.children.length) {
      const copy = { ...after, children: after.children.map((cell, i) => (mergeBlock(before.children[i] as RootContent, cell, context)[0] ?? cell) as typeof cell) };
      setMark(copy, 'changed');
      return [copy];
    }
  }
  return [markBlock(before, 'del', context), markBlock(after, 'ins', context)];
}

/** The whole of some phrasing content inserted or deleted. */
export function markInline(nodes: readonly PhrasingContent[], mark: Mark, context: AlignContext): PhrasingContent[] {
  if (nodes.length === 0) return [];
  const copy = copyContent([...nodes]);
  if (mark === 'del') renameNotes(copy, context);
  return [{ type: mark, children: copy } as unknown as PhrasingContent];
}
