import { existsSync } from 'node:fs';
import { printable } from '../report/escape.js';
import path from 'node:path';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { GFM_STYLE, MARKDOWN_STYLE } from '../text/markdown-style.js';
import { unified } from 'unified';
import { ExitError } from '../errors.js';
import type { Io } from '../io.js';
import { readProject } from '../engine/pipeline.js';
import { parseMarkdown } from '../parse/markdown.js';
import { splitDraft } from '../parse/parse-draft.js';
import { findFrameworkFolder, frameworkFolderOf, MANIFEST_NAME } from '../read/find-framework-folder.js';
import { isWithin, type DraftFile } from '../read/read-framework.js';
import type { SourceFile } from '../read/source-file.js';
import { frameworkFolderOfSource } from '../read/source-file.js';
import { writeInside } from '../write/write-inside.js';

export interface FmtOptions {
  /** Draft files or folders; default every draft of the framework folder. */
  readonly paths?: readonly string[];
  /** Only list the files that would change, and exit 1 when there are any. */
  readonly check?: boolean;
  /** The framework folder when no path is given; found as FORMAT.md says when absent. */
  readonly dir?: string;
}

export { MARKDOWN_STYLE as STYLE };

const stringifier = unified().use(remarkGfm, GFM_STYLE).use(remarkStringify, MARKDOWN_STYLE).freeze();

/** The result of formatting one draft: its new text, or why it was left alone. */
export type Formatted = { readonly text: string } | { readonly skipped: string };

/**
 * `gctf fmt`: rewrites drafts in one canonical Markdown style (see `STYLE`), keeping each file's
 * frontmatter byte for byte and its content unchanged (the Markdown tree read back is the same).
 * With `check`, lists the files that would change and returns 1 when there are any.
 */
export async function fmt(options: FmtOptions, io: Io): Promise<number> {
  const drafts = selectDrafts(options, io);
  const changed: string[] = [];
  for (const draft of drafts) {
    const shown = path.relative(io.cwd, draft.source.absolutePath) || draft.source.absolutePath;
    const raw = readRaw(draft.source.bytes);
    const result = raw === undefined ? { skipped: 'cannot be read as UTF-8 text' } : formatDraft(raw, draft.source);
    if ('skipped' in result) {
      io.stderr(`gctf: skipped ${printable(shown)}: ${result.skipped}\n`);
      continue;
    }
    if (result.text === raw) continue;
    changed.push(printable(shown));
    if (!options.check) writeInside(frameworkFolderOfSource(draft.source), draft.source.path, result.text);
  }
  if (changed.length > 0) io.stdout(`${changed.join('\n')}\n`);
  const files = `${changed.length} of ${drafts.length} draft${drafts.length === 1 ? '' : 's'}`;
  if (options.check) {
    io.stderr(changed.length > 0 ? `gctf: ${files} would be reformatted; run gctf fmt to rewrite them\n` : `gctf: ${drafts.length} drafts already formatted\n`);
    return changed.length > 0 ? 1 : 0;
  }
  io.stderr(`gctf: formatted ${files}\n`);
  return 0;
}

/**
 * Formats one draft. `raw` is the file's text exactly as stored (BOM and CRLF included); `source`
 * is the same file as gctf reads it. The frontmatter block is copied from `raw` untouched, the body
 * is rewritten, and the result is kept only if its Markdown tree equals the original's.
 */
export function formatDraft(raw: string, source: SourceFile): Formatted {
  const problems = source.encodingProblems.filter((p) => p.kind !== 'bom');
  if (problems[0]) return { skipped: `${problems[0].detail} at ${problems[0].line}:${problems[0].column} (run gctf check)` };
  const split = splitDraft(source);
  const { frontmatter } = split;
  if (!frontmatter.present) return { skipped: 'it has no frontmatter (expected a `---` block with at least a title)' };
  const problem = frontmatter.problem ?? frontmatter.yaml?.errors[0];
  if (problem) return { skipped: `frontmatter error at ${problem.place.start.line}:${problem.place.start.column}: ${problem.message}` };

  // The body starts on line `bodyLine`: everything before it, as stored, is the frontmatter block.
  let offset = 0;
  for (let line = 1; line < split.bodyLine && offset >= 0; line++) {
    const next = raw.indexOf('\n', offset);
    offset = next < 0 ? -1 : next + 1;
  }
  const head = offset < 0 ? raw : raw.slice(0, offset);
  const tree = parseMarkdown(split.body, 1, 'full');
  const body = formatBody(tree);
  if (!sameContent(tree, parseMarkdown(body, 1, 'full'))) {
    return { skipped: 'formatting would change its content (a gctf bug; please report it with this file)' };
  }
  const lineEnding = raw.includes('\r\n') ? '\r\n' : '\n';
  return { text: head + (body === '' ? '' : `\n${body}`).replace(/\n/g, () => lineEnding) };
}

/** A Markdown tree written in the canonical style; '' for an empty body. */
export function formatBody(tree: Root): string {
  return tree.children.length === 0 ? '' : stringifier.stringify(tree);
}

/** Whether two Markdown trees hold the same content: equal but for positions. */
export function sameContent(a: Root, b: Root): boolean {
  return JSON.stringify(a, withoutPositions) === JSON.stringify(b, withoutPositions);
}

function withoutPositions(key: string, value: unknown): unknown {
  return key === 'position' ? undefined : value;
}

/** The drafts named by `paths` (files or folders), or every draft of the framework folder. */
function selectDrafts(options: FmtOptions, io: Io): DraftFile[] {
  if (!options.paths || options.paths.length === 0) return [...readProject(findFrameworkFolder(io.cwd, options.dir)).files.drafts];
  const projects = new Map<string, readonly DraftFile[]>();
  const selected = new Map<string, DraftFile>();
  for (const given of options.paths) {
    const target = path.resolve(io.cwd, given);
    if (!existsSync(target)) throw new ExitError(2, `No such file or folder: ${given}; expected a draft or a folder of drafts`);
    const folder = frameworkFolderOf(target);
    if (!folder) throw new ExitError(2, `${given} is in no framework folder: expected a path inside a folder holding ${MANIFEST_NAME}`);
    let drafts = projects.get(folder);
    if (!drafts) {
      drafts = readProject(folder).files.drafts;
      projects.set(folder, drafts);
    }
    const matching = drafts.filter((d) => isWithin(target, d.source.absolutePath));
    if (matching.length === 0) io.stderr(`gctf: skipped ${printable(given)}: not a draft of ${printable(path.relative(io.cwd, folder) || '.')} (only the .md files of its parts and sections are)\n`);
    for (const draft of matching) selected.set(draft.source.absolutePath, draft);
  }
  return [...selected.values()];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function readRaw(bytes: Uint8Array | undefined): string | undefined {
  try {
    return bytes && strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}


