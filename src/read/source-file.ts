import type { EncodingProblem } from './decode-text.js';

/** One file of the framework folder, read and decoded. */
export interface SourceFile {
  /** Path relative to the framework folder, with forward slashes: how every report names it. */
  readonly path: string;
  /** Absolute path on disk. */
  readonly absolutePath: string;
  /** The bytes as read, when the file could be read. */
  readonly bytes?: Uint8Array;
  /** Decoded text with `\n` line endings. */
  readonly text: string;
  readonly encodingProblems: readonly EncodingProblem[];
}
