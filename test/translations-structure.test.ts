import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../src/check/check-model.js';
import { loadFramework } from '../src/engine/pipeline.js';

// The rule fixtures (test/rules.test.ts) fix where each finding stands; this fixes what it says,
// under both parse profiles (`gctf check` reads tables as paragraphs, outputs as tables).
const FAIL = path.join(import.meta.dirname, 'fixtures', 'rules', 'translation-structure', 'fail');

describe.each(['check', 'full'] as const)('translation-structure (%s profile)', (profile) => {
  it('reports a dropped cross-reference, footnote, list item, heading and table cell at the translation line, with what the source has', async () => {
    const { diagnostics } = checkModel(await loadFramework(FAIL, { profile }));
    const found = diagnostics.filter((d) => d.ruleId === 'translation-structure').map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`);
    expect(found.sort()).toEqual(
      [
        'prevention/cells.fr.md:8:1 translation-structure Unexpected 1 heading, expected 2 as in the source (##, ##)',
        "prevention/cells.fr.md:12:1 translation-structure Unexpected row of 1 cell, expected 2 as in row 2 of the source's 1st table",
        "prevention/items.fr.md:8:1 translation-structure Unexpected list of 2 items, expected 3 as in the source's 1st list",
        'prevention/notes.fr.md:8:1 translation-structure Missing footnote call `[^2]`, expected it here as in the source (the source has 2 footnote calls)',
        'prevention/notes.fr.md:10:1 translation-structure Missing footnote definition `[^2]: …`, expected one as in the source',
        "prevention/refs.fr.md:6:1 translation-structure Missing cross-reference `#items`, expected the source's 2nd cross-reference here (the source has 3 cross-references)",
      ].sort(),
    );
  });
});
