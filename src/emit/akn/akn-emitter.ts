import type { Definition, FootnoteDefinition, Heading, List, ListItem, PhrasingContent, RootContent, Table } from 'mdast';
import type { ListPart } from '../../model/localize.js';
import type { Edition, EditionPart, EditionPractice, EditionSection } from '../../model/edition.js';
import { anyUri } from './any-uri.js';
import { iso639Alpha3 } from './language-codes.js';
import { el, serialize, type XmlElement, type XmlNode } from './xml-tree.js';
import type { EmitContext, Emitter } from '../emitter.js';

/**
 * The `akn` format: one Akoma Ntoso 3.0 document (OASIS LegalDocML) per edition, valid against
 * `schema/akomantoso30/akomantoso30.xsd`.
 *
 * - a `doc name="goodPractices"`: `meta` (the three FRBR levels, the Forum as author), `preface`
 *   (title and cover metadata), `mainBody` (front parts, sections, back parts);
 * - every section, practice, part and `##` subsection an `hcontainer`; a practice's `eId` is
 *   `gp_<id>` and a section's `sec_<id>`, so they never change when the document is renumbered;
 * - cross-references are `<ref href="#gp_<id>">`, footnotes `<authorialNote>` where they are called.
 */

/** The Forum, author of every framework gctf compiles: the Work's author and the metadata's source. */
const AUTHOR = { eId: 'gctf', href: '/ontology/organization/gctf', showAs: 'Global Counterterrorism Forum' };
/** Akoma Ntoso's jurisdiction component for the Forum's documents, as AKN4UN uses `un` for the UN's. */
const JURISDICTION = 'gctf';
const DOCUMENT_NAME = 'goodPractices';

// eIds gctf makes contain `_`, which no practice or section id holds (`^[a-z0-9]+(-[a-z0-9]+)*$`).
const practiceEid = (id: string) => `gp_${idPart(id)}`;
const sectionEid = (id: string) => `sec_${idPart(id)}`;
/** An id as part of an eId, which may hold no white space (the check rejects such ids; this keeps the file valid anyway). */
const idPart = (id: string) => id.replace(/\s+/g, '-') || '-';

/** A draft's content split at its headings: what comes first, then each headed subsection. */
interface Flow {
  readonly blocks: RootContent[];
  readonly subsections: { readonly heading: Heading; readonly flow: Flow }[];
}

function divide(nodes: readonly RootContent[]): Flow {
  const root: Flow = { blocks: [], subsections: [] };
  const open: { depth: number; flow: Flow }[] = [{ depth: 0, flow: root }];
  for (const node of nodes) {
    if (node.type !== 'heading') {
      open.at(-1)!.flow.blocks.push(node);
      continue;
    }
    while (open.length > 1 && open.at(-1)!.depth >= node.depth) open.pop();
    const flow: Flow = { blocks: [], subsections: [] };
    open.at(-1)!.flow.subsections.push({ heading: node, flow });
    open.push({ depth: node.depth, flow });
  }
  return root;
}

/** One practice's or part's own notes and link definitions: its footnotes are written inside it. */
interface Scope {
  /** The eId its notes and subsections are numbered under. */
  readonly eId: string;
  readonly footnotes: ReadonlyMap<string, FootnoteDefinition>;
  readonly definitions: ReadonlyMap<string, Definition>;
  /** Notes already written, by footnote number: a second call refers to the first. */
  readonly written: Map<string, string>;
  notes: number;
}

function scopeOf(eId: string, body: readonly RootContent[], footnotes: readonly FootnoteDefinition[]): Scope {
  const definitions = new Map<string, Definition>();
  const collect = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
      else if ('children' in node) collect(node.children as RootContent[]);
    }
  };
  collect(body);
  collect(footnotes);
  return { eId, footnotes: new Map(footnotes.map((f) => [f.identifier, f])), definitions, written: new Map(), notes: 0 };
}

/** Nodes joined as the edition lists them (`A, B and C`, `A، وB`). */
function joined(items: readonly XmlNode[], parts: readonly ListPart[]): XmlNode[] {
  return parts.map((part) => ('item' in part ? (items[part.item] ?? '') : part.text));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The dates the identification stamps: never the clock, so that rebuilds are identical. */
function datesOf(edition: Edition) {
  const adopted = edition.metadata.adopted !== undefined && ISO_DATE.test(edition.metadata.adopted) ? edition.metadata.adopted : undefined;
  const built = edition.buildDate?.slice(0, 10);
  // Neither known: the Unix epoch, the date SOURCE_DATE_EPOCH=0 gives, rather than the clock's.
  const work = adopted ? { date: adopted, name: 'adoption' } : built ? { date: built, name: 'generation' } : { date: '1970-01-01', name: 'undated' };
  const manifestation = built ? { date: built, name: 'generation' } : work;
  return { work, manifestation };
}

/** `meta`: identification at the three FRBR levels, and the references it points at. */
function meta(edition: Edition, context: Pick<EmitContext, 'version'>): XmlElement {
  const { work: workDate, manifestation: manifestationDate } = datesOf(edition);
  const work = `/akn/${JURISDICTION}/doc/${DOCUMENT_NAME}/${workDate.date}/${edition.metadata.slug}`;
  const language = iso639Alpha3(edition.lang);
  const authoritative = iso639Alpha3(edition.authoritativeLanguage);
  const expressionOf = (code: string) => `${work}/${code}@`;
  const expression = expressionOf(language);
  const author = el('FRBRauthor', { href: `#${AUTHOR.eId}` });
  const date = (d: { date: string; name: string }) => el('FRBRdate', { date: d.date, name: d.name });
  // A translation names the authoritative Expression as its master, and says it is translated from it.
  const languages = edition.isAuthoritative
    ? [el('FRBRlanguage', { language })]
    : [
        el('FRBRmasterExpression', { href: expressionOf(authoritative), showAs: edition.messages.languages[edition.authoritativeLanguage] ?? edition.authoritativeLanguage }),
        el('FRBRlanguage', { language }),
        el('FRBRtranslation', { href: expressionOf(authoritative), fromLanguage: authoritative, authoritative: 'false', by: `#${AUTHOR.eId}` }),
      ];
  return el(
    'meta',
    {},
    el(
      'identification',
      { source: `#${AUTHOR.eId}` },
      el(
        'FRBRWork',
        {},
        el('FRBRthis', { value: `${work}/!main` }),
        el('FRBRuri', { value: work }),
        date(workDate),
        author,
        el('FRBRcountry', { value: JURISDICTION }),
        el('FRBRsubtype', { value: DOCUMENT_NAME }),
        el('FRBRnumber', { value: edition.metadata.slug }),
        el('FRBRname', { value: DOCUMENT_NAME }),
        // Good practices are non-binding.
        el('FRBRprescriptive', { value: 'false' }),
      ),
      el(
        'FRBRExpression',
        {},
        el('FRBRthis', { value: `${expression}/!main` }),
        el('FRBRuri', { value: expression }),
        date(workDate),
        author,
        el('FRBRauthoritative', { value: String(edition.isAuthoritative) }),
        ...languages,
      ),
      el(
        'FRBRManifestation',
        {},
        el('FRBRthis', { value: `${expression}/!main.xml` }),
        el('FRBRuri', { value: `${expression}.akn` }),
        date(manifestationDate),
        author,
        el('FRBRformat', { value: 'application/akn+xml', showAs: `gctf ${context.version}` }),
      ),
    ),
    el('references', { source: `#${AUTHOR.eId}` }, el('TLCOrganization', { eId: AUTHOR.eId, href: AUTHOR.href, showAs: AUTHOR.showAs })),
  );
}

/** `xml:lang` and `its:dir` for text in `lang`, or nothing when it is the edition's own language. */
function languageOf(text: { readonly textLang: string; readonly textDir: 'ltr' | 'rtl' }, edition: Edition): Record<string, string> {
  return text.textLang === edition.lang ? {} : { 'xml:lang': text.textLang, 'its:dir': text.textDir };
}

/** Writes one edition; holds what its content needs to resolve cross-references. */
class AknDocument {
  /** The eId of every practice and section a cross-reference may name. */
  private readonly targets = new Map<string, string>();
  private readonly usedPartEids = new Set<string>();

  constructor(private readonly edition: Edition) {
    for (const section of edition.sections) {
      this.targets.set(section.id, sectionEid(section.id));
      for (const practice of section.practices) this.targets.set(practice.id, practiceEid(practice.id));
    }
  }

  preface(): XmlElement {
    const { edition } = this;
    const { metadata, messages, lang } = edition;
    const facts: XmlElement[] = [];
    if (metadata.subtitle) facts.push(el('p', { class: 'subtitle' }, el('inline', { name: 'subtitle' }, metadata.subtitle)));
    if (metadata.status === 'draft') facts.push(el('p', { class: 'draft' }, el('docStatus', {}, messages.draft), ` — ${messages.draftNotice}`));
    if (metadata.initiative) facts.push(el('p', { class: 'initiative' }, el('inline', { name: 'initiative' }, metadata.initiative)));
    if (metadata.workingGroup) facts.push(el('p', { class: 'workingGroup' }, `${messages.workingGroup}${edition.colon} `, el('docCommittee', {}, metadata.workingGroup)));
    if (metadata.coLeads.length > 0) {
      const leads = metadata.coLeads.map((name) => el('docProponent', {}, name));
      facts.push(el('p', { class: 'coLeads' }, `${messages.coLeads}${edition.colon} `, ...joined(leads, metadata.coLeadsList)));
    }
    if (metadata.meeting) facts.push(el('p', { class: 'meeting' }, `${messages.meeting}${edition.colon} `, el('inline', { name: 'meeting' }, metadata.meeting)));
    if (metadata.adopted && ISO_DATE.test(metadata.adopted)) {
      facts.push(el('p', { class: 'adopted' }, `${messages.adopted} `, el('docDate', { date: metadata.adopted }, metadata.adoptedText ?? metadata.adopted)));
    }
    if (edition.courtesyNote) facts.push(el('p', { class: 'courtesyNote' }, edition.courtesyNote));
    return el(
      'preface',
      { 'xml:lang': lang, 'its:version': '2.0', 'its:dir': edition.dir },
      el('longTitle', {}, el('p', {}, el('docTitle', {}, metadata.title))),
      ...facts,
    );
  }

  mainBody(): XmlElement {
    const { edition } = this;
    const children = [
      ...edition.front.map((part) => this.part(part, 'frontPart', 'front')),
      ...edition.sections.map((section) => this.section(section)),
      ...edition.back.map((part) => this.part(part, 'backPart', 'back')),
    ];
    // A mainBody may not be empty; a manifest always lists a section, but the library takes any edition.
    return el('mainBody', { 'xml:lang': edition.lang, 'its:version': '2.0', 'its:dir': edition.dir }, ...(children.length > 0 ? children : [el('p')]));
  }

  private partEid(prefix: string, id: string): string {
    let eId = `${prefix}_${idPart(id)}`;
    for (let n = 2; this.usedPartEids.has(eId); n++) eId = `${prefix}_${idPart(id)}_${n}`;
    this.usedPartEids.add(eId);
    return eId;
  }

  private part(part: EditionPart, name: string, prefix: string): XmlElement {
    const eId = this.partEid(prefix, part.id);
    const scope = scopeOf(eId, part.body, part.footnotes);
    return this.hierarchy(name, { eId, ...languageOf(part, this.edition) }, scope, [el('heading', {}, part.title)], divide(part.body), this.untranslated(part));
  }

  private section(section: EditionSection): XmlElement {
    const eId = sectionEid(section.id);
    const children: XmlElement[] = [el('num', {}, section.numeral), el('heading', {}, section.title)];
    if (section.intro) {
      const intro = section.intro;
      const introEid = `${eId}__intro`;
      const scope = scopeOf(introEid, intro.body, intro.footnotes);
      children.push(this.hierarchy('sectionIntroduction', { eId: introEid, ...languageOf(intro, this.edition) }, scope, [], divide(intro.body), this.untranslated(intro)));
    }
    children.push(...section.practices.map((practice) => this.practice(practice)));
    return el('hcontainer', { name: 'section', eId }, ...children);
  }

  private practice(practice: EditionPractice): XmlElement {
    const { edition } = this;
    const eId = practiceEid(practice.id);
    const scope = scopeOf(eId, practice.statement ? [practice.statement, ...practice.body] : practice.body, practice.footnotes);
    const first = this.untranslated(practice);
    if (practice.statement) first.push(el('block', { name: 'statement' }, ...this.inline(practice.statement.children, scope)));
    // The number and the related practices are in the edition's language, whatever the text's.
    const own = practice.textLang === edition.lang ? {} : { 'xml:lang': edition.lang, 'its:dir': edition.dir };
    const last: XmlElement[] = [];
    if (practice.related.length > 0) {
      const links = practice.related.map((r) => el('ref', { href: `#${practiceEid(r.id)}` }, r.label));
      last.push(el('p', { class: 'related', ...own }, el('i', {}, `${edition.messages.relatedPractices}${edition.colon}`), ' ', ...joined(links, practice.relatedList)));
    }
    const heading = [el('num', own, practice.label), el('heading', {}, practice.title)];
    const attributes = { eId, ...languageOf(practice, edition) };
    return this.hierarchy('goodPractice', attributes, scope, heading, divide(practice.body), first, last);
  }

  /** The "not yet translated" notice, in the edition's language, for text shown from the authoritative edition. */
  private untranslated(item: EditionPart | EditionPractice): XmlElement[] {
    if (!item.untranslated) return [];
    const { edition } = this;
    return [el('block', { name: 'untranslated', 'xml:lang': edition.lang, 'its:dir': edition.dir }, el('i', {}, edition.messages.untranslated))];
  }

  /**
   * An `hcontainer`: its number and heading, then `content` when it has no subsection, else an
   * `intro` (what comes before the first subsection), the subsections, and a `wrapUp` for `last`.
   */
  private hierarchy(
    name: string,
    attributes: Record<string, string>,
    scope: Scope,
    heading: readonly XmlElement[],
    flow: Flow,
    first: readonly XmlElement[] = [],
    last: readonly XmlElement[] = [],
  ): XmlElement {
    const children: XmlElement[] = [...heading];
    const blocks = [...first, ...this.blocks(flow.blocks, scope)];
    if (flow.subsections.length === 0) {
      if (blocks.length > 0 || last.length > 0) children.push(el('content', {}, ...blocks, ...last));
    } else {
      if (blocks.length > 0) children.push(el('intro', {}, ...blocks));
      flow.subsections.forEach((subsection, i) => {
        const eId = `${attributes.eId}__subsec_${i + 1}`;
        const title = el('heading', {}, ...this.inline(subsection.heading.children, scope));
        children.push(this.hierarchy('subsection', { eId }, scope, [title], subsection.flow));
      });
      if (last.length > 0) children.push(el('wrapUp', {}, ...last));
    }
    return el('hcontainer', { name, ...attributes }, ...children);
  }

  /** Block content, as Akoma Ntoso blocks (`p`, `ul`, `ol`, `table`, `blockContainer`, `block`). */
  private blocks(nodes: readonly RootContent[], scope: Scope): XmlElement[] {
    return nodes.flatMap((node) => this.block(node, scope));
  }

  private block(node: RootContent, scope: Scope): XmlElement[] {
    switch (node.type) {
      case 'paragraph':
        return [el('p', {}, ...this.inline(node.children, scope))];
      case 'heading':
        // A heading inside a list, a quotation or a footnote: no subsection can start there.
        return [el('p', { class: 'heading' }, el('b', {}, ...this.inline(node.children, scope)))];
      case 'list':
        return [this.list(node, scope)];
      case 'table':
        return [this.table(node, scope)];
      case 'blockquote': {
        const inner = this.blocks(node.children, scope);
        return inner.length > 0 ? [el('blockContainer', { class: 'quote' }, ...inner)] : [];
      }
      case 'code':
        return [el('block', { name: 'code', class: node.lang ? `language-${node.lang}` : undefined, 'xml:space': 'preserve' }, node.value)];
      // Akoma Ntoso has no rule between blocks; definitions and footnotes are written where they are used.
      case 'thematicBreak':
      case 'definition':
      case 'footnoteDefinition':
      case 'html':
        return [];
      default:
        if ('children' in node) return this.blocks(node.children as RootContent[], scope);
        return 'value' in node && typeof node.value === 'string' && node.value !== '' ? [el('p', {}, node.value)] : [];
    }
  }

  private list(list: List, scope: Scope): XmlElement {
    const loose = list.spread === true || list.children.some((item) => item.spread === true);
    const start = list.ordered && typeof list.start === 'number' && list.start !== 1 ? list.start : undefined;
    const items = list.children.map((item, i) => el('li', { value: start === undefined ? undefined : String(start + i) }, ...this.listItem(item, loose, scope)));
    return el(list.ordered ? 'ol' : 'ul', {}, ...items);
  }

  /** An `li` holds text, `p`, `ul` and `ol` only: any other block goes in a `subFlow` inside a `p`. */
  private listItem(item: ListItem, loose: boolean, scope: Scope): XmlNode[] {
    const nodes: XmlNode[] = [];
    for (const child of item.children) {
      if (child.type === 'paragraph') {
        const content = this.inline(child.children, scope);
        if (loose) nodes.push(el('p', {}, ...content));
        else nodes.push(...(nodes.length > 0 ? [' '] : []), ...content);
      } else if (child.type === 'list') {
        nodes.push(this.list(child, scope));
      } else {
        const inner = this.block(child, scope);
        if (inner.length > 0) nodes.push(el('p', {}, el('subFlow', { name: child.type }, ...inner)));
      }
    }
    return nodes;
  }

  private table(table: Table, scope: Scope): XmlElement {
    const rows = table.children.map((row, r) =>
      el(
        'tr',
        {},
        ...row.children.map((cell, c) => {
          const align = table.align?.[c];
          const content = cell.children.length > 0 ? [el('p', {}, ...this.inline(cell.children, scope))] : [];
          return el(r === 0 ? 'th' : 'td', { class: align ? `align-${align}` : undefined }, ...content);
        }),
      ),
    );
    return el('table', {}, ...rows);
  }

  /** Inline content: text, `b`, `i`, `del`, `ref` and `a`, `img`, `eol`, notes. */
  private inline(nodes: readonly PhrasingContent[], scope: Scope): XmlNode[] {
    return nodes.flatMap((node) => this.phrasing(node, scope));
  }

  private phrasing(node: PhrasingContent, scope: Scope): XmlNode[] {
    switch (node.type) {
      case 'text':
        return [node.value];
      case 'emphasis':
        return [el('i', {}, ...this.inline(node.children, scope))];
      case 'strong':
        return [el('b', {}, ...this.inline(node.children, scope))];
      case 'delete':
        return [el('del', {}, ...this.inline(node.children, scope))];
      case 'inlineCode':
        return [el('inline', { name: 'code', 'xml:space': 'preserve' }, node.value)];
      case 'break':
        return [el('eol')];
      case 'link':
        return this.link(node.url, node.title, this.inline(node.children, scope));
      case 'linkReference': {
        const definition = scope.definitions.get(node.identifier);
        const children = this.inline(node.children, scope);
        return definition ? this.link(definition.url, definition.title, children) : children;
      }
      case 'image':
        return this.image(node.url, node.alt, node.title);
      case 'imageReference': {
        const definition = scope.definitions.get(node.identifier);
        return definition ? this.image(definition.url, node.alt, definition.title) : [node.alt ?? ''];
      }
      case 'footnoteReference':
        return [this.note(node.identifier, scope)];
      case 'html':
        return [];
      default: {
        // A node a future parser extension adds: its words, never dropped silently.
        const other = node as { children?: PhrasingContent[]; value?: unknown };
        if (other.children) return this.inline(other.children, scope);
        return typeof other.value === 'string' ? [other.value] : [];
      }
    }
  }

  /**
   * A link: to a practice or section of this edition, a `ref` to its eId; to a place that is not
   * in it, its words alone (the edition does the same with the links it resolves); else an `a`, or
   * its words alone when its URL cannot be written as a URI.
   */
  private link(url: string, title: string | null | undefined, children: XmlNode[]): XmlNode[] {
    if (url.startsWith('#')) {
      const target = this.targets.get(safeDecode(url.slice(1)));
      return target ? [el('ref', { href: `#${target}` }, ...children)] : children;
    }
    const href = anyUri(url);
    return href === undefined ? children : [el('a', { href, title: title ?? undefined }, ...children)];
  }

  /** An image, or its alternative text when its URL cannot be written as a URI. */
  private image(url: string, alt: string | null | undefined, title: string | null | undefined): XmlNode[] {
    const src = anyUri(url);
    return src === undefined ? [alt ?? ''] : [el('img', { src, alt: alt ?? '', title: title ?? undefined })];
  }

  /** A footnote, written where it is first called; a later call refers to it with a `noteRef`. */
  private note(identifier: string, scope: Scope): XmlElement {
    const written = scope.written.get(identifier);
    if (written) return el('noteRef', { href: `#${written}`, marker: identifier });
    const eId = `${scope.eId}__note_${++scope.notes}`;
    scope.written.set(identifier, eId);
    const definition = scope.footnotes.get(identifier);
    const body = definition ? this.blocks(definition.children, scope) : [];
    return el('authorialNote', { eId, marker: identifier, placement: 'bottom' }, ...(body.length > 0 ? body : [el('p')]));
  }
}

function safeDecode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** The Akoma Ntoso document of one edition, as its element tree. */
export function aknTree(edition: Edition, context: Pick<EmitContext, 'version'>): XmlElement {
  const document = new AknDocument(edition);
  return el('akomaNtoso', {}, el('doc', { name: DOCUMENT_NAME }, meta(edition, context), document.preface(), document.mainBody()));
}

/** The `akn` format: one Akoma Ntoso 3.0 XML document per edition. */
export const aknEmitter: Emitter = {
  format: 'akn',
  extension: 'akn.xml',
  async emit(edition, context) {
    return serialize(aknTree(edition, context));
  },
};
