import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTsConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

// Layers point one way. The rules are in .dependency-cruiser.cjs (dependency-cruiser, run here
// in-process on src/): no import cycle; nothing outside src/commands/ but src/cli.ts and
// src/index.ts imports a command; no emitter imports another (shared writer helpers live in
// src/emit/shared*.ts); src/read/ imports nothing from src/model/. The same check by hand:
//   npx depcruise src --config .dependency-cruiser.cjs
const ROOT = path.resolve(import.meta.dirname, '..');

async function cruiseSources(): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.cjs'));
  const tsConfig = extractTsConfig(path.join(ROOT, 'tsconfig.json'));
  // Paths are read and reported relative to the repository, whatever the working folder.
  const result = await cruise(['src'], { ...options, baseDir: ROOT, validate: true }, {}, { tsConfig });
  if (typeof result.output === 'string') throw new Error('dependency-cruiser answered text, not a result');
  return result.output;
}

/** One violation a line: `rule: from → to` (a cycle as its whole path). */
function describeViolations(result: ICruiseResult): string[] {
  return result.summary.violations
    .map((v) => {
      const cycle = v.cycle?.map((step) => step.name);
      return `${v.rule.name}: ${v.from} → ${cycle ? cycle.join(' → ') : v.to}`;
    })
    .sort();
}

describe('the layers of src/', () => {
  it('import nothing the rules of .dependency-cruiser.cjs forbid', async () => {
    const result = await cruiseSources();
    // The net itself: every module was read and every relative import found its file, so a rule
    // cannot pass because dependency-cruiser saw nothing.
    expect(result.summary.totalCruised).toBeGreaterThan(50);
    const unresolved = result.modules.flatMap((m) =>
      m.source.startsWith('src/') ? m.dependencies.filter((d) => d.couldNotResolve && d.module.startsWith('.')).map((d) => `${m.source} → ${d.module}`) : [],
    );
    expect(unresolved).toEqual([]);
    expect(describeViolations(result)).toEqual([]);
  }, 120_000);
});
