import { Packer, type Document } from 'docx';
import { unzipSync } from 'fflate';
import { ZipFile } from 'yazl';
import { xmlSafe } from './text.js';
import { escapeXml } from './wordml.js';

/** What the finished package must say that docx cannot be told. */
export interface PackageOptions {
  /**
   * The document's date, written in the core properties (created, modified) and the zip entries.
   * Without one, the core properties give no date, and the zip entries the earliest they can hold.
   */
  readonly date: Date | undefined;
  /** The document's language, as `dc:language`. */
  readonly language: string;
  /** Whether the document's sections run right to left. */
  readonly rtl: boolean;
}

/** The earliest date a zip entry can hold (MS-DOS time): what a zip entry says when a build gives no date. */
export const ZIP_EPOCH = new Date(Date.UTC(1980, 0, 1));

/** The files of a Word package by their paths: XML parts as text, the rest (theme, fonts) as bytes. */
export type PackageParts = Map<string, string | Uint8Array>;

type PartsCompiler = { compile(file: Document, prettify: undefined, overrides: never[]): Map<string, string | Uint8Array> };

/**
 * The parts of docx's package for `document`, before they are zipped. docx's `Packer` zips them
 * with a JavaScript deflate and `finishPackage` would only unzip them again to make its changes:
 * taking the parts from the compiler the packer uses saves both (a third of the Word output's
 * time). Should a docx release move that compiler, the packed file is unzipped instead.
 */
export async function packageParts(document: Document): Promise<PackageParts> {
  const compiler = (Packer as unknown as { compiler?: Partial<PartsCompiler> }).compiler;
  if (typeof compiler?.compile === 'function') return compiler.compile(document, undefined, []);
  const files = unzipSync(await Packer.toBuffer(document));
  return new Map(Object.entries(files).map(([name, bytes]) => [name, /\.(xml|rels)$/.test(name) ? new TextDecoder().decode(bytes) : bytes]));
}

/** What gctf writes into docx's package: the bodies docx holds placeholders for, footnotes, lists, links. */
export interface PackageContent {
  readonly bodies: readonly string[];
  /** Body `i`'s placeholder paragraph holds the text `${marker}${i}`. */
  readonly marker: string;
  readonly footnotes: string;
  readonly numbering: string;
  readonly links: readonly { readonly id: string; readonly url: string; readonly part: 'document' | 'footnotes' }[];
}

const HYPERLINK = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';

/**
 * Puts gctf's own WordprocessingML into docx's package: each body in place of its placeholder
 * paragraph, the footnotes into `word/footnotes.xml` (after docx's separators), the numbering
 * part, and a relationship for every web link in the part it is in.
 */
export function fillPackage(parts: PackageParts, content: PackageContent): void {
  const text = (name: string) => {
    const part = parts.get(name);
    if (typeof part !== 'string') throw new Error(`docx wrote no ${name}`);
    return part;
  };
  let filled = 0;
  const placeholder = new RegExp(`<w:p><w:r><w:t xml:space="preserve">${content.marker}(\\d+)</w:t></w:r></w:p>`, 'g');
  parts.set(
    'word/document.xml',
    text('word/document.xml').replace(placeholder, (_, i: string) => {
      filled++;
      return content.bodies[Number(i)] ?? '';
    }),
  );
  if (filled !== content.bodies.length) throw new Error(`docx wrote ${filled} of the ${content.bodies.length} body placeholders`);
  parts.set('word/footnotes.xml', text('word/footnotes.xml').replace('</w:footnotes>', () => `${content.footnotes}</w:footnotes>`));
  parts.set('word/numbering.xml', content.numbering);
  for (const part of ['document', 'footnotes'] as const) {
    const name = `word/_rels/${part}.xml.rels`;
    const links = content.links.filter((link) => link.part === part);
    if (links.length === 0) continue;
    const relationships = links.map((link) => `<Relationship Id="${link.id}" Type="${HYPERLINK}" Target="${escapeXml(link.url)}" TargetMode="External"/>`);
    parts.set(name, text(name).replace('</Relationships>', () => `${relationships.join('')}</Relationships>`));
  }
}

/**
 * Makes docx's package reproducible and completes what docx has no option for. Two builds of
 * the same edition are then byte-identical:
 *
 * - docx names watermark shapes with random ids (nanoid), hyperlink relationships are named by
 *   whoever adds them, and bookmarks are numbered from wherever their writer starts: all are
 *   renamed and renumbered in order of appearance;
 * - the core properties carry the build time: they get `date`, as every zip entry does, or no
 *   date at all when there is none;
 * - the parts are written in one order with one compression.
 *
 * It also adds `dc:language` and, for a right-to-left edition, `w:bidi` in each section's
 * properties. Every XML part loses any character XML 1.0 forbids, whatever wrote it.
 */
export async function finishPackage(input: PackageParts, options: PackageOptions): Promise<Uint8Array> {
  const names = [...input.keys()].filter((name) => !name.endsWith('/')).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const parts = new Map<string, string>();
  const binary = new Map<string, Uint8Array>();
  for (const name of names) {
    const content = input.get(name);
    if (content === undefined) continue;
    if (/\.(xml|rels)$/.test(name)) parts.set(name, xmlSafe(typeof content === 'string' ? content : new TextDecoder().decode(content)));
    else binary.set(name, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  renameRelationships(parts);
  for (const [name, xml] of parts) {
    let out = xml;
    if (/^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(name)) out = renumberBookmarks(out);
    if (/^word\/(header|footer)\d*\.xml$/.test(name)) out = renameWatermarks(out, name);
    if (name === 'word/document.xml' && options.rtl) out = rightToLeftSections(out);
    if (name === 'docProps/core.xml') out = coreProperties(out, options);
    parts.set(name, out);
  }

  const zip = new ZipFile();
  // A zip entry's MS-DOS time is in local time, and yazl writes the local fields of the date it is
  // given: a date shifted by this machine's offset writes the UTC time of `date` on every machine.
  // The Info-ZIP timestamp, which would record the shift, is left out.
  const date = options.date ?? ZIP_EPOCH;
  const local = new Date(date.getTime() + date.getTimezoneOffset() * 60_000);
  for (const name of names) {
    const text = parts.get(name);
    const content = text === undefined ? binary.get(name) : Buffer.from(text, 'utf8');
    if (content !== undefined) zip.addBuffer(Buffer.from(content.buffer, content.byteOffset, content.byteLength), name, { mtime: local, mode: 0o100644, forceDosTimestamp: true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// The content types first and the package relationships next, as Word writes them.
function rank(name: string): number {
  return name === '[Content_Types].xml' ? 0 : name === '_rels/.rels' ? 1 : 2;
}

/**
 * Gives every relationship whose id is not `rId<number>` (docx's random ones) the next free
 * `rId<number>` of its relationships part, and renames its uses in the part it belongs to.
 */
function renameRelationships(parts: Map<string, string>): void {
  for (const [relsName, rels] of parts) {
    const match = /^(.*)_rels\/([^/]+)\.rels$/.exec(relsName);
    if (!match) continue;
    const owner = `${match[1]}${match[2]}`;
    const ids = [...rels.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1] ?? '');
    let next = Math.max(0, ...ids.map((id) => (/^rId\d+$/.test(id) ? Number(id.slice(3)) : 0))) + 1;
    const fresh = new Map<string, string>();
    for (const id of ids) {
      if (!/^rId\d+$/.test(id) && !fresh.has(id)) fresh.set(id, `rId${next++}`);
    }
    if (fresh.size === 0) continue;
    // One pass over each part: a replaceAll per id made a draft with 10,000 links take 40 s.
    parts.set(relsName, rels.replace(/\bId="([^"]*)"/g, (whole, id: string) => (fresh.has(id) ? `Id="${fresh.get(id)}"` : whole)));
    const ownerXml = parts.get(owner);
    if (ownerXml !== undefined) parts.set(owner, ownerXml.replace(/"([^"<>\s]+)"/g, (whole, id: string) => (fresh.has(id) ? `"${fresh.get(id)}"` : whole)));
  }
}

/** Bookmark ids and `_Toc` names numbered from 1 in order of appearance, in each part. */
function renumberBookmarks(xml: string): string {
  const ids = new Map<string, number>();
  const idOf = (id: string) => {
    let n = ids.get(id);
    if (n === undefined) ids.set(id, (n = ids.size + 1));
    return n;
  };
  const tocs = new Map<string, number>();
  return xml
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)(")/g, (_, before: string, id: string, after: string) => `${before}${idOf(id)}${after}`)
    .replace(/\b_Toc(\d+)\b/g, (_, n: string) => {
      let m = tocs.get(n);
      if (m === undefined) tocs.set(n, (m = tocs.size + 1));
      return `_Toc${m}`;
    });
}

function renameWatermarks(xml: string, part: string): string {
  let n = 0;
  const stem = part.replace(/^word\/|\.xml$/g, '');
  return xml.replace(/\bPowerPlusWaterMarkObject[A-Za-z0-9_-]*/g, () => `PowerPlusWaterMarkObject${stem}${++n}`);
}

// CT_SectPr's children after `w:bidi`, which it must precede.
const AFTER_SECTION_BIDI = /<w:(?:rtlGutter|docGrid|printerSettings|sectPrChange)\b|<\/w:sectPr>/;

/** `w:bidi` in every section's properties: docx writes right-to-left paragraphs, not sections. */
function rightToLeftSections(xml: string): string {
  return xml.replace(/<w:sectPr\b[^>]*>[\s\S]*?<\/w:sectPr>/g, (sectPr) => {
    if (/<w:bidi\b/.test(sectPr)) return sectPr;
    const at = sectPr.search(AFTER_SECTION_BIDI);
    return `${sectPr.slice(0, at)}<w:bidi/>${sectPr.slice(at)}`;
  });
}

function coreProperties(xml: string, options: PackageOptions): string {
  const { date } = options;
  // A document without a date says none, rather than 1980's or the time of this build.
  let out =
    date === undefined
      ? xml.replace(/<dcterms:(created|modified)\b[^>]*>[^<]*<\/dcterms:\1>/g, '')
      : xml.replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*/g, (_match, open: string) => `${open}${date.toISOString().replace(/\.\d{3}Z$/, 'Z')}`);
  if (!out.includes('<dc:language>')) out = out.replace('</cp:coreProperties>', () => `<dc:language>${options.language}</dc:language></cp:coreProperties>`);
  return out;
}
