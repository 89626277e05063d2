import type { Edition } from '../../model/edition.js';
import { EmitError } from '../emitter.js';
import { PAGE_PLACEHOLDER } from './content-xml.js';
import { buildDocument, PAGE } from './document.js';
import { stableFontKeys } from './fonts.js';
import { estimatePages } from './paginate.js';
import { fillPackage, finishPackage, packageParts, type PackageParts } from './package.js';
import { editionStyles, readReferenceStyles } from './styles.js';
import { wordLanguage } from './text.js';

/** Everything a Word file is written from. */
export interface DocxJob {
  readonly edition: Edition;
  /** The bytes of the reference document whose styles the file uses. */
  readonly reference: Uint8Array;
  /** The date stamped in the package, if any. */
  readonly date: Date | undefined;
}

/** The bytes of one edition's Word file. A reference document that cannot be read is an `EmitError`. */
export async function writeDocx({ edition, reference: referenceBytes, date }: DocxJob): Promise<Uint8Array> {
  const reference = await readReferenceStyles(referenceBytes).catch((error: unknown) => {
    throw new EmitError(`Cannot use templates/reference.docx as the Word reference document: ${(error as Error).message}`, 'templates/reference.docx');
  });
  const rtl = edition.dir === 'rtl';
  const styles = { ...reference, xml: editionStyles(reference.xml, edition.lang, rtl) };
  const word = buildDocument(edition, { styles });
  const parts = await packageParts(word.document);
  // docx names a last author ("Un-named") when given none: no one has modified the document yet,
  // and a program is no author.
  const core = parts.get('docProps/core.xml');
  if (typeof core === 'string') parts.set('docProps/core.xml', core.replace(/<cp:lastModifiedBy>[^<]*<\/cp:lastModifiedBy>/, ''));
  stableFontKeys(parts);
  fillPackage(parts, word);
  pageNumbers(parts);
  return finishPackage(parts, { date, language: wordLanguage(edition.lang), rtl });
}

/** Writes the estimated page of each contents entry's heading where its PAGEREF's result stands. */
function pageNumbers(parts: PackageParts): void {
  const text = (name: string) => {
    const part = parts.get(name);
    return typeof part === 'string' ? part : '';
  };
  const document = text('word/document.xml');
  const pages = estimatePages(document, text('word/footnotes.xml'), text('word/styles.xml'), PAGE);
  const placeholder = new RegExp(`${PAGE_PLACEHOLDER}([A-Za-z0-9_]+)${PAGE_PLACEHOLDER}`, 'g');
  parts.set(
    'word/document.xml',
    document.replace(placeholder, (_, bookmark: string) => String(pages.get(bookmark) ?? '')),
  );
}
