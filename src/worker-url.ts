import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled script of a worker thread, beside the module asking (`./parse-worker.js`); undefined
 * when there is none (gctf running from its TypeScript sources, as in the tests), and the caller
 * then does the work on its own thread. Never a script from elsewhere: a compiled twin under `lib/`
 * may be older than the sources running, and a test would then run stale code on one thread only.
 */
export function workerScript(relative: string, base: string): URL | undefined {
  const beside = new URL(relative, base);
  return existsSync(fileURLToPath(beside)) ? beside : undefined;
}
