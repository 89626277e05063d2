import type { Link, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { blockKey, mergeBlocks, mergeInline, type AlignContext } from '../src/diff/align.js';
import { parseMarkdown } from '../src/parse/markdown.js';

// The unit tier of gctf diff: how blocks compare, in process, on trees the project's parser makes.

const blocks = (markdown: string): RootContent[] => parseMarkdown(markdown, 1, 'full').children;
const paragraph = (markdown: string) => blocks(markdown)[0] as Paragraph;
const context = (lang = 'en'): AlignContext => ({ lang, hunks: [], oldFootnote: (id) => `was${id}` });

/** Links to `#id` resolved as an edition resolves them: a bare one reads `Good Practice N`. */
function resolved(markdown: string, numbers: Record<string, number>): Paragraph {
  const node = paragraph(markdown);
  visit(node, 'link', (link: Link) => {
    const id = link.url.slice(1);
    const label = `Good Practice ${numbers[id]}`;
    if (link.children.length === 0) link.children = [{ type: 'text', value: label }];
    link.data = { reference: { kind: 'practice', id, label } } as Link['data'];
  });
  return node;
}

describe('what compares equal', () => {
  it.each([
    ['emphasis style', 'Trust is *earned* slowly.', 'Trust is _earned_ slowly.'],
    ['strong style', 'Trust is **earned** slowly.', 'Trust is __earned__ slowly.'],
    ['a reflowed paragraph', 'Trust is earned slowly and lost\nquickly by the authorities.', 'Trust is earned\nslowly and lost quickly by the\nauthorities.'],
    ['white space', 'Trust  is earned   slowly.', 'Trust is earned slowly.'],
  ])('%s', (_, before, after) => {
    expect(blockKey(paragraph(before), 'en')).toBe(blockKey(paragraph(after), 'en'));
  });

  it('a reference whose target was renumbered', () => {
    const before = resolved('As in [](#community-trust), trust comes first.', { 'community-trust': 7 });
    const after = resolved('As in [](#community-trust), trust comes first.', { 'community-trust': 8 });
    expect(toString(before)).not.toBe(toString(after));
    expect(blockKey(before, 'en')).toBe(blockKey(after, 'en'));
  });

  it('a footnote renumbered by others', () => {
    const before = paragraph('Trust comes first.[^1]\n\n[^1]: A note.');
    const after = paragraph('Trust comes first.[^7]\n\n[^7]: A note.');
    expect(blockKey(before, 'en')).toBe(blockKey(after, 'en'));
  });
});

describe('what does not', () => {
  it.each([
    ['a word', 'Trust is earned slowly.', 'Trust is earned quickly.'],
    ['emphasis added', 'Trust is earned slowly.', 'Trust is *earned* slowly.'],
    ['a reference to another practice', 'See [](#community-trust).', 'See [](#family-awareness).'],
  ])('%s', (_, before, after) => {
    const numbers = { 'community-trust': 1, 'family-awareness': 2 };
    expect(blockKey(resolved(before, numbers), 'en')).not.toBe(blockKey(resolved(after, numbers), 'en'));
  });
});

describe('word-level merging', () => {
  const marks = (nodes: readonly PhrasingContent[]) =>
    nodes.flatMap((node): string[] => {
      const type = (node as { type: string }).type;
      if (type === 'ins' || type === 'del') return [`${type}:${toString(node as Paragraph)}`];
      return 'children' in node ? marks(node.children as PhrasingContent[]) : [];
    });

  it('marks the words taken out and put in, and records them as one hunk', () => {
    const c = context();
    const merged = mergeInline(paragraph('Reviews take place every six months.').children, paragraph('Reviews take place every three months.').children, c);
    expect(marks(merged)).toEqual(['del:six', 'ins:three']);
    expect(c.hunks).toEqual([{ before: 'take place every ', removed: 'six', added: 'three' }]);
  });

  it('joins a run of changed words into one deletion and one insertion', () => {
    const c = context();
    const merged = mergeInline(paragraph('They meet every six long months.').children, paragraph('They meet every three short weeks.').children, c);
    expect(marks(merged)).toEqual(['del:six long months', 'ins:three short weeks']);
    expect(c.hunks).toHaveLength(1);
  });

  it('keeps the formatting the words sit in', () => {
    const merged = mergeInline(paragraph('Trust is *earned slowly*.').children, paragraph('Trust is *earned carefully*.').children, context());
    const emphasis = merged.find((n) => n.type === 'emphasis') as { children: PhrasingContent[] };
    expect(marks(emphasis.children)).toEqual(['del:slowly', 'ins:carefully']);
  });

  it('segments Arabic into words', () => {
    const c = context('ar');
    mergeInline(paragraph('ينبغي للسلطات بناء الثقة مع المجتمعات المحلية.').children, paragraph('ينبغي للسلطات تعزيز الثقة مع المجتمعات المحلية.').children, c);
    expect(c.hunks).toEqual([expect.objectContaining({ removed: 'بناء', added: 'تعزيز' })]);
  });

  it('matches blocks, merging a changed list item and inserting a new one', () => {
    const c = context();
    const merged = mergeBlocks(blocks('Intro.\n\n- one\n- two\n'), blocks('Intro.\n\n- one\n- twice\n- three\n'), c);
    expect(merged).toHaveLength(2);
    expect((merged[1]!.data as { redline?: string }).redline).toBe('changed');
    expect(c.hunks.map((h) => [h.removed, h.added])).toEqual([['two', 'twice']]);
    const items = (merged[1] as { children: RootContent[] }).children;
    expect(items.map((item) => (item.data as { redline?: string } | undefined)?.redline)).toEqual([undefined, 'changed', 'ins']);
  });
});
