import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { FootnoteReference, Link, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import remarkRehype, { type Options as RemarkRehypeOptions } from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { shiftHeadings } from '../emit/shared.js';
import { isRightToLeft } from '../model/messages.js';
import { blockMarkOf, type MarkNode } from './align.js';
import { CHANGE_KINDS, type Change, type FrameworkDiff, type RedlineDocument, type RedlinePart, type RedlinePractice, type RedlineOptions } from './compare.js';
import { KIND_NAMES } from './summary.js';

// Ids the page makes for itself contain `_`, which no practice or section id may hold.
const noteId = (practice: string, n: string) => `fn_${practice}_${n}`;
const CLASS_OF = { ins: 'rl-ins', del: 'rl-del', changed: 'rl-changed' } as const;

/** What draft content may hold as HTML: GitHub's allow-list (as the HTML output's), with the redline's marks. */
const SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  clobber: [],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []).filter((name) => name !== 'id' && name !== 'name'), ['className', 'rl-ins', 'rl-del', 'rl-changed', 'xref', 'footnote-ref']],
    a: ['href', ['className', 'xref', 'footnote-ref']],
  },
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
};

type State = Parameters<NonNullable<NonNullable<RemarkRehypeOptions['handlers']>['footnoteReference']>>[0];

/** Renders one practice's (or part's) content, its footnote calls pointing at its own notes. */
function renderer(scope: string, anchors: ReadonlySet<string>) {
  const mark = (tagName: 'ins' | 'del') => (state: State, node: MarkNode): Element => ({ type: 'element', tagName, properties: {}, children: state.all(node as never) as ElementContent[] });
  const footnoteReference = (_state: State, node: FootnoteReference): Element => ({
    type: 'element',
    tagName: 'sup',
    properties: {},
    children: [{ type: 'element', tagName: 'a', properties: { href: `#${noteId(scope, node.identifier)}`, className: ['footnote-ref'] }, children: [{ type: 'text', value: node.identifier.replace(/^was/, '') }] }],
  });
  const processor = unified()
    .use(remarkRehype, { handlers: { ins: mark('ins'), del: mark('del'), footnoteReference } as unknown as RemarkRehypeOptions['handlers'] })
    .use(rehypeSanitize, SCHEMA);
  return (nodes: readonly RootContent[]): ElementContent[] => {
    const tree: Root = { type: 'root', children: structuredClone([...nodes]) };
    visit(tree, (node) => {
      const redline = blockMarkOf(node);
      if (redline) node.data = { ...node.data, hProperties: { className: [CLASS_OF[redline]] } } as typeof node.data;
      if (node.type === 'link') {
        // A reference to a practice that is only deleted here points at where it stood.
        const link = node as Link;
        const id = link.url.startsWith('#') ? link.url.slice(1) : undefined;
        if (id !== undefined && !anchors.has(id) && anchors.has(`was-${id}`)) link.url = `#was-${id}`;
      }
    });
    const hast = processor.runSync(tree as never) as HastRoot;
    visit(hast, 'element', (node, index, parent) => {
      const align = node.properties.align;
      if ((node.tagName === 'td' || node.tagName === 'th') && typeof align === 'string') {
        delete node.properties.align;
        node.properties.className = [...((node.properties.className as string[] | undefined) ?? []), `align-${align}`];
      }
      if (node.tagName === 'img' && parent && index !== undefined) {
        parent.children.splice(index, 1, { type: 'text', value: String(node.properties.alt ?? '') });
      }
    });
    return hast.children as ElementContent[];
  };
}

const h = (tagName: string, properties: Element['properties'], ...children: (ElementContent | string | undefined | false)[]): Element => ({
  type: 'element',
  tagName,
  properties,
  children: children.filter((c): c is ElementContent | string => c !== undefined && c !== false).map((c) => (typeof c === 'string' ? { type: 'text', value: c } : c)),
});

/** Phrasing content (a title) as HTML nodes, marks and all. */
function inline(nodes: readonly PhrasingContent[], render: (nodes: readonly RootContent[]) => ElementContent[]): ElementContent[] {
  const [paragraph] = render([{ type: 'paragraph', children: [...nodes] }]);
  return paragraph?.type === 'element' ? paragraph.children : [];
}

function languageOf(textLang: string, lang: string) {
  return textLang === lang ? {} : { lang: textLang, dir: isRightToLeft(textLang) ? 'rtl' : 'ltr' };
}

function footnotes(scope: string, notes: readonly RootContent[], render: (nodes: readonly RootContent[]) => ElementContent[]): Element | undefined {
  if (notes.length === 0) return undefined;
  return h(
    'ol',
    { className: ['footnotes'] },
    ...notes.map((note) => {
      const identifier = (note as { identifier: string }).identifier;
      const redline = blockMarkOf(note);
      return h('li', { id: noteId(scope, identifier), value: /^\d+$/.test(identifier.replace(/^was/, '')) ? identifier.replace(/^was/, '') : undefined, className: redline ? [CLASS_OF[redline]] : undefined }, ...render((note as Parent).children as RootContent[]));
    }),
  );
}

function part(item: RedlinePart, redline: RedlineDocument, anchors: ReadonlySet<string>, heading: boolean): Element {
  const render = renderer(`part_${item.id}`, anchors);
  return h(
    'section',
    { className: ['part', ...(item.mark ? [CLASS_OF[item.mark]] : item.changed ? ['rl-changed'] : [])], ...(heading ? { id: `part_${item.id}` } : {}), ...languageOf(item.textLang, redline.lang) },
    heading && h('h2', {}, ...inline(item.title, render)),
    ...render(shiftHeadings(item.body, 1)),
    footnotes(`part_${item.id}`, item.footnotes, render),
  );
}

function practice(item: RedlinePractice, redline: RedlineDocument, anchors: ReadonlySet<string>): Element {
  const render = renderer(item.anchor, anchors);
  const notes: (ElementContent | string)[] = [];
  if (item.moved?.direction === 'from') notes.push(`Moved here from ${item.moved.section} (was ${item.moved.label}; `, h('a', { href: `#was-${item.id}` }, 'where it stood'), ').');
  if (item.moved?.direction === 'to') notes.push(`Moved to ${item.moved.section} as `, h('a', { href: `#${item.id}` }, item.moved.label), '.');
  if (item.kinds.includes('withdrawn')) notes.push('Withdrawn.');
  if (item.kinds.includes('added')) notes.push('New practice.');
  if (!item.moved && item.mark === undefined && item.oldLabel) notes.push(`Renumbered: was ${item.oldLabel}.`);
  const changed = item.kinds.some((k) => k !== 'renumbered');
  const label = item.mark ? h(item.mark, {}, `${item.label}: `) : `${item.label}: `;
  return h(
    'article',
    { id: item.anchor, className: ['practice', ...(item.mark ? [CLASS_OF[item.mark]] : changed ? ['rl-changed'] : [])], ...languageOf(item.textLang, redline.lang) },
    h('h3', {}, label, ...inline(item.title, render)),
    notes.length > 0 && h('p', { className: ['rl-note'], lang: 'en', dir: 'ltr' }, ...notes),
    ...(item.statement ? render([item.statement]).map((node) => (node.type === 'element' ? { ...node, properties: { ...node.properties, className: [...((node.properties.className as string[]) ?? []), 'statement'] } } : node)) : []),
    ...render(shiftHeadings(item.body, 2)),
    item.related.length > 0 && h('p', { className: ['related'] }, h('em', {}, `${redline.messages.relatedPractices}: `), ...inline(item.related, render)),
    footnotes(item.anchor, item.footnotes, render),
  );
}

function summary(redline: RedlineDocument, diff: FrameworkDiff, options: RedlineOptions, anchors: ReadonlySet<string>): Element {
  const href = (change: Change) => {
    if (change.target === 'section') return `#${change.id}`;
    if (change.target === 'part') return `#part_${change.id}`;
    if (change.target === 'document') return '#doc_title';
    return anchors.has(change.id) ? `#${change.id}` : `#was-${change.id}`;
  };
  const practices = new Map(redline.sections.flatMap((s) => s.practices).map((p) => [p.anchor, p]));
  const name = (change: Change) => practices.get(change.id)?.label ?? practices.get(`was-${change.id}`)?.label ?? change.id;
  const mine = diff.changes.filter((c) => (c.lang === undefined || c.lang === redline.lang) && c.kind !== 'renumbered');
  return h(
    'header',
    { className: ['summary'], lang: 'en', dir: 'ltr' },
    h('h1', { id: 'doc_title', lang: redline.lang, dir: redline.dir }, ...inline(redline.titleNodes, renderer('title', anchors))),
    h('p', { className: ['sides'] }, 'Redline: ', h('code', {}, options.sides.old), ' → ', h('code', {}, options.sides.new), `, ${options.date.slice(0, 10)}. `, h('del', {}, 'Deleted'), ' and ', h('ins', {}, 'inserted'), ' text is marked; a bar in the margin marks each change.'),
    h(
      'table',
      { className: ['counts'] },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'change'), h('th', { scope: 'col' }, 'count'))),
      h('tbody', {}, ...CHANGE_KINDS.map((kind) => h('tr', {}, h('td', {}, KIND_NAMES[kind]), h('td', {}, String(diff.counts[kind]))))),
    ),
    mine.length === 0 ? h('p', {}, 'No substantive changes.') : h('ul', { className: ['changes'] }, ...mine.map((c) => h('li', {}, `${KIND_NAMES[c.kind]}: `, h('a', { href: href(c) }, c.target === 'practice' ? name(c) : c.target === 'document' ? `document ${c.id}` : `${c.target} ${c.id}`), c.kind === 'text' ? ` (${(c.hunks ?? []).length} ${(c.hunks ?? []).length === 1 ? 'change' : 'changes'})` : ''))),
    diff.renumbering.length > 0 &&
      h(
        'table',
        { className: ['renumbering'] },
        h('caption', {}, 'Renumbering'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'was'), h('th', { scope: 'col' }, 'now'))),
        h(
          'tbody',
          {},
          ...diff.renumbering.map((r) => {
            const now = practices.get(r.id);
            // The old label in this edition's words: its prefix, the old number.
            const was = now ? now.label.replace(/\d+$/, String(r.oldNumber)) : String(r.oldNumber);
            return h('tr', {}, h('td', {}, was), h('td', {}, h('a', { href: `#${r.id}` }, now?.label ?? String(r.newNumber))));
          }),
        ),
      ),
  );
}

const STYLE = `
:root { --ink: #1d232b; --muted: #5b6470; --rule: #c9ced6; --bar: #b3261e; --ins: #e3f4e1; --del: #fbe4e2; }
html { color: var(--ink); background: #fff; font-family: "Noto Serif", Georgia, serif; font-size: 17px; line-height: 1.6; }
:lang(ar) { font-family: "Noto Naskh Arabic", "Amiri", serif; }
body { margin: 0 auto; max-width: 44rem; padding: 0 2rem 4rem; }
h1 { font-size: 1.8rem; line-height: 1.25; }
h2 { font-size: 1.45rem; margin-top: 2.5rem; }
h3 { font-size: 1.15rem; }
.summary { border-block-end: 1px solid var(--rule); padding-block: 2rem 1rem; font-family: "Noto Sans", Helvetica, Arial, sans-serif; font-size: .9rem; }
.summary table { border-collapse: collapse; margin-block: 1rem; }
.summary th, .summary td { border: 1px solid var(--rule); padding: .2rem .6rem; text-align: start; }
.summary caption { text-align: start; font-weight: 700; }
ins { background: var(--ins); text-decoration: underline; text-decoration-color: #2e7d32; }
del { background: var(--del); text-decoration: line-through; text-decoration-color: var(--bar); }
.rl-ins, .rl-del, .rl-changed { border-inline-start: 3px solid var(--bar); margin-inline-start: -1rem; padding-inline-start: calc(1rem - 3px); }
.rl-ins .rl-ins, .rl-ins .rl-del, .rl-ins .rl-changed, .rl-del .rl-ins, .rl-del .rl-del, .rl-del .rl-changed, .rl-changed .rl-ins, .rl-changed .rl-del, .rl-changed .rl-changed { border: 0; margin-inline-start: 0; padding-inline-start: 0; }
article.rl-del { color: var(--muted); }
.rl-note { font-family: "Noto Sans", Helvetica, Arial, sans-serif; font-size: .85rem; color: var(--bar); }
.statement { font-weight: 600; }
.footnotes { font-size: .85rem; border-block-start: 1px solid var(--rule); padding-block-start: .5rem; }
table { border-collapse: collapse; }
td, th { border: 1px solid var(--rule); padding: .2rem .5rem; vertical-align: top; }
.align-center { text-align: center; } .align-right { text-align: end; } .align-left { text-align: start; }
@page { size: A4; margin: 2cm 2.2cm; }
@media print {
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  ins, del, .rl-ins, .rl-del, .rl-changed { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  article { break-inside: avoid-page; }
  h2, h3 { break-after: avoid; }
}
`;

/**
 * The redline as one HTML page: the document as it is now, deleted text in `<del>` and inserted
 * text in `<ins>`, a bar in the margin beside every changed block and practice, practices that
 * left shown deleted where they stood, and a summary at the top (counts, each change linked, the
 * renumbering table). Self-contained, no script; draft content is sanitized as in the HTML output.
 */
export function redlineHtml(redline: RedlineDocument, diff: FrameworkDiff, options: RedlineOptions): string {
  const anchors = new Set(redline.sections.flatMap((s) => s.practices.map((p) => p.anchor)));
  const main = h(
    'main',
    {},
    ...redline.front.map((item) => part(item, redline, anchors, true)),
    ...redline.sections.map((section) =>
      h(
        'section',
        { id: section.id, className: ['section', ...(section.mark ? [CLASS_OF[section.mark]] : [])] },
        h('h2', {}, section.mark ? h(section.mark, {}, `${section.numeral}. `) : `${section.numeral}. `, ...inline(section.title, renderer(section.id, anchors))),
        section.intro && part(section.intro, redline, anchors, false),
        ...section.practices.map((p) => practice(p, redline, anchors)),
      ),
    ),
    ...redline.back.map((item) => part(item, redline, anchors, true)),
  );
  const page: HastRoot = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h(
        'html',
        { lang: redline.lang, dir: redline.dir },
        h('head', {}, h('meta', { charSet: 'utf-8' }), h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }), h('title', {}, `Redline: ${redline.title}`), h('style', {}, STYLE)),
        h('body', {}, summary(redline, diff, options, anchors), main),
      ),
    ],
  };
  return `${toHtml(page)}\n`;
}
