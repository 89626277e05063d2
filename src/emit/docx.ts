import { readFileSync } from 'node:fs';
import { Packer } from 'docx';
import { EmitError, type EmitContext, type Emitter } from './emitter.js';
import { buildDocument } from './docx/document.js';
import { finishPackage, ZIP_EPOCH } from './docx/package.js';
import { editionStyles, readReferenceStyles, REFERENCE_DOCX } from './docx/styles.js';
import { wordLanguage } from './docx/text.js';

export { REFERENCE_DOCX };

/** The date a build stamps: `SOURCE_DATE_EPOCH` (not before 1980, which a zip cannot hold), else 1980-01-01. */
export function buildDate(context: Pick<EmitContext, 'sourceDateEpoch'>): Date {
  if (context.sourceDateEpoch === undefined) return ZIP_EPOCH;
  return new Date(Math.max(ZIP_EPOCH.getTime(), context.sourceDateEpoch * 1000));
}

/**
 * The `docx` format: one Word document per edition, written with the docx library from the
 * edition alone, in the styles of `templates/reference.docx` (the framework's own, else gctf's).
 * Byte-identical for the same input.
 */
export const docx: Emitter = {
  format: 'docx',
  extension: 'docx',
  async emit(edition, context) {
    const referencePath = context.templatePath(REFERENCE_DOCX);
    const reference = await readReferenceStyles(readFileSync(referencePath)).catch((error: unknown) => {
      throw new EmitError(`Cannot use ${referencePath} as the Word reference document: ${(error as Error).message}`, referencePath);
    });
    const rtl = edition.dir === 'rtl';
    const styles = { ...reference, xml: editionStyles(reference.xml, edition.lang, rtl) };
    const document = buildDocument(edition, { styles, version: context.version });
    const packed = await Packer.toBuffer(document);
    return finishPackage(packed, { date: buildDate(context), language: wordLanguage(edition.lang), rtl, bidiLanguage: wordLanguage(edition.lang) });
  },
};
