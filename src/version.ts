import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** gctf's own version, from its package.json. */
export function version(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}

/**
 * The versions of what gctf is built on, for `gctf --version --verbose` (as pandoc prints its
 * libraries): Typst (through typst-ts), docx and remark; `cli.ts` adds Node.js's. A library that cannot be found
 * is shown as `unknown`.
 */
export function libraryVersions(): { name: string; version: string }[] {
  return [
    { name: 'typst-ts', version: packageVersion('@myriaddreamin/typst-ts-node-compiler') },
    { name: 'docx', version: packageVersion('docx') },
    { name: 'remark', version: packageVersion('remark-parse') },
  ];
}

/** The version in a dependency's package.json, found from where Node resolves its entry point. */
function packageVersion(name: string): string {
  let entry: string;
  try {
    entry = fileURLToPath(import.meta.resolve(name));
  } catch {
    try {
      entry = createRequire(import.meta.url).resolve(name);
    } catch {
      return 'unknown';
    }
  }
  for (let dir = path.dirname(entry); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name) return manifest.version ?? 'unknown';
    } catch {
      // No package.json at this level: keep going up.
    }
  }
  return 'unknown';
}
