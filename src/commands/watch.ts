import path from 'node:path';
import { printable } from '../report/escape.js';
import { cacheFolder } from '../cache/cache-folder.js';
import type { Io } from '../io.js';
import { findFrameworkFolder } from '../read/find-framework-folder.js';
import { assertOutsideFramework } from '../write/out-folder.js';
import { runSession } from '../watch/session.js';
import { makeFolderInside, WriteError, writeInside } from '../write/write-inside.js';
import { UsageError } from '../errors.js';

export interface WatchOptions {
  /** The framework folder; found as FORMAT.md says when absent. */
  readonly dir?: string;
  /** Output folder, relative to the working folder; default `dist`. */
  readonly out?: string;
  /** Stops watching; the command's promise then resolves with 0. */
  readonly signal?: AbortSignal;
}

/**
 * `gctf watch`: checks the framework and writes its HTML edition(s) to `OUT/<slug>.html` and
 * `OUT/<slug>.<lang>.html`, then again after every change, printing each rebuild's diagnostics and
 * time. Nothing is written while the drafts have errors. Resolves with 0 when `signal` aborts.
 */
export async function watch(options: WatchOptions, io: Io): Promise<number> {
  const folder = findFrameworkFolder(io.cwd, options.dir);
  const out = path.resolve(io.cwd, options.out ?? 'dist');
  assertOutsideFramework(out, folder);
  // An --out that cannot be a folder (a file, a path under one, /proc) stops here, in one line,
  // rather than at the first page written.
  try {
    makeFolderInside(out, out);
  } catch (error) {
    if (error instanceof WriteError) throw new UsageError(`Cannot write into --out ${printable(options.out ?? 'dist')}: ${printable(error.message)}`);
    throw error;
  }
  io.stdout(`watching ${printable(path.relative(io.cwd, folder) || '.')}; writing HTML to ${printable(path.relative(io.cwd, out) || '.')} (Ctrl-C to stop)\n\n`);
  // What was last written, so that only pages that changed are written again.
  const written = new Map<string, string>();
  await runSession(folder, io, {
    cacheFolder: cacheFolder(io.cwd, io.env),
    signal: options.signal,
    onRebuild: (rebuild) => {
      if (!rebuild.pages || !rebuild.model) return;
      const { slug, language } = rebuild.model.metadata;
      for (const page of rebuild.pages) {
        const target = path.join(out, `${slug}${page.lang === language ? '' : `.${page.lang}`}.html`);
        if (written.get(target) === page.html) continue;
        writeInside(out, path.basename(target), page.html);
        written.set(target, page.html);
      }
    },
  });
  return 0;
}


