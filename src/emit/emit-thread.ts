import type { Edition } from '../model/edition.js';
import { templateText, type Templates } from '../read/read-templates.js';
import { BackgroundThread } from '../thread/background-thread.js';
import { EmitError, type EmitContext } from './emitter.js';
import { outputFormats } from './registry.js';

/** Formats of one edition to render on the emit thread, and the plain facts their context is made of. */
export interface EmitJob {
  /** Undefined to load the formats' emitters only, ahead of the edition. */
  readonly edition: Edition | undefined;
  readonly formats: readonly string[];
  /** The templates, as read from the framework folder (its own, else gctf's). */
  readonly templates: Templates;
  readonly version: string;
}

/** One format's bytes, or the emit error a draft caused, as data that crosses threads. */
export type EmitOutcome = { readonly content: Uint8Array | string } | { readonly error: { readonly message: string; readonly file: string; readonly line: number; readonly column: number } };

/** The context emitters get for a framework folder: its templates, else gctf's, and the build's facts. */
export function emitContext(templates: Templates, version: string): EmitContext {
  return { template: (name) => templateText(templates, name), templateBytes: (name) => templates.files.get(name)?.bytes ?? new Uint8Array(), version };
}

/** Renders `job`'s formats one after another on this thread; an emit error is an outcome, anything else throws. */
export async function renderFormats(job: EmitJob): Promise<EmitOutcome[]> {
  const emitters = await Promise.all(
    job.formats.map((name) => {
      const format = outputFormats.find((f) => f.format === name);
      if (!format) throw new Error(`no output format ${name}`);
      return format.load();
    }),
  );
  if (job.edition === undefined) return [];
  const context = emitContext(job.templates, job.version);
  const outcomes: EmitOutcome[] = [];
  for (const emitter of emitters) {
    try {
      outcomes.push({ content: await emitter.emit(job.edition, context) });
    } catch (error) {
      if (!(error instanceof EmitError)) throw error;
      outcomes.push({ error: { message: error.message, file: error.file, line: error.line, column: error.column } });
    }
  }
  return outcomes;
}

/**
 * The emit thread: a build renders some formats there while the main thread renders the others,
 * each side getting about half the work (see `planThreads`). The edition crosses
 * once per job, as a structured clone (a tenth of a second for 1,000 practices).
 */
const emitThread = new BackgroundThread<EmitJob, EmitOutcome[]>('./emit-worker.js', import.meta.url, renderFormats);

/** Renders `job` on the emit thread (on this one where there is no second core). */
export function renderOnEmitThread(job: EmitJob): Promise<EmitOutcome[]> {
  return emitThread.run(job);
}

/** Starts the emit thread and has it load the emitters of `formats` while the drafts are read. */
export function startEmitThread(formats: readonly string[]): void {
  emitThread.start();
  void emitThread.run({ edition: undefined, formats, templates: { files: new Map(), refused: [] }, version: '' });
}
