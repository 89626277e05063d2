import type { Edition, EditionSection } from '../../model/edition.js';
import { DEFAULT_MAX_PDF_PAGES, EmitError, type EmitContext, type Emitter, type PdfStandard } from '../emitter.js';
import { estimatePages } from './page-estimate.js';
import { MANIFEST_NAME as MANIFEST } from '../../read/find-framework-folder.js';
import { pdfData } from './pdf-data.js';
import { DATA_FILE, MAIN_FILE, type TypstDiagnostic } from './compile-typst.js';
import { compileTypstInThread as compileTypst, startTypstThread } from './typst-thread.js';

/** The Typst template, under `templates/`; a framework may ship its own at the same path. */
export const PDF_TEMPLATE = 'typst/framework.typ';

/**
 * The `pdf` format: one A4 PDF per edition, typeset by Typst from `templates/typst/framework.typ`,
 * tagged, and declaring PDF/UA-1 unless the build asks for another standard (see `PDF_STANDARDS`).
 *
 * The template reaches Typst only as text read through gctf's guarded reader
 * (`context.template`), mapped in memory with the data beside it: Typst is never given a path to
 * open, so a link among a framework's templates cannot lead it anywhere.
 *
 * The edition goes to Typst as data (`edition.json`), never spliced into Typst markup: the template
 * reads it with `json()` and turns each node into Typst elements, so a draft's text is always
 * shown as text. When Typst fails, the draft that makes it fail is found by typesetting each part
 * and practice alone, and the error is reported against it; otherwise against the template.
 */
export const pdf: Emitter = {
  format: 'pdf',
  extension: 'pdf',
  warmUp: startTypstThread,
  async emit(edition, context) {
    const data = pdfData(edition);
    const maxPages = context.pdfMaxPages ?? DEFAULT_MAX_PDF_PAGES;
    const estimate = estimatePages(data);
    if (estimate.pages > maxPages) {
      const made = `${count(estimate.pageStarts)} parts that each start a page and ${count(estimate.characters)} characters of text`;
      throw new EmitError(
        `The PDF would have about ${count(estimate.pages)} pages (${made}), more than the ${count(maxPages)} gctf typesets in one file: Typst holds every page in memory until it writes the file. Build the other formats, build fewer practices (--status), or raise the limit with --pdf-max-pages`,
        MANIFEST,
      );
    }
    const template = context.template(PDF_TEMPLATE);
    const standard = typstStandard(context.pdfStandard);
    const result = await compileTypst(template, JSON.stringify(data), standard);
    if ('pdf' in result) return result.pdf;
    throw await blame(edition, context, template, standard, result.errors);
  },
};

/** The EmitError for a failed compile: against the first draft that fails alone, else the template. */
async function blame(edition: Edition, context: EmitContext, template: string, standard: string | undefined, errors: readonly TypstDiagnostic[]): Promise<EmitError> {
  const bare = await compileTypst(template, JSON.stringify(pdfData({ ...edition, front: [], sections: [], back: [], practices: [] })), standard);
  // A template that fails with no draft at all is at fault whatever the drafts hold.
  if ('pdf' in bare) {
    for (const { file, alone } of eachDraftAlone(edition)) {
      const result = await compileTypst(template, JSON.stringify(pdfData(alone)), standard);
      if ('errors' in result) return new EmitError(`Typst cannot typeset this draft in the PDF: ${describe(result.errors)}`, file);
    }
  }
  const first = errors.find((e) => e.file === MAIN_FILE);
  return new EmitError(
    `The PDF template ${PDF_TEMPLATE} does not compile with Typst: ${describe(errors)}`,
    `templates/${PDF_TEMPLATE}`,
    first?.line,
    first?.column,
  );
}

/** `12,345`: a count as the messages write it. */
const count = (n: number): string => n.toLocaleString('en-US');

/** typst-ts's name for a standard (its `pdfStandard` option), or undefined to declare none. */
function typstStandard(standard: PdfStandard | undefined): string | undefined {
  const chosen = standard ?? 'ua-1';
  return chosen === 'none' ? undefined : chosen;
}

/** Every part and practice of `edition`, each as an edition holding only it. */
function* eachDraftAlone(edition: Edition): Generator<{ file: string; alone: Edition }> {
  const none = { front: [], back: [], sections: [] as EditionSection[] };
  for (const part of edition.front) yield { file: part.file, alone: { ...edition, ...none, front: [part] } };
  for (const section of edition.sections) {
    const empty = { ...section, intro: undefined, practices: [] };
    if (section.intro) yield { file: section.intro.file, alone: { ...edition, ...none, sections: [{ ...empty, intro: section.intro }] } };
    for (const practice of section.practices) {
      yield { file: practice.file, alone: { ...edition, ...none, sections: [{ ...empty, practices: [practice] }], practices: [practice] } };
    }
  }
  for (const part of edition.back) yield { file: part.file, alone: { ...edition, ...none, back: [part] } };
}

function describe(errors: readonly TypstDiagnostic[]): string {
  return errors
    .slice(0, 3)
    .map((e) => {
      const where = e.file === undefined || e.file === DATA_FILE ? '' : ` (${e.file === MAIN_FILE ? PDF_TEMPLATE : e.file}${e.line ? `:${e.line}:${e.column ?? 1}` : ''})`;
      return `${e.message}${where}`;
    })
    .join('; ');
}
