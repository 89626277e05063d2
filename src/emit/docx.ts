import { type EmitContext, type Emitter } from './emitter.js';
import { ZIP_EPOCH } from './docx/package.js';
import { REFERENCE_DOCX } from './docx/styles.js';
import { writeDocx } from './docx/write-docx.js';

export { REFERENCE_DOCX };

/** The date a build stamps: `SOURCE_DATE_EPOCH` (not before 1980, which a zip cannot hold), else 1980-01-01. */
export function buildDate(context: Pick<EmitContext, 'sourceDateEpoch'>): Date {
  if (context.sourceDateEpoch === undefined) return ZIP_EPOCH;
  return new Date(Math.max(ZIP_EPOCH.getTime(), context.sourceDateEpoch * 1000));
}

/**
 * The `docx` format: one Word document per edition, from the edition alone, in the styles of
 * `templates/reference.docx` (the framework's own, else gctf's). Byte-identical for the same input.
 */
export const docx: Emitter = {
  format: 'docx',
  extension: 'docx',
  async emit(edition, context) {
    return writeDocx({ edition, reference: context.templateBytes(REFERENCE_DOCX), date: buildDate(context), version: context.version });
  },
};
