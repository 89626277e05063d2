#!/usr/bin/env node
// Regenerates what is generated from the rule registry and the schema of keys (run `npm run docs`):
// the README's rule list, one page per rule in docs/rules/ with examples from the rule's test
// fixtures, and the JSON Schemas of framework.yaml and of the drafts' frontmatter in schema/.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { registry } from '../lib/rules/registry.js';
import { rulePage, withRuleTable } from '../lib/rules/documentation.js';
import { jsonSchemaFiles } from '../lib/rules/json-schemas.js';
import { ruleExample } from './rule-examples.mjs';

const changed = [];
const update = (url, text) => {
  if (existsSync(url) && readFileSync(url, 'utf8') === text) return;
  writeFileSync(url, text);
  changed.push(decodeURIComponent(url.pathname.replace(/^.*?\/(README\.md|docs\/|schema\/)/, '$1')));
};

const readme = new URL('../README.md', import.meta.url);
update(readme, withRuleTable(readFileSync(readme, 'utf8')));

const pages = new URL('../docs/rules/', import.meta.url);
mkdirSync(pages, { recursive: true });
const ids = new Set(registry.map((r) => r.rule.id));
for (const id of ids) update(new URL(`${id}.md`, pages), rulePage(id, ruleExample(id)));
for (const name of readdirSync(pages)) {
  if (name.endsWith('.md') && !ids.has(name.slice(0, -3))) {
    rmSync(new URL(name, pages));
    changed.push(`docs/rules/${name} (removed)`);
  }
}
// The JSON Schemas of framework.yaml and of the drafts' frontmatter, for editors.
for (const [file, text] of Object.entries(jsonSchemaFiles())) update(new URL(`../${file}`, import.meta.url), text);

console.log(changed.length === 0 ? 'README.md and docs/rules/ are up to date' : `updated ${changed.join(', ')}`);
