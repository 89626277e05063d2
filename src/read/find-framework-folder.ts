import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** The manifest file every framework folder holds. */
export const MANIFEST_NAME = 'framework.yaml';

/** The framework folder a project folder holds, as `gctf init` lays it out. */
export const PROJECT_FRAMEWORK = 'practices';

/**
 * Finds the framework folder. A folder given on the command line is the framework folder, or the
 * project folder whose `practices/` holds `framework.yaml` (`gctf check my-framework` right after
 * `gctf init my-framework`). With none given, the search goes upward from `cwd`, as git looks for
 * `.git`: the first folder that holds `framework.yaml`, or whose `practices/` does. With none
 * found, `./practices`, which the reader then reports as missing.
 */
export function findFrameworkFolder(cwd: string, given?: string): string {
  if (given !== undefined && given !== '') {
    const folder = path.resolve(cwd, given);
    return frameworkIn(folder) ?? folder;
  }
  return frameworkAbove(path.resolve(cwd)) ?? path.resolve(cwd, PROJECT_FRAMEWORK);
}

/**
 * The framework folder that holds `target` (a file or folder): the nearest folder from it upward
 * that holds `framework.yaml` or is a project folder whose `practices/` does. Undefined when none.
 */
export function frameworkFolderOf(target: string): string | undefined {
  let start = path.resolve(target);
  try {
    if (!statSync(start).isDirectory()) start = path.dirname(start);
  } catch {
    start = path.dirname(start);
  }
  return frameworkAbove(start);
}

function frameworkAbove(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const found = frameworkIn(dir);
    if (found) return found;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** `folder` when it holds the manifest, its `practices/` when that does, else undefined. */
function frameworkIn(folder: string): string | undefined {
  if (existsSync(path.join(folder, MANIFEST_NAME))) return folder;
  const project = path.join(folder, PROJECT_FRAMEWORK);
  if (existsSync(path.join(project, MANIFEST_NAME))) return project;
  return undefined;
}
