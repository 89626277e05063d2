import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The root of the repository `cwd` is in, the folder `git rev-parse --show-toplevel` names and code
 * scanning resolves SARIF locations from: the nearest folder from `cwd` upward holding `.git` (a
 * folder, or the file a worktree or submodule has). `cwd` itself when it is in no repository.
 * Found by looking rather than by running git: a check starts no other program, and git need not
 * be installed.
 */
export function repositoryRoot(cwd: string): string {
  const start = path.resolve(cwd);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}
