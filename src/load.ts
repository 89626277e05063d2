import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parserIdentity } from './cache/cache-folder.js';
import { ExitError } from './errors.js';
import { buildModel, readMetadata, readSectionList } from './model/build-model.js';
import { manifestFields, read } from './model/schema.js';
import type { Draft, FrameworkModel, Manifest, ModelOptions } from './model/types.js';
import type { ParseProfile } from './parse/markdown-check.js';
import { parseYaml } from './parse/parse-yaml.js';
import { MANIFEST_NAME } from './read/find-framework-folder.js';
import { readFramework, readManifestFile, type FrameworkFiles } from './read/read-framework.js';
import { readTemplates, type Templates } from './read/read-templates.js';
import type { SourceFile } from './read/source-file.js';

/** A framework folder, read: its manifest and every draft file, nothing parsed but the manifest. */
export interface Project {
  readonly folder: string;
  readonly manifest: Manifest;
  readonly files: FrameworkFiles;
  readonly templates: Templates;
}

/** How loading may use the cache of parsed drafts. */
export interface LoadOptions extends ModelOptions {
  /** The cache folder; undefined (the default for the library) parses everything afresh. */
  readonly cacheFolder?: string;
  /** `check` parses only what the rules read (twice as fast); outputs need `full`, the default. */
  readonly profile?: ParseProfile;
}

/**
 * Reads a framework folder: the manifest (parsed, since it says what else to read) and every draft
 * file it calls for. Only a folder that is no framework at all stops here, as an `ExitError` with
 * exit code 2; every content problem is left for the rules.
 */
export function readProject(folder: string): Project {
  const absolute = path.resolve(folder);
  const file = readManifestFile(absolute);
  if (!file) {
    const what = existsSync(absolute) && statSync(absolute).isDirectory() ? `holds no ${MANIFEST_NAME}` : 'does not exist';
    throw new ExitError(
      2,
      `No framework folder: ${absolute} ${what}. Name a folder holding ${MANIFEST_NAME} (gctf check <dir>), or start one with gctf init.`,
    );
  }
  const yaml = parseYaml(file.text, 1);
  const value = yaml.value;
  const data = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const manifest: Manifest = { file, yaml, data };
  const metadata = readMetadata(manifest);
  const listOf = (key: 'front' | 'back') => {
    const v = read<string | string[]>(data, key, manifestFields[key]);
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const files = readFramework(absolute, {
    sectionIds: readSectionList(manifest, metadata.language)
      .map((s) => s.id)
      .filter((id) => !/[/\\]|\.\./.test(id)),
    front: listOf('front'),
    back: listOf('back'),
    languages: metadata.languages,
  });
  return { folder: absolute, manifest, files, templates: readTemplates(absolute, metadata.languages) };
}

type KeyOptions = ModelOptions & { readonly purpose: string };

/**
 * A hash of everything a project's check result depends on: gctf's and its parsers' versions, the
 * options, what the folder holds besides drafts, and every file read, each by its path and what
 * `file` says of it; undefined as soon as `file` has nothing to say of one.
 */
function projectHash(project: Project, options: KeyOptions, kind: string, file: (source: SourceFile) => string | Uint8Array | undefined): string | undefined {
  const hash = createHash('sha256').update(parserIdentity()).update(kind).update(options.purpose).update('\0').update(options.minStatus ?? '');
  for (const source of [project.manifest.file, ...project.files.drafts.map((d) => d.source)]) {
    const identity = file(source);
    if (identity === undefined) return undefined;
    hash.update('\0').update(source.path).update('\0').update(identity);
  }
  for (const extra of [project.files.refused, project.files.unknownFolders, project.files.unlistedLanguages]) hash.update(JSON.stringify(extra));
  return hash.digest('base64url');
}

/** A key for everything a project's check result depends on, every file by its content. */
export function projectKey(project: Project, options: KeyOptions): string {
  // The bytes decide everything decoding finds, so hashing them stands for text and problems.
  const content = (file: SourceFile) => file.bytes ?? `${file.text}\0${JSON.stringify(file.encodingProblems)}`;
  return projectHash(project, options, '\0', content) as string;
}

/** How long a file must have stood unchanged before its stat alone may vouch for its content. */
const SETTLED_MS = 2000;

/**
 * A key like `projectKey`, but from each file's stat (device, inode, size, modification and
 * change times) instead of its content, so that it costs no file read. Undefined when a file has
 * no stat, or when one changed less than two seconds ago: an edit within the same timestamp tick
 * as the read could leave the stat as it was (a file system's clock can be that coarse), so such a
 * key is never stored. Any later edit, replacement or rename changes the key.
 */
export function projectStatKey(project: Project, options: KeyOptions, now = Date.now()): string | undefined {
  return projectHash(project, options, '\0stat\0', (file) => (file.stat && file.stat.changedMs <= now - SETTLED_MS ? file.stat.signature : undefined));
}

/** Parses a project's drafts (in parallel, through the cache when given) and resolves the model. */
export async function resolveProject(project: Project, options: LoadOptions = {}): Promise<FrameworkModel> {
  // Loaded here, not at start-up: a check whose result is cached never needs the draft parsers,
  // the worker threads or the tree cache. Without a cache every body is parsed, so the Markdown
  // parser (which `parseBodies` loads) is loaded with the rest instead of after the split.
  const [{ splitDraft }, { parseBodies }, { TreeCache }] = await Promise.all([
    import('./parse/parse-draft.js'),
    import('./parse/parse-bodies.js'),
    import('./cache/tree-pack.js'),
    options.cacheFolder || project.files.drafts.length === 0 ? undefined : import(options.profile === 'check' ? './parse/markdown-check.js' : './parse/markdown.js'),
  ]);
  const split = project.files.drafts.map((entry) => ({ entry, draft: splitDraft(entry.source) }));
  const profile = options.profile ?? 'full';
  const cache = options.cacheFolder ? TreeCache.open(options.cacheFolder, project.folder, parserIdentity(), profile) : undefined;
  const trees = await parseBodies(
    split.map(({ draft }) => ({ body: draft.body, firstLine: draft.bodyLine, profile })),
    cache,
  );
  cache?.save();
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
 * Reads, parses and resolves a framework folder into its document model. Content problems never
 * throw: they are in the model for the rules to report.
 */
export async function loadFramework(folder: string, options: LoadOptions = {}): Promise<FrameworkModel> {
  return resolveProject(readProject(folder), options);
}
