import type { Root } from 'mdast';
import { TreeCache, treeKey } from '../cache/tree-pack.js';
import { parserIdentity } from '../cache/cache-folder.js';
import type { ParseProfile } from '../parse/markdown.js';
import type { ParseJob } from '../parse/parse-worker.js';

/**
 * Where parsed trees come from: one interface, three stores, every one keyed by the body's text,
 * the line it starts on, the parse profile and the parser's identity, so that no edit, upgrade or
 * option can ever be answered with a stale tree.
 * - `noTreeStore`: parse everything (`--no-cache`, the library's default);
 * - the disk pack (`TreeCache`, `src/cache/tree-pack.ts`): check, build, list, translations;
 * - `MemoryTreeStore`: watch and serve keep the trees of the last load in memory.
 */
export interface TreeStore {
  get(job: ParseJob): Root | undefined;
  set(job: ParseJob, tree: Root): void;
  /** Keeps what the last load used (the disk pack writes itself; memory drops the rest). */
  save(): void;
}

export const noTreeStore: TreeStore = {
  get: () => undefined,
  set: () => undefined,
  save: () => undefined,
};

/** The disk pack of `profile` trees for a framework folder, in the cache folder. */
export function diskTreeStore(cacheFolder: string, frameworkFolder: string, profile: ParseProfile): TreeStore {
  return TreeCache.open(cacheFolder, frameworkFolder, parserIdentity(), profile);
}

/**
 * Trees kept in memory between loads (watch, serve), backed by the disk pack for the first load.
 * Counts the trees it could not give, which the session reports as drafts parsed.
 */
export class MemoryTreeStore implements TreeStore {
  private entries = new Map<string, Root>();
  private used = new Map<string, Root>();
  private backing: TreeStore | undefined;
  /** Trees asked for and not found since the last `save`. */
  misses = 0;

  constructor(backing?: TreeStore) {
    this.backing = backing;
  }

  get(job: ParseJob): Root | undefined {
    const key = treeKey(parserIdentity(), job);
    const tree = this.entries.get(key) ?? this.backing?.get(job);
    if (tree) this.used.set(key, tree);
    else this.misses++;
    return tree;
  }

  set(job: ParseJob, tree: Root): void {
    this.used.set(treeKey(parserIdentity(), job), tree);
    this.backing?.set(job, tree);
  }

  save(): void {
    this.backing?.save();
    // The disk serves the first load only; afterwards memory holds everything in use.
    this.backing = undefined;
    this.entries = this.used;
    this.used = new Map();
  }
}
