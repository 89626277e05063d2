import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Root } from 'mdast';
import type { ParseProfile } from './markdown.js';
import type { ParseJob } from './parse-worker.js';

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
    private readonly file: string,
    private readonly identity: string,
    entries: Map<string, Root>,
  ) {
    this.entries = entries;
  }

  /** Opens the pack of `profile` trees for `scope` (the framework folder) in `folder`; an unreadable pack is empty. */
  static open(folder: string, scope: string, identity: string, profile: ParseProfile): TreeCache {
    const name = createHash('sha256').update(scope).digest('hex').slice(0, 16);
    const file = path.join(folder, `trees-${name}-${profile}.v8`);
    let entries = new Map<string, Root>();
    try {
      const value = deserialize(readFileSync(file)) as unknown;
      if (value instanceof Map) entries = value as Map<string, Root>;
    } catch {
      // Missing or damaged (an interrupted write, another Node version): start empty.
    }
    return new TreeCache(file, identity, entries);
  }

  private key(job: ParseJob): string {
    return createHash('sha256').update(this.identity).update('\0').update(job.profile).update('\0').update(String(job.firstLine)).update('\0').update(job.body).digest('base64url');
  }

  get(job: ParseJob): Root | undefined {
    const key = this.key(job);
    const tree = this.entries.get(key);
    if (tree) this.used.set(key, tree);
    return tree;
  }

  set(job: ParseJob, tree: Root): void {
    this.used.set(this.key(job), tree);
    this.dirty = true;
  }

  /** Writes the pack when anything changed (temporary file, then rename). Failures are ignored. */
  save(): void {
    if (!this.dirty && this.used.size === this.entries.size) return;
    const temporary = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(temporary, serialize(this.used));
      renameSync(temporary, this.file);
    } catch {
      // A cache that cannot be written only costs time.
      rmSync(temporary, { force: true });
    }
  }
}
