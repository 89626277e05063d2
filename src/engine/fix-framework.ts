import type { Diagnostic } from '../check/diagnostic.js';
import type { SourceFile } from '../read/source-file.js';
import type { Fix } from '../rules/rule.js';
import { writeInside } from '../write/write-inside.js';
import { loadFramework } from './pipeline.js';

/** What `gctf check --fix` changed. */
export interface FixSummary {
  /** How many findings were fixed. */
  readonly fixed: number;
  /** The files rewritten, relative to the framework folder, sorted. */
  readonly files: readonly string[];
}

/** A fix's repairs can make others appear (a heading fixed, the next one checked anew): a few passes. */
const PASSES = 3;

/**
 * `gctf check --fix`: applies every finding's `fix` (rules that say `fixable`), only what cannot
 * be wrong, and writes each changed file atomically through the guarded writer. Findings a
 * suppression silences are not fixed, and a stale translation never is (it has no fix): only a
 * translator can bring it up to date. `only` limits the fixes to some files (relative paths).
 */
export async function fixFramework(folder: string, only: (file: string) => boolean = () => true): Promise<FixSummary> {
  const { checkModel } = await import('../check/check-model.js');
  let fixed = 0;
  const files = new Set<string>();
  for (let pass = 0; pass < PASSES; pass++) {
    const model = await loadFramework(folder, { profile: 'check' });
    const sources = new Map<string, SourceFile>([model.manifest.file, ...model.drafts.map((d) => d.file)].map((f) => [f.path, f]));
    const byFile = new Map<string, Diagnostic[]>();
    for (const diagnostic of checkModel(model).diagnostics) {
      if (!diagnostic.fix || !sources.has(diagnostic.file) || !only(diagnostic.file)) continue;
      byFile.set(diagnostic.file, [...(byFile.get(diagnostic.file) ?? []), diagnostic]);
    }
    let changed = 0;
    for (const [file, diagnostics] of byFile) {
      const source = sources.get(file) as SourceFile;
      const result = applyFixes(source, diagnostics.map((d) => d.fix as Fix));
      if (result === undefined) continue;
      writeInside(model.folder, file, result.text);
      fixed += result.applied;
      changed++;
      files.add(file);
    }
    if (changed === 0) break;
  }
  return { fixed, files: [...files].sort() };
}

/**
 * The file's new text with `fixes` applied, or undefined when nothing changes. Edits are made on
 * the text as written (its line endings, byte order mark and every character kept), last first;
 * one that overlaps another is left for the next pass. `normalize` then drops the byte order mark
 * and turns lone CRs into the file's line ending (CRLF when it has any, else LF). A file that is
 * not valid UTF-8 is never rewritten.
 */
export function applyFixes(source: SourceFile, fixes: readonly Fix[]): { text: string; applied: number } | undefined {
  if (!source.bytes || source.encodingProblems.some((p) => p.kind === 'invalid-utf8' || p.kind === 'binary')) return undefined;
  const raw = new TextDecoder('utf-8', { ignoreBOM: true }).decode(source.bytes);
  const bom = raw.startsWith('\uFEFF') ? 1 : 0;
  // Lines as the decoder counts them: CRLF, LF and a lone CR each end one.
  const starts = [0];
  for (const match of raw.matchAll(/\r\n|\n|\r/g)) starts.push(match.index + match[0].length);
  const offset = (p: { line: number; column: number }) => (starts[p.line - 1] ?? raw.length) + p.column - 1 + (p.line === 1 ? bom : 0);
  const edits = fixes
    .filter((f): f is Exclude<Fix, 'normalize'> => f !== 'normalize')
    .map((f) => ({ start: offset(f.from), end: offset(f.to), text: f.text }))
    .sort((a, b) => b.start - a.start);
  let text = raw;
  let applied = 0;
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of edits) {
    if (edit.end > limit || edit.start > edit.end || edit.end > raw.length) continue;
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    limit = edit.start;
    applied++;
  }
  const normalizations = fixes.filter((f) => f === 'normalize').length;
  if (normalizations > 0) {
    text = text.replace(/^\uFEFF/, '').replace(/\r(?!\n)/g, raw.includes('\r\n') ? '\r\n' : '\n');
    applied += normalizations;
  }
  return text === raw || applied === 0 ? undefined : { text, applied };
}
