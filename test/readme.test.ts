import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { withRuleTable } from '../src/rules/documentation.js';

it('the README rule list matches the registry (run `npm run docs` to update it)', () => {
  const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
  expect(readme).toBe(withRuleTable(readme));
});
