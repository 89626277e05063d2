import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { checkModel } from '../src/check/check-model.js';
import { loadFramework } from '../src/engine/pipeline.js';

// `gctf check` parses with the `check` profile (CommonMark + footnotes) for speed; builds parse the
// full GFM. Every rule must find exactly the same things either way.
const RULES = path.join(import.meta.dirname, 'fixtures', 'rules');
const folders = [
  path.join(import.meta.dirname, '..', 'practices'),
  ...readdirSync(RULES).flatMap((rule) => ['fail', 'pass'].map((kind) => path.join(RULES, rule, kind))),
];

it.each(folders.map((f) => [path.relative(path.join(import.meta.dirname, '..'), f), f]))('%s: the check profile finds what the full parse finds', async (_, folder) => {
  const findings = async (profile: 'check' | 'full') =>
    checkModel(await loadFramework(folder, { profile })).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.reason}`);
  expect(await findings('check')).toEqual(await findings('full'));
});
