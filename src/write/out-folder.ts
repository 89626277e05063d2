import { realpathSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { isWithin } from '../read/read-inside.js';

/**
 * Refuses an output folder that overlaps the framework folder, either way round and through any
 * symbolic link (`build`, `watch` and `serve`): outputs written among the drafts would be read
 * back as drafts, and a draft could be overwritten.
 */
export function assertOutsideFramework(out: string, folder: string): void {
  const realOut = realPathOf(out);
  const realFolder = realPathOf(folder);
  if (isWithin(folder, out) || isWithin(out, folder) || isWithin(realFolder, realOut) || isWithin(realOut, realFolder)) {
    throw new UsageError(`Refusing to write to ${out}: it overlaps the framework folder ${folder}. Choose an --out folder outside it.`);
  }
}

/**
 * Where a path really leads, following symbolic links: the real path of its nearest existing
 * ancestor with the rest appended (an `--out` through a link into the sources is still inside them).
 */
function realPathOf(target: string): string {
  const rest: string[] = [];
  for (let current = target; ; current = path.dirname(current)) {
    try {
      return path.join(realpathSync(current), ...rest.reverse());
    } catch {
      if (path.dirname(current) === current) return target;
      rest.push(path.basename(current));
    }
  }
}
