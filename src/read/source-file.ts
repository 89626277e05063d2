import type { EncodingProblem } from './decode-text.js';

/** One file of the framework folder, read and decoded. */
export interface SourceFile {
  /** Path relative to the framework folder, with forward slashes: how every report names it. */
  readonly path: string;
  /** Absolute path on disk. */
  readonly absolutePath: string;
  /** What the file system said of the file when it was found, when it could say. */
  readonly stat?: FileStat;
  /** The bytes as read, when the file could be read. */
  readonly bytes?: Uint8Array;
  /** Decoded text with `\n` line endings. */
  readonly text: string;
  readonly encodingProblems: readonly EncodingProblem[];
}

/** A file's identity and last change, as its stat gives them. */
export interface FileStat {
  /** Device, inode, size and the modification and change times in nanoseconds: any edit, replacement or rename changes it. */
  readonly signature: string;
  /** The later of the modification and change times, in milliseconds since 1970. */
  readonly changedMs: number;
}
