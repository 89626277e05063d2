import path from 'node:path';
import type { EncodingProblem } from './decode-text.js';
import type { FileStat } from './read-inside.js';

export type { FileStat };

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

/** The framework folder a source file was read from: its absolute path less its relative one. */
export function frameworkFolderOfSource(source: Pick<SourceFile, 'path' | 'absolutePath'>): string {
  return path.resolve(source.absolutePath, ...source.path.split('/').map(() => '..'));
}
