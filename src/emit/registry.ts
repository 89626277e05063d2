import type { Emitter } from './emitter.js';

/** An output format: its name, what it holds, and how to load its emitter (lazily). */
export interface OutputFormat {
  readonly format: string;
  readonly extension: string;
  readonly description: string;
  /**
   * About how long it takes to render 1,000 drafts, in seconds, for sharing formats between
   * threads. json's is what it takes after md on the same thread (both run remark-stringify, which
   * is then compiled already), so that the two end up together.
   */
  readonly cost: number;
  /** Renders on a thread of its own (Typst's), whatever else the build does. */
  readonly ownThread?: boolean;
  load(): Promise<Emitter>;
}

/**
 * Every output format, in build order. Emitters load only when their format is built, so
 * `gctf check` never loads the Word or PDF machinery.
 */
export const outputFormats: readonly OutputFormat[] = [
  {
    format: 'md',
    cost: 0.8,
    extension: 'md',
    description: 'one CommonMark + GFM document: cover, contents, numbered practices, footnotes',
    load: async () => (await import('./markdown.js')).markdownEmitter,
  },
  {
    format: 'html',
    cost: 0.55,
    extension: 'html',
    description: 'one self-contained, print-ready HTML page (A4), no script, no network',
    load: async () => (await import('./html.js')).htmlEmitter,
  },
  {
    format: 'json',
    cost: 0.35,
    extension: 'json',
    description: 'the resolved edition as data, valid against schema/framework.schema.json',
    load: async () => (await import('./json.js')).jsonEmitter,
  },
  {
    format: 'akn',
    cost: 0.2,
    extension: 'akn.xml',
    description: 'one Akoma Ntoso 3.0 XML document (OASIS LegalDocML), valid against schema/akomantoso30: FRBR identification, practices as hcontainers with stable eIds',
    load: async () => (await import('./akn/akn-emitter.js')).aknEmitter,
  },
  {
    format: 'docx',
    cost: 0.7,
    extension: 'docx',
    description: 'one Word document styled from templates/reference.docx: real styles, TOC field, Word footnotes, bookmarked practices with REF cross-references, right-to-left for Arabic',
    load: async () => (await import('./docx/docx-emitter.js')).docx,
  },
  {
    format: 'pdf',
    cost: 3,
    ownThread: true,
    extension: 'pdf',
    description: 'one A4 PDF typeset by Typst: cover, contents, bookmarks, linked cross-references, footnotes, right-to-left for Arabic',
    load: async () => (await import('./pdf/pdf-emitter.js')).pdf,
  },
];
