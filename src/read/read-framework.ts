import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { LANGUAGE_PATTERN } from '../text/language-tag.js';
import { decodeText } from './decode-text.js';
import { MANIFEST_NAME } from './find-framework-folder.js';
import { isWithin, MAX_FILE_BYTES, readInside, statOf, tooLarge, type FileStat } from './read-inside.js';
import type { SourceFile } from './source-file.js';

export { isWithin };

/** What a draft file is, from where it stands and how it is named. */
export interface DraftFile {
  readonly source: SourceFile;
  readonly role: 'practice' | 'section-intro' | 'front' | 'back';
  /** The section folder it stands in (practices and section introductions). */
  readonly section: string | undefined;
  /** The file name without `.md` and without the language suffix. */
  readonly stem: string;
  /** The translation's language; undefined for the authoritative file. */
  readonly lang: string | undefined;
  /** For front and back parts: the position in the manifest's list. */
  readonly index: number;
}

/** A path the manifest or the folder named that was refused, with why. */
export interface RefusedPath {
  readonly path: string;
  readonly reason: 'absolute' | 'outside' | 'symlink-outside' | 'symlink-folder-outside' | 'not-found' | 'not-markdown' | 'name-not-utf8';
  /** The manifest key that named it (`front.0`), when it came from the manifest. */
  readonly key: readonly (string | number)[] | undefined;
}

/** The layout that the manifest gives: what to look for. */
export interface ManifestLayout {
  readonly sectionIds: readonly string[];
  readonly front: readonly string[];
  readonly back: readonly string[];
  readonly languages: readonly string[];
}

/** Everything read from a framework folder; nothing in it is parsed yet. */
export interface FrameworkFiles {
  readonly drafts: readonly DraftFile[];
  readonly refused: readonly RefusedPath[];
  /** Folders holding Markdown files that the manifest lists as no section. */
  readonly unknownFolders: readonly { readonly name: string; readonly file: string }[];
  /** Translation files in a language that `languages` does not list. */
  readonly unlistedLanguages: readonly { readonly file: string; readonly lang: string }[];
}

const SECTION_INTRO = '_section';
const IGNORED_FOLDERS = new Set(['node_modules', 'templates', 'dist', 'assets']);

/**
 * One file of the framework: its stat now, its bytes when first asked for (a check whose cached
 * result the stats confirm reads none), through the one guarded reader (`readInside`), decoded
 * when its text is. A file that cannot be read is text-less with the problem recorded.
 */
export function readSourceFile(folder: string, relativePath: string): SourceFile {
  const absolutePath = path.join(folder, relativePath);
  const posix = toPosix(relativePath);
  const unreadable = (detail: string): SourceFile => ({ path: posix, absolutePath, text: '', encodingProblems: [{ kind: 'binary', line: 1, column: 1, detail }] });
  let stat: FileStat;
  try {
    const stats = statSync(absolutePath, { bigint: true });
    if (stats.size > MAX_FILE_BYTES) return unreadable(tooLarge(Number(stats.size)));
    stat = statOf(stats);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return unreadable(code === 'ELOOP' ? 'a symbolic link that loops, unreadable' : `unreadable file (${code ?? 'EIO'})`);
  }
  let read: { bytes?: Uint8Array; problem?: string } | undefined;
  let decoded: ReturnType<typeof decodeText> | undefined;
  const load = () => {
    if (read) return read;
    const outcome = readInside(folder, relativePath);
    read = outcome.ok ? { bytes: outcome.bytes } : { problem: outcome.kind === 'missing' ? 'unreadable file (ENOENT)' : outcome.problem };
    return read;
  };
  const decode = () => {
    const { bytes, problem } = load();
    decoded ??= bytes ? decodeText(bytes) : { text: '', problems: [{ kind: 'binary', line: 1, column: 1, detail: problem ?? 'unreadable file' }] };
    return decoded;
  };
  return {
    path: posix,
    absolutePath,
    stat,
    get bytes() {
      return load().bytes;
    },
    get text() {
      return decode().text;
    },
    get encodingProblems() {
      return decode().problems;
    },
  };
}

/** Reads the manifest file. Returns undefined when the folder holds none. */
export function readManifestFile(folder: string): SourceFile | undefined {
  const file = path.join(folder, MANIFEST_NAME);
  const stats = statOrUndefined(file);
  if (!stats || !stats.isFile()) return undefined;
  // A manifest that is a link out of the folder is not read either: without it there is no
  // framework to check, so this is the one refused path that stops the run.
  const real = safeRealpath(file);
  const realFolder = safeRealpath(folder) ?? folder;
  if (real !== undefined && !isWithin(realFolder, real)) {
    throw new InputError(`${file} is a symbolic link to a file outside the framework folder (${real}); gctf reads nothing outside it. Put the manifest itself in the folder.`);
  }
  return readSourceFile(folder, MANIFEST_NAME);
}

/**
 * Reads every draft the manifest's layout calls for: front and back parts, and each section
 * folder's Markdown files with their translations. Never follows a path or link out of `folder`.
 */
export function readFramework(folder: string, layout: ManifestLayout): FrameworkFiles {
  const realFolder = safeRealpath(folder) ?? folder;
  const drafts: DraftFile[] = [];
  const refused: RefusedPath[] = [];
  const unknownFolders: { name: string; file: string }[] = [];
  const unlistedLanguages: { file: string; lang: string }[] = [];
  const languages = new Set(layout.languages);

  const inside = (relative: string): RefusedPath['reason'] | undefined => {
    if (path.isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative)) return 'absolute';
    const resolved = path.resolve(folder, relative);
    if (!isWithin(folder, resolved)) return 'outside';
    const real = safeRealpath(resolved) ?? linkTarget(resolved);
    if (real !== undefined && !isWithin(realFolder, real)) return 'symlink-outside';
    return undefined;
  };

  const readParts = (role: 'front' | 'back', list: readonly string[]) => {
    list.forEach((relative, index) => {
      const key = [role, index];
      const reason = inside(relative);
      if (reason) {
        refused.push({ path: relative, reason, key });
        return;
      }
      if (!relative.endsWith('.md')) {
        refused.push({ path: relative, reason: 'not-markdown', key });
        return;
      }
      const stats = statOrUndefined(path.join(folder, relative));
      if (!stats?.isFile()) {
        refused.push({ path: relative, reason: 'not-found', key });
        return;
      }
      const normalized = toPosix(path.normalize(relative));
      drafts.push({ source: readSourceFile(folder, normalized), role, section: undefined, stem: stemOf(normalized), lang: undefined, index });
      // Translations stand beside the part: `introduction.fr.md`.
      const base = normalized.slice(0, -'.md'.length);
      for (const lang of layout.languages) {
        const translated = `${base}.${lang}.md`;
        if (statOrUndefined(path.join(folder, translated))?.isFile() && !inside(translated)) {
          drafts.push({ source: readSourceFile(folder, translated), role, section: undefined, stem: stemOf(normalized), lang, index });
        }
      }
    });
  };
  readParts('front', layout.front);
  readParts('back', layout.back);

  const sectionIds = new Set(layout.sectionIds);
  const partFiles = new Set(drafts.map((d) => d.source.path));
  for (const entry of listFolder(folder)) {
    if (entry.name.startsWith('.') || IGNORED_FOLDERS.has(entry.name)) continue;
    if (entry.isSymbolicLink) {
      // A linked folder is read like any other when it stays inside; one leading out is refused,
      // not listed, and reported (it was once skipped without a word).
      if (!statOrUndefined(path.join(folder, entry.name))?.isDirectory()) continue;
      if (inside(entry.name)) {
        refused.push({ path: entry.name, reason: 'symlink-folder-outside', key: undefined });
        continue;
      }
    } else if (!entry.isDirectory) {
      continue;
    }
    const files = listFolder(path.join(folder, entry.name)).filter((f) => f.name.endsWith('.md'));
    if (!sectionIds.has(entry.name)) {
      const first = files.find((f) => !f.isDirectory && !partFiles.has(`${entry.name}/${f.name}`));
      if (first) unknownFolders.push({ name: entry.name, file: `${entry.name}/${first.name}` });
      continue;
    }
    const names = new Set(files.map((f) => f.name));
    for (const file of files) {
      const relative = `${entry.name}/${file.name}`;
      if (file.isSymbolicLink) {
        const reason = inside(relative);
        if (reason) {
          refused.push({ path: relative, reason, key: undefined });
          continue;
        }
      }
      if (file.badName) {
        refused.push({ path: relative, reason: 'name-not-utf8', key: undefined });
        continue;
      }
      // Only folders named `.md` are passed over. A FIFO, a device or a dangling or looping link is
      // read, so that the reader reports what it is instead of the file being skipped unseen.
      if (file.isDirectory || (file.isSymbolicLink && statOrUndefined(path.join(folder, relative))?.isDirectory())) continue;
      const { stem, lang } = splitName(file.name, languages, (candidate) => names.has(`${candidate}.md`));
      if (lang !== undefined && !languages.has(lang)) {
        unlistedLanguages.push({ file: relative, lang });
        continue;
      }
      drafts.push({
        source: readSourceFile(folder, relative),
        role: stem === SECTION_INTRO ? 'section-intro' : 'practice',
        section: entry.name,
        stem,
        lang,
        index: 0,
      });
    }
  }
  return { drafts, refused, unknownFolders, unlistedLanguages };
}

/**
 * `community-trust.fr.md` is the French translation of `community-trust.md` when `fr` is a listed
 * language, or when it looks like a language tag and the source file exists beside it.
 */
function splitName(name: string, languages: ReadonlySet<string>, exists: (stem: string) => boolean) {
  const base = name.slice(0, -'.md'.length);
  const dot = base.lastIndexOf('.');
  if (dot > 0) {
    const lang = base.slice(dot + 1);
    const stem = base.slice(0, dot);
    if (languages.has(lang) || (LANGUAGE_PATTERN.test(lang) && exists(stem))) return { stem, lang };
  }
  return { stem: base, lang: undefined };
}

interface FolderEntry {
  readonly name: string;
  readonly isDirectory: boolean;
  readonly isSymbolicLink: boolean;
  /** The name's bytes are not valid UTF-8: `name` shows them with U+FFFD, and no such file can be opened by it. */
  readonly badName: boolean;
}

const strictNames = new TextDecoder('utf-8', { fatal: true });
const lossyNames = new TextDecoder('utf-8');

function listFolder(folder: string): FolderEntry[] {
  let entries;
  try {
    // Names as bytes: a name that is not UTF-8 would otherwise come back altered and then be
    // "not found" when opened.
    entries = readdirSync(folder, { withFileTypes: true, encoding: 'buffer' });
  } catch {
    return [];
  }
  return entries
    .map((e) => {
      const raw = e.name as unknown as Buffer;
      let name: string;
      let badName = false;
      try {
        name = strictNames.decode(raw);
      } catch {
        name = lossyNames.decode(raw);
        badName = true;
      }
      return { name, isDirectory: e.isDirectory(), isSymbolicLink: e.isSymbolicLink(), badName };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function stemOf(relative: string): string {
  return path.posix.basename(relative, '.md');
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file).isSymbolicLink() ? statFollowing(file) : lstatSync(file);
  } catch {
    return undefined;
  }
}

function statFollowing(file: string): Stats | undefined {
  try {
    return lstatSync(realpathSync(file));
  } catch {
    return undefined;
  }
}

/** Where a link that cannot be resolved (dangling, or a loop) points, one step. */
function linkTarget(file: string): string | undefined {
  try {
    return path.resolve(path.dirname(file), readlinkSync(file));
  } catch {
    return undefined;
  }
}

function safeRealpath(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}


function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}
