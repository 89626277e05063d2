import type { CheckResult } from '../check/check-model.js';
import { projectKey, projectStatKey } from '../cache/project-key.js';
import { readStoredCheck, storedResult, writeCheckResult } from '../cache/result-store.js';
import { buildModel } from '../model/build-model.js';
import type { Draft, FrameworkModel, ModelOptions } from '../model/types.js';
import type { ParseProfile } from '../parse/markdown.js';
import { readProject, type Project } from './read-project.js';
import { diskTreeStore, type TreeStore } from './tree-store.js';

/**
 * The whole pipeline, in one place: read → parse → model → check. Every command goes through it:
 * `check` (with its stored results), `build`, `list`, `translations`, `graph`, `fmt`, `new`, `diff`,
 * and `watch`/`serve` (with trees kept in memory). What differs between them is only the tree
 * store and the parse profile.
 *
 * 1. read (`readProject`): the manifest, every draft file it calls for, the templates; nothing
 *    outside the folder, nothing parsed but the manifest.
 * 2. parse (`parseBodies`): each draft's frontmatter here, its Markdown body from the tree store or
 *    the parser.
 * 3. model (`buildModel`): numbering, references, translations: one immutable model.
 * 4. check (`checkModel`): every rule, over the model.
 */

export { readProject, type Project };
export { readBuildSettings, type BuildSettings } from './read-project.js';

/** How the pipeline parses and which model it resolves. */
export interface LoadOptions extends ModelOptions {
  /** Where parsed trees come from; default: the disk pack in `cacheFolder`, else none. */
  readonly store?: TreeStore;
  /** The cache folder; undefined (the default for the library) parses everything afresh. */
  readonly cacheFolder?: string;
  /** `check` parses only what the rules read (twice as fast); outputs need `full`, the default. */
  readonly profile?: ParseProfile;
}

/** Stages 2 and 3: parses a project's drafts through the tree store and resolves the model. */
export async function resolveProject(project: Project, options: LoadOptions = {}): Promise<FrameworkModel> {
  // Loaded here, not at start-up: a check whose result is stored never needs the draft parsers.
  // Without a store every body is parsed, so the Markdown parser loads with the rest.
  const profile = options.profile ?? 'full';
  const [{ splitDraft }, { parseBodies }] = await Promise.all([
    import('../parse/parse-draft.js'),
    import('../parse/parse-bodies.js'),
    options.store || options.cacheFolder || project.files.drafts.length === 0 ? undefined : import(profile === 'check' ? '../parse/check-profile-parser.js' : '../parse/markdown.js'),
  ]);
  const split = project.files.drafts.map((entry) => ({ entry, draft: splitDraft(entry.source) }));
  const store = options.store ?? (options.cacheFolder ? diskTreeStore(options.cacheFolder, project.folder, profile) : undefined);
  const trees = await parseBodies(
    split.map(({ draft }) => ({ body: draft.body, firstLine: draft.bodyLine, profile })),
    store,
  );
  store?.save();
  const drafts: Draft[] = split.map(({ entry, draft }, i) => ({
    ...draft,
    tree: trees[i] ?? { type: 'root', children: [] },
    role: entry.role,
    section: entry.section,
    stem: entry.stem,
    lang: entry.lang,
  }));
  const { refused, unknownFolders, unlistedLanguages } = project.files;
  return buildModel(project.folder, project.manifest, drafts, { refused, unknownFolders, unlistedLanguages, templates: project.templates }, options);
}

/**
 * Stages 1 to 3: reads, parses and resolves a framework folder into its document model. Content
 * problems never throw: they are in the model for the rules to report.
 */
export async function loadFramework(folder: string, options: LoadOptions = {}): Promise<FrameworkModel> {
  return resolveProject(readProject(folder), options);
}

/**
 * Stages 1 to 4, as `gctf check` runs them. With a cache folder, a project whose every file is as
 * when its result was stored (by stat, else by content) gets that result without parsing anything,
 * and unchanged drafts are not parsed again. A stored result is sealed (see `src/cache/`): one
 * that fails its seal is never trusted.
 */
export async function checkFramework(folder: string, cacheFolder: string | undefined): Promise<CheckResult> {
  const project = readProject(folder);
  const stored = cacheFolder ? readStoredCheck(cacheFolder, project.folder) : undefined;
  // Files whose stats are as when the result was stored are not even read.
  const statKey = cacheFolder ? projectStatKey(project, { purpose: 'check' }) : undefined;
  if (stored && statKey !== undefined && stored.statKey === statKey) return storedResult(stored);
  const key = cacheFolder ? projectKey(project, { purpose: 'check' }) : '';
  if (stored && stored.key === key) {
    // Same content under new stats (a checkout, a touch): vouch for the new stats next time.
    if (cacheFolder && statKey !== undefined) writeCheckResult(cacheFolder, project.folder, { key, statKey }, stored);
    return storedResult(stored);
  }
  // The rules load while the draft parsers do, rather than after the drafts are parsed.
  const rules = import('../check/check-model.js');
  const model = await resolveProject(project, { cacheFolder, profile: 'check' });
  const result = (await rules).checkModel(model);
  if (cacheFolder) writeCheckResult(cacheFolder, project.folder, { key, statKey }, result);
  return result;
}
