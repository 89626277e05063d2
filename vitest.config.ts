import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The unit tier (`npm run test:unit`): the rules, the parser, the model, the emitters (through the
 * golden outputs) and the layering, all in-process: nothing here spawns a process or starts
 * LibreOffice, Java, Chromium or Typst. It is the inner loop, in well under 30 s.
 */
const UNIT = [
  'test/architecture.test.ts',
  'test/cli-check.test.ts',
  'test/golden.test.ts',
  'test/graph.test.ts',
  'test/hostile-frontmatter.test.ts',
  'test/parse-profiles.test.ts',
  'test/practices.test.ts',
  'test/readme.test.ts',
  'test/rule-docs.test.ts',
  'test/json-schemas.test.ts',
  'test/rules.test.ts',
  'test/translations-structure.test.ts',
  'test/worker-script.test.ts',
];

/**
 * golden.test.ts is in both tiers and each runs its own part: the unit tier the goldens made
 * in-process (md, html, json, akn, docx), the end-to-end tier the PDF's (Typst, then pdftotext).
 */
const SPLIT = ['test/golden.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Output tests spawn LibreOffice, Java and Typst; two cores are all CI has.
    maxWorkers: 2,
    // `npm test` runs both projects; `npm run test:unit` the first alone.
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: UNIT, provide: { tier: 'unit' } },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...UNIT.filter((file) => !SPLIT.includes(file))],
          provide: { tier: 'e2e' },
        },
      },
    ],
  },
});

declare module 'vitest' {
  export interface ProvidedContext {
    /** The tier a test file runs in, for a file split between the two (golden.test.ts). */
    tier: 'unit' | 'e2e';
  }
}
