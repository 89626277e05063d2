import { existsSync } from 'node:fs';
import path from 'node:path';

/** The manifest file every framework folder holds. */
export const MANIFEST_NAME = 'framework.yaml';

/**
 * Finds the framework folder as FORMAT.md says: the folder given on the command line; else `.`
 * if it holds `framework.yaml`; else `./practices`.
 */
export function findFrameworkFolder(cwd: string, given?: string): string {
  if (given !== undefined && given !== '') return path.resolve(cwd, given);
  if (existsSync(path.join(cwd, MANIFEST_NAME))) return path.resolve(cwd);
  return path.resolve(cwd, 'practices');
}
