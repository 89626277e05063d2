import GithubSlugger from 'github-slugger';
import type { Heading, Link, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Node, Parent } from 'unist';
import type { Edition, EditionPart, EditionPractice } from '../model/edition.js';
import { copyWhere, shiftHeadings, stringifyMarkdown } from './shared.js';
import type { Emitter } from './emitter.js';

/** What a heading is the anchor of, so links can be pointed at it once slugs are known. */
interface AnchorData {
  anchorOf?: string;
  anchorTo?: string;
}

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });

function heading(depth: Heading['depth'], anchorOf: string, ...children: PhrasingContent[]): Heading {
  return { type: 'heading', depth, children, data: { anchorOf } as Heading['data'] };
}

function anchorLink(anchorTo: string, ...children: PhrasingContent[]): Link {
  return { type: 'link', url: '', children, data: { anchorTo } as Link['data'] };
}

const practiceKey = (id: string) => `practice:${id}`;
const sectionKey = (id: string) => `section:${id}`;
const partKey = (id: string, index: number) => `part:${index}:${id}`;

function cover(edition: Edition): RootContent[] {
  const { metadata, messages } = edition;
  const nodes: RootContent[] = [heading(1, 'cover', text(metadata.title))];
  if (metadata.subtitle) nodes.push(paragraph({ type: 'strong', children: [text(metadata.subtitle)] }));
  if (metadata.status === 'draft') {
    nodes.push(paragraph({ type: 'strong', children: [text(messages.draft)] }, text(` — ${messages.draftNotice}`)));
  }
  const facts: string[] = [];
  if (metadata.initiative) facts.push(metadata.initiative);
  const { colon } = edition;
  if (metadata.workingGroup) facts.push(`${messages.workingGroup}${colon} ${metadata.workingGroup}`);
  if (metadata.coLeadsText) facts.push(`${messages.coLeads}${colon} ${metadata.coLeadsText}`);
  if (metadata.meeting) facts.push(`${messages.meeting}${colon} ${metadata.meeting}`);
  if (metadata.adoptedText) facts.push(`${messages.adopted} ${metadata.adoptedText}`);
  if (facts.length > 0) {
    nodes.push(paragraph(...facts.flatMap((fact, i): PhrasingContent[] => (i === 0 ? [text(fact)] : [{ type: 'break' }, text(fact)]))));
  }
  if (edition.courtesyNote) nodes.push({ type: 'blockquote', children: [paragraph(text(edition.courtesyNote))] });
  return nodes;
}

function contents(edition: Edition): RootContent[] {
  const item = (key: string, label: string, sublist?: List): ListItem => ({
    type: 'listItem',
    spread: false,
    children: sublist ? [paragraph(anchorLink(key, text(label))), sublist] : [paragraph(anchorLink(key, text(label)))],
  });
  const list = (items: ListItem[]): List => ({ type: 'list', ordered: false, spread: false, children: items });
  const items = [
    ...edition.front.map((part, i) => item(partKey(part.id, i), part.title)),
    ...edition.sections.map((section) =>
      item(
        sectionKey(section.id),
        section.heading,
        edition.contentsDepth === 2 && section.practices.length > 0 ? list(section.practices.map((p) => item(practiceKey(p.id), p.heading))) : undefined,
      ),
    ),
    ...edition.back.map((part, i) => item(partKey(part.id, edition.front.length + i), part.title)),
  ];
  return [heading(2, 'contents', text(edition.messages.contents)), list(items)];
}

/** A part's heading (when it is given an anchor key), then its body and footnotes. */
function part(item: EditionPart, depth: Heading['depth'], key: string | undefined): RootContent[] {
  const title = key === undefined ? [] : [heading(depth, key, text(item.title))];
  return [...title, ...shiftHeadings(item.body, depth - 1), ...item.footnotes];
}

function practice(item: EditionPractice, edition: Edition): RootContent[] {
  const nodes: RootContent[] = [heading(3, practiceKey(item.id), text(item.heading))];
  if (item.untranslated) nodes.push(paragraph({ type: 'emphasis', children: [text(edition.messages.untranslated)] }));
  // The statement set apart as a block quote, as every other format sets it apart (a box, a style):
  // any Markdown reader shows it so, and unlike bold it holds bold, links and footnotes of its own.
  if (item.statement) nodes.push({ type: 'blockquote', children: [item.statement] });
  nodes.push(...shiftHeadings(item.body, 2));
  if (item.related.length > 0) {
    const links = item.relatedList.map((p): PhrasingContent => {
      if ('text' in p) return text(p.text);
      const target = item.related[p.item];
      return target ? anchorLink(practiceKey(target.id), text(target.label)) : text('');
    });
    nodes.push(paragraph({ type: 'emphasis', children: [text(`${edition.messages.relatedPractices}${edition.colon}`)] }, text(' '), ...links));
  }
  nodes.push(...item.footnotes);
  return nodes;
}

/**
 * Builds the whole document as one mdast tree.
 *
 * Anchors: CommonMark has no way to give a heading an explicit id, and a raw `<a id>` is raw HTML
 * that many renderers drop. So every heading keeps the anchor GitHub, GitLab and remark/rehype-slug
 * derive from its text (github-slugger, run over all headings in document order, as they do), and
 * every link — contents, cross-references, related practices — points at that slug. Within one
 * build the anchors are exact; they follow the numbering, as the headings do. The practice id is
 * the stable anchor in the HTML output, where an element can carry it.
 */
export function markdownTree(edition: Edition): Root {
  const children: RootContent[] = [...cover(edition), ...contents(edition)];
  edition.front.forEach((item, i) => children.push(...part(item, 2, partKey(item.id, i))));
  for (const section of edition.sections) {
    children.push(heading(2, sectionKey(section.id), text(section.heading)));
    if (section.intro) children.push(...part(section.intro, 2, undefined));
    for (const item of section.practices) children.push(...practice(item, edition));
  }
  edition.back.forEach((item, i) => children.push(...part(item, 2, partKey(item.id, edition.front.length + i))));
  const linked = pointLinksAtHeadings(children);
  return { type: 'root', children: edition.isolateNumbers ? isolateNumbers(linked) : linked };
}

/** A reference to a practice or section, or a footnote call: what carries a number of the document. */
const numbered = (node: Node): boolean => node.type === 'footnoteReference' || (node.type === 'link' && linkKey(node as Link) !== undefined);

/**
 * Every reference and footnote call between U+2068 and U+2069 (the edition's `isolateNumbers`):
 * Markdown has no `<bdi>`, and "Good Practice 11", a full stop and note 10 would read "11.10".
 */
function isolateNumbers(children: RootContent[]): RootContent[] {
  const holds = (node: Node): node is Parent => 'children' in node && (node as Parent).children.some(numbered);
  return copyWhere(children, holds, (parent) => {
    parent.children = parent.children.flatMap((child) => (numbered(child) ? [text('\u2068'), child, text('\u2069')] : [child])) as Parent['children'];
  });
}

/**
 * Calls `found` for each heading, in document order. A plain walk: on a whole document, `visit`
 * (which makes a closure for every node) costs several times more than the slugs themselves.
 */
function forEachHeading(nodes: readonly Node[], found: (heading: Heading) => void): void {
  for (const node of nodes) {
    if (node.type === 'heading') found(node as Heading);
    if ('children' in node) forEachHeading((node as Parent).children, found);
  }
}

/** The anchor key a link points at: a resolved cross-reference's target, or gctf's own `anchorTo`. */
function linkKey(link: Link): string | undefined {
  const reference = (link.data as { reference?: { kind: string; id: string } } | undefined)?.reference;
  return reference ? `${reference.kind}:${reference.id}` : (link.data as AnchorData | undefined)?.anchorTo;
}

/**
 * Points every link at its heading's slug, and drops the headings' anchor data. Most of `children`
 * is the edition's own content, so the headings and links are changed in copies (`copyWhere`).
 */
function pointLinksAtHeadings(children: RootContent[]): RootContent[] {
  const slugger = new GithubSlugger();
  const anchors = new Map<string, string>();
  forEachHeading(children, (node) => {
    const slug = slugger.slug(toString(node));
    const key = (node.data as AnchorData | undefined)?.anchorOf;
    if (key) anchors.set(key, slug);
  });
  const slugOf = (link: Link) => {
    const key = linkKey(link);
    return key === undefined ? undefined : anchors.get(key);
  };
  const changes = (node: Node): node is Heading | Link =>
    node.type === 'heading' || (node.type === 'link' && slugOf(node as Link) !== undefined);
  return copyWhere(children, changes, (node) => {
    if (node.type === 'heading') delete node.data;
    else node.url = `#${slugOf(node)}`;
  });
}

/** The `md` format: one CommonMark + GFM document per edition. */
export const markdownEmitter: Emitter = {
  format: 'md',
  extension: 'md',
  async emit(edition) {
    return stringifyMarkdown(markdownTree(edition));
  },
};
