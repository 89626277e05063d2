import path from 'node:path';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../src/check/check-model.js';
import { loadFramework } from '../src/engine/pipeline.js';
import { runCli } from './helpers/run-cli.js';

const PRACTICES = path.join(import.meta.dirname, '..', 'practices');

describe('the bundled framework (practices/)', () => {
  it('checks with no error and no warning', async () => {
    const result = checkModel(await loadFramework(PRACTICES));
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.reason}`)).toEqual([]);
  });

  it('has at least 24 numbered practices, at least 4 in each of four sections', async () => {
    const model = await loadFramework(PRACTICES);
    expect(model.sections.map((s) => s.id)).toEqual(['prevention', 'detection', 'intervention', 'response']);
    expect(model.practices.length).toBeGreaterThanOrEqual(24);
    for (const section of model.sections) expect(section.practices.length).toBeGreaterThanOrEqual(4);
    expect(model.practices.map((p) => p.number)).toEqual(model.practices.map((_, i) => i + 1));
  });

  it('has cross-references, footnotes, and complete French and Arabic editions', async () => {
    const model = await loadFramework(PRACTICES);
    let references = 0;
    let footnotes = 0;
    for (const practice of model.practices) {
      visit(practice.draft.tree, (node) => {
        if (node.type === 'link' && node.url.startsWith('#')) references++;
        if (node.type === 'footnoteDefinition') footnotes++;
      });
      expect([...practice.translations.keys()]).toEqual(['fr', 'ar']);
      for (const translation of practice.translations.values()) expect(translation.stale).toBe(false);
    }
    expect(references).toBeGreaterThanOrEqual(20);
    expect(footnotes).toBeGreaterThan(10);
    for (const part of [...model.front, ...model.back]) expect([...part.translations.keys()]).toEqual(['fr', 'ar']);
  });

  it('lists the practices with `gctf list`', async () => {
    const run = await runCli(['list', PRACTICES, '--json']);
    expect(run.code).toBe(0);
    const { practices } = JSON.parse(run.stdout);
    expect(practices.length).toBeGreaterThanOrEqual(24);
    expect(new Set(practices.map((p: { section: string }) => p.section)).size).toBe(4);
  });
});
