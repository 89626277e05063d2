import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ExitError } from '../errors.js';
import type { FileSet } from './memory-project.js';

/** Where git runs and with what environment. */
export interface GitPlace {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A framework folder's files at one commit, read from the object store; nothing is checked out. */
export interface RevisionFiles {
  /** What the user named (`HEAD~1`, `v1`). */
  readonly name: string;
  readonly commit: string;
  /** The commit's date, ISO 8601 (committer date). */
  readonly date: string;
  readonly files: FileSet;
}

/** Git's output for a whole framework: drafts are kilobytes, a framework megabytes. */
const MAX_BUFFER = 512 * 1024 * 1024;
/** Files larger than this are not read, as `readSourceFile` reads none on disk. */
const MAX_FILE_BYTES = 32_000_000;

function git(place: GitPlace, args: readonly string[], input?: string): Buffer {
  return execFileSync('git', args, {
    cwd: place.cwd,
    env: { ...place.env, GIT_TERMINAL_PROMPT: '0' },
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: MAX_BUFFER,
  });
}

/** The repository's top folder, or undefined when `folder` is in none (or git is missing). */
export function repositoryRoot(place: GitPlace): string | undefined {
  try {
    return git(place, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * The files of `folder` (inside the repository at `root`) at revision `name`: `git ls-tree` lists
 * them and one `git cat-file --batch` reads every blob. Throws `ExitError(2)` when the revision is
 * unknown. Links and submodules are left out: a revision is read as its blobs, and a link's target
 * is not content of the framework.
 */
export function readRevision(place: GitPlace, root: string, folder: string, name: string): RevisionFiles {
  if (name.startsWith('-')) throw new ExitError(2, `unknown revision "${name}": expected a commit, tag or branch of the repository at ${root}`);
  let commit: string;
  let date: string;
  try {
    // One call for both: the commit a name resolves to, and its date.
    const [id, when] = git(place, ['show', '-s', '--format=%H %cI', '--end-of-options', `${name}^{commit}`]).toString('utf8').trim().split(' ');
    if (!id || !when || !/^[0-9a-f]{40,64}$/.test(id)) throw new Error('no commit');
    commit = id;
    date = when;
  } catch {
    throw new ExitError(2, `unknown revision "${name}": expected a commit, tag or branch of the repository at ${root}`);
  }
  const prefix = path.relative(root, folder).split(path.sep).join('/');
  const listing = git(place, ['ls-tree', '-r', '-l', '-z', '--full-tree', commit, '--', prefix === '' ? '.' : `${prefix}/`]).toString('utf8');
  const entries: { path: string; sha: string }[] = [];
  const files = new Map<string, Uint8Array>();
  for (const line of listing.split('\0')) {
    const match = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t(.*)$/s.exec(line);
    if (!match || match[2] !== 'blob' || match[1] === '120000') continue;
    const full = match[5] as string;
    const relative = prefix === '' ? full : full.slice(prefix.length + 1);
    // A file too large to be a draft is not read, as on disk: a NUL byte stands in for it, which
    // the check reports as a file that is no text (and the comparison stops there).
    if (Number(match[4]) > MAX_FILE_BYTES) files.set(relative, new Uint8Array([0]));
    else entries.push({ path: relative, sha: match[3] as string });
  }
  if (entries.length > 0) {
    const out = git(place, ['cat-file', '--batch'], entries.map((e) => e.sha).join('\n') + '\n');
    let at = 0;
    for (const entry of entries) {
      const newline = out.indexOf(10, at);
      const header = out.subarray(at, newline).toString('utf8');
      const size = Number(header.split(' ')[2]);
      const start = newline + 1;
      files.set(entry.path, new Uint8Array(out.subarray(start, start + size)));
      at = start + size + 1;
    }
  }
  return { name, commit, date, files };
}

/** The date and commit of the checked-out commit, for the working tree's side; undefined without one. */
export function headCommit(place: GitPlace): { commit: string; date: string } | undefined {
  try {
    const [commit, date] = git(place, ['show', '-s', '--format=%H %cI', 'HEAD']).toString('utf8').trim().split(' ');
    return commit && date ? { commit, date } : undefined;
  } catch {
    return undefined;
  }
}
