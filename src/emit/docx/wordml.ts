import { languageOf, runStretches, xmlSafe, type RunFormat, type RunLanguage, type Script } from './text.js';

// The WordprocessingML elements gctf writes for draft content, as strings. Child elements are
// written in the order the schema (ECMA-376 Part 1, §17) requires, which Word enforces.

/** Text escaped for XML character data and attribute values, without the characters XML forbids. */
export function escapeXml(value: string): string {
  return xmlSafe(value).replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** A `w:t` of `text` (spaces kept). */
const textElement = (text: string) => `<w:t xml:space="preserve">${escapeXml(text)}</w:t>`;

/** What a run's properties can say. */
export interface RunProperties extends RunFormat, Partial<RunLanguage> {
  readonly noProof?: boolean;
}

function runProperties(p: RunProperties): string {
  let xml = '';
  if (p.style) xml += `<w:rStyle w:val="${escapeXml(p.style)}"/>`;
  if (p.bold) xml += '<w:b/><w:bCs/>';
  // Right-to-left script is never slanted (see `editionStyles`): no `w:iCs`.
  if (p.italics) xml += '<w:i/>';
  if (p.strike) xml += '<w:strike/>';
  if (p.noProof) xml += '<w:noProof/>';
  if (p.rtl) xml += '<w:rtl/>';
  if (p.lang) xml += `<w:lang${p.lang.val ? ` w:val="${p.lang.val}"` : ''}${p.lang.bidi ? ` w:bidi="${p.lang.bidi}"` : ''}/>`;
  return xml ? `<w:rPr>${xml}</w:rPr>` : '';
}

/** A run holding `content` (already XML: `w:t`, `w:br`, `w:fldChar`, …). */
export function run(content: string, properties: RunProperties = {}): string {
  return `<w:r>${runProperties(properties)}${content}</w:r>`;
}

/** A run of text. */
export function textRun(text: string, properties: RunProperties = {}): string {
  return run(textElement(text), properties);
}

/**
 * Runs for `text` in `script` with `format`, as `textRuns` writes them for docx: right-to-left
 * text split into stretches of one direction, line breaks as spaces, bold for both Latin and
 * complex-script letters, italic for Latin ones.
 */
export function textRunsXml(text: string, script: Script, format: RunFormat = {}): string {
  return runStretches(text, script)
    .map((stretch) => textRun(stretch.text, { ...format, ...languageOf(script, stretch.rtl) }))
    .join('');
}

/** What a paragraph's properties can say. */
export interface ParagraphProperties {
  readonly style?: string;
  /** Kept on the page of the next paragraph. */
  readonly keepNext?: boolean;
  readonly numbering?: { readonly level: number; readonly numId: number };
  /** A rule under the paragraph (a Markdown thematic break). */
  readonly bottomBorder?: boolean;
  /** `true`: right to left; `false`: explicitly left to right (in a right-to-left document). */
  readonly bidi?: boolean;
  /** Space above the paragraph, in twips, instead of its style's. */
  readonly spaceBefore?: number;
  readonly indentLeft?: number;
  readonly alignment?: 'start' | 'center' | 'end';
  /** The paragraph mark's run properties (`w:ins`/`w:del` of a tracked change), as XML. */
  readonly markProperties?: string;
}

/** A paragraph with `content` (runs, hyperlinks, bookmarks, as XML). */
export function paragraph(p: ParagraphProperties, content: string): string {
  let xml = '';
  if (p.style) xml += `<w:pStyle w:val="${escapeXml(p.style)}"/>`;
  if (p.keepNext) xml += '<w:keepNext/>';
  if (p.numbering) xml += `<w:numPr><w:ilvl w:val="${p.numbering.level}"/><w:numId w:val="${p.numbering.numId}"/></w:numPr>`;
  if (p.bottomBorder) xml += '<w:pBdr><w:bottom w:val="single" w:color="auto" w:sz="6" w:space="1"/></w:pBdr>';
  if (p.bidi !== undefined) xml += p.bidi ? '<w:bidi/>' : '<w:bidi w:val="false"/>';
  if (p.spaceBefore !== undefined) xml += `<w:spacing w:before="${p.spaceBefore}"/>`;
  if (p.indentLeft !== undefined) xml += `<w:ind w:left="${p.indentLeft}"/>`;
  if (p.alignment) xml += `<w:jc w:val="${p.alignment}"/>`;
  if (p.markProperties) xml += `<w:rPr>${p.markProperties}</w:rPr>`;
  return `<w:p>${xml ? `<w:pPr>${xml}</w:pPr>` : ''}${content}</w:p>`;
}

/**
 * `xml`, paragraphs and tables as `paragraph` writes them, with its last paragraph kept on the
 * page of the paragraph after it: each paragraph of its last row when it ends with a table, since
 * a table row keeps with the next paragraph when its paragraphs do.
 */
export function keepingLastWithNext(xml: string): string {
  const from = xml.endsWith('</w:tbl>') ? xml.lastIndexOf('<w:tr>') : xml.lastIndexOf('<w:p>');
  if (from < 0) return xml;
  const kept = xml
    .slice(from)
    .replace(/<w:p>(<w:pPr>(<w:pStyle [^>]*\/>)?)?/g, (_, pPr: string | undefined, style: string | undefined) => (pPr === undefined ? '<w:p><w:pPr><w:keepNext/></w:pPr>' : `<w:p><w:pPr>${style ?? ''}<w:keepNext/>`))
    .replaceAll('<w:keepNext/><w:keepNext/>', '<w:keepNext/>');
  return xml.slice(0, from) + kept;
}

/** A hyperlink to a bookmark of this document. */
export function internalHyperlink(anchor: string, content: string): string {
  return `<w:hyperlink w:anchor="${escapeXml(anchor)}" w:history="1">${content}</w:hyperlink>`;
}

/** A hyperlink through the relationship `relationshipId` (an external target). */
export function externalHyperlink(relationshipId: string, content: string): string {
  return `<w:hyperlink r:id="${relationshipId}" w:history="1">${content}</w:hyperlink>`;
}

/** `content` inside a bookmark named `name` with the numeric `id`. */
export function bookmark(id: number, name: string, content: string): string {
  return `<w:bookmarkStart w:id="${id}" w:name="${escapeXml(name)}"/>${content}<w:bookmarkEnd w:id="${id}"/>`;
}

/**
 * A complex field (`w:fldChar` begin, `w:instrText`, separate, result, end) with its result
 * already written, so that readers which never update fields show the right text, and Word,
 * which updates them on opening, recomputes it.
 */
export function complexFieldXml(instruction: string, result: string): string {
  return (
    run('<w:fldChar w:fldCharType="begin"/>') +
    run(`<w:instrText xml:space="preserve"> ${escapeXml(instruction)} </w:instrText>`) +
    run('<w:fldChar w:fldCharType="separate"/>') +
    result +
    run('<w:fldChar w:fldCharType="end"/>')
  );
}

/** Who made a tracked change, and when (ISO 8601, UTC). */
export interface RevisionAuthor {
  readonly author: string;
  readonly date: string;
}

/**
 * `runs` as a tracked insertion or deletion. Each stretch of adjacent runs becomes one `w:ins` or
 * `w:del` (with `w:delText` and `w:delInstrText` inside a deletion), numbered from `nextId`; what is
 * not a run (hyperlinks, bookmarks) stays around it, as the schema requires. Returns the XML and
 * the next free id.
 */
export function trackedRuns(kind: 'ins' | 'del', runs: string, revision: RevisionAuthor, nextId: number): { xml: string; nextId: number } {
  let id = nextId;
  const xml = runs.replace(/(?:<w:r(?:\s[^>]*)?>[\s\S]*?<\/w:r>)+/g, (stretch) => {
    const inner = kind === 'del' ? stretch.replace(/<(\/?)w:(t|instrText)\b/g, (_, slash: string, name: string) => `<${slash}w:${name === 't' ? 'delText' : 'delInstrText'}`) : stretch;
    return `<w:${kind} w:id="${id++}" w:author="${escapeXml(revision.author)}" w:date="${escapeXml(revision.date)}">${inner}</w:${kind}>`;
  });
  return { xml, nextId: id };
}

/** A paragraph mark's tracked insertion or deletion (`markProperties` of a paragraph). */
export function trackedMark(kind: 'ins' | 'del', revision: RevisionAuthor, id: number): string {
  return `<w:${kind} w:id="${id}" w:author="${escapeXml(revision.author)}" w:date="${escapeXml(revision.date)}"/>`;
}
