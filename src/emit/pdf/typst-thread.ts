import { Worker } from 'node:worker_threads';
import { workerScript } from '../../worker-url.js';
import { compileTypst, type TypstResult } from './compile-typst.js';
import type { TypstJob } from './typst-worker.js';

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (result: TypstResult) => void; reject: (error: Error) => void }>();

function thread(): Worker | undefined {
  if (worker) return worker;
  const script = workerScript('./typst-worker.js', import.meta.url);
  if (!script) return undefined;
  const created = new Worker(script);
  created.on('message', ({ id, result }: { id: number; result: TypstResult }) => {
    pending.get(id)?.resolve(result);
    pending.delete(id);
    // An idle compiler thread must not keep the process alive.
    if (pending.size === 0) created.unref();
  });
  created.on('error', (error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
    worker = undefined;
  });
  worker = created;
  return created;
}

/**
 * Compiles on the Typst thread (one per process, which keeps the compiler and its fonts loaded
 * between editions): the main thread meanwhile renders the other formats. Compiles run one after
 * another in the order asked, so results never depend on timing.
 */
export function compileTypstInThread(template: string, data: string): Promise<TypstResult> {
  const id = nextId++;
  const running = thread();
  if (!running) return Promise.resolve(compileTypst(template, data));
  running.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    running.postMessage({ id, template, data } satisfies TypstJob);
  });
}
