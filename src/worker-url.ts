import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The compiled script of a worker thread, beside the module asking (`./parse-worker.js`). When gctf
 * runs from its TypeScript sources (the tests), the compiled twin under `lib/` is used; undefined
 * when there is none, and the caller then does the work on its own thread.
 */
export function workerScript(relative: string, base: string): URL | undefined {
  const beside = new URL(relative, base);
  if (existsSync(fileURLToPath(beside))) return beside;
  const compiled = fileURLToPath(beside).replace(/([\\/])src([\\/])(?!.*[\\/]src[\\/])/, '$1lib$2');
  return existsSync(compiled) ? pathToFileURL(compiled) : undefined;
}
