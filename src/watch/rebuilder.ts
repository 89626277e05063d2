import { checkModel, type CheckResult } from '../check/check-model.js';
import { createDiagnostic } from '../check/diagnostic.js';
import { EmitError, type Emitter } from '../emit/emitter.js';
import { outputFormats } from '../emit/registry.js';
import { InputError, InternalError, UsageError } from '../errors.js';
import type { FrameworkModel } from '../model/types.js';
import { version } from '../version.js';
import { EditionPages } from './incremental-html.js';
import path from 'node:path';
import { readProject, resolveProject } from '../engine/pipeline.js';
import { diskTreeStore, MemoryTreeStore } from '../engine/tree-store.js';

/** One language edition's page, as last built. */
export interface BuiltPage {
  readonly lang: string;
  readonly html: string;
}

/** What one rebuild found and made. */
export interface Rebuild {
  /** Counts up from 1, one per rebuild. */
  readonly number: number;
  readonly result: CheckResult;
  /** The model, unless the folder could not be read at all. */
  readonly model: FrameworkModel | undefined;
  /** The pages, authoritative language first; undefined when the drafts have errors. */
  readonly pages: readonly BuiltPage[] | undefined;
  /** Drafts parsed afresh. */
  readonly parsed: number;
  /** How the pages were made: `full` or the number of practices re-rendered, per language. */
  readonly modes: readonly (number | 'full')[];
  readonly milliseconds: number;
}

/**
 * Loads, checks and renders a framework's HTML editions, again after every change, doing only the
 * work the change calls for (trees kept in a `MemoryTreeStore`, pages by `EditionPages`). A broken draft is a diagnostic,
 * never a stop: the rebuild reports it and builds no page.
 */
export class Rebuilder {
  private readonly store: MemoryTreeStore;
  private pages: EditionPages | undefined;
  private count = 0;

  constructor(
    private readonly folder: string,
    cacheFolder: string | undefined,
  ) {
    // Trees stay in memory between rebuilds; the first one reads the disk pack.
    this.store = new MemoryTreeStore(cacheFolder ? diskTreeStore(cacheFolder, path.resolve(folder), 'full') : undefined);
  }

  async rebuild(): Promise<Rebuild> {
    const started = performance.now();
    const number = ++this.count;
    const done = (rest: Omit<Rebuild, 'number' | 'milliseconds'>): Rebuild => ({ ...rest, number, milliseconds: Math.round(performance.now() - started) });

    let model: FrameworkModel;
    try {
      this.store.misses = 0;
      model = await resolveProject(readProject(this.folder), { store: this.store });
    } catch (error) {
      // framework.yaml deleted or renamed mid-edit: say so, and wait for the next change.
      if (!(error instanceof UsageError || error instanceof InputError)) throw error;
      const diagnostic = createDiagnostic(error.message, { file: 'framework.yaml', place: { line: 1, column: 1 } }, 'manifest-schema', 'error', '');
      return done({ result: { diagnostics: [diagnostic], errorCount: 1, warningCount: 0 }, model: undefined, pages: undefined, parsed: 0, modes: [] });
    }
    const parsed = this.store.misses;
    const result = checkModel(model);
    if (result.errorCount > 0) return done({ result, model, pages: undefined, parsed, modes: [] });

    this.pages ??= new EditionPages(await htmlEmitter(), version());
    const pages: BuiltPage[] = [];
    const modes: (number | 'full')[] = [];
    for (const lang of model.metadata.languages) {
      try {
        const page = await this.pages.render(model, lang);
        pages.push({ lang, html: page.html });
        modes.push(page.mode);
      } catch (error) {
        if (!(error instanceof EmitError)) throw error;
        this.pages.reset();
        const diagnostic = createDiagnostic(error.message, { file: error.file, place: { line: error.line, column: error.column } }, 'emit-html', 'error', '');
        return done({ result: { ...result, diagnostics: [...result.diagnostics, diagnostic], errorCount: 1 }, model, pages: undefined, parsed, modes });
      }
    }
    return done({ result, model, pages, parsed, modes });
  }
}

async function htmlEmitter(): Promise<Emitter> {
  const format = outputFormats.find((f) => f.format === 'html');
  if (!format) throw new InternalError('No html format in src/emit/registry.ts: watch and serve need it');
  return format.load();
}
