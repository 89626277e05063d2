import { createHash } from 'node:crypto';
import type { Project } from '../engine/read-project.js';
import type { ModelOptions } from '../model/types.js';
import type { SourceFile } from '../read/source-file.js';
import { parserIdentity } from './cache-folder.js';

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
  for (const extra of [project.files.refused, project.files.unknownFolders, project.files.unlistedLanguages, project.templates.refused]) hash.update(JSON.stringify(extra));
  // Templates are read whole by every load (a few kilobytes): their bytes stand in both keys.
  for (const template of project.templates.files.values()) if (template.origin === 'framework') hash.update('\0').update(template.name).update('\0').update(template.bytes);
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

