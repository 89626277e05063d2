import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkModel } from '../check/check-model.js';
import { compareFrameworks, type FrameworkDiff, type RedlineDocument, type RedlineOptions } from '../diff/compare.js';
import { headCommit, readRevision, repositoryRoot, type GitPlace } from '../diff/git-revision.js';
import { memoryProject } from '../diff/memory-project.js';
import { githubSummary, jsonSummary, terminalSummary } from '../diff/summary.js';
import { ExitError } from '../errors.js';
import type { Io } from '../io.js';
import { readProject, resolveProject, type LoadOptions, type Project } from '../engine/pipeline.js';
import type { ParseProfile } from '../parse/markdown.js';
import { diskTreeStore, type TreeStore } from '../engine/tree-store.js';
import type { ParseJob } from '../parse/parse-worker.js';
import type { Root } from 'mdast';
import { cacheFolder } from '../cache/cache-folder.js';
import { buildEdition } from '../model/edition.js';
import type { FrameworkModel } from '../model/types.js';
import { findFrameworkFolder, MANIFEST_NAME } from '../read/find-framework-folder.js';
import { isWithin } from '../read/read-framework.js';
import { readMessages } from '../model/messages.js';
import { pretty } from '../report/pretty.js';
import { version } from '../version.js';
import { printable } from '../report/escape.js';
import { WriteError, writeInside } from '../write/write-inside.js';
import { useColor } from '../report/terminal.js';

/** The redline formats `gctf diff --format` writes. */
export const DIFF_FORMATS = ['html', 'docx', 'md', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];
export const DIFF_REPORTERS = ['pretty', 'github', 'json'] as const;

export interface DiffOptions {
  /** A git revision, or a framework folder. */
  readonly old: string;
  /** A git revision, or a framework folder; default the working tree. */
  readonly new?: string;
  /** The framework folder (for revisions: where it is in the repository); default as for every command. */
  readonly dir?: string;
  /** Redline files to write; none by default (the summary only). */
  readonly formats?: readonly string[];
  /** Output folder for the redline files; default `dist`. */
  readonly out?: string;
  readonly langs?: readonly string[];
  /** How the summary is printed on standard output. */
  readonly reporter?: (typeof DIFF_REPORTERS)[number];
  /** The author of the Word file's tracked changes; default `gctf`. */
  readonly author?: string;
  /** Parsed drafts come from and go to the cache, as for `gctf build` (default); `false` parses everything afresh. */
  readonly cache?: boolean;
}

/** One side of the comparison, loaded. */
interface Side {
  readonly name: string;
  readonly model: FrameworkModel;
  /** Where its templates and messages are read from. */
  readonly folder: string;
  readonly commit: string | undefined;
  readonly date: string | undefined;
}

/**
 * `gctf diff <old> [<new>]`: what changed between two versions of the framework, matched practice
 * by practice. Prints a summary; with `--format`, writes redlines. Exit 0 with no substantive
 * change, 1 with changes (or a side that does not check clean), 2 on usage errors.
 */
export async function diff(options: DiffOptions, io: Io): Promise<number> {
  const formats = selectFormats(options.formats);
  const folder = findFrameworkFolder(io.cwd, options.dir);
  const out = path.resolve(io.cwd, options.out ?? 'dist');
  if (formats.length > 0 && isWithin(folder, out)) throw new ExitError(2, `--out ${out} lies inside the framework folder ${folder}; expected an output folder outside it`);
  const place: GitPlace = { cwd: existsSync(folder) ? folder : io.cwd, env: io.env };

  // One store for both sides: a draft the two versions share is parsed once (or not at all, when
  // the cache of `gctf build` and `gctf check` holds it), which halves the time of a diff.
  const cache = options.cache === false ? undefined : cacheFolder(io.cwd, io.env);
  // The summary alone parses as `gctf check` does (CommonMark and GFM footnotes: GFM tables read as
  // paragraphs, the same words): two and a half times as fast, and it shares check's cache. What
  // is compared is the same; redlines, which show every block, need the full parse.
  const profile: ParseProfile = formats.length > 0 ? 'full' : 'check';
  const store = new SharedTrees(cache && existsSync(folder) ? diskTreeStore(cache, folder, profile) : undefined);
  const sides: Side[] = [];
  for (const [label, name] of [
    ['old', options.old],
    ['new', options.new],
  ] as const) {
    const side = await loadSide(name, folder, place, io, { store, profile });
    const result = checkModel(side.model);
    if (result.errorCount > 0) {
      io.stderr(`gctf: the ${label} version (${side.name}) has errors; expected both versions to check clean\n`);
      io.stderr(pretty({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error'), warningCount: 0 }, { color: useColor(io), version: version() }));
      return 1;
    }
    sides.push(side);
  }
  store.finish();
  const [before, after] = sides as [Side, Side];
  const related =
    before.model.practices.some((p) => after.model.index.get(p.id)?.kind === 'practice') || before.model.sections.some((s) => after.model.sections.some((t) => t.id === s.id));
  if (!related && before.model.practices.length > 0 && after.model.practices.length > 0) {
    throw new ExitError(2, `${before.name} and ${after.name} are unrelated frameworks: no practice or section id in common`);
  }
  const languages = after.model.metadata.languages;
  const langs = options.langs === undefined || options.langs.includes('all') ? languages : options.langs;
  const unknown = langs.filter((l) => !languages.includes(l));
  if (unknown.length > 0) throw new ExitError(2, `unknown language ${unknown.join(', ')}; expected one of ${languages.join(', ')}`);

  const pairs = langs.map((lang) => {
    const messages = readMessages(after.folder, lang);
    return { lang, before: buildEdition(before.model, lang, messages), after: buildEdition(after.model, lang, messages) };
  });
  const result = compareFrameworks(before.model, after.model, pairs);

  if (formats.length > 0) {
    const date = after.date ?? new Date(0).toISOString();
    const files = await renderRedlines(result, formats, { author: options.author ?? 'gctf', date, folder: after.folder, sides: { old: before.name, new: after.name } });
    const slug = after.model.metadata.slug;
    const authoritative = after.model.metadata.language;
    for (const file of files) {
      const name = `${slug}.redline${file.lang === authoritative ? '' : `.${file.lang}`}.${file.extension}`;
      const target = path.join(out, name);
      try {
        writeInside(out, name, file.content);
      } catch (error) {
        if (error instanceof WriteError) throw new ExitError(2, `Cannot write into --out ${out}: ${error.message}`);
        throw error;
      }
      if (io.isTTY) io.stderr(`  wrote ${printable(path.relative(io.cwd, target) || target)}\n`);
    }
  }

  const names = { old: before.name, new: after.name };
  const reporter = options.reporter ?? (io.env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty');
  if (reporter === 'json') {
    const describe = (s: Side) => ({ name: s.name, commit: s.commit ?? null, date: s.date ?? null });
    io.stdout(jsonSummary(result, { old: describe(before), new: describe(after) }));
  } else if (reporter === 'github') io.stdout(githubSummary(result, names));
  else io.stdout(terminalSummary(result, names, useColor(io)));
  return result.substantive > 0 ? 1 : 0;
}

/**
 * The trees of both sides in one store: a draft the two versions share is parsed once, or not at
 * all when the disk pack of `gctf build` and `gctf check` holds it. The pack is written once, when
 * both sides are read (writing it after each side cost a fifth of a diff's time).
 */
class SharedTrees implements TreeStore {
  private readonly trees = new Map<string, Root>();
  constructor(private readonly disk: TreeStore | undefined) {}
  private key(job: ParseJob): string {
    return `${job.profile}\0${job.firstLine}\0${job.body}`;
  }
  get(job: ParseJob): Root | undefined {
    return this.trees.get(this.key(job)) ?? this.disk?.get(job);
  }
  set(job: ParseJob, tree: Root): void {
    this.trees.set(this.key(job), tree);
    this.disk?.set(job, tree);
  }
  save(): void {}
  finish(): void {
    this.disk?.save();
  }
}

function selectFormats(formats: readonly string[] | undefined): DiffFormat[] {
  if (formats === undefined || formats.length === 0) return [];
  if (formats.includes('all')) return [...DIFF_FORMATS];
  const unknown = formats.filter((f) => !(DIFF_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0) throw new ExitError(2, `unknown redline format ${unknown.join(', ')}; expected ${DIFF_FORMATS.join(', ')} or all`);
  return DIFF_FORMATS.filter((f) => formats.includes(f));
}

/**
 * Loads one side: a folder holding a framework (or a `practices/` folder), else a git revision of
 * the repository holding the framework folder; undefined is the working tree.
 */
async function loadSide(name: string | undefined, folder: string, place: GitPlace, io: Io, load: LoadOptions): Promise<Side> {
  if (name === undefined) {
    const project = readProject(folder);
    const head = repositoryRoot(place) ? headCommit(place) : undefined;
    return { name: 'working tree', model: await resolveProject(project, load), folder, commit: undefined, date: head?.date };
  }
  const asFolder = path.resolve(io.cwd, name);
  if (isFolder(asFolder)) {
    const frameworkFolder = existsSync(path.join(asFolder, MANIFEST_NAME)) ? asFolder : path.join(asFolder, 'practices');
    const project = readProject(frameworkFolder);
    return { name, model: await resolveProject(project, load), folder: frameworkFolder, commit: undefined, date: undefined };
  }
  const root = repositoryRoot(place);
  if (!root) throw new ExitError(2, `"${name}" is neither a folder nor a revision: ${place.cwd} is in no git repository`);
  const revision = readRevision(place, root, folder, name);
  if (!existsSync(path.join(folder, MANIFEST_NAME))) throw new ExitError(2, `no framework folder at ${folder}: a revision is compared with the framework's templates and place as they are now`);
  const project: Project | undefined = memoryProject(revision.files, readProject(folder), `${name}:`);
  if (!project) throw new ExitError(2, `no framework at ${name}: ${path.relative(root, path.join(folder, MANIFEST_NAME)) || MANIFEST_NAME} does not exist in that revision`);
  return { name, model: await resolveProject(project, load), folder, commit: revision.commit, date: revision.date };
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Every redline file: each format of each language. */
async function renderRedlines(result: FrameworkDiff, formats: readonly DiffFormat[], options: RedlineOptions) {
  const files: { lang: string; extension: string; content: string | Uint8Array }[] = [];
  for (const format of formats) {
    for (const redline of result.redlines) files.push({ lang: redline.lang, extension: format, content: await renderRedline(format, redline, result, options) });
  }
  return files;
}

async function renderRedline(format: DiffFormat, redline: RedlineDocument, result: FrameworkDiff, options: RedlineOptions): Promise<string | Uint8Array> {
  switch (format) {
    case 'md':
      return (await import('../diff/redline-markdown.js')).redlineMarkdown(redline, result, options);
    case 'html':
      return (await import('../diff/redline-html.js')).redlineHtml(redline, result, options);
    case 'json':
      return (await import('../diff/redline-json.js')).redlineJson(redline, result, options);
    case 'docx':
      return (await import('../diff/redline-docx.js')).redlineDocx(redline, result, options);
  }
}
