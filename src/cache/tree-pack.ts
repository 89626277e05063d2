import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { Root } from 'mdast';
import type { ParseProfile } from '../parse/markdown.js';
import type { ParseJob } from '../parse/parse-worker.js';
import { readSealed, writeSealed } from './cache-seal.js';

/**
 * A content-addressed cache of parsed Markdown trees. An entry's key is the SHA-256 of the parser's
 * identity (gctf's version and the versions of the Markdown packages) and the body with the line it
 * starts on, so an edit, an upgrade or another option can never hit a stale entry. Entries live in
 * one pack file per framework folder and parse profile (`check` keeps its trees, `build` and
 * `watch` theirs, and neither evicts the other's), rewritten with just the entries the last run
 * used: it never grows without bound, and deleting the folder is always safe.
 */
export class TreeCache {
  private readonly entries: Map<string, Root>;
  private readonly used = new Map<string, Root>();
  private dirty = false;

  private constructor(
    private readonly folder: string,
    private readonly file: string,
    private readonly identity: string,
    entries: Map<string, Root>,
  ) {
    this.entries = entries;
  }

  /** Opens the pack of `profile` trees for `scope` (the framework folder) in `folder`; an unreadable or forged pack is empty. */
  static open(folder: string, scope: string, identity: string, profile: ParseProfile): TreeCache {
    const name = `trees-${createHash('sha256').update(scope).digest('hex').slice(0, 16)}-${profile}.v8`;
    let entries = new Map<string, Root>();
    const payload = readSealed(folder, name);
    if (payload) {
      try {
        const value = deserialize(payload) as unknown;
        if (value instanceof Map) entries = value as Map<string, Root>;
      } catch {
        // Sealed but not readable by this Node version: start empty.
      }
    }
    return new TreeCache(folder, name, identity, entries);
  }

  private key(job: ParseJob): string {
    return treeKey(this.identity, job);
  }

  get(job: ParseJob): Root | undefined {
    const key = this.key(job);
    const tree = this.entries.get(key);
    // The seal says gctf wrote it; the shape check guards against a gctf of another make.
    if (!tree || !isTree(tree)) return undefined;
    this.used.set(key, tree);
    return tree;
  }

  set(job: ParseJob, tree: Root): void {
    this.used.set(this.key(job), tree);
    this.dirty = true;
  }

  /** Writes the pack, sealed, when anything changed. Failures are ignored. */
  save(): void {
    if (!this.dirty && this.used.size === this.entries.size) return;
    writeSealed(this.folder, this.file, serialize(this.used));
  }
}

/** An entry's key: the SHA-256 of the parser's identity, the profile, the first line and the body. */
export function treeKey(identity: string, job: ParseJob): string {
  return createHash('sha256').update(identity).update('\0').update(job.profile).update('\0').update(String(job.firstLine)).update('\0').update(job.body).digest('base64url');
}

/** Deeper than any tree the parser's nesting limit lets through. */
const MAX_DEPTH = 256;

/**
 * Whether a value has the shape of an mdast tree: nodes with a string `type`, `children` arrays
 * of nodes, string `value`s, and no node reached twice (a cycle, or a shared node, is refused
 * rather than walked for ever).
 */
export function isTree(value: unknown): value is Root {
  const seen = new Set<object>();
  const walk = (node: unknown, depth: number): boolean => {
    if (depth > MAX_DEPTH || typeof node !== 'object' || node === null || seen.has(node)) return false;
    seen.add(node);
    const record = node as Record<string, unknown>;
    if (typeof record.type !== 'string') return false;
    if ('value' in record && typeof record.value !== 'string') return false;
    if (!('children' in record)) return true;
    if (!Array.isArray(record.children)) return false;
    for (const child of record.children) if (!walk(child, depth + 1)) return false;
    return true;
  };
  return walk(value, 0) && (value as Root).type === 'root';
}
