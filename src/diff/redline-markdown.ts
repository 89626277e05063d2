import type { Heading, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown, type Handle, type Options } from 'mdast-util-to-markdown';
import { shiftHeadings } from '../emit/shared.js';
import type { FrameworkDiff, RedlineDocument, RedlinePart, RedlinePractice, RedlineOptions } from './compare.js';
import { KIND_NAMES } from './summary.js';
import { CHANGE_KINDS } from './compare.js';

/** CriticMarkup for the diff's own nodes: `{++inserted++}`, `{--deleted--}`, `{>>comment<<}`. */
const critic =
  (open: string, close: string): Handle =>
  (node, _parent, state, info) =>
    `${open}${state.containerPhrasing(node as Paragraph, { ...info, before: open.slice(-1), after: close.slice(0, 1) })}${close}`;

const OPTIONS: Options = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  fences: true,
  rule: '-',
  listItemIndent: 'one',
  incrementListMarker: true,
  extensions: [gfmToMarkdown()],
  handlers: {
    ins: critic('{++', '++}'),
    del: critic('{--', '--}'),
    comment: critic('{>>', '<<}'),
    substitution: ((node, _parent, state, info) => {
      const [removed, added] = (node as unknown as { children: [Paragraph, Paragraph] }).children;
      return `{~~${state.containerPhrasing(removed, { ...info, before: '~', after: '~' })}~>${state.containerPhrasing(added, { ...info, before: '>', after: '~' })}~~}`;
    }) as Handle,
  } as unknown as Options['handlers'],
};

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const comment = (value: string): PhrasingContent => ({ type: 'comment', children: [text(value)] }) as unknown as PhrasingContent;
const marked = (mark: 'ins' | 'del' | undefined, nodes: PhrasingContent[]): PhrasingContent[] =>
  mark ? [{ type: mark, children: nodes } as unknown as PhrasingContent] : nodes;

function part(item: RedlinePart, depth: Heading['depth'], heading: boolean): RootContent[] {
  const title: RootContent[] = heading ? [{ type: 'heading', depth, children: item.title }] : [];
  return [...title, ...shiftHeadings(item.body, depth - 1), ...item.footnotes];
}

function practice(item: RedlinePractice, redline: RedlineDocument): RootContent[] {
  const notes: string[] = [];
  if (item.moved?.direction === 'from') notes.push(`moved here from ${item.moved.section} (was ${item.moved.label})`);
  if (item.moved?.direction === 'to') notes.push(`moved to ${item.moved.section} (now ${item.moved.label})`);
  if (!item.moved && item.oldLabel && item.mark === undefined) notes.push(`was ${item.oldLabel}`);
  if (item.kinds.includes('withdrawn')) notes.push('withdrawn');
  const heading: Heading = {
    type: 'heading',
    depth: 3,
    children: [...marked(item.mark, [text(`${item.label}: `)]), ...item.title, ...(notes.length > 0 ? [text(' '), comment(notes.join('; '))] : [])],
  };
  const related: RootContent[] =
    item.related.length > 0 ? [{ type: 'paragraph', children: [{ type: 'emphasis', children: [text(`${redline.messages.relatedPractices}:`)] }, text(' '), ...item.related] }] : [];
  return [heading, ...(item.statement ? [item.statement] : []), ...shiftHeadings(item.body, 2), ...related, ...item.footnotes];
}

/** A deletion right before an insertion reads as one substitution: `{~~old~>new~~}`. */
function substitutions(node: { children?: unknown[] }): void {
  const children = node.children as { type: string; children?: unknown[] }[] | undefined;
  if (!children) return;
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as { type: string; children?: unknown[] };
    const next = children[i + 1];
    if (child.type === 'del' && next?.type === 'ins') {
      children.splice(i, 2, { type: 'substitution', children: [child, next] });
      continue;
    }
    substitutions(child);
  }
}

/**
 * The redline as one CommonMark + GFM document with CriticMarkup: the consolidated document as it
 * is now, `{--deleted--}` and `{++inserted++}` text in place, practices that left shown deleted
 * where they stood, and notes (`{>>was Good Practice 7<<}`) where numbers changed.
 */
export function redlineMarkdown(redline: RedlineDocument, diff: FrameworkDiff, options: RedlineOptions): string {
  const children: RootContent[] = [
    { type: 'heading', depth: 1, children: redline.titleNodes },
    {
      type: 'paragraph',
      children: [
        { type: 'strong', children: [text('Redline')] },
        text(`: ${options.sides.old} → ${options.sides.new}. `),
        text(CHANGE_KINDS.map((kind) => `${diff.counts[kind]} ${KIND_NAMES[kind]}`).join(', ')),
        text('.'),
      ],
    },
  ];
  for (const item of redline.front) children.push(...part(item, 2, true));
  for (const section of redline.sections) {
    children.push({ type: 'heading', depth: 2, children: [...marked(section.mark, [text(`${section.numeral}. `)]), ...section.title] });
    if (section.intro) children.push(...part(section.intro, 2, false));
    for (const item of section.practices) children.push(...practice(item, redline));
  }
  for (const item of redline.back) children.push(...part(item, 2, true));
  const root: Root = { type: 'root', children };
  substitutions(root);
  return toMarkdown(root, OPTIONS);
}
