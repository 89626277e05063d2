import path from 'node:path';
import type { Project } from '../engine/pipeline.js';
import { parseManifest } from '../engine/read-project.js';
import { LANGUAGE_PATTERN } from '../model/fields.js';
import { decodeText } from '../read/decode-text.js';
import { MANIFEST_NAME } from '../read/find-framework-folder.js';
import type { DraftFile, FrameworkFiles, RefusedPath } from '../read/read-framework.js';
import type { SourceFile } from '../read/source-file.js';

/** The files of a framework folder held in memory: path relative to the folder (`/`-separated) → bytes. */
export type FileSet = ReadonlyMap<string, Uint8Array>;

const SECTION_INTRO = '_section';
const IGNORED_FOLDERS = new Set(['node_modules', 'templates', 'dist', 'assets']);

/** One in-memory file as the pipeline reads files: decoded once, when its text is first asked for. */
function memoryFile(relative: string, bytes: Uint8Array, where: string): SourceFile {
  let decoded: ReturnType<typeof decodeText> | undefined;
  const decode = () => (decoded ??= decodeText(bytes));
  return {
    path: relative,
    absolutePath: `${where}${relative}`,
    bytes,
    get text() {
      return decode().text;
    },
    get encodingProblems() {
      return decode().problems;
    },
  };
}

/**
 * A framework read from a set of files in memory (a git revision's tree), laid out exactly as
 * `readProject` lays out a folder on disk: the manifest, its front and back parts with their
 * translations, and each listed section's drafts. The read stage only reads folders, so this is its
 * counterpart for files that are not on disk; the parse and model stages are the same.
 * `where` names the origin in paths (`v1:`), so that diagnostics say which side they are on; `base`
 * (the framework folder as it is on disk) gives the folder and the templates.
 * Returns undefined when the set holds no manifest.
 */
export function memoryProject(files: FileSet, base: Project, where: string): Project | undefined {
  const manifestBytes = files.get(MANIFEST_NAME);
  if (!manifestBytes) return undefined;
  const file = memoryFile(MANIFEST_NAME, manifestBytes, where);
  const { manifest, layout } = parseManifest(file);
  const sectionIds = new Set(layout.sectionIds);
  const languages = new Set(layout.languages);
  const drafts: DraftFile[] = [];
  const refused: RefusedPath[] = [];
  const unknownFolders: { name: string; file: string }[] = [];
  const unlistedLanguages: { file: string; lang: string }[] = [];

  for (const role of ['front', 'back'] as const) {
    layout[role].forEach((relative, index) => {
      const key = [role, index];
      if (path.posix.isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative)) return void refused.push({ path: relative, reason: 'absolute', key });
      const normalized = path.posix.normalize(relative.replace(/\\/g, '/'));
      if (normalized.startsWith('../') || normalized === '..') return void refused.push({ path: relative, reason: 'outside', key });
      if (!normalized.endsWith('.md')) return void refused.push({ path: relative, reason: 'not-markdown', key });
      const bytes = files.get(normalized);
      if (!bytes) return void refused.push({ path: relative, reason: 'not-found', key });
      const stem = path.posix.basename(normalized, '.md');
      drafts.push({ source: memoryFile(normalized, bytes, where), role, section: undefined, stem, lang: undefined, index });
      const base = normalized.slice(0, -'.md'.length);
      for (const lang of layout.languages) {
        const translated = files.get(`${base}.${lang}.md`);
        if (translated) drafts.push({ source: memoryFile(`${base}.${lang}.md`, translated, where), role, section: undefined, stem, lang, index });
      }
    });
  }

  // Folders and their Markdown files, one level down, in the order a folder listing gives them.
  const folders = new Map<string, string[]>();
  for (const relative of [...files.keys()].sort()) {
    const parts = relative.split('/');
    if (parts.length !== 2) continue;
    const [name, fileName] = parts as [string, string];
    if (name.startsWith('.') || IGNORED_FOLDERS.has(name) || !fileName.endsWith('.md')) continue;
    let list = folders.get(name);
    if (!list) folders.set(name, (list = []));
    list.push(fileName);
  }
  const partFiles = new Set(drafts.map((d) => d.source.path));
  for (const [name, fileNames] of folders) {
    if (!sectionIds.has(name)) {
      const first = fileNames.find((f) => !partFiles.has(`${name}/${f}`));
      if (first) unknownFolders.push({ name, file: `${name}/${first}` });
      continue;
    }
    const names = new Set(fileNames);
    for (const fileName of fileNames) {
      const relative = `${name}/${fileName}`;
      const base = fileName.slice(0, -'.md'.length);
      const dot = base.lastIndexOf('.');
      let stem = base;
      let lang: string | undefined;
      if (dot > 0) {
        const candidate = base.slice(dot + 1);
        if (languages.has(candidate) || (LANGUAGE_PATTERN.test(candidate) && names.has(`${base.slice(0, dot)}.md`))) {
          stem = base.slice(0, dot);
          lang = candidate;
        }
      }
      if (lang !== undefined && !languages.has(lang)) {
        unlistedLanguages.push({ file: relative, lang });
        continue;
      }
      const bytes = files.get(relative) as Uint8Array;
      drafts.push({ source: memoryFile(relative, bytes, where), role: stem === SECTION_INTRO ? 'section-intro' : 'practice', section: name, stem, lang, index: 0 });
    }
  }
  const result: FrameworkFiles = { drafts, refused, unknownFolders, unlistedLanguages };
  // Everything else (the templates outputs are made with) is the base project's: the working tree's.
  return { ...base, manifest, files: result };
}
