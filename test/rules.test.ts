import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel, loadFramework, registry } from '../src/index.js';

// Rule tests are data: test/fixtures/rules/<rule-id>/fail/ is a framework folder whose expected
// findings are listed in fail.expected, one a line, as `file:line:column rule-id message` with the
// message's exact text; pass/ is a framework folder with none. A new rule is a rule file plus
// these fixtures, no new test code. The harness goes through the library API (src/index.ts).
const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'rules');

// A rule that only speaks under a build option (`--status`) has `options.json` beside its
// fixtures: the model options both are loaded with.
async function findings(folder: string): Promise<string[]> {
  const options = path.join(folder, '..', 'options.json');
  const result = checkModel(await loadFramework(folder, existsSync(options) ? (JSON.parse(readFileSync(options, 'utf8')) as object) : {}));
  return result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.reason}`).sort();
}

function expected(rule: string): string[] {
  return readFileSync(path.join(FIXTURES, rule, 'fail.expected'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .sort();
}

describe.each(registry.map((r) => r.rule.id))('%s', (rule) => {
  it('has a failing and a passing fixture', () => {
    expect(existsSync(path.join(FIXTURES, rule, 'fail', 'framework.yaml'))).toBe(true);
    expect(existsSync(path.join(FIXTURES, rule, 'pass', 'framework.yaml'))).toBe(true);
    expect(expected(rule).some((line) => line.split(' ')[1] === rule)).toBe(true);
  });

  it('reports exactly the expected findings on the failing fixture', async () => {
    expect(await findings(path.join(FIXTURES, rule, 'fail'))).toEqual(expected(rule));
  });

  it('reports nothing on the passing fixture', async () => {
    expect(await findings(path.join(FIXTURES, rule, 'pass'))).toEqual([]);
  });
});
