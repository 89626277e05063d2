import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { registry } from '../src/rules/registry.js';
import { rulePage } from '../src/rules/documentation.js';
// @ts-expect-error: a plain ES module shared with `npm run docs`, without type declarations
import { ruleExample } from '../scripts/rule-examples.mjs';
import { runCli } from './helpers/run-cli.js';

const PAGES = path.join(import.meta.dirname, '..', 'docs', 'rules');

it('every rule has its page in docs/rules/, as npm run docs writes it, and no page names a rule that is gone', () => {
  for (const { rule } of registry) {
    const file = path.join(PAGES, `${rule.id}.md`);
    expect(existsSync(file), `${file}: run npm run docs`).toBe(true);
    expect(readFileSync(file, 'utf8'), `${file} is stale: run npm run docs`).toBe(rulePage(rule.id, ruleExample(rule.id)));
  }
  expect(readdirSync(PAGES).sort()).toEqual(registry.map((r) => `${r.rule.id}.md`).sort());
});

it('every rule page shows a failing example with its findings and a passing one', () => {
  for (const { rule } of registry) {
    const page = readFileSync(path.join(PAGES, `${rule.id}.md`), 'utf8');
    expect(page, rule.id).toContain('## Failing example');
    expect(page, rule.id).toContain('## Passing example');
    expect(page, rule.id).toMatch(new RegExp(`:\\d+:\\d+ ${rule.id} `));
  }
});

it('docs/format.md is the project\'s own, and every page it and the rule pages link to exists', () => {
  const docs = path.join(import.meta.dirname, '..', 'docs');
  const pages = ['format.md', ...readdirSync(PAGES).map((p) => `rules/${p}`)];
  for (const page of pages) {
    const text = readFileSync(path.join(docs, page), 'utf8');
    for (const match of text.matchAll(/\]\(([^)#\s]+\.md)(#[^)]*)?\)/g)) {
      const target = path.resolve(path.dirname(path.join(docs, page)), match[1] ?? '');
      expect(existsSync(target), `${page} links to ${match[1]}`).toBe(true);
    }
  }
});

it('gctf rules lists every rule: id, default severity, fixable, description', async () => {
  const run = await runCli(['rules']);
  expect(run.code).toBe(0);
  for (const { rule, severity } of registry) expect(run.stdout).toMatch(new RegExp(`^${rule.id} +${severity} +${rule.fixable ? 'yes' : ' *'} +\\S`, 'm'));
  const json = await runCli(['rules', '--json']);
  const rules = JSON.parse(json.stdout) as { id: string; severity: string; fixable: boolean; description: string }[];
  expect(rules.map((r) => r.id)).toEqual(registry.map((r) => r.rule.id));
  expect(rules.find((r) => r.id === 'heading-structure')).toMatchObject({ severity: 'error', fixable: true });
});
