import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTsConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTemporaryFolders, temporaryFolder } from './helpers/run-command.js';

// Layers point one way. The rules are in .dependency-cruiser.cjs (dependency-cruiser, run here
// in-process on src/): no import cycle; nothing outside src/commands/ but src/cli.ts and
// src/index.ts imports a command; no emitter imports another (shared writer helpers live in
// src/emit/shared*.ts); src/read/ imports nothing from src/model/. The same check by hand:
//   npx depcruise src --config .dependency-cruiser.cjs
const ROOT = path.resolve(import.meta.dirname, '..');

afterAll(removeTemporaryFolders);

/** Cruises `root`/src with the rules of .dependency-cruiser.cjs and `root`'s tsconfig.json. */
async function cruiseSources(root = ROOT): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.cjs'));
  const tsConfig = extractTsConfig(path.join(root, 'tsconfig.json'));
  // Paths are read and reported relative to the project, whatever the working folder.
  const result = await cruise(['src'], { ...options, baseDir: root, validate: true }, {}, { tsConfig });
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

describe('the rules of .dependency-cruiser.cjs', () => {
  it('find each kind of violation, and let through what is allowed', async () => {
    // A tree laid out as src/ is, with one import of each kind a rule forbids or allows.
    const root = temporaryFolder('gctf-architecture-');
    cpSync(path.join(ROOT, 'tsconfig.json'), path.join(root, 'tsconfig.json'));
    const files: Record<string, string> = {
      'src/cli.ts': "import './commands/build.js';",
      'src/index.ts': "import './commands/check.js';",
      'src/commands/build.ts': "import './check.js';",
      'src/commands/check.ts': "import '../report/pretty.js';",
      'src/report/pretty.ts': "import '../commands/check.js';",
      'src/engine/pipeline.ts': "import '../read/read-framework.js';",
      'src/read/read-framework.ts': "import type { Model } from '../model/types.js';\nexport type Read = Model;",
      'src/model/types.ts': 'export type Model = string;',
      'src/emit/shared.ts': 'export const shared = 1;',
      'src/emit/markdown.ts': "import './shared.js';",
      'src/emit/html.ts': "import './markdown.js';\nimport './shared.js';",
      'src/emit/docx.ts': "import './docx/document.js';",
      'src/emit/docx/document.ts': "import '../pdf/pdf-data.js';\nimport './text.js';",
      'src/emit/docx/text.ts': '',
      'src/emit/pdf.ts': "import './pdf/pdf-data.js';",
      'src/emit/pdf/pdf-data.ts': "import '../shared.js';",
      'src/emit/registry.ts': "import './markdown.js';\nimport './pdf.js';",
      'src/emit/markdown-style.ts': "import './markdown.js';",
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), `${text}\n`);
    }
    expect(describeViolations(await cruiseSources(root))).toEqual([
      'commands-from-below: src/report/pretty.ts → src/commands/check.ts',
      'emitter-imports-emitter: src/emit/docx/document.ts → src/emit/pdf/pdf-data.ts',
      'emitter-imports-emitter: src/emit/html.ts → src/emit/markdown.ts',
      'no-circular: src/commands/check.ts → src/report/pretty.ts → src/commands/check.ts',
      'read-imports-model: src/read/read-framework.ts → src/model/types.ts',
    ]);
  }, 120_000);
});
