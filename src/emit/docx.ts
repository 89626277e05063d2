import { BackgroundThread } from '../thread/background-thread.js';
import { EmitError, type EmitContext, type Emitter } from './emitter.js';
import { ZIP_EPOCH } from './docx/package.js';
import { REFERENCE_DOCX } from './docx/styles.js';
import { writeDocx, type DocxJob } from './docx/write-docx.js';

export { REFERENCE_DOCX };

/** The date a build stamps: `SOURCE_DATE_EPOCH` (not before 1980, which a zip cannot hold), else 1980-01-01. */
export function buildDate(context: Pick<EmitContext, 'sourceDateEpoch'>): Date {
  if (context.sourceDateEpoch === undefined) return ZIP_EPOCH;
  return new Date(Math.max(ZIP_EPOCH.getTime(), context.sourceDateEpoch * 1000));
}

const docxThread = new BackgroundThread<DocxJob, Uint8Array>('./docx/docx-worker.js', import.meta.url, writeDocx, (error) =>
  error.name === 'EmitError'
    ? new EmitError(error.message, String(error.fields.file), Number(error.fields.line ?? 1), Number(error.fields.column ?? 1))
    : Object.assign(new Error(error.message), { name: error.name }),
);

/**
 * The `docx` format: one Word document per edition, written with the docx library from the
 * edition alone, in the styles of `templates/reference.docx` (the framework's own, else gctf's).
 * Byte-identical for the same input. It is written on its own thread, while the main thread
 * renders the other formats.
 */
export const docx: Emitter = {
  format: 'docx',
  extension: 'docx',
  background: true,
  warmUp: () => docxThread.start(),
  async emit(edition, context) {
    return docxThread.run({ edition, referencePath: context.templatePath(REFERENCE_DOCX), date: buildDate(context), version: context.version });
  },
};
