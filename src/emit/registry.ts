import type { Emitter } from './emitter.js';

/** An output format: its name, what it holds, and how to load its emitter (lazily). */
export interface OutputFormat {
  readonly format: string;
  readonly extension: string;
  readonly description: string;
  load(): Promise<Emitter>;
}

/**
 * Every output format, in build order. Emitters load only when their format is built, so
 * `gctf check` never loads the Word or PDF machinery.
 */
export const outputFormats: readonly OutputFormat[] = [];
