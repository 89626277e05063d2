#!/usr/bin/env node
// Writes a synthetic framework of N sections holding one practice each, for measuring how the PDF
// grows with the number of sections (each section starts a page and a contents entry).
// Usage: node test/bench/gen-sections.mjs OUT_DIR [N=1000]
// The same arguments always write the same bytes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [out, nArg] = process.argv.slice(2);
if (!out) {
  console.error('usage: gen-sections.mjs OUT_DIR [N=1000]');
  process.exit(2);
}
const n = Number(nArg ?? 1000);
const id = (i) => `s${String(i + 1).padStart(5, '0')}`;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'framework.yaml'),
  [
    'title: Synthetic Sections Framework',
    'language: en',
    'languages: [en]',
    'sections:',
    ...Array.from({ length: n }, (_, i) => [`  - id: ${id(i)}`, `    title: Section ${i + 1}`]).flat(),
    '',
  ].join('\n'),
);
for (let i = 0; i < n; i++) {
  mkdirSync(join(out, id(i)));
  const next = id((i + 1) % n);
  writeFileSync(
    join(out, id(i), 'practice.md'),
    [
      '---',
      `id: p-${id(i)}`,
      `title: The practice of section ${i + 1}`,
      'status: adopted',
      '---',
      '',
      `States should keep the practice of section ${i + 1} under review with every partner concerned.`,
      '',
      `It works together with [](#p-${next}), which follows it.[^1]`,
      '',
      `[^1]: A note on section ${i + 1}.`,
      '',
    ].join('\n'),
  );
}
console.error(`wrote ${n} sections of one practice to ${out}`);
