import type { Edition } from '../../model/edition.js';
import type { Emitter } from '../emitter.js';
import { ZIP_EPOCH } from './package.js';
import { REFERENCE_DOCX } from './styles.js';
import { writeDocx } from './write-docx.js';

export { REFERENCE_DOCX };

/** The date the package stamps: the edition's build date (not before 1980, which a zip cannot hold), else none. */
export function packageDate(edition: Pick<Edition, 'buildDate'>): Date | undefined {
  if (edition.buildDate === undefined) return undefined;
  return new Date(Math.max(ZIP_EPOCH.getTime(), Date.parse(edition.buildDate)));
}

/**
 * The `docx` format: one Word document per edition, from the edition alone, in the styles of
 * `templates/reference.docx` (the framework's own, else gctf's). Byte-identical for the same input.
 */
export const docx: Emitter = {
  format: 'docx',
  extension: 'docx',
  async emit(edition, context) {
    return writeDocx({ edition, reference: context.templateBytes(REFERENCE_DOCX), date: packageDate(edition) });
  },
};
