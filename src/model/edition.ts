import type { FootnoteDefinition, Link, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { pick } from './build-model.js';
import { buildInstant, formatDate, joinList, listParts, type ListPart } from './localize.js';
import { format, isRightToLeft, type Messages } from './messages.js';
import type { Draft, FrameworkModel, Part, Practice, Section } from './types.js';
import { typesetterFor, type Typesetter } from './typography.js';
import { decodeFragment } from '../text/fragment.js';

/** A practice as one language edition shows it: numbered, labelled, references resolved. */
export interface EditionPractice {
  readonly id: string;
  readonly number: number;
  /** `Good Practice 7`, in the edition's language. */
  readonly label: string;
  /** The label without its number: `Good Practice` (Word numbers it with a field). */
  readonly prefix: string;
  readonly title: string;
  /** `Good Practice 7: Build trust…`: its heading and contents entry. */
  readonly heading: string;
  readonly status: Practice['status'];
  readonly tags: readonly string[];
  readonly related: readonly { readonly id: string; readonly label: string }[];
  /** The related practices as the language lists them: a practice (by its index in `related`) or the words between. */
  readonly relatedList: readonly ListPart[];
  readonly section: string;
  /** The first paragraph: the practice's statement. */
  readonly statement: Paragraph | undefined;
  /** Everything after the statement, with references resolved and footnotes renumbered. */
  readonly body: readonly RootContent[];
  /** Its footnotes, numbered through the whole document, in call order. */
  readonly footnotes: readonly FootnoteDefinition[];
  /** The language its text is in: the edition's, or the authoritative one when untranslated. */
  readonly textLang: string;
  /** The direction of that language. */
  readonly textDir: 'ltr' | 'rtl';
  readonly untranslated: boolean;
  /** The draft it was taken from, relative to the framework folder (for error messages). */
  readonly file: string;
}

/** A front or back part, or a section's introduction, as one edition shows it. */
export interface EditionPart {
  readonly id: string;
  readonly title: string;
  readonly body: readonly RootContent[];
  readonly footnotes: readonly FootnoteDefinition[];
  readonly textLang: string;
  readonly textDir: 'ltr' | 'rtl';
  readonly untranslated: boolean;
  readonly file: string;
}

export interface EditionSection {
  readonly id: string;
  readonly number: number;
  readonly numeral: string;
  /** `Section I`, in the edition's language. */
  readonly label: string;
  readonly title: string;
  /** `I. Prevention`: its heading and contents entry. */
  readonly heading: string;
  readonly intro: EditionPart | undefined;
  readonly practices: readonly EditionPractice[];
}

/** The cover's metadata, in the edition's language. */
export interface EditionMetadata {
  readonly title: string;
  readonly subtitle: string | undefined;
  /** The title running headers show: the manifest's `short-title`, else the title. */
  readonly shortTitle: string;
  readonly initiative: string | undefined;
  readonly workingGroup: string | undefined;
  readonly coLeads: readonly string[];
  /** The co-leads as the language lists them: `United States and Morocco`. */
  readonly coLeadsText: string | undefined;
  /** The same, as parts: a co-lead (by its index in `coLeads`) or the words between. */
  readonly coLeadsList: readonly ListPart[];
  /** `YYYY-MM-DD`, from the manifest. */
  readonly adopted: string | undefined;
  /** The adoption date as the language writes it: `26 September 2018`. */
  readonly adoptedText: string | undefined;
  readonly meeting: string | undefined;
  readonly slug: string;
  readonly status: 'draft' | 'final';
}

/**
 * One language edition of the document: everything an emitter needs, resolved from the model.
 * Emitters read only this; it holds no file handle and reads nothing.
 */
export interface Edition {
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  readonly authoritativeLanguage: string;
  readonly isAuthoritative: boolean;
  /** The fixed strings, typeset in the edition's language (see `typography.ts`). */
  readonly messages: Messages;
  /**
   * What follows a label before the text it introduces (`Related practices: …`): `:`, or
   * `\u00A0:` in French. Emitters write it after every label they compose themselves.
   */
  readonly colon: string;
  readonly metadata: EditionMetadata;
  /** The courtesy-translation note, for a non-authoritative edition. */
  readonly courtesyNote: string | undefined;
  readonly front: readonly EditionPart[];
  readonly sections: readonly EditionSection[];
  readonly back: readonly EditionPart[];
  /** Every practice in document order. */
  readonly practices: readonly EditionPractice[];
  /** Practices shown from the authoritative text because they lack a translation. */
  readonly untranslatedCount: number;
  /**
   * The document's keywords, as its metadata lists them: the sections' titles, in order. (Every
   * practice's tag, sixty in the bundled framework, said nothing a reader searches for.)
   */
  readonly keywords: readonly string[];
  /**
   * Whether the numbers of labels (`Good Practice 11`), references and footnote marks are set
   * apart from their neighbours as bidirectional isolates (`<bdi>`, U+2068…U+2069): in a
   * right-to-left edition, where "Good Practice 11" followed by a full stop and note 12 would
   * otherwise be read by the bidirectional algorithm as one number, "11.12".
   */
  readonly isolateNumbers: boolean;
  /**
   * The deepest heading level every contents lists: 2 (sections and their practices), or 1
   * (sections only) when the framework has more than `MAX_PRACTICES_IN_CONTENTS` practices. A
   * contents is read while it stays short; the PDF's bookmarks and the HTML's anchors still reach
   * every practice.
   */
  readonly contentsDepth: 1 | 2;
  /**
   * The only date a build stamps, as ISO 8601: `SOURCE_DATE_EPOCH`'s, so that rebuilds stay
   * byte-identical; undefined when it is not set.
   */
  readonly buildDate: string | undefined;
}

/** What an edition takes besides the model and the messages. */
export interface EditionOptions {
  /** Seconds since 1970, from `SOURCE_DATE_EPOCH`. */
  readonly sourceDateEpoch?: number;
}

/**
 * The most practices a contents lists: at about forty entries a page, five pages. Beyond it the
 * contents list sections only (typesetting a thousand-practice contents also cost the PDF some
 * 40 MB of memory for every thousand entries).
 */
export const MAX_PRACTICES_IN_CONTENTS = 200;

const directionOf = (lang: string): 'ltr' | 'rtl' => (isRightToLeft(lang) ? 'rtl' : 'ltr');

/** The text of `item` in `lang`: its translation, else the authoritative draft. */
function textOf(item: Practice | Part, lang: string, authoritative: string) {
  const translation = lang === authoritative ? undefined : item.translations.get(lang);
  if (translation) return { draft: translation.draft, title: translation.title ?? item.title, textLang: lang, untranslated: false };
  return { draft: item.draft, title: item.title, textLang: authoritative, untranslated: lang !== authoritative };
}

/**
 * Builds the edition of `model` in `lang`, with the fixed strings from `messages`. Every text it
 * holds (draft text, titles, headings, labels, messages) is typeset in its language: curly quotes
 * and apostrophes, French spacing; inline code, code blocks and URLs are left as drafted.
 */
export function buildEdition(model: FrameworkModel, lang: string, untypesetMessages: Messages, options: EditionOptions = {}): Edition {
  const typeset = typesetterFor(lang);
  const messages = typesetMessages(untypesetMessages, typeset);
  const meta = model.metadata;
  const authoritative = meta.language;
  const prefix = model.metadata.numbering.prefix[lang] ?? (lang === authoritative ? pick(meta.numbering.prefix, lang, authoritative) : messages.prefix);
  const practiceLabel = (n: number) => `${prefix} ${n}`;
  const sectionLabel = (s: Section) => `${messages.section} ${s.numeral}`;
  let footnoteCounter = 0;

  const resolve = (draft: Draft, textTypeset: Typesetter) => {
    const tree = copyContent(draft.tree);
    const definitions = takeFootnoteDefinitions(tree);
    const numbers = new Map<string, number>();
    const called: string[] = [];
    // One walk for the body and for every footnote it calls, so that nothing inside a footnote
    // escapes what the body gets: raw HTML dropped, references resolved, unsafe links and remote
    // images disarmed, footnotes called from footnotes numbered.
    const rewrite = (root: Root | FootnoteDefinition) =>
      visit(root, (node, index, parent) => {
        if (node.type === 'html' && parent && index !== undefined) {
          // Raw HTML never reaches an output (the raw-html rule says so to the drafter).
          parent.children.splice(index, 1);
          return [SKIP, index];
        }
        if (node.type === 'footnoteReference') {
          let n = numbers.get(node.identifier);
          if (n === undefined) {
            n = ++footnoteCounter;
            numbers.set(node.identifier, n);
            called.push(node.identifier);
          }
          node.identifier = String(n);
          node.label = String(n);
        }
        if (node.type === 'definition' && !isSafeUrl(node.url) && parent && index !== undefined) {
          parent.children.splice(index, 1);
          return [SKIP, index];
        }
        if (node.type === 'image' && parent && index !== undefined && hasScheme(node.url)) {
          // Nothing is fetched to show a page: a remote image becomes a link to it (an unsafe one,
          // its words alone), with its alternative text as the words.
          const words: PhrasingContent[] = [{ type: 'text', value: node.alt || node.url }];
          const replacement = isSafeUrl(node.url) ? [{ type: 'link' as const, url: node.url, title: node.title ?? null, children: words }] : words;
          parent.children.splice(index, 1, ...(replacement as typeof parent.children));
          return [SKIP, index + 1];
        }
        if (node.type === 'link' && parent && index !== undefined) {
          const keep = node.url.startsWith('#') ? resolveLink(node) : isSafeUrl(node.url);
          if (!keep) {
            // A target outside this edition (unknown, withdrawn, excluded), or a link that could run
            // code (`javascript:`, `data:`): keep the words, drop the link. `gctf check` reports
            // the unknown targets; a build with errors stops before it gets here.
            const words = node.children.length > 0 ? node.children : [{ type: 'text' as const, value: node.url.startsWith('#') ? node.url.slice(1) : '' }];
            parent.children.splice(index, 1, ...(words as typeof parent.children));
            return [SKIP, index];
          }
        }
        return undefined;
      });
    rewrite(tree);
    const footnotes: FootnoteDefinition[] = [];
    // `called` grows while footnotes are rewritten: a footnote called from a footnote comes next.
    for (let i = 0; i < called.length; i++) {
      const identifier = called[i] as string;
      const definition = definitions.get(identifier);
      if (!definition) continue;
      rewrite(definition);
      const n = String(numbers.get(identifier));
      footnotes.push({ ...definition, identifier: n, label: n });
    }
    footnotes.sort((a, b) => Number(a.identifier) - Number(b.identifier));
    textTypeset.tree(tree);
    for (const footnote of footnotes) textTypeset.tree(footnote);
    markTableCaptions(tree);
    return { tree, footnotes };
  };

  /** Resolves a `#id` link in place; false when it names nothing in this edition. */
  const resolveLink = (link: Link): boolean => {
    const id = decodeFragment(link.url.slice(1));
    const target = model.index.get(id);
    let label: string | undefined;
    if (target?.kind === 'practice' && target.number !== undefined) label = practiceLabel(target.number);
    else if (target?.kind === 'section') label = sectionLabel(target);
    if (label === undefined) return false;
    const empty = link.children.every((c) => c.type === 'text' && c.value.trim() === '');
    link.url = `#${id}`;
    if (empty) link.children = [{ type: 'text', value: label }];
    link.data = { ...link.data, reference: { kind: target?.kind, id, label }, hProperties: { className: ['xref'] } } as Link['data'];
    return true;
  };

  const part = (item: Part): EditionPart => {
    const text = textOf(item, lang, authoritative);
    const textTypeset = typesetterFor(text.textLang);
    const { tree, footnotes } = resolve(text.draft, textTypeset);
    return { id: item.id, title: textTypeset.text(text.title), body: tree.children, footnotes, textLang: text.textLang, textDir: directionOf(text.textLang), untranslated: text.untranslated, file: text.draft.file.path };
  };

  const practice = (item: Practice): EditionPractice => {
    const text = textOf(item, lang, authoritative);
    const textTypeset = typesetterFor(text.textLang);
    const { tree, footnotes } = resolve(text.draft, textTypeset);
    const title = textTypeset.text(text.title);
    const [first, ...rest] = tree.children;
    const statement = first?.type === 'paragraph' ? first : undefined;
    const label = practiceLabel(item.number ?? 0);
    const related = item.related.flatMap((id) => {
      const target = model.index.get(id);
      return target?.kind === 'practice' && target.number !== undefined ? [{ id, label: practiceLabel(target.number) }] : [];
    });
    return {
      id: item.id,
      number: item.number ?? 0,
      label,
      prefix,
      title,
      heading: `${label}${typeset.colon} ${title}`,
      status: item.status,
      tags: item.tags,
      related,
      relatedList: listParts(related.length, lang, 'unit'),
      section: item.section,
      statement,
      body: statement ? rest : tree.children,
      footnotes,
      textLang: text.textLang,
      textDir: directionOf(text.textLang),
      untranslated: text.untranslated,
      file: text.draft.file.path,
    };
  };

  const front = model.front.map(part);
  const sections = model.sections.map((s) => ({
    id: s.id,
    number: s.number,
    numeral: s.numeral,
    label: sectionLabel(s),
    title: typeset.text(pick(s.title, lang, authoritative)),
    heading: `${s.numeral}. ${typeset.text(pick(s.title, lang, authoritative))}`,
    intro: s.intro ? part(s.intro) : undefined,
    practices: s.practices.map(practice),
  }));
  const back = model.back.map(part);
  const practices = sections.flatMap((s) => s.practices);
  const localizedOf = (text: Readonly<Record<string, string>> | undefined) => (text ? typeset.text(pick(text, lang, authoritative)) : undefined);
  const coLeads = meta.coLeads.map((name) => typeset.text(pick(name, lang, authoritative)));
  const names = { language: messages.languages[lang] ?? lang, authoritative: messages.languages[authoritative] ?? authoritative };
  return {
    lang,
    dir: directionOf(lang),
    authoritativeLanguage: authoritative,
    isAuthoritative: lang === authoritative,
    messages: { ...messages, untranslated: format(messages.untranslated, names) },
    colon: typeset.colon,
    metadata: {
      title: typeset.text(pick(meta.title, lang, authoritative)),
      subtitle: localizedOf(meta.subtitle),
      shortTitle: typeset.text(meta.shortTitle?.[lang] ?? pick(meta.title, lang, authoritative)),
      initiative: localizedOf(meta.initiative),
      workingGroup: localizedOf(meta.workingGroup),
      coLeads,
      coLeadsText: coLeads.length > 0 ? joinList(coLeads, lang) : undefined,
      coLeadsList: listParts(meta.coLeads.length, lang, 'conjunction'),
      adopted: meta.adopted,
      adoptedText: meta.adopted ? formatDate(meta.adopted, lang) : undefined,
      meeting: localizedOf(meta.meeting),
      slug: meta.slug,
      status: meta.status,
    },
    courtesyNote: lang === authoritative ? undefined : format(messages.courtesy, names),
    front,
    sections,
    back,
    practices,
    untranslatedCount: practices.filter((p) => p.untranslated).length,
    keywords: sections.map((s) => s.title),
    isolateNumbers: directionOf(lang) === 'rtl',
    contentsDepth: practices.length > MAX_PRACTICES_IN_CONTENTS ? 1 : 2,
    buildDate: buildInstant(options.sourceDateEpoch),
  };
}

/** Every string of a message catalogue typeset in its language (`Projet\u00A0: ne pas diffuser`). */
function typesetMessages(messages: Messages, typeset: Typesetter): Messages {
  const strings = Object.entries(messages).map(([key, value]) => [key, typeof value === 'string' ? typeset.text(value) : value]);
  return Object.fromEntries(strings) as Messages;
}

/** What opens a table's caption, pandoc's way: `Table:` or a colon alone. */
const CAPTION_PREFIX = /^(?:Table)?\s*:\s+/;

/**
 * Marks each table's caption: a paragraph right after (else right before) the table that opens
 * with `Table:` or `:`, as pandoc reads Markdown. The paragraph stays in place, its `data` marked
 * `tableCaption`, so a format without captions still shows its words; the table's `data.caption`
 * holds those words without the prefix, for the formats that set a caption.
 */
function markTableCaptions(tree: Root): void {
  visit(tree, 'table', (table: Table, index, parent) => {
    if (!parent || index === undefined) return;
    for (const at of [index + 1, index - 1]) {
      const candidate = parent.children[at];
      if (candidate?.type !== 'paragraph' || (candidate.data as { tableCaption?: boolean } | undefined)?.tableCaption) continue;
      const first = candidate.children[0];
      const prefix = first?.type === 'text' ? CAPTION_PREFIX.exec(first.value) : null;
      if (first?.type !== 'text' || !prefix) continue;
      candidate.data = { ...candidate.data, tableCaption: true } as Paragraph['data'];
      const words: PhrasingContent[] = [{ ...first, value: first.value.slice(prefix[0].length) }, ...candidate.children.slice(1)];
      table.data = { ...table.data, caption: words } as Table['data'];
      return;
    }
  });
}

/**
 * Takes every footnote definition out of a tree, those nested in other definitions too, by
 * identifier (the first of a name wins, as in GFM).
 */
function takeFootnoteDefinitions(tree: Root | FootnoteDefinition): Map<string, FootnoteDefinition> {
  const definitions = new Map<string, FootnoteDefinition>();
  const take = (root: Root | FootnoteDefinition) =>
    visit(root, 'footnoteDefinition', (node, index, parent) => {
      if (!parent || index === undefined) return undefined;
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
      parent.children.splice(index, 1);
      take(node);
      return [SKIP, index];
    });
  take(tree);
  return definitions;
}

/** Schemes a published link may carry, as rehype-sanitize allows them in `href`. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel', 'xmpp', 'irc', 'ircs']);

/** Whether a URL starts with a scheme (`https:`, `javascript:`), browsers' way: controls and spaces ignored. */
function hasScheme(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url.replace(/[\u0000-\u0020]/g, ''));
}

/** A relative URL, a fragment, or one whose scheme is in `SAFE_SCHEMES`. */
export function isSafeUrl(url: string): boolean {
  const compact = url.replace(/[\u0000-\u0020]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return scheme === null || SAFE_SCHEMES.has((scheme[1] as string).toLowerCase());
}

/**
 * A deep copy of a draft's tree for an edition to change, without the nodes' `position`s: outputs
 * never point into drafts (`gctf check` does, from the model), and positions are half of a tree's
 * objects, so an edition takes half the memory and half the time a `structuredClone` would.
 */
export function copyContent<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyContent) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (key !== 'position') copy[key] = copyContent(field);
  return copy as T;
}
