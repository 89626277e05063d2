import type { Root } from 'mdast';
import { parserIdentity } from '../cache/cache-folder.js';
import { readProject, type Project } from '../load.js';
import { buildModel } from '../model/build-model.js';
import type { Draft, FrameworkModel } from '../model/types.js';
import { parseBodies } from '../parse/parse-bodies.js';
import { splitDraft, type SplitDraft } from '../parse/parse-draft.js';
import type { ParseJob } from '../parse/parse-worker.js';
import { TreeCache } from '../cache/tree-pack.js';

interface Entry {
  /** The file's bytes when it was parsed (undefined when unreadable). */
  readonly bytes: Uint8Array | undefined;
  readonly split: SplitDraft;
  readonly tree: Root;
}

/** What one load found: the model, and how many drafts it had to parse. */
export interface MemoryLoad {
  readonly model: FrameworkModel;
  readonly project: Project;
  /** Drafts split and parsed afresh this time (the others came from memory). */
  readonly parsed: number;
}

/**
 * Loads a framework folder again and again, as a watcher does, re-parsing only the drafts whose
 * text changed.
 *
 * Why not `resolveProject(…, { cacheFolder })`: its `TreeCache` deserializes the whole pack file
 * on every load and writes it back after, which on a 1,000-draft corpus costs 400–600 ms per
 * rebuild — more than the whole rebuild budget. Here the split drafts (frontmatter parsed) and their
 * trees stay in memory by path, with the text they came from, so an unchanged draft costs one
 * lookup and one string comparison. The
 * disk cache is still used once, for the first load, so that starting the watcher is as fast as
 * `gctf check`.
 */
export class MemoryLoader {
  private entries = new Map<string, Entry>();
  private first = true;

  constructor(
    private readonly folder: string,
    private readonly cacheFolder: string | undefined,
  ) {}

  /** Reads the folder and resolves the model; a folder that is no framework throws `ExitError`. */
  async load(): Promise<MemoryLoad> {
    const project = readProject(this.folder);
    const next = new Map<string, Entry>();
    const missing: { key: string; split: SplitDraft }[] = [];
    for (const entry of project.files.drafts) {
      const key = entry.source.path;
      const known = this.entries.get(key);
      // Bytes, not text: a removed BOM or a CR made LF decodes to the same text, yet changes what
      // the checks report.
      if (known && sameBytes(known.bytes, entry.source.bytes)) next.set(key, known);
      else missing.push({ key, split: splitDraft(entry.source) });
    }
    if (missing.length > 0) {
      const disk = this.first && this.cacheFolder ? TreeCache.open(this.cacheFolder, project.folder, parserIdentity(), 'full') : undefined;
      const jobs: ParseJob[] = missing.map(({ split }) => ({ body: split.body, firstLine: split.bodyLine, profile: 'full' }));
      const trees = await parseBodies(jobs, disk);
      disk?.save();
      missing.forEach(({ key, split }, i) => next.set(key, { bytes: split.file.bytes, split, tree: trees[i] ?? { type: 'root', children: [] } }));
    }
    this.first = false;
    this.entries = next;

    // The same assembly as `resolveProject` in src/load.ts, with trees from memory.
    const drafts: Draft[] = project.files.drafts.map((entry) => {
      const known = next.get(entry.source.path) as Entry;
      return { ...known.split, tree: known.tree, role: entry.role, section: entry.section, stem: entry.stem, lang: entry.lang };
    });
    const { refused, unknownFolders, unlistedLanguages } = project.files;
    const model = buildModel(project.folder, project.manifest, drafts, { refused, unknownFolders, unlistedLanguages, templates: project.templates });
    return { model, project, parsed: missing.length };
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a !== undefined && b !== undefined && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
