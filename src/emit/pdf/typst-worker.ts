import { serveJobs } from '../../thread/background-thread.js';
import { compileTypst, type TypstResult } from './compile-typst.js';

/** A compile request: the template, the edition's data and the PDF standard to declare. */
export interface TypstJob {
  readonly template: string;
  readonly data: string;
  readonly standard: string | undefined;
}

/** Compiles, and turns anything the compiler throws into a diagnostic like the ones it reports. */
export function compileTypstJob(job: TypstJob): TypstResult {
  try {
    return compileTypst(job.template, job.data, job.standard);
  } catch (error) {
    return { errors: [{ message: (error as Error).message, file: undefined, line: undefined, column: undefined }] };
  }
}

// The Typst compiler's thread: Typst is native code that blocks the thread it runs on, so it runs
// here while the main thread renders the other formats.
serveJobs(compileTypstJob);
