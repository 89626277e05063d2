import { existsSync } from 'node:fs';
import { printable } from '../report/escape.js';
import path from 'node:path';
import { useColor } from '../report/terminal.js';
import type { Io } from '../io.js';
import { readProject } from '../engine/pipeline.js';
import { MANIFEST_NAME } from '../read/find-framework-folder.js';
import { pretty } from '../report/pretty.js';
import { relocate } from '../report/report-paths.js';
import { version } from '../version.js';
import { Rebuilder, type Rebuild } from './rebuilder.js';
import { watchFolder } from './watch-folder.js';

/** What `runSession` needs besides the folder. */
export interface SessionOptions {
  readonly cacheFolder: string | undefined;
  readonly signal: AbortSignal | undefined;
  /** Called after every rebuild, the first included, before its report is printed. */
  onRebuild(rebuild: Rebuild): Promise<void> | void;
}

/**
 * The loop `watch` and `serve` share: builds once, then again after every change to the framework
 * folder, printing each rebuild's diagnostics (pretty reporter) and time. Resolves when `signal`
 * is aborted.
 */
export async function runSession(folder: string, io: Io, options: SessionOptions): Promise<void> {
  assertFramework(folder);
  const rebuilder = new Rebuilder(folder, options.cacheFolder);
  let lastReport = '';
  const once = async (changed: readonly string[]) => {
    const started = performance.now();
    const rebuild = await rebuilder.rebuild();
    // Editors and tools touch files without changing them (sed -i's temporary file, a save without
    // edits): when no draft, page or diagnostic changed, there is nothing to say or reload.
    const report = pretty(rebuild.result, { color: false, version: version() });
    const unchanged = rebuild.parsed === 0 && rebuild.pages !== undefined && rebuild.modes.every((mode) => mode === 0) && report === lastReport;
    lastReport = report;
    if (unchanged) return;
    await options.onRebuild(rebuild);
    // The time reported includes what `onRebuild` does (writing the pages), as the drafter waits for it.
    // Findings with paths relative to the current folder, as every report has them.
    const shown = { ...rebuild, result: relocate(rebuild.result, folder, io.cwd), milliseconds: Math.round(performance.now() - started) };
    io.stdout(describeRebuild(shown, changed, useColor(io)));
  };
  await watchFolder(folder, once, options.signal);
}

/** Throws the `UsageError` that `gctf check` gives when `folder` holds no `framework.yaml`. */
export function assertFramework(folder: string): void {
  if (!existsSync(path.join(folder, MANIFEST_NAME))) readProject(folder);
}

/** The report of one rebuild: what changed, the diagnostics, and what it cost. */
export function describeRebuild(rebuild: Rebuild, changed: readonly string[], color: boolean): string {
  const lines: string[] = [];
  if (changed.length > 0) lines.push(`changed: ${changed.slice(0, 5).map(printable).join(', ')}${changed.length > 5 ? ` and ${changed.length - 5} more` : ''}`);
  lines.push(pretty(rebuild.result, { color, version: version() }).trimEnd());
  const drafts = rebuild.model?.drafts.length ?? 0;
  const parsed = `${rebuild.parsed} of ${drafts} drafts parsed`;
  if (rebuild.pages) {
    const modes = rebuild.pages.map((page, i) => {
      const mode = rebuild.modes[i];
      return `${page.lang} ${mode === 'full' || mode === undefined ? 'rendered whole' : `${mode} practice${mode === 1 ? '' : 's'} re-rendered`}`;
    });
    lines.push(`rebuilt in ${rebuild.milliseconds} ms (${parsed}; ${modes.join(', ')})`);
  } else {
    lines.push(`checked in ${rebuild.milliseconds} ms (${parsed}); nothing rebuilt until the errors are fixed`);
  }
  return `${lines.join('\n')}\n\n`;
}
