import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The root of the repository `cwd` is in, as git names it (`git rev-parse --show-toplevel`): the
 * folder code scanning resolves SARIF locations from. `cwd` itself when git is missing or `cwd`
 * is in no repository.
 */
export function repositoryRoot(cwd: string): string {
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
    return top === '' ? path.resolve(cwd) : path.resolve(top);
  } catch {
    return path.resolve(cwd);
  }
}
