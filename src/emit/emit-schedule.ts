import type { Edition } from '../model/edition.js';
import type { Templates } from '../read/read-templates.js';
import { emitContext, renderOnEmitThread, startEmitThread, type EmitOutcome } from './emit-thread.js';
import { EmitError, type EmitContext, type Emitter } from './emitter.js';
import type { OutputFormat } from './registry.js';

/** The fixed facts every format of a build is rendered with. */
export interface EmitFacts {
  readonly templates: Templates;
  readonly version: string;
  /** Extra context for the formats rendered on this thread (the PDF standard). */
  readonly extra?: Partial<EmitContext>;
}

/**
 * Which formats render where: an emitter with a thread of its own (Typst's) there; the others
 * shared between this thread and the emit thread, the costliest first to whichever side has less
 * to do (this one first: it has the edition already), so that both finish about together. One
 * format alone stays here: sending the edition to another thread would only cost time.
 */
export function planThreads(formats: readonly OutputFormat[]): { ownThread: OutputFormat[]; here: OutputFormat[]; onEmitThread: OutputFormat[] } {
  const ownThread = formats.filter((format) => format.ownThread);
  const shared = formats.filter((format) => !ownThread.includes(format));
  if (shared.length < 2) return { ownThread, here: shared, onEmitThread: [] };
  const here: OutputFormat[] = [];
  const onEmitThread: OutputFormat[] = [];
  let hereCost = 0;
  let threadCost = 0;
  for (const format of [...shared].sort((a, b) => b.cost - a.cost)) {
    if (hereCost <= threadCost) {
      here.push(format);
      hereCost += format.cost;
    } else {
      onEmitThread.push(format);
      threadCost += format.cost;
    }
  }
  return { ownThread, here, onEmitThread };
}

/** A build's rendering, started before the drafts are read (see `startEmitting`). */
export interface EmitSchedule {
  /**
   * Renders every format of every edition; `done` is called for each as soon as it is ready
   * (in any order), with its index in edition-major, format-minor order.
   */
  emit(editions: readonly Edition[], facts: EmitFacts, done: (index: number, edition: Edition, format: OutputFormat, outcome: EmitOutcome) => void): Promise<void>;
}

/**
 * Loads the emitters of `formats` and starts the threads they will use, so that loading docx or
 * Typst overlaps reading and checking the drafts; the schedule then renders the editions.
 */
export async function startEmitting(formats: readonly OutputFormat[]): Promise<EmitSchedule> {
  const plan = planThreads(formats);
  if (plan.onEmitThread.length > 0) startEmitThread(plan.onEmitThread.map((format) => format.format));
  const emitters = new Map(await Promise.all([...plan.ownThread, ...plan.here].map(async (format) => [format.format, await format.load()] as const)));
  for (const emitter of emitters.values()) emitter.warmUp?.();
  return {
    async emit(editions, facts, done) {
      const context = { ...emitContext(facts.templates, facts.version), ...facts.extra };
      const emitHere = (edition: Edition, format: OutputFormat): Promise<EmitOutcome> =>
        (emitters.get(format.format) as Emitter).emit(edition, context).then(
          (content) => ({ content }),
          (error: unknown) => {
            if (error instanceof EmitError) return { error: { message: error.message, file: error.file, line: error.line, column: error.column } };
            throw error;
          },
        );
      // Work on other threads starts first, and this thread renders its own formats meanwhile.
      const jobs = editions.flatMap((edition) => formats.map((format) => ({ edition, format })));
      const key = (edition: Edition, format: OutputFormat) => `${edition.lang}\0${format.format}`;
      const elsewhere = new Map<string, Promise<EmitOutcome>>();
      for (const edition of editions) {
        for (const format of plan.ownThread) elsewhere.set(key(edition, format), emitHere(edition, format));
        if (plan.onEmitThread.length === 0) continue;
        const rendered = renderOnEmitThread({ edition, formats: plan.onEmitThread.map((f) => f.format), templates: facts.templates, version: facts.version });
        plan.onEmitThread.forEach((format, i) => elsewhere.set(key(edition, format), rendered.then((outcomes) => outcomes[i] as EmitOutcome)));
      }
      const waiting = jobs.flatMap((job, index) => {
        const outcome = elsewhere.get(key(job.edition, job.format));
        return outcome ? [outcome.then((o) => done(index, job.edition, job.format, o))] : [];
      });
      for (const [index, job] of jobs.entries()) {
        if (!elsewhere.has(key(job.edition, job.format))) done(index, job.edition, job.format, await emitHere(job.edition, job.format));
      }
      await Promise.all(waiting);
    },
  };
}
