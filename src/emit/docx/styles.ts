import { strFromU8, unzipSync } from 'fflate';
import { wordLanguage } from './text.js';

/** The reference document under `templates/` (a framework may override it with its own). */
export const REFERENCE_DOCX = 'reference.docx';

/**
 * The styles the Word output uses, by their names in Word (what an editor sees in the Styles
 * pane) and the id each has in gctf's reference document. Built-in styles keep Word's own names
 * (`heading 1`), so that Word treats them as built-in in any UI language.
 */
export const STYLE_NAMES = {
  title: ['Title', 'Title'],
  subtitle: ['Subtitle', 'Subtitle'],
  coverDetails: ['Cover Details', 'CoverDetails'],
  draftNotice: ['Draft Notice', 'DraftNotice'],
  courtesyNote: ['Courtesy Note', 'CourtesyNote'],
  tocHeading: ['TOC Heading', 'TOCHeading'],
  heading1: ['heading 1', 'Heading1'],
  heading2: ['heading 2', 'Heading2'],
  heading3: ['heading 3', 'Heading3'],
  heading4: ['heading 4', 'Heading4'],
  heading5: ['heading 5', 'Heading5'],
  heading6: ['heading 6', 'Heading6'],
  bodyText: ['Body Text', 'BodyText'],
  statement: ['Statement', 'Statement'],
  translationNote: ['Translation Note', 'TranslationNote'],
  relatedPractices: ['Related Practices', 'RelatedPractices'],
  quote: ['Quote', 'Quote'],
  sourceCode: ['Source Code', 'SourceCode'],
  tableText: ['Table Text', 'TableText'],
  listParagraph: ['List Paragraph', 'ListParagraph'],
  footnoteText: ['footnote text', 'FootnoteText'],
  header: ['header', 'Header'],
  footer: ['footer', 'Footer'],
  footnoteReference: ['footnote reference', 'FootnoteReference'],
  hyperlink: ['Hyperlink', 'Hyperlink'],
  crossReference: ['Cross Reference', 'CrossReference'],
  verbatimChar: ['Verbatim Char', 'VerbatimChar'],
  table: ['Framework Table', 'FrameworkTable'],
} as const satisfies Record<string, readonly [string, string]>;

/** The style ids to write, by role. */
export type StyleIds = { readonly [K in keyof typeof STYLE_NAMES]: string };

/** A reference document's style sheet and the ids of the styles gctf uses in it. */
export interface ReferenceStyles {
  /** `word/styles.xml`, for docx's `externalStyles`. */
  readonly xml: string;
  readonly ids: StyleIds;
}

/** A style sheet larger than this is refused, so a hostile reference document cannot take all memory. */
const MAX_STYLES_BYTES = 16 * 1024 * 1024;

/** Reads `word/styles.xml` from a reference document (a .docx file's bytes); nothing else is inflated. */
export async function readReferenceStyles(bytes: Uint8Array): Promise<ReferenceStyles> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (file.name !== 'word/styles.xml') return false;
        if (file.originalSize > MAX_STYLES_BYTES) throw new Error(`its word/styles.xml is ${file.originalSize} bytes, more than the ${MAX_STYLES_BYTES} allowed`);
        return true;
      },
    });
  } catch (error) {
    throw new Error(`it is not a readable .docx (zip) file: ${(error as Error).message}`);
  }
  const data = files['word/styles.xml'];
  if (data === undefined) throw new Error('the reference document has no word/styles.xml');
  const xml = strFromU8(data);
  return { xml, ids: styleIds(xml) };
}

/**
 * The id of each style gctf uses, looked up by the style's name: Word saves a document with style
 * ids in its UI language (a French Word calls `heading 1` `Titre1`), so an editor's reference
 * document can have other ids than gctf's. A style missing from it keeps gctf's id (docx's own
 * default style, or Word's Normal).
 */
export function styleIds(xml: string): StyleIds {
  const byName = new Map<string, string>();
  for (const match of xml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = /\bw:styleId="([^"]*)"/.exec(match[1] ?? '')?.[1];
    const name = /<w:name\s+w:val="([^"]*)"/.exec(match[2] ?? '')?.[1];
    if (id !== undefined && name !== undefined) byName.set(name.toLowerCase(), id);
  }
  const entries = Object.entries(STYLE_NAMES).map(([role, [name, id]]) => [role, byName.get(name.toLowerCase()) ?? id]);
  return Object.fromEntries(entries) as StyleIds;
}

/**
 * The style sheet for one edition: the document defaults get the edition's language (what Word
 * proofs text against where a run says nothing) and, for a right-to-left edition, right-to-left
 * paragraphs, so the paragraphs Word and docx write themselves (the table of contents' entries,
 * the footnote separators) run right to left too. Widow and orphan control is on by default
 * (`w:widowControl`, unless the reference document's defaults say otherwise): Word and
 * LibreOffice then never leave one line of a paragraph alone at the foot or the head of a page.
 * No style sets right-to-left (complex-script) text in italics (`w:iCs`): Noto Naskh Arabic has
 * no italic face, so Word and LibreOffice would slant its letters, and Arabic type is not
 * italicized; Latin text keeps its italics (`w:i`). docx has no option for the defaults of an
 * external style sheet, so the XML is edited, in the schema's element order.
 */
export function editionStyles(xml: string, lang: string, rtl: boolean): string {
  const tag = wordLanguage(lang);
  const langAttributes = rtl ? ` w:bidi="${tag}"` : ` w:val="${tag}"`;
  let out = xml;
  if (!/<w:docDefaults>/.test(out)) out = out.replace(/(<w:styles\b[^>]*>)/, '$1<w:docDefaults></w:docDefaults>');
  if (/<w:docDefaults\/>/.test(out)) out = out.replace('<w:docDefaults/>', '<w:docDefaults></w:docDefaults>');
  out = withDefault(out, 'rPrDefault', 'rPr', (rPr) => {
    const existing = /<w:lang\b([^>]*?)\/>/.exec(rPr);
    if (!existing) return insertBefore(rPr, ['eastAsianLayout', 'specVanish', 'oMath'], `<w:lang${langAttributes}/>`);
    const attributes = (existing[1] ?? '').replace(rtl ? /\s+w:bidi="[^"]*"/ : /\s+w:val="[^"]*"/, '');
    return rPr.replace(existing[0], () => `<w:lang${attributes}${langAttributes}/>`);
  });
  out = withDefault(out, 'pPrDefault', 'pPr', (pPr) => (/<w:widowControl\b/.test(pPr) ? pPr : insertBefore(pPr, AFTER_WIDOW_CONTROL, '<w:widowControl/>')));
  out = out.replace(/<w:iCs(?:\s+w:val="(?:1|true|on)")?\s*\/>/g, '');
  if (rtl) {
    out = withDefault(out, 'pPrDefault', 'pPr', (pPr) =>
      /<w:bidi\b/.test(pPr)
        ? pPr.replace(/<w:bidi\b[^>]*\/>/, '<w:bidi/>')
        : insertBefore(pPr, ['adjustRightInd', 'snapToGrid', 'spacing', 'ind', 'contextualSpacing', 'mirrorIndents', 'suppressOverlap', 'jc', 'textDirection', 'textAlignment', 'textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle', 'rPr', 'sectPr', 'pPrChange'], '<w:bidi/>'),
    );
  }
  return out;
}

// CT_PPrBase's children after `w:widowControl`, which it must precede.
const AFTER_WIDOW_CONTROL = [
  'numPr',
  'suppressLineNumbers',
  'pBdr',
  'shd',
  'tabs',
  'suppressAutoHyphens',
  'kinsoku',
  'wordWrap',
  'overflowPunct',
  'topLinePunct',
  'autoSpaceDE',
  'autoSpaceDN',
  'bidi',
  'adjustRightInd',
  'snapToGrid',
  'spacing',
  'ind',
  'contextualSpacing',
  'mirrorIndents',
  'suppressOverlap',
  'jc',
  'textDirection',
  'textAlignment',
  'textboxTightWrap',
  'outlineLvl',
  'divId',
  'cnfStyle',
  'rPr',
  'sectPr',
  'pPrChange',
];

/**
 * The start (left) indent of the paragraph style `id`, in twips, or of the style it is based on:
 * 0 when none gives one.
 */
export function paragraphIndent(xml: string, id: string): number {
  const seen = new Set<string>();
  for (let at: string | undefined = id; at !== undefined && !seen.has(at); ) {
    seen.add(at);
    const name: string = at.replace(/[^A-Za-z0-9_-]/g, (c) => `\\${c}`);
    const body: string | undefined = new RegExp(`<w:style\\b[^>]*\\bw:styleId="${name}"[^>]*>([\\s\\S]*?)</w:style>`).exec(xml)?.[1];
    if (body === undefined) break;
    const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(body)?.[1] ?? '';
    const indent = /<w:ind\b[^>]*\bw:(?:left|start)="(-?\d+)"/.exec(pPr)?.[1];
    if (indent !== undefined) return Number(indent);
    at = /<w:basedOn w:val="([^"]*)"/.exec(body)?.[1];
  }
  return 0;
}

/** Applies `edit` to the inner XML of `docDefaults/<outer>/<inner>`, creating them when missing. */
function withDefault(xml: string, outer: 'rPrDefault' | 'pPrDefault', inner: 'rPr' | 'pPr', edit: (content: string) => string): string {
  let out = xml.replace(`<w:${outer}/>`, () => `<w:${outer}></w:${outer}>`);
  if (!out.includes(`<w:${outer}>`)) {
    // rPrDefault comes before pPrDefault.
    out =
      outer === 'rPrDefault'
        ? out.replace('<w:docDefaults>', () => `<w:docDefaults><w:${outer}></w:${outer}>`)
        : out.replace('</w:docDefaults>', () => `<w:${outer}></w:${outer}></w:docDefaults>`);
  }
  const start = out.indexOf(`<w:${outer}>`);
  const end = out.indexOf(`</w:${outer}>`, start);
  let block = out.slice(start, end);
  block = block.replace(`<w:${inner}/>`, () => `<w:${inner}></w:${inner}>`);
  if (!block.includes(`<w:${inner}>`)) block = `${block}<w:${inner}></w:${inner}>`;
  const innerStart = block.indexOf(`<w:${inner}>`) + `<w:${inner}>`.length;
  const innerEnd = block.indexOf(`</w:${inner}>`, innerStart);
  block = block.slice(0, innerStart) + edit(block.slice(innerStart, innerEnd)) + block.slice(innerEnd);
  return out.slice(0, start) + block + out.slice(end);
}

/** Inserts `insertion` before the first of `later` elements in `content`, else at its end. */
function insertBefore(content: string, later: readonly string[], insertion: string): string {
  const positions = later.map((name) => content.search(new RegExp(`<w:${name}\\b`))).filter((i) => i >= 0);
  const at = positions.length > 0 ? Math.min(...positions) : content.length;
  return content.slice(0, at) + insertion + content.slice(at);
}
