import path from 'node:path';
import { writeInside } from './write/write-inside.js';

/** Writes a file atomically in its own folder, never through a link: `writeInside` of that folder. */
export function writeAtomically(target: string, content: Uint8Array | string): number {
  return writeInside(path.dirname(target), path.basename(target), content);
}
