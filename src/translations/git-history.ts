import { execFileSync } from 'node:child_process';
import { InputError } from '../errors.js';
import { splitDraft } from '../parse/parse-draft.js';
import { decodeText } from '../read/decode-text.js';

/** A committed version of a source draft whose body hashes to a given `source-hash`. */
export interface SourceVersion {
  /** The full commit id. */
  readonly commit: string;
  /** The draft's body at that commit (`\n` line endings). */
  readonly body: string;
  /** How many commits touching the file were looked at before this one matched. */
  readonly searched: number;
}

/** Where and how to run git: in the framework folder, with the caller's environment. */
export interface GitContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Git's output grows with a draft's size; drafts are small, but history blobs may not be. */
const MAX_BUFFER = 256 * 1024 * 1024;

/**
 * Finds, newest first, the committed version of `file` (relative to `git.cwd`) whose body hashes
 * to `hash`. Throws an `InputError` that says what was found when git is missing, the
 * folder is in no git repository, the file has no commits, or no committed version matches.
 */
export function findSourceVersion(git: GitContext, file: string, hash: string): SourceVersion {
  runGit(git, ['rev-parse', '--git-dir'], () => `no git repository at ${git.cwd} (nor above it); expected the framework in a git repository, whose history holds the version that was translated`);
  const log = runGit(git, ['log', '--format=%H', '--', file], (detail) => `git log of ${file} failed: ${detail}`).toString('utf8');
  const commits = log.split('\n').filter((line) => /^[0-9a-f]{7,64}$/.test(line));
  if (commits.length === 0) {
    throw new InputError(`${file} has no commits in git history; expected it tracked (git add ${file} && git commit) before its translations are compared`);
  }
  let searched = 0;
  for (const commit of commits) {
    searched++;
    let blob: Buffer;
    try {
      // `./` makes the path relative to the framework folder rather than the repository's root.
      blob = runGit(git, ['show', `${commit}:./${file}`], (detail) => detail);
    } catch {
      // The commit that deleted or renamed the file holds no version of it.
      continue;
    }
    const text = decodeText(blob).text;
    const draft = splitDraft({ path: file, absolutePath: file, text, encodingProblems: [] });
    if (draft.hash === hash) return { commit, body: draft.body, searched };
  }
  throw new InputError(`no committed version of ${file} hashes to ${hash} (${commits.length} commit${commits.length === 1 ? '' : 's'} searched); expected the translation's \`source-hash\` to name a committed version of its source`,
  );
}

function runGit(git: GitContext, args: readonly string[], message: (detail: string) => string): Buffer {
  try {
    return execFileSync('git', args, {
      cwd: git.cwd,
      env: { ...git.env, GIT_TERMINAL_PROMPT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: MAX_BUFFER,
    });
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') throw new InputError('git not found on PATH; expected git installed to read the history of the source draft');
    const detail = err.stderr?.toString('utf8').trim().split('\n')[0] ?? err.message;
    throw new InputError(message(detail));
  }
}
