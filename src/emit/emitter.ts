import type { Edition } from '../model/edition.js';

/**
 * The standards `gctf build --pdf-standard` offers: PDF/UA-1 (accessible; the default), PDF/A-2b
 * and PDF/A-3b (archival), or `none`, which declares none (the PDF is tagged all the same).
 */
export const PDF_STANDARDS = ['ua-1', 'a-2b', 'a-3b', 'none'] as const;
export type PdfStandard = (typeof PDF_STANDARDS)[number];

/**
 * The most pages gctf typesets in one PDF unless the build raises it (`--pdf-max-pages`). Typst
 * holds every page until it writes the file, from 0.3 MB for a page of a few lines to 1.3 MB for a
 * page of dense text (measured); 4,000 pages is a hundred times a real memorandum, and still fits
 * a CI runner's memory.
 */
export const DEFAULT_MAX_PDF_PAGES = 4_000;

/** What an emitter may use besides the edition: templates and fixed build facts, never drafts. */
export interface EmitContext {
  /** The text of a template: the framework's own `templates/<name>`, else gctf's. */
  template(name: string): string;
  /** The bytes of a template (the Word reference document). Engines get bytes, never a path. */
  templateBytes(name: string): Uint8Array;
  /** gctf's version, for generator metadata. */
  readonly version: string;
  /** The standard the PDF declares, which Typst holds it to; `ua-1` when not given. */
  readonly pdfStandard?: PdfStandard;
  /** The most pages a PDF may be estimated at before Typst sets it; `DEFAULT_MAX_PDF_PAGES` when not given. */
  readonly pdfMaxPages?: number;
}

/** Turns one language edition into the bytes of one output file. */
export interface Emitter {
  readonly format: string;
  /** The file extension, without the dot. */
  readonly extension: string;
  /** Starts the emitter's thread early, so it loads its libraries while the drafts are read. */
  warmUp?(): void;
  emit(edition: Edition, context: EmitContext): Promise<Uint8Array | string>;
}

/** An output that cannot be produced because of a draft's content: reported against that draft. */
export class EmitError extends Error {
  constructor(
    message: string,
    /** The draft it concerns, relative to the framework folder. */
    readonly file: string,
    readonly line = 1,
    readonly column = 1,
  ) {
    super(message);
    this.name = 'EmitError';
  }
}
