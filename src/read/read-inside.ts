import { closeSync, constants, existsSync, fstatSync, openSync, readlinkSync, readSync, realpathSync, type BigIntStats } from 'node:fs';
import path from 'node:path';

/**
 * The one way gctf reads a file of a framework folder (drafts, manifest, templates, messages, the
 * `.gitignore` that `init` extends): the path is resolved once, opened without following a link
 * (`O_NOFOLLOW`) and without blocking (a FIFO never hangs a build), and then judged on the open
 * descriptor itself: it must be a regular file, no larger than the cap, and its real path (as the
 * kernel gives it for the descriptor) must lie inside the folder. What is read is therefore what
 * was judged: a file swapped for a link between listing and reading is refused, not followed.
 *
 * Links that stay inside the folder are followed (a drafter may link one draft to another); the
 * check on the descriptor, not on the name, is what keeps every read inside.
 */

/** Files larger than this are not read: a draft is kilobytes; the body limit is 1 MB. */
export const MAX_FILE_BYTES = 32_000_000;

/** What the file system said of a file when it was read or found. */
export interface FileStat {
  /** Device, inode, size and the modification and change times in nanoseconds: any edit, replacement or rename changes it. */
  readonly signature: string;
  /** The later of the modification and change times, in milliseconds since 1970. */
  readonly changedMs: number;
}

/** A file read, or why it was not. */
export type ReadOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly stat: FileStat }
  | {
      readonly ok: false;
      /** `missing`: there is no such file (callers may then fall back); anything else is a refusal. */
      readonly kind: 'missing' | 'outside' | 'symlink-outside' | 'not-regular' | 'too-large' | 'unreadable';
      /** Says what was found, for a diagnostic: `is a FIFO, not a regular file`. */
      readonly problem: string;
    };

const realRoots = new Map<string, string>();

function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    try {
      real = realpathSync(root);
    } catch {
      real = path.resolve(root);
    }
    realRoots.set(root, real);
  }
  return real;
}

const PROC_FD = existsSync('/proc/self/fd') ? '/proc/self/fd' : undefined;
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** Reads `relative` (a path inside `root`) through the guards above. Never throws. */
export function readInside(root: string, relative: string, maxBytes = MAX_FILE_BYTES): ReadOutcome {
  const absoluteRoot = path.resolve(root);
  const absolute = path.resolve(absoluteRoot, relative);
  if (!isWithin(absoluteRoot, absolute)) return refused('outside', 'leads out of the framework folder');
  const inside = realRoot(absoluteRoot);
  let target: string;
  try {
    target = realpathSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return refused('missing', 'does not exist');
    return refused('unreadable', `unreadable file (${code ?? 'EIO'})`);
  }
  if (!isWithin(inside, target)) return refused('symlink-outside', 'is a symbolic link to a file outside the framework folder');
  let fd: number | undefined;
  try {
    fd = openSync(target, OPEN_FLAGS);
    const stats = fstatSync(fd, { bigint: true });
    if (!stats.isFile()) return refused('not-regular', `is ${kindOf(stats)}, not a regular file`);
    if (PROC_FD) {
      // The descriptor's own path: a component swapped for a link after `realpath` shows here.
      const opened = readlinkSync(`${PROC_FD}/${fd}`);
      if (!isWithin(inside, opened)) return refused('symlink-outside', 'is a symbolic link to a file outside the framework folder');
    }
    if (stats.size > BigInt(maxBytes)) return refused('too-large', tooLarge(Number(stats.size), maxBytes));
    const bytes = readAll(fd, Number(stats.size), maxBytes);
    if (!bytes) return refused('too-large', tooLarge(maxBytes + 1, maxBytes));
    return { ok: true, bytes, stat: statOf(stats) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return refused('symlink-outside', 'was replaced by a symbolic link while being read');
    if (code === 'ENOENT') return refused('missing', 'does not exist');
    return refused('unreadable', `unreadable file (${code ?? 'EIO'})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A file's stat as the cache keys use it. */
export function statOf(stats: BigIntStats): FileStat {
  return {
    signature: `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`,
    changedMs: Number((stats.mtimeNs > stats.ctimeNs ? stats.mtimeNs : stats.ctimeNs) / 1_000_000n),
  };
}

/** Reads to the end, but never more than `maxBytes`: a file that grows past it gives undefined. */
function readAll(fd: number, size: number, maxBytes: number): Uint8Array | undefined {
  let buffer = Buffer.allocUnsafe(Math.max(size, 1024));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return undefined;
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    let read: number;
    try {
      read = readSync(fd, buffer, length, buffer.length - length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return undefined;
      throw error;
    }
    if (read === 0) break;
    length += read;
    if (length > maxBytes) return undefined;
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
}

function kindOf(stats: BigIntStats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

/** The problem of a file over the cap, in MB. */
export function tooLarge(size: number, maxBytes = MAX_FILE_BYTES): string {
  return `file of ${(size / 1e6).toFixed(1)} MB, too large to read (at most ${maxBytes / 1e6} MB)`;
}

function refused(kind: Exclude<ReadOutcome, { ok: true }>['kind'], problem: string): ReadOutcome {
  return { ok: false, kind, problem };
}

/** Whether `target` is `folder` or lies inside it. */
export function isWithin(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
