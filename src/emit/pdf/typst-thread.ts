import { BackgroundThread } from '../../thread/background-thread.js';
import type { TypstResult } from './compile-typst.js';
import type { TypstJob } from './typst-worker.js';

/**
 * The Typst thread: one per process, which keeps the compiler and its fonts loaded between
 * editions, while the main thread renders the other formats.
 */
const typst = new BackgroundThread<TypstJob, TypstResult>('./typst-worker.js', import.meta.url, async (job) => (await import('./typst-worker.js')).compileTypstJob(job));

/** Compiles on the Typst thread; compiles run one after another in the order asked. */
export function compileTypstInThread(template: string, data: string, standard: string | undefined): Promise<TypstResult> {
  return typst.run({ template, data, standard });
}

/** Starts the Typst thread, which then loads the compiler while the drafts are read. */
export function startTypstThread(): void {
  typst.start();
}
