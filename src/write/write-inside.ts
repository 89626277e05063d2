import { randomBytes } from 'node:crypto';
import { linkSync, lstatSync, mkdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isWithin } from '../read/read-inside.js';

/**
 * The one way gctf writes a file: outputs into `--out`, drafts that `fmt`, `new` and `translations`
 * rewrite, the `.gitignore` that `init` extends, and the cache. Each write names the folder it must
 * stay in (`root`) and goes through a temporary file in the target's own folder, renamed into
 * place: a reader never sees half a file, an interrupted write leaves the old file whole, and a
 * target that is a symbolic link is refused, never written through. Folders are made one at a
 * time, each checked, so that no write lands outside `root` by a linked folder either.
 */

/** A write that gctf refused or the file system failed, with the path and what was found. */
export class WriteError extends Error {
  constructor(
    message: string,
    /** The file or folder concerned, as given. */
    readonly target: string,
    /** The file system's error code, when it was one (`ENOSPC`, `EACCES`). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'WriteError';
  }
}

export interface WriteOptions {
  /** Create only: refuse a target that already exists (`gctf new`, `gctf init`). */
  readonly exclusive?: boolean;
  /** The new file's permissions (default: the existing file's, else as the umask gives). */
  readonly mode?: number;
}

/**
 * Writes `content` to `relative` inside `root`, atomically, making the folders between. Returns
 * the number of bytes written. Throws a `WriteError` that says what was found.
 */
export function writeInside(root: string, relative: string, content: Uint8Array | string, options: WriteOptions = {}): number {
  const absoluteRoot = path.resolve(root);
  const target = path.resolve(absoluteRoot, relative);
  if (target === absoluteRoot || !isWithin(absoluteRoot, target)) throw new WriteError(`${relative} is not inside ${absoluteRoot}; gctf writes nothing outside it`, relative);
  makeFolderInside(absoluteRoot, path.dirname(target));
  const existing = lstatOrUndefined(target);
  if (existing?.isSymbolicLink()) throw new WriteError(`${target} is a symbolic link; gctf never writes through a link (remove it, or write elsewhere)`, target);
  if (existing && !existing.isFile()) throw new WriteError(`${target} exists and is not a regular file; expected a file gctf may replace`, target);
  if (existing && options.exclusive) throw new WriteError(`${target} already exists`, target, 'EEXIST');
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // `wx` creates the temporary file or fails: it never opens an existing file or link.
    const mode = options.mode ?? (existing ? existing.mode & 0o7777 : undefined);
    writeFileSync(temporary, content, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    if (options.exclusive) {
      linkSync(temporary, target);
      rmSync(temporary, { force: true });
    } else {
      // A rename replaces the directory entry itself: had the target become a link meanwhile, the
      // link is replaced, never followed.
      renameSync(temporary, target);
    }
  } catch (error) {
    rmSync(temporary, { force: true });
    throw fileSystemError(error, target);
  }
  return typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
}

/**
 * Makes `folder` (absolute, inside `root`) and every folder between, one at a time. A component
 * that is a file, or a link leading out of `root`, is refused; `root` itself may be a link (the
 * user named it).
 */
export function makeFolderInside(root: string, folder: string): void {
  const absoluteRoot = path.resolve(root);
  const absolute = path.resolve(folder);
  if (!isWithin(absoluteRoot, absolute)) throw new WriteError(`${folder} is not inside ${absoluteRoot}; gctf writes nothing outside it`, folder);
  makeFolder(absoluteRoot);
  const realRoot = realpathSync(absoluteRoot);
  let current = absoluteRoot;
  for (const part of path.relative(absoluteRoot, absolute).split(path.sep).filter(Boolean)) {
    current = path.join(current, part);
    const stats = lstatOrUndefined(current);
    if (!stats) {
      try {
        mkdirSync(current);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fileSystemError(error, current);
      }
      continue;
    }
    if (stats.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(current);
      } catch (error) {
        throw fileSystemError(error, current);
      }
      if (!isWithin(realRoot, real) || !lstatSync(real).isDirectory()) throw new WriteError(`${current} is a symbolic link leading out of ${absoluteRoot}; gctf never writes through a link`, current);
    } else if (!stats.isDirectory()) {
      throw new WriteError(`${current} is a file, not a folder; expected a folder to write into`, current, 'ENOTDIR');
    }
  }
}

/** Makes the folder a user named (`--out`), which may itself be a link, with its parents. */
function makeFolder(folder: string): void {
  const stats = statOrUndefined(folder);
  if (stats?.isDirectory()) return;
  if (stats) throw new WriteError(`${folder} is a file, not a folder; expected a folder to write into`, folder, 'ENOTDIR');
  const parent = path.dirname(folder);
  if (parent !== folder) makeFolder(parent);
  try {
    mkdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fileSystemError(error, folder);
  }
}

const FILE_SYSTEM_MESSAGES: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'a folder on the way does not exist and cannot be made',
  EEXIST: 'it already exists',
  EISDIR: 'it is a folder',
};

function fileSystemError(error: unknown, target: string): WriteError {
  if (error instanceof WriteError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const what = (code && FILE_SYSTEM_MESSAGES[code]) ?? (error as Error).message;
  return new WriteError(`cannot write ${target}: ${what}${code ? ` (${code})` : ''}`, target, code);
}

function lstatOrUndefined(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

function statOrUndefined(file: string) {
  try {
    return lstatSync(file).isSymbolicLink() ? lstatSync(realpathSync(file)) : lstatSync(file);
  } catch {
    return undefined;
  }
}
