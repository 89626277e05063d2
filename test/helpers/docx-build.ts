import path from 'node:path';
import type { EmitContext } from '../../src/emit/emitter.js';
import { docx } from '../../src/emit/docx/docx-emitter.js';
import { loadFramework } from '../../src/engine/pipeline.js';
import { buildEdition } from '../../src/model/edition.js';
import { emitContext as contextOf } from '../../src/emit/emit-thread.js';
import { messagesOf } from '../../src/model/messages.js';
import { readTemplates } from '../../src/read/read-templates.js';

/** gctf's bundled framework. */
export const PRACTICES = path.join(import.meta.dirname, '..', '..', 'practices');

/** The emit context `gctf build` makes for a framework folder. */
export function emitContext(folder: string): EmitContext {
  return contextOf(readTemplates(folder, []), '0.0.0-test');
}

/** Builds the Word document of one language edition of a framework folder, as `gctf build` would. */
export async function buildDocx(folder: string, lang?: string, sourceDateEpoch?: number): Promise<Uint8Array> {
  const model = await loadFramework(folder);
  const language = lang ?? model.metadata.language;
  const edition = buildEdition(model, language, messagesOf(model.templates, language), { sourceDateEpoch });
  const bytes = await docx.emit(edition, emitContext(model.folder));
  return typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
}
