import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOSTILE, removeScratch, runEveryCommand } from './helpers/hostile-harness.js';

// Issue 8, frontmatter classes: every command on each hostile fixture under
// test/fixtures/hostile/<class>/ reports the problem with file, line and rule id, exits 0 or 1
// (never 2, never a stack trace) within 10 s, leaves the sources byte-identical and writes only
// valid outputs (see runEveryCommand).

afterAll(removeScratch);

declare global {
  // Set by the fixtures' JavaScript and CoffeeScript payloads, were they ever evaluated.
  var __gctfPwned: unknown;
}

describe('hostile frontmatter', () => {
  it('never evaluates another frontmatter language (---js, ---javascript, ---coffee, ---json, ---toml)', async () => {
    const folder = path.join(HOSTILE, 'frontmatter-engines');
    const result = await runEveryCommand(folder, {
      expected: ['js', 'javascript', 'coffee', 'json', 'toml'].map((e) => `prevention/engine-${e}.md:1 frontmatter-syntax` as const),
    });
    expect(globalThis.__gctfPwned).toBeUndefined();
    expect(existsSync(path.join(folder, 'prevention', 'pwned'))).toBe(false);
    expect(result.check.code).toBe(1);
    expect(result.outputs).toEqual([]);
  });

  it('reports an alias bomb at the alias, and nesting at the line that is too deep, without expanding either', async () => {
    await runEveryCommand(path.join(HOSTILE, 'yaml-bombs'), {
      expected: ['prevention/alias-bomb.md:7 frontmatter-syntax', 'prevention/deep-flow.md:4 frontmatter-syntax', 'prevention/deep-block.md:69 frontmatter-syntax'],
    });
  });

  it('reports a frontmatter block that is a list, a string or a number', async () => {
    await runEveryCommand(path.join(HOSTILE, 'frontmatter-not-mapping'), {
      expected: ['prevention/a-list.md:2 frontmatter-syntax', 'prevention/a-string.md:2 frontmatter-syntax', 'prevention/a-number.md:2 frontmatter-syntax'],
    });
  });

  it('reports wrong types at the key’s own line (id: 12, title: [a, b], dates where a status or number belongs)', async () => {
    const { diagnostics } = await runEveryCommand(path.join(HOSTILE, 'frontmatter-types'), {
      expected: [
        'prevention/wrong-types.md:2 frontmatter-schema',
        'prevention/wrong-types.md:3 frontmatter-schema',
        'prevention/wrong-types.md:4 frontmatter-schema',
        'prevention/wrong-types.md:5 frontmatter-schema',
        'prevention/wrong-types.md:6 frontmatter-schema',
        'prevention/wrong-types.md:7 frontmatter-schema',
        'prevention/tagged.md:3 frontmatter-schema',
        'prevention/tagged.md:4 frontmatter-schema',
      ],
    });
    // The fine neighbour is still checked, and clean.
    expect(diagnostics.filter((d) => d.file === 'prevention/fine.md')).toEqual([]);
  });

  it('keeps dates as the text written where text belongs (YAML 1.2 core schema, no !!timestamp)', async () => {
    const folder = path.join(HOSTILE, 'frontmatter-dates');
    const { outputs, diagnostics } = await runEveryCommand(folder, { expected: [] });
    expect(diagnostics).toEqual([]);
    const json = JSON.parse(readFileSync(outputs.find((f) => f.endsWith('.json'))!, 'utf8')) as {
      metadata: { adopted?: string };
      sections: { practices: { id: string; title: string; tags: string[] }[] }[];
    };
    const practices = json.sections.flatMap((s) => s.practices);
    expect(practices.find((p) => p.id === 'dated')).toMatchObject({ title: '2018-09-26', tags: ['2018-09-26', 'yes'] });
    expect(practices.find((p) => p.id === 'timestamp')?.title).toBe('2019-01-02');
  });

  it('reports unterminated frontmatter at its opening line', async () => {
    await runEveryCommand(path.join(HOSTILE, 'frontmatter-unterminated'), {
      expected: ['prevention/never-closed.md:1 frontmatter-syntax', 'prevention/only-dashes.md:1 frontmatter-syntax'],
    });
  });

  it('reports a duplicate key at the second occurrence', async () => {
    await runEveryCommand(path.join(HOSTILE, 'frontmatter-duplicate-keys'), { expected: ['prevention/twice.md:4 frontmatter-syntax'] });
  });
});
