import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import { loadFramework } from '../src/engine/pipeline.js';
import { frontmatterJsonSchema, jsonSchemaFiles, manifestJsonSchema } from '../src/rules/json-schemas.js';

const ROOT = path.join(import.meta.dirname, '..');
const ajv = new Ajv({ allErrors: true, strict: true });
const manifestSchema = ajv.compile(manifestJsonSchema());
const frontmatterSchema = ajv.compile(frontmatterJsonSchema());

it('schema/ holds the JSON Schemas as npm run docs writes them from src/model/fields.ts', () => {
  for (const [file, text] of Object.entries(jsonSchemaFiles())) expect(readFileSync(path.join(ROOT, file), 'utf8'), `${file}: run npm run docs`).toBe(text);
});

it('the bundled manifest and every draft\'s frontmatter are valid against them', async () => {
  const model = await loadFramework(path.join(ROOT, 'practices'));
  expect(manifestSchema(model.manifest.data), JSON.stringify(manifestSchema.errors)).toBe(true);
  expect(model.drafts.length).toBeGreaterThan(50);
  for (const draft of model.drafts) expect(frontmatterSchema(draft.frontmatter.data), `${draft.file.path}: ${JSON.stringify(frontmatterSchema.errors)}`).toBe(true);
});

it('init\'s manifest points the YAML language server at the manifest schema, and is valid against it', () => {
  const text = readFileSync(path.join(ROOT, 'templates', 'init', 'practices', 'framework.yaml'), 'utf8');
  const first = text.split('\n')[0] ?? '';
  expect(first).toBe('# yaml-language-server: $schema=../node_modules/gctf/schema/framework-manifest.schema.json');
  // From practices/ in a project with gctf installed, the path lands on the package's schema/.
  expect(path.posix.normalize(`practices/${first.split('=')[1]}`)).toBe('node_modules/gctf/schema/framework-manifest.schema.json');
  expect(manifestSchema(parse(text)), JSON.stringify(manifestSchema.errors)).toBe(true);
});

it('rejects what gctf check rejects: a misspelt key, a wrong status, an unknown rule, a format that is not built', () => {
  expect(frontmatterSchema({ title: 'T', statuss: 'draft' })).toBe(false);
  expect(frontmatterSchema({ title: 'T', status: 'published' })).toBe(false);
  expect(manifestSchema({ title: 'T', sections: [{ id: 'a', title: 'A' }], rules: { 'unknown-refrence': 'off' } })).toBe(false);
  expect(manifestSchema({ title: 'T', sections: [{ id: 'a', title: 'A' }], build: { formats: ['epub'] } })).toBe(false);
  expect(manifestSchema({ title: 'T', sections: [{ id: 'a', title: 'A' }], build: { out: '../dist', formats: ['html', 'pdf'], languages: ['en'] } })).toBe(true);
});
