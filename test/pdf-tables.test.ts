import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../src/emit/pdf/pdf-emitter.js';
import { emitContext } from '../src/emit/emit-thread.js';
import { loadFramework } from '../src/index.js';
import { buildEdition } from '../src/model/edition.js';
import { readMessages } from '../src/model/messages.js';
import { readTemplates } from '../src/read/read-templates.js';
import { hasPoppler, pdfText, squash } from './helpers/pdf-tools.js';

/**
 * Tables in the PDF: a caption written pandoc's way (`Table: …` after the table) is set above the
 * table as a numbered caption, once, and a table without one has none.
 */

const DRAFT = `---
title: Divide the work
status: adopted
---

Work should be divided between levels of government.

| Level | Task |
| --- | --- |
| National | Sets the legal framework and the standards every local partner applies |
| Local | Runs the programs |

Table: Who does what

| Actor | Role |
| --- | --- |
| Police | Refers |

The second table has no caption.
`;

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'gctf-pdf-tables-'));
  writeFileSync(
    path.join(folder, 'framework.yaml'),
    'title: Tables\nlanguage: en\nlanguages: [en]\nstatus: final\nsections:\n  - id: prevention\n    title: Prevention\n',
  );
  mkdirSync(path.join(folder, 'prevention'));
  writeFileSync(path.join(folder, 'prevention', 'divide-the-work.md'), DRAFT);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.skipIf(!hasPoppler)('a table in the PDF', () => {
  it('takes its caption from a Table: paragraph, numbered and set once, and the other table has none', async () => {
    const model = await loadFramework(folder);
    const edition = buildEdition(model, 'en', readMessages(model.folder, 'en'));
    const bytes = await pdf.emit(edition, emitContext(readTemplates(model.folder, []), '0.0.0-test'));
    if (!(bytes instanceof Uint8Array)) throw new Error('the pdf emitter returned text');
    const text = squash(pdfText(bytes));
    expect(text).toContain(squash('Table 1: Who does what'));
    expect(text).not.toContain(squash('Table: Who does what'));
    expect(text).not.toContain(squash('Table 2'));
    expect(text.indexOf(squash('Who does what'))).toBeLessThan(text.indexOf(squash('Sets the legal framework')));
  }, 60_000);
});
