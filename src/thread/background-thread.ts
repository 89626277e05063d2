import { availableParallelism } from 'node:os';
import { Worker, parentPort } from 'node:worker_threads';
import { workerScript } from '../worker-url.js';

/** What a background thread answers: its result, or the error its job threw, as plain data. */
type Answer<R> = { readonly id: number; readonly result: R } | { readonly id: number; readonly error: ThrownError };

/** An error thrown on a background thread, as it crosses to the main thread: name, message and own fields. */
interface ThrownError {
  readonly name: string;
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/**
 * One long-lived worker thread running one kind of job (typesetting a PDF, writing a Word file)
 * while the main thread renders the other formats. Jobs run one after another in the order asked,
 * so results never depend on timing; the thread is started at the first job, keeps what it loaded
 * (a compiler, fonts) for the next, and never keeps the process alive while idle.
 *
 * Where no compiled worker script exists (gctf running from its TypeScript sources without `lib/`)
 * or the machine has one core, `runHere` does the job on the calling thread instead.
 */
export class BackgroundThread<J, R> {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (result: R) => void; reject: (error: unknown) => void }>();

  constructor(
    /** The worker script, relative to `base` (`./docx-worker.js`); it calls `serveJobs`. */
    private readonly script: string,
    private readonly base: string,
    /** The same job on this thread. */
    private readonly runHere: (job: J) => Promise<R> | R,
  ) {}

  /** Starts the thread now, so that it loads what it needs while this thread does other work. */
  start(): void {
    this.thread()?.unref();
  }

  /** Runs `job`, on the thread when there is one. */
  run(job: J): Promise<R> {
    const thread = this.thread();
    if (!thread) return Promise.resolve().then(() => this.runHere(job));
    thread.ref();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      thread.postMessage({ id, job });
    });
  }

  private thread(): Worker | undefined {
    if (this.worker) return this.worker;
    if (availableParallelism() < 2) return undefined;
    const script = workerScript(this.script, this.base);
    if (!script) return undefined;
    const created = new Worker(script);
    created.on('message', (answer: Answer<R>) => {
      const job = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if ('error' in answer) job?.reject(reviveError(answer.error));
      else job?.resolve(answer.result);
      // An idle thread must not keep the process alive.
      if (this.pending.size === 0) created.unref();
    });
    created.on('error', (error) => {
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
      this.worker = undefined;
    });
    this.worker = created;
    return created;
  }
}

/** A plain `Error` with the thrown error's name, message and fields. */
function reviveError(thrown: ThrownError): Error {
  return Object.assign(new Error(thrown.message), { name: thrown.name }, thrown.fields);
}

/** The worker side: answers each job posted to this thread with `handle`'s result or the error it threw. */
export function serveJobs<J, R>(handle: (job: J) => Promise<R> | R): void {
  parentPort?.on('message', ({ id, job }: { id: number; job: J }) => {
    void (async () => {
      try {
        const result = await handle(job);
        parentPort?.postMessage({ id, result } satisfies Answer<R>);
      } catch (error) {
        const { name = 'Error', message = String(error), ...fields } = error instanceof Error ? { ...error, name: error.name, message: error.message } : {};
        parentPort?.postMessage({ id, error: { name, message, fields: JSON.parse(JSON.stringify(fields)) as Record<string, unknown> } } satisfies Answer<R>);
      }
    })();
  });
}
