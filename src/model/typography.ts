import type { FootnoteDefinition, Link, Parent as MdastParent, Root, Text } from 'mdast';
import { retext } from 'retext';
import retextSmartypants from 'retext-smartypants';
import type { Node, Parent } from 'unist';

/**
 * How text is set in a language: its quotation marks and apostrophes, and French spacing. The
 * edition sets its text with this once, from the straight characters drafters type (the drafts
 * stay as they are), so that every format writes the same typography.
 *
 * Quotes and apostrophes are retext-smartypants', run over the text of a whole tree as one string
 * (so that a quote opened in one text and closed after a link or a bold word pairs up), the way
 * remark-smartypants does it; inline code, code blocks and URLs are never touched. The adapter is
 * ours, not remark-smartypants: that one also parses every text node a second time, for nothing
 * when only quotes are wanted. Measured on the 102 drafts of the bundled framework (two busy
 * cores): 490–650 ms with remark-smartypants, 145–220 ms this way; and a tree with no straight
 * quote is not parsed at all. French spacing is written by hand below: no well-kept library sets it.
 */
export interface Typesetter {
  /** Sets every text of a tree in place: paragraphs, headings, table cells, footnotes. */
  tree(root: Root | FootnoteDefinition): void;
  /** A single line: a title, a label, a message. */
  text(value: string): string;
  /** What a label is followed by before what it introduces: `:`, or `\u00A0:` in French. */
  readonly colon: string;
}

/** U+202F NARROW NO-BREAK SPACE: French sets it inside « » and before ; ! ?. */
export const NARROW_NO_BREAK_SPACE = '\u202F';
/** U+00A0 NO-BREAK SPACE: French sets it before a colon (Lexique des règles typographiques). */
export const NO_BREAK_SPACE = '\u00A0';

interface QuoteMarks {
  readonly openingQuotes: { double: string; single: string };
  readonly closingQuotes: { double: string; single: string };
}

/** Quotation marks by primary language subtag; English's for every language not listed. */
const QUOTES: Readonly<Record<string, QuoteMarks>> = {
  en: { openingQuotes: { double: '“', single: '‘' }, closingQuotes: { double: '”', single: '’' } },
  // The closing single quote is also the apostrophe (l’intervention), so it stays ’.
  fr: { openingQuotes: { double: '«', single: '‘' }, closingQuotes: { double: '»', single: '’' } },
  // Arabic quotes with guillemets, which mirror in right-to-left text; its own punctuation
  // (، ؛ ؟) is left as drafted.
  ar: { openingQuotes: { double: '«', single: '‘' }, closingQuotes: { double: '»', single: '’' } },
};

/**
 * A date's day, month and year, by primary language subtag: the spaces between them become
 * no-break spaces, so that "25 June 2018" or "septembre 2018" never breaks across lines.
 */
const DATES: Readonly<Record<string, RegExp>> = {
  en: /\b(?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|November|December)(?: \d{1,2},)?(?: \d{4})?\b/g,
  fr: /(?<![\p{L}\p{N}])(?:\d{1,2}(?:er)?(?: et \d{1,2})? )?(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)(?: \d{4})?(?![\p{L}\p{N}])/gu,
  // The Levantine month name, and the other after a slash (حزيران/يونيه): a break is left at the slash.
  ar: /(?<![\p{L}\p{N}])(?:و?\d{1,2}(?: و\d{1,2})? )?(?:كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول)(?:\/[\u0621-\u064A]+)?(?: \d{4})?(?![\p{L}\p{N}])/gu,
};

const primary = (lang: string) => lang.split('-')[0]?.toLowerCase() ?? '';

const typesetters = new Map<string, Typesetter>();

/** The typesetter of a language (made once per language). */
export function typesetterFor(lang: string): Typesetter {
  const key = primary(lang);
  let typesetter = typesetters.get(key);
  if (!typesetter) {
    typesetter = makeTypesetter(key);
    typesetters.set(key, typesetter);
  }
  return typesetter;
}

function makeTypesetter(lang: string): Typesetter {
  const quotes = QUOTES[lang] ?? (QUOTES.en as QuoteMarks);
  // Quotes only: dashes, ellipses and backticks are left as drafted. Quotes are replaced one
  // character for one, so the result can be cut back into the texts it was joined from.
  const smartypants = retext().use(retextSmartypants, { ...quotes, dashes: false, ellipses: false, backticks: false }).freeze();
  const french = lang === 'fr';
  const arabic = lang === 'ar';
  const dates = DATES[primary(lang)];
  const tree = (root: Root | FootnoteDefinition) => {
    const protectedTexts = protectUrls(root);
    if (arabic) forEachBlockText(root, openArabicQuotes);
    smartQuotes(root, (joined) => String(smartypants.processSync(joined)));
    for (const node of protectedTexts) (node as Node).type = 'text';
    if (french) {
      forEachBlockText(root, frenchSpacing);
      callNotesBeforePunctuation(root);
    }
    if (dates) forEachBlockText(root, (value) => keepDatesTogether(value, dates));
  };
  return {
    tree,
    text(value) {
      if (!/["'«»;:!?]/.test(value) && !(dates && value.search(dates) !== -1)) return value;
      const root: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value }] }] };
      tree(root);
      const paragraph = root.children[0] as MdastParent;
      return (paragraph.children[0] as Text).value;
    },
    colon: french ? `${NO_BREAK_SPACE}:` : ':',
  };
}

/**
 * Hides the words of links that spell their own URL (`<https://…>`, `www.…`) from smartypants,
 * as inline code, which it skips; returns them to be turned back into text.
 */
function protectUrls(root: Node): Text[] {
  const hidden: Text[] = [];
  const walk = (node: Node) => {
    if (node.type === 'link') {
      const link = node as Link;
      for (const child of link.children) {
        if (child.type === 'text' && child.value.length > 3 && link.url.includes(child.value)) {
          (child as Node).type = 'inlineCode';
          hidden.push(child);
        }
      }
    }
    if ('children' in node) for (const child of (node as Parent).children) walk(child);
  };
  walk(root);
  return hidden;
}

const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * Joins every text of a tree into one string, in reading order: a space where a block starts (a
 * quote there opens), inline code as as many letters as it has characters (it reads as a word and
 * is never changed); hands it to `set`, and cuts the result back into the texts.
 */
function smartQuotes(root: Node, set: (joined: string) => string): void {
  let joined = '';
  const walk = (node: Node) => {
    if (node.type === 'text') {
      joined += (node as Text).value;
    } else if (node.type === 'inlineCode') {
      joined += 'A'.repeat((node as Text).value.length);
    } else if ('children' in node) {
      if (BLOCKS.has(node.type)) joined += ' ';
      for (const child of (node as Parent).children) walk(child);
    }
  };
  walk(root);
  if (!/["']/.test(joined)) return;
  const result = set(joined);
  // A length that changed would cut the texts wrong: keep them as they were instead.
  if (result.length !== joined.length) return;
  let at = 0;
  const next = (node: Node) => {
    if (node.type === 'text') {
      const text = node as Text;
      text.value = result.slice(at, at + text.value.length);
      at += text.value.length;
    } else if (node.type === 'inlineCode') {
      at += (node as Text).value.length;
    } else if ('children' in node) {
      if (BLOCKS.has(node.type)) at += 1;
      for (const child of (node as Parent).children) next(child);
    }
  };
  next(root);
}

/**
 * Calls `set` on each text node of each block, in reading order, with the character that comes
 * before it in its block ('' at the block's start). Inline code and the words of links that spell
 * their URL are passed over (they still count as what comes before).
 */
function forEachBlockText(root: Node, set: (value: string, before: string) => string): void {
  const inBlock = (node: Node, state: { before: string }) => {
    if (node.type === 'text') {
      const text = node as Text;
      text.value = set(text.value, state.before);
      state.before = text.value.slice(-1) || state.before;
    } else if (node.type === 'inlineCode') {
      state.before = 'x';
    } else if (node.type === 'link') {
      const link = node as Link;
      for (const child of link.children) {
        if (child.type === 'text' && child.value.length > 3 && link.url.includes(child.value)) state.before = child.value.slice(-1);
        else inBlock(child, state);
      }
    } else if (node.type === 'footnoteReference' || node.type === 'image') {
      state.before = 'x';
    } else if (node.type === 'break') {
      state.before = ' ';
    } else if ('children' in node) {
      for (const child of (node as Parent).children) inBlock(child, state);
    }
  };
  const walk = (node: Node) => {
    if (BLOCKS.has(node.type)) inBlock(node, { before: '' });
    else if (node.type !== 'code' && 'children' in node) for (const child of (node as Parent).children) walk(child);
  };
  walk(root);
}

/**
 * Arabic writes its one-letter words (و ب ل ف ك, and بـ) joined to the word they precede, a quoted
 * one too: `و"اجتثاث`. Smartypants takes a quote after a letter for a closing one (or an
 * apostrophe, which Arabic script does not use), so a double quote between an Arabic letter (or
 * tatweel) and a letter is opened here first.
 */
function openArabicQuotes(value: string): string {
  return value.replace(/(?<=[\u0621-\u064A\u0640])"(?=\p{L})/gu, () => '«');
}

const SPACE = '[ \\t\\u00A0\\u202F]';
const OPENING_GUILLEMET = new RegExp(`«${SPACE}*`, 'g');
const CLOSING_GUILLEMET = new RegExp(`${SPACE}*»`, 'g');
/** A run of ; ! ? or a colon, with the spaces before it and what comes after. */
const HIGH_PUNCTUATION = new RegExp(`(${SPACE}*)([;!?]+|:)(?=(.?))`, 'gu');

/**
 * French spacing: U+202F inside « » and before ; ! ?, U+00A0 before a colon. A space drafted
 * there becomes the no-break one; where none was drafted, one is added only when the mark ends a
 * word (followed by a space or the end of the text), so `10:30`, `3:1` or `?q=` stay as they are.
 */
export function frenchSpacing(value: string, before = ''): string {
  const spaced = value
    .replace(OPENING_GUILLEMET, () => `«${NARROW_NO_BREAK_SPACE}`)
    .replace(CLOSING_GUILLEMET, (match, offset: number) => (offset === 0 && before === '' ? '»' : `${NARROW_NO_BREAK_SPACE}»`));
  return spaced.replace(HIGH_PUNCTUATION, (whole: string, spaces: string, mark: string, after: string, offset: number) => {
    const space = mark === ':' ? NO_BREAK_SPACE : NARROW_NO_BREAK_SPACE;
    const previous = offset > 0 ? spaced[offset - 1] : before;
    if (spaces !== '') return `${space}${mark}`;
    // At the start of the text or of its block, or with nothing before it to set apart.
    if (previous === undefined || previous === '' || /\s/.test(previous)) return whole;
    // Glued to what follows (`10:30`, `?q=`): not a mark of the sentence.
    if (after !== '' && !/[\s)\]»”’.,]/u.test(after)) return whole;
    return `${space}${mark}`;
  });
}

/** `value` with the spaces inside each date `dates` finds made no-break spaces. */
function keepDatesTogether(value: string, dates: RegExp): string {
  return value.replace(dates, (date: string) => date.replace(/ /g, () => NO_BREAK_SPACE));
}

/** Sentence punctuation at the end of a text, with the spaces French sets before some of it. */
const TRAILING_PUNCTUATION = /[ \u00A0\u202F]*[.,;:!?…]+$/u;

/**
 * French calls a note before the punctuation that ends the word it annotates ("pays¹." and
 * "attentif¹¹ :", not "pays.¹" or "attentif :¹¹"): the punctuation a drafter typed before a
 * footnote reference is moved after it (and after a run of references). The draft stays as it is.
 */
function callNotesBeforePunctuation(root: Node): void {
  const walk = (node: Node) => {
    if (!('children' in node)) return;
    const children = (node as Parent).children;
    for (let i = 1; i < children.length; i++) {
      const previous = children[i - 1] as Node;
      if (children[i]?.type !== 'footnoteReference' || previous.type !== 'text') continue;
      const text = previous as Text;
      const punctuation = TRAILING_PUNCTUATION.exec(text.value)?.[0];
      // Punctuation alone after a link or emphasis (`[…](#id).[^1]`) moves too: the call then
      // follows the link's last word.
      if (!punctuation || (punctuation === text.value && i < 2)) continue;
      text.value = text.value.slice(0, -punctuation.length);
      let end = i + 1;
      while (children[end]?.type === 'footnoteReference') end++;
      const next = children[end];
      if (next?.type === 'text') (next as Text).value = punctuation + (next as Text).value;
      else children.splice(end, 0, { type: 'text', value: punctuation } as Text);
      if (text.value === '') {
        children.splice(i - 1, 1);
        i--;
      }
    }
    for (const child of children) walk(child);
  };
  walk(root);
}
