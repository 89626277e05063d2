import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { readProject, type Project } from '../engine/pipeline.js';
import { readMetadata } from '../model/build-model.js';
import { MANIFEST_NAME } from '../read/find-framework-folder.js';
import { isWithin, type DraftFile } from '../read/read-framework.js';

/** A translation file named on the command line, with its framework folder and source draft. */
export interface LocatedTranslation {
  readonly project: Project;
  readonly translation: DraftFile;
  readonly source: DraftFile;
  /** The translation's language. */
  readonly lang: string;
}

/**
 * Finds the framework folder holding `file` (the nearest folder at or above it with
 * `framework.yaml`) and the file's place in it. Throws, saying what was found and what was
 * expected, a `UsageError` when the path names no file, one outside any framework folder, or no
 * translation, and an `InputError` when the translation's language is unlisted or it has no source.
 */
export function locateTranslation(cwd: string, file: string): LocatedTranslation {
  const absolute = path.resolve(cwd, file);
  if (!existsSync(absolute) || !statSync(absolute).isFile()) {
    // A path given relative to the framework folder, as `gctf check` prints them, is the likely slip.
    const inPractices = path.join(cwd, 'practices', file);
    const hint = existsSync(inPractices) && statSync(inPractices).isFile() ? ` (did you mean ${path.relative(cwd, inPractices).split(path.sep).join('/')}?)` : '';
    throw new UsageError(`${file}: no such file${hint}; expected the path of a translation \`name.<lang>.md\`, relative to the current folder`);
  }
  const folder = frameworkFolderOf(absolute);
  if (folder === undefined) {
    throw new UsageError(`${file}: not inside a framework folder; expected ${MANIFEST_NAME} in its folder or a folder above it`);
  }
  const real = realpathSync(absolute);
  if (!isWithin(realpathSync(folder), real)) {
    throw new InputError(`${file}: a link to ${real}, outside the framework folder ${folder}; expected a file inside it`);
  }
  const project = readProject(folder);
  const relative = path.relative(folder, absolute).split(path.sep).join('/');
  const languages = readMetadata(project.manifest).languages;
  const others = languages.slice(1);
  const expected = `expected a translation \`name.<lang>.md\` (<lang> one of ${others.join(', ') || 'none: framework.yaml lists no other language'}) beside its source \`name.md\``;

  const draft = project.files.drafts.find((d) => d.source.path === relative);
  if (!draft) {
    const unlisted = project.files.unlistedLanguages.find((u) => u.file === relative);
    if (unlisted) {
      throw new InputError(`${relative}: a translation into \`${unlisted.lang}\`, which framework.yaml does not list in \`languages\` (${languages.join(', ')}); ${expected}`);
    }
    throw new UsageError(`${relative}: not a draft of the framework in ${folder}; ${expected}`);
  }
  if (draft.lang === undefined) {
    throw new UsageError(`${relative}: a source draft in ${languages[0] ?? 'the authoritative language'}, not a translation; ${expected}`);
  }
  const source = project.files.drafts.find(
    (d) => d.lang === undefined && d.role === draft.role && d.section === draft.section && d.stem === draft.stem,
  );
  if (!source) {
    const name = relative.replace(/\.[^./]+\.md$/, '.md');
    throw new InputError(`${relative}: a translation with no source; expected \`${name}\` beside it`);
  }
  return { project, translation: draft, source, lang: draft.lang };
}

/** The nearest folder at or above `file`'s folder that holds `framework.yaml`. */
export function frameworkFolderOf(file: string): string | undefined {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, MANIFEST_NAME))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
