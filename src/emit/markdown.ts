import GithubSlugger from 'github-slugger';
import type { Heading, Link, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { gfmToMarkdown } from 'mdast-util-gfm';
import remarkStringify from 'remark-stringify';
import { GFM_STYLE, MARKDOWN_STYLE } from '../text/markdown-style.js';
import { unified, type Processor } from 'unified';
import type { Node, Parent } from 'unist';
import type { Edition, EditionPart, EditionPractice, EditionSection } from '../model/edition.js';
import { copyWhere } from './copy-tree.js';
import type { Emitter } from './emitter.js';

/**
 * GFM for the serializer only: what remark-gfm adds to remark-stringify, without the GFM parser
 * it also brings (about a hundred micromark modules, 60 ms to load, that writing never uses).
 */
function gfmSerializer(this: Processor) {
  (this.data().toMarkdownExtensions ??= []).push(gfmToMarkdown(GFM_STYLE));
}

// Built once and reused: it keeps no state between trees, and the JSON emitter serializes one
// tree per practice. A new processor per tree would also make new GFM escaping patterns each
// time, and compile their regular expressions again.
const markdownProcessor = unified().use(remarkStringify, MARKDOWN_STYLE).use(gfmSerializer).freeze();

/**
 * Serializes an mdast tree as CommonMark + GFM (tables, footnotes, strikethrough) with gctf's
 * spelling. The JSON emitter uses it too, for each practice's `source`. Only reads the tree, so it
 * may be (or share nodes with) the edition's own content.
 */
export function stringifyMarkdown(tree: Root): string {
  return markdownProcessor.stringify(tree);
}

const isHeading = (node: Node): node is Heading => node.type === 'heading';

/**
 * Draft content with every heading moved `by` ranks deeper (a draft's `##` sits under the
 * practice's own heading in the document). Never mutates the edition, which every format shares:
 * the headings, and the nodes that hold them, are copies; all else is the edition's, to be read only.
 */
export function shiftHeadings<T extends RootContent>(nodes: readonly T[], by: number): T[] {
  return copyWhere(nodes, isHeading, (heading) => {
    heading.depth = Math.min(6, heading.depth + by) as Heading['depth'];
  });
}

/** Formats an ISO `YYYY-MM-DD` date in the edition's language, in UTC so no build machine shifts it. */
export function formatDate(iso: string, lang: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/**
 * Joins items the way the language lists them (`A and B`, `A, B et C`, `A، وB`). Returns the parts in
 * order: an item's index, or the literal text between items.
 */
export function listParts(count: number, lang: string, type: 'conjunction' | 'unit'): (number | string)[] {
  const placeholders = Array.from({ length: count }, (_, i) => `\u0000${i}\u0000`);
  return listFormat(lang, type)
    .formatToParts(placeholders)
    .map((part) => (part.type === 'element' ? Number(part.value.slice(1, -1)) : part.value));
}

/** Formatters by language and type: making one costs several times more than using it, once per practice. */
const listFormats = new Map<string, Intl.ListFormat>();

function listFormat(lang: string, type: 'conjunction' | 'unit'): Intl.ListFormat {
  const key = `${lang} ${type}`;
  let format = listFormats.get(key);
  if (!format) {
    format = new Intl.ListFormat(lang, { type, style: type === 'unit' ? 'short' : 'long' });
    listFormats.set(key, format);
  }
  return format;
}

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

/** `I. Prevention`: how a section's heading and contents entry read. */
export function sectionHeadingText(section: EditionSection): string {
  return `${section.numeral}. ${section.title}`;
}

/** `Good Practice 7: Build trust…`: how a practice's heading reads. */
export function practiceHeadingText(practice: EditionPractice): string {
  return `${practice.label}: ${practice.title}`;
}

function cover(edition: Edition): RootContent[] {
  const { metadata, messages, lang } = edition;
  const nodes: RootContent[] = [heading(1, 'cover', text(metadata.title))];
  if (metadata.subtitle) nodes.push(paragraph({ type: 'strong', children: [text(metadata.subtitle)] }));
  if (metadata.status === 'draft') {
    nodes.push(paragraph({ type: 'strong', children: [text(messages.draft)] }, text(` — ${messages.draftNotice}`)));
  }
  const facts: string[] = [];
  if (metadata.initiative) facts.push(metadata.initiative);
  if (metadata.workingGroup) facts.push(`${messages.workingGroup}: ${metadata.workingGroup}`);
  if (metadata.coLeads.length > 0) {
    const names = listParts(metadata.coLeads.length, lang, 'conjunction').map((p) => (typeof p === 'number' ? metadata.coLeads[p] : p));
    facts.push(`${messages.coLeads}: ${names.join('')}`);
  }
  if (metadata.meeting) facts.push(`${messages.meeting}: ${metadata.meeting}`);
  if (metadata.adopted) facts.push(`${messages.adopted} ${formatDate(metadata.adopted, lang)}`);
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
        sectionHeadingText(section),
        section.practices.length > 0 ? list(section.practices.map((p) => item(practiceKey(p.id), practiceHeadingText(p)))) : undefined,
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
  const nodes: RootContent[] = [heading(3, practiceKey(item.id), text(practiceHeadingText(item)))];
  if (item.untranslated) nodes.push(paragraph({ type: 'emphasis', children: [text(edition.messages.untranslated)] }));
  if (item.statement) nodes.push(item.statement);
  nodes.push(...shiftHeadings(item.body, 2));
  if (item.related.length > 0) {
    const parts = listParts(item.related.length, edition.lang, 'unit');
    const links = parts.map((p): PhrasingContent => {
      if (typeof p === 'string') return text(p);
      const target = item.related[p];
      return target ? anchorLink(practiceKey(target.id), text(target.label)) : text('');
    });
    nodes.push(paragraph({ type: 'emphasis', children: [text(`${edition.messages.relatedPractices}:`)] }, text(' '), ...links));
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
    children.push(heading(2, sectionKey(section.id), text(sectionHeadingText(section))));
    if (section.intro) children.push(...part(section.intro, 2, undefined));
    for (const item of section.practices) children.push(...practice(item, edition));
  }
  edition.back.forEach((item, i) => children.push(...part(item, 2, partKey(item.id, edition.front.length + i))));
  return { type: 'root', children: pointLinksAtHeadings(children) };
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
