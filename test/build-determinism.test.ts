import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outputFormats } from '../src/emit/registry.js';
import { BUNDLED_PRACTICES, buildFramework, type BuiltFramework } from './helpers/build-framework.js';

describe('gctf build is deterministic', () => {
  const builds: BuiltFramework[] = [];
  afterAll(() => {
    for (const build of builds) build.remove();
  });

  // Every registered format, so a format added later is held to the same rule.
  it.each<Record<string, string>>([{}, { SOURCE_DATE_EPOCH: '1700000000' }])('writes byte-identical files from the same input (env %o)', async (env) => {
    const first = await buildFramework(BUNDLED_PRACTICES, { env });
    builds.push(first);
    const second = await buildFramework(BUNDLED_PRACTICES, { env });
    builds.push(second);
    expect(first.files).toEqual(second.files);
    // An extension may hold a dot itself (`akn.xml`).
    for (const format of outputFormats) expect(first.files.some((name) => name.endsWith(`.${format.extension}`)), format.extension).toBe(true);
    for (const name of first.files) {
      const a = readFileSync(path.join(first.out, name));
      const b = readFileSync(path.join(second.out, name));
      expect(a.equals(b), name).toBe(true);
    }
  });
});
