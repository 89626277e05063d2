import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file through a temporary file in the same folder, renamed into place: a reader never
 * sees half a file, and a failed or interrupted write leaves the previous file whole. A file that
 * already exists keeps its permissions. Returns the number of bytes written.
 */
export function writeAtomically(target: string, content: Uint8Array | string): number {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const mode = existsSync(target) ? statSync(target).mode : undefined;
    writeFileSync(temporary, content, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
}
