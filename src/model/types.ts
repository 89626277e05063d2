import type { Paragraph, Root } from 'mdast';
import type { DraftFile, FrameworkFiles } from '../read/read-framework.js';
import type { SourceFile } from '../read/source-file.js';
import type { Templates } from '../read/read-templates.js';
import type { ParsedDraft } from '../parse/parse-draft.js';
import type { ParsedYaml } from '../parse/parse-yaml.js';
import type { DOCUMENT_STATUSES, PRACTICE_STATUSES } from './fields.js';

/** Text given once, or per language: `{en: 'Prevention', fr: 'Prévention'}`. */
export type LocalizedText = Readonly<Record<string, string>>;

export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

/** A draft file after parsing, with what its name and place say about it. */
export interface Draft extends ParsedDraft {
  readonly role: DraftFile['role'];
  readonly section: string | undefined;
  readonly stem: string;
  readonly lang: string | undefined;
}

/** The translation of a practice, part or section introduction into one language. */
export interface Translation {
  readonly lang: string;
  readonly title: string | undefined;
  readonly draft: Draft;
  /** The `source-hash` it records, when it records one. */
  readonly sourceHash: string | undefined;
  /** Whether its `source-hash` differs from the source's current hash. */
  readonly stale: boolean;
}

/** A good practice, resolved: its number, place, metadata, body and translations. */
export interface Practice {
  readonly kind: 'practice';
  readonly id: string;
  /** Consecutive through the document; undefined for withdrawn or excluded practices. */
  readonly number: number | undefined;
  readonly title: string;
  readonly status: PracticeStatus;
  readonly order: number | undefined;
  readonly tags: readonly string[];
  readonly related: readonly string[];
  /** The id of the section it belongs to. */
  readonly section: string;
  readonly draft: Draft;
  /** The first paragraph of its body: the practice's statement. */
  readonly statement: Paragraph | undefined;
  readonly translations: ReadonlyMap<string, Translation>;
}

/** A front or back part, or a section's introduction. */
export interface Part {
  readonly kind: 'part';
  readonly id: string;
  readonly title: string;
  readonly draft: Draft;
  readonly translations: ReadonlyMap<string, Translation>;
}

/** A numbered section of the document, with its practices in order. */
export interface Section {
  readonly kind: 'section';
  readonly id: string;
  /** 1-based position in the manifest. */
  readonly number: number;
  /** The roman numeral it is shown with: `I`, `II`, … */
  readonly numeral: string;
  readonly title: LocalizedText;
  readonly intro: Part | undefined;
  readonly practices: readonly Practice[];
}

/** The document's metadata, from `framework.yaml`. */
export interface Metadata {
  readonly title: LocalizedText;
  readonly subtitle: LocalizedText | undefined;
  /** A short title for running headers; undefined: the title. */
  readonly shortTitle: LocalizedText | undefined;
  readonly initiative: LocalizedText | undefined;
  readonly workingGroup: LocalizedText | undefined;
  /** Each co-lead's name, given once or per language. */
  readonly coLeads: readonly LocalizedText[];
  readonly adopted: string | undefined;
  readonly meeting: LocalizedText | undefined;
  readonly slug: string;
  /** The authoritative language. */
  readonly language: string;
  /** Every language the document is published in, the authoritative one first. */
  readonly languages: readonly string[];
  readonly status: DocumentStatus;
  readonly numbering: { readonly prefix: LocalizedText; readonly start: number };
}

/** `framework.yaml`, read and parsed with positions. */
export interface Manifest {
  readonly file: SourceFile;
  readonly yaml: ParsedYaml;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * The resolved document: one immutable model that every check and every output format reads.
 * Emitters never read a draft file; loaders never write one.
 */
export interface FrameworkModel {
  /** Absolute path of the framework folder. */
  readonly folder: string;
  readonly manifest: Manifest;
  readonly metadata: Metadata;
  readonly front: readonly Part[];
  readonly back: readonly Part[];
  readonly sections: readonly Section[];
  /** Numbered practices in document order. */
  readonly practices: readonly Practice[];
  /** Withdrawn practices: no number, in no output. */
  readonly withdrawn: readonly Practice[];
  /** Practices below the build's lowest status: no number, in no output. */
  readonly excluded: readonly Practice[];
  /** The lowest status this model includes (`--status`); undefined when every status but withdrawn is. */
  readonly minStatus?: Exclude<PracticeStatus, 'withdrawn'>;
  /** Every practice and section by id (the first one, where ids collide). */
  readonly index: ReadonlyMap<string, Practice | Section>;
  /** Every parsed draft, in reading order, for the checks. */
  readonly drafts: readonly Draft[];
  /** Translations whose source does not exist. */
  readonly orphans: readonly Draft[];
  /** What reading the folder refused or could not place. */
  readonly files: Pick<FrameworkFiles, 'refused' | 'unknownFolders' | 'unlistedLanguages'>;
  /** The templates and message catalogues the outputs are made with, as read. */
  readonly templates: Templates;
}

/** Options that change what the model holds. */
export interface ModelOptions {
  /** The lowest practice status to include and number (default: every status but withdrawn). */
  readonly minStatus?: Exclude<PracticeStatus, 'withdrawn'>;
}

export type { Root };
