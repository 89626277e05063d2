import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { FootnoteDefinition, FootnoteReference, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import Mustache from 'mustache';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype, { type Options as RemarkRehypeOptions } from 'remark-rehype';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { Edition, EditionPart, EditionPractice, EditionSection } from '../model/edition.js';
import { joinList } from '../model/localize.js';
import type { EmitContext, Emitter } from './emitter.js';
import { shiftHeadings } from './shared.js';

/** The page template, its partials and its style sheet, under `templates/` (a framework may override each). */
export const PAGE_TEMPLATE = 'html/page.html';
export const FOOTNOTES_PARTIAL = 'html/footnotes.html';
export const PART_PARTIAL = 'html/part.html';
export const STYLE_SHEET = 'html/style.css';

// Ids the page makes for itself contain `_`, which no practice or section id may hold
// (`^[a-z0-9]+(-[a-z0-9]+)*$`), so they never collide with the ids drafts link to.
const footnoteId = (n: string) => `fn_${n}`;
const footnoteRefId = (n: string, occurrence: number) => (occurrence === 1 ? `fnref_${n}` : `fnref_${n}_${occurrence}`);
const FOOTNOTE_REF_ID = /^fnref_\d+(?:_\d+)?$/;

const defaultAttributes = defaultSchema.attributes ?? {};
const aria = ['ariaDescribedBy', 'ariaLabel', 'ariaLabelledBy'];

/**
 * What draft content may hold once it is HTML: GitHub's allow-list (no script, no `on*`
 * attribute, only http(s)/mailto/… URLs), less `id` and `name`: a draft names no anchor, every
 * anchor in the page is gctf's. With no draft-chosen id left, `user-content-` clobbering has
 * nothing to protect and would only break the footnote-reference ids gctf itself adds, so it is
 * off; those ids are the one exception, allowed by their exact shape.
 */
const DRAFT_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  clobber: [],
  attributes: {
    ...defaultAttributes,
    '*': (defaultAttributes['*'] ?? []).filter((name) => name !== 'id' && name !== 'name'),
    a: [...aria, 'href', ['className', 'xref', 'footnote-ref'], ['id', FOOTNOTE_REF_ID]],
  },
};

type ToHastState = Parameters<NonNullable<NonNullable<RemarkRehypeOptions['handlers']>['footnoteReference']>>[0];

/** Renders draft fragments (mdast) as sanitized HTML, numbering footnote references as it goes. */
class FragmentRenderer {
  /** How many times each footnote has been referred to so far: the ids of its back-links. */
  private readonly references = new Map<string, number>();
  private readonly processor;

  /** `isolate`: footnote marks and references as `<bdi>` (the edition's `isolateNumbers`). */
  constructor(private readonly isolate = false) {
    // mdast-util-to-hast's own footnotes restart at 1 in every fragment and append their own list;
    // gctf's are numbered through the whole document by the edition and listed after each practice.
    const footnoteReference = (state: ToHastState, node: FootnoteReference): Element => {
      const n = node.identifier;
      const occurrence = (this.references.get(n) ?? 0) + 1;
      this.references.set(n, occurrence);
      const link: Element = {
        type: 'element',
        tagName: 'a',
        properties: { href: `#${footnoteId(n)}`, id: footnoteRefId(n, occurrence), className: ['footnote-ref'] },
        children: [{ type: 'text', value: n }],
      };
      const sup: Element = { type: 'element', tagName: 'sup', properties: {}, children: [link] };
      state.patch(node, sup);
      return sup;
    };
    this.processor = unified()
      .use(remarkRehype, { handlers: { footnoteReference } })
      .use(rehypeSanitize, DRAFT_SCHEMA)
      .use(rehypeStringify);
  }

  /**
   * Draft content → mdast-util-to-hast → rehype-sanitize → hast, safe to put in the page, then
   * completed with what the page adds (added after sanitizing, which would drop it). `lang`: the
   * language the content is written in.
   */
  hast(nodes: readonly RootContent[], lang: string): HastRoot {
    const tree: Root = { type: 'root', children: structuredClone([...nodes]) };
    prepareForHtml(tree);
    const hast = this.processor.runSync(tree) as HastRoot;
    completeForHtml5(hast, lang);
    if (this.isolate) isolateReferences(hast);
    return hast;
  }

  html(nodes: readonly RootContent[], lang: string): string {
    return this.processor.stringify(this.hast(nodes, lang));
  }

  /**
   * A footnote's text with its back-links, added after sanitizing (they carry gctf's own ids).
   * Call after the text that refers to it has been rendered.
   */
  footnote(definition: FootnoteDefinition, backLabel: string, lang: string): string {
    const n = definition.identifier;
    const tree = this.hast(definition.children, lang);
    const backLinks: ElementContent[] = [];
    for (let occurrence = 1; occurrence <= (this.references.get(n) ?? 0); occurrence++) {
      backLinks.push({ type: 'text', value: ' ' });
      backLinks.push({
        type: 'element',
        tagName: 'a',
        properties: { href: `#${footnoteRefId(n, occurrence)}`, className: ['footnote-back'], ariaLabel: backLabel, title: backLabel },
        // U+FE0E keeps the arrow a text glyph instead of an emoji.
        children: [{ type: 'text', value: '\u21A9\uFE0E' }],
      });
    }
    const last = tree.children.findLast((child): child is Element => child.type === 'element');
    if (last?.tagName === 'p') last.children.push(...backLinks);
    else tree.children.push({ type: 'element', tagName: 'p', properties: {}, children: backLinks.slice(1) });
    return this.processor.stringify(tree);
  }
}

/**
 * A label set on one line: its spaces do not break ("Good Practice" at the end of a line and "14"
 * at the start of the next reads badly), as in the PDF. Labels are short; one longer than a
 * phone's line still breaks, where the style sheet's `overflow-wrap` lets a link break.
 */
const unbroken = (label: string): string => label.replace(/ /g, () => '\u00A0');

/**
 * What the page needs of draft content before it becomes HTML: a reference that reads as its
 * label keeps that label on one line; a table with a caption (marked by the edition) carries the
 * caption's words as its name, which `completeForHtml5` gives to the table's scrolling box.
 */
function prepareForHtml(tree: Root): void {
  visit(tree, (node) => {
    if (node.type === 'link') {
      const label = (node.data as { reference?: { label?: string } } | undefined)?.reference?.label;
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (label !== undefined && only?.type === 'text' && only.value === label) only.value = unbroken(label);
    } else if (node.type === 'table') {
      const caption = (node.data as { caption?: PhrasingContent[] } | undefined)?.caption;
      const name = caption ? toString({ type: 'paragraph', children: caption }).replace(/\s+/g, ' ').trim() : '';
      if (name !== '') node.data = { ...node.data, hProperties: { ...node.data?.hProperties, ariaLabel: name } } as Table['data'];
    }
  });
}

/** The text of hast nodes, white space made one space, as a name read out. */
function textOf(nodes: readonly ElementContent[]): string {
  const text = (node: ElementContent): string => (node.type === 'text' ? node.value : node.type === 'element' ? node.children.map(text).join('') : '');
  return nodes.map(text).join('').replace(/\s+/g, ' ').trim();
}

/**
 * The name of a table's scrolling box, read out when the keyboard focuses it: the table's caption,
 * else its column headings (a GFM table always has them), which say what it holds, listed as
 * `lang` lists things.
 */
function tableName(table: Element, lang: string): string {
  const caption = table.properties.ariaLabel;
  if (typeof caption === 'string' && caption !== '') return caption;
  const headings: Element[] = [];
  visit(table, 'element', (node) => {
    if (node.tagName === 'th') headings.push(node);
    return node.tagName === 'tbody' ? SKIP : undefined;
  });
  return joinList(
    headings.map((th) => textOf(th.children)).filter((text) => text !== ''),
    lang,
    'unit',
  );
}

/**
 * Makes sanitized draft HTML valid HTML5: GFM table alignment arrives as `align`, which is
 * obsolete, so it becomes a class the style sheet aligns; an image whose URL the sanitizer
 * refused has no `src` left, which HTML forbids, so it gives way to its alternative text.
 * Each table is put in a box of its own (`.table-scroll`) that scrolls sideways when the table is
 * wider than the screen, so that the page never does; the box takes the keyboard focus, so that
 * it can be scrolled without a mouse too, and is a named region, so that a screen reader says
 * what has the focus.
 */
function completeForHtml5(tree: HastRoot, lang: string): void {
  visit(tree, 'element', (node, index, parent) => {
    const inBox = parent?.type === 'element' && parent.tagName === 'div' && String(parent.properties.className) === 'table-scroll';
    if (node.tagName === 'table' && parent && index !== undefined && !inBox) {
      const name = tableName(node, lang);
      delete node.properties.ariaLabel;
      const properties = { className: ['table-scroll'], tabIndex: 0, ...(name === '' ? {} : { role: 'region', ariaLabel: name }) };
      const box: Element = { type: 'element', tagName: 'div', properties, children: [node] };
      parent.children.splice(index, 1, box);
      return;
    }
    const align = node.properties.align;
    if ((node.tagName === 'td' || node.tagName === 'th') && typeof align === 'string') {
      delete node.properties.align;
      node.properties.className = [`align-${align}`];
    }
    if (node.tagName === 'img' && node.properties.src === undefined && parent && index !== undefined) {
      parent.children.splice(index, 1, { type: 'text', value: String(node.properties.alt ?? '') });
    }
  });
}

const bdi = (children: ElementContent[]): Element => ({ type: 'element', tagName: 'bdi', properties: {}, children });

/**
 * A reference's words (`Good Practice 11`) and a footnote mark in a `<bdi>`, so that a number
 * never joins a stop or a note's number beside it. Added after sanitizing, which drops `<bdi>`.
 */
function isolateReferences(tree: HastRoot): void {
  visit(tree, 'element', (node) => {
    const className = node.properties.className;
    if (node.tagName === 'a' && Array.isArray(className) && (className.includes('xref') || className.includes('footnote-ref'))) node.children = [bdi(node.children)];
  });
}

/** `lang`/`dir` attributes for text in another language than the page's, else nothing. */
function languageOf(item: { readonly textLang: string; readonly textDir: 'ltr' | 'rtl' }, edition: Edition) {
  return item.textLang === edition.lang ? undefined : { lang: item.textLang, dir: item.textDir };
}

// Mustache repeats a section per list item, so each list comes with a flag to wrap it once; and
// every key a template reads is set (to undefined when empty), because Mustache looks a missing
// key up in the enclosing views and would find the wrong `title` or `label` there.

function footnotesView(item: EditionPart | EditionPractice, renderer: FragmentRenderer, edition: Edition) {
  return {
    hasFootnotes: item.footnotes.length > 0,
    footnotes: item.footnotes.map((definition) => ({
      id: footnoteId(definition.identifier),
      number: definition.identifier,
      html: renderer.footnote(definition, edition.messages.backToText, item.textLang),
    })),
  };
}

function partView(item: EditionPart, id: string | undefined, renderer: FragmentRenderer, edition: Edition) {
  const html = renderer.html(shiftHeadings(item.body, 1), item.textLang);
  return {
    id,
    title: item.title,
    language: languageOf(item, edition),
    untranslated: item.untranslated,
    html,
    ...footnotesView(item, renderer, edition),
  };
}

function practiceView(item: EditionPractice, renderer: FragmentRenderer, edition: Edition) {
  const statementHtml = item.statement ? renderer.html([item.statement], item.textLang) : '';
  const bodyHtml = renderer.html(shiftHeadings(item.body, 2), item.textLang);
  const related = item.relatedList.map((part) => {
    if ('text' in part) return { separator: part.text, link: undefined };
    const target = item.related[part.item];
    return { separator: undefined, link: target ? { href: `#${target.id}`, label: unbroken(target.label) } : undefined };
  });
  return {
    id: item.id,
    label: item.label,
    title: item.title,
    heading: item.heading,
    status: item.status,
    language: languageOf(item, edition),
    untranslated: item.untranslated,
    statementHtml,
    bodyHtml,
    hasRelated: item.related.length > 0,
    related,
    ...footnotesView(item, renderer, edition),
  };
}

function sectionView(section: EditionSection, renderer: FragmentRenderer, edition: Edition) {
  return {
    id: section.id,
    numeral: section.numeral,
    label: section.label,
    title: section.title,
    heading: section.heading,
    intro: section.intro ? partView(section.intro, undefined, renderer, edition) : undefined,
    practices: section.practices.map((p) => practiceView(p, renderer, edition)),
  };
}

/** Ids for front and back parts: their own when free, else made unique with `_` (see above). */
function partIds(edition: Edition): string[] {
  const taken = new Set<string>([...edition.sections.map((s) => s.id), ...edition.practices.map((p) => p.id)]);
  return [...edition.front, ...edition.back].map((part) => {
    let id = part.id;
    for (let n = 2; taken.has(id); n++) id = `${part.id}_${n}`;
    taken.add(id);
    return id;
  });
}

/** Everything the page template shows, in reading order; draft text only as sanitized HTML. */
export function pageView(edition: Edition, context: Pick<EmitContext, 'template' | 'version'>) {
  const { metadata, messages } = edition;
  const renderer = new FragmentRenderer(edition.isolateNumbers);
  const ids = partIds(edition);
  const front = edition.front.map((part, i) => partView(part, ids[i], renderer, edition));
  const sections = edition.sections.map((s) => sectionView(s, renderer, edition));
  const back = edition.back.map((part, i) => partView(part, ids[edition.front.length + i], renderer, edition));
  const facts = [
    metadata.workingGroup ? { label: messages.workingGroup, value: metadata.workingGroup, datetime: undefined } : undefined,
    metadata.coLeadsText ? { label: messages.coLeads, value: metadata.coLeadsText, datetime: undefined } : undefined,
    metadata.meeting ? { label: messages.meeting, value: metadata.meeting, datetime: undefined } : undefined,
    metadata.adopted && metadata.adoptedText ? { label: messages.adopted, value: metadata.adoptedText, datetime: metadata.adopted } : undefined,
  ].filter((fact) => fact !== undefined);
  return {
    page: { lang: edition.lang, dir: edition.dir },
    // Inlined raw into <style>: whatever a framework's style sheet holds, it cannot close the
    // element (the `template-file` rule reports the attempt; this keeps the page safe regardless).
    css: context.template(STYLE_SHEET).replace(/</g, () => '\\3C '),
    generator: `gctf ${context.version}`,
    // The only date a build may stamp: it comes from SOURCE_DATE_EPOCH, so rebuilds stay identical.
    modified: edition.buildDate,
    messages,
    colon: edition.colon,
    // `{{#isolate}}…{{/isolate}}`: a label in a `<bdi>` when the edition isolates numbers.
    isolate: () => (text: string, render: (text: string) => string) => (edition.isolateNumbers ? `<bdi>${render(text)}</bdi>` : render(text)),
    draft: metadata.status === 'draft',
    title: metadata.title,
    subtitle: metadata.subtitle,
    initiative: metadata.initiative,
    hasFacts: facts.length > 0,
    facts,
    courtesyNote: edition.courtesyNote,
    contents: {
      front: front.map((p) => ({ id: p.id, title: p.title })),
      sections: sections.map((s) => ({
        id: s.id,
        numeral: s.numeral,
        title: s.title,
        hasPractices: edition.contentsDepth === 2 && s.practices.length > 0,
        practices: s.practices.map((p) => ({ id: p.id, label: p.label, title: p.title })),
      })),
      back: back.map((p) => ({ id: p.id, title: p.title })),
    },
    front,
    sections,
    back,
  };
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML escaping for text and attribute values, without Mustache's extra `/`, `=` and backtick entities. */
function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Fills a page template with an edition: Mustache escapes every value; `{{{…}}}` only for sanitized fragments and the style sheet. */
export function renderPage(edition: Edition, context: Pick<EmitContext, 'template' | 'version'>): string {
  const partials = { footnotes: context.template(FOOTNOTES_PARTIAL), part: context.template(PART_PARTIAL) };
  return Mustache.render(context.template(PAGE_TEMPLATE), pageView(edition, context), partials, { escape: escapeHtml });
}

/** The `html` format: one self-contained, print-ready page per edition (inline CSS, no script). */
export const htmlEmitter: Emitter = {
  format: 'html',
  extension: 'html',
  async emit(edition, context) {
    return renderPage(edition, context);
  },
};
