import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../version.js';

/** The packages whose versions decide what a parse produces: an upgrade invalidates the cache. */
const PARSER_PACKAGES = ['remark-parse', 'remark-gfm', 'micromark', 'micromark-extension-gfm', 'mdast-util-from-markdown', 'yaml', 'gray-matter'];

/**
 * Where the cache lives: `GCTF_CACHE_DIR` when set; else `node_modules/.cache/gctf` in the nearest
 * folder above `cwd` that has `node_modules`; else beside gctf's own `node_modules`. Undefined when
 * there is no such place.
 */
export function cacheFolder(cwd: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.GCTF_CACHE_DIR) return path.resolve(cwd, env.GCTF_CACHE_DIR);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', '.cache', 'gctf');
    if (path.dirname(dir) === dir) break;
  }
  const own = fileURLToPath(new URL('../../node_modules/', import.meta.url));
  return existsSync(own) ? path.join(own, '.cache', 'gctf') : undefined;
}

let identity: string | undefined;

/** gctf's version and the versions of the packages that parse drafts, as one string. */
export function parserIdentity(): string {
  identity ??= [`gctf@${version()}`, ...PARSER_PACKAGES.map((name) => `${name}@${packageVersion(name)}`)].join(' ');
  return identity;
}

function packageVersion(name: string): string {
  try {
    let dir = path.dirname(fileURLToPath(import.meta.resolve(name)));
    for (; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? 'unknown';
      }
    }
  } catch {
    // Not resolvable from here (a transitive dependency): its parent's version covers it.
  }
  return 'unknown';
}
