import { parentPort } from 'node:worker_threads';
import { compileTypst } from './compile-typst.js';

/** A compile request: the template and the edition's data, with an id to answer to. */
export interface TypstJob {
  readonly id: number;
  readonly template: string;
  readonly data: string;
}

// The Typst compiler's thread: Typst is native code that blocks the thread it runs on, so it runs
// here while the main thread renders the other formats.
parentPort?.on('message', (job: TypstJob) => {
  let result;
  try {
    result = compileTypst(job.template, job.data);
  } catch (error) {
    result = { errors: [{ message: (error as Error).message, file: undefined, line: undefined, column: undefined }] };
  }
  parentPort?.postMessage({ id: job.id, result });
});
