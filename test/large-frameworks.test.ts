import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitContext } from '../src/emit/emit-thread.js';
import { markdownEmitter } from '../src/emit/markdown.js';
import { pdfData } from '../src/emit/pdf/pdf-data.js';
import { pdf } from '../src/emit/pdf/pdf-emitter.js';
import { estimatePages } from '../src/emit/pdf/page-estimate.js';
import { loadFramework } from '../src/index.js';
import { buildEdition, MAX_PRACTICES_IN_CONTENTS } from '../src/model/edition.js';
import { readMessages } from '../src/model/messages.js';
import { readTemplates } from '../src/read/read-templates.js';
import { hasPoppler, pdfBookmarks, pdfInfo, pdfText, squash } from './helpers/pdf-tools.js';
import { runCli } from './helpers/run-cli.js';

const BENCH = path.join(import.meta.dirname, 'bench');
const PRACTICES = path.join(import.meta.dirname, '..', 'practices');
let scratch: string;

/** A synthetic framework written by one of the benchmark's generators. */
function generate(generator: 'gen-sections.mjs' | 'gen-corpus.mjs', count: number): string {
  const folder = path.join(scratch, `${generator}-${count}`);
  execFileSync(process.execPath, [path.join(BENCH, generator), folder, String(count)], { stdio: 'ignore' });
  return folder;
}

async function edition(folder: string) {
  const model = await loadFramework(folder);
  return { model, edition: buildEdition(model, model.metadata.language, readMessages(model.folder, model.metadata.language)) };
}

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'gctf-large-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a PDF too large to typeset', () => {
  it('is refused before Typst sets it, against the manifest, with the estimate and the way out', async () => {
    const folder = generate('gen-sections.mjs', 30);
    const out = path.join(scratch, 'refused');
    const run = await runCli(['build', folder, '--format', 'pdf,md', '--out', out, '--pdf-max-pages', '20']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '1:1  error    The PDF would have about 35 pages (30 parts that each start a page and 5,754 characters of text), more than the 20 gctf typesets in one file: Typst holds every page in memory until it writes the file. Build the other formats, build fewer practices (--status), or raise the limit with --pdf-max-pages  emit-pdf',
    );
    expect(run.stderr).toContain('framework.yaml');
  });

  it('is set when the limit is raised to cover it', async () => {
    const folder = generate('gen-sections.mjs', 30);
    const run = await runCli(['build', folder, '--format', 'pdf', '--out', path.join(scratch, 'raised'), '--pdf-max-pages', '35']);
    expect(run.code).toBe(0);
    expect(readdirSync(path.join(scratch, 'raised'))).toEqual(['framework.pdf']);
  });

  it('takes a whole number of pages, and says what it found otherwise', async () => {
    const run = await runCli(['build', PRACTICES, '--format', 'pdf', '--pdf-max-pages', 'many']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`option '--pdf-max-pages <n>' argument 'many' is invalid. expected a whole number of pages, 1 or more, found "many"`);
  });

  it.skipIf(!hasPoppler)('is estimated within 10 % of the pages Typst sets, on the bundled framework and on many short sections', async () => {
    for (const folder of [PRACTICES, generate('gen-sections.mjs', 60)]) {
      const { model, edition: built } = await edition(folder);
      const estimate = estimatePages(pdfData(built));
      const bytes = await pdf.emit(built, emitContext(readTemplates(model.folder, []), '0.0.0-test'));
      const pages = Number(pdfInfo(bytes as Uint8Array).fields.get('Pages'));
      expect(Math.abs(estimate.pages - pages) / pages, `${folder}: estimated ${estimate.pages}, set ${pages}`).toBeLessThanOrEqual(0.1);
    }
  }, 120_000);
});

describe('the contents of a framework with many practices', () => {
  it(`list practices up to ${MAX_PRACTICES_IN_CONTENTS} of them, and sections only beyond`, async () => {
    const small = await edition(generate('gen-corpus.mjs', MAX_PRACTICES_IN_CONTENTS));
    const large = await edition(generate('gen-corpus.mjs', MAX_PRACTICES_IN_CONTENTS + 1));
    expect(small.edition.contentsDepth).toBe(2);
    expect(large.edition.contentsDepth).toBe(1);
    const contentsOf = async (built: typeof small) => {
      const markdown = String(await markdownEmitter.emit(built.edition, emitContext(readTemplates(built.model.folder, []), '0.0.0-test')));
      return markdown.slice(markdown.indexOf('## Contents'), markdown.indexOf('\n## ', markdown.indexOf('## Contents') + 1));
    };
    expect(await contentsOf(small)).toContain('Good Practice 1:');
    expect(await contentsOf(large)).not.toContain('Good Practice');
    expect(await contentsOf(large)).toContain('[I. Prevention]');
  });

  it.skipIf(!hasPoppler)('in the PDF and Word files too', async () => {
    const folder = generate('gen-corpus.mjs', MAX_PRACTICES_IN_CONTENTS + 1);
    const out = path.join(scratch, 'large-contents');
    const run = await runCli(['build', folder, '--format', 'pdf,docx', '--out', out]);
    expect(run.code).toBe(0);
    const { edition: built } = await edition(folder);
    expect(pdfData(built).contentsDepth).toBe(1);
    // The PDF's contents: the page after the cover, up to the first section's page, lists the
    // sections and no practice.
    const bytes = readFileSync(path.join(out, readdirSync(out).find((f) => f.endsWith('.pdf')) ?? 'missing.pdf'));
    const firstBody = Math.min(...pdfBookmarks(bytes).map((b) => b.page));
    const contents = pdfText(bytes).split('\f').slice(1, firstBody - 1).join('\n');
    for (const section of built.sections) expect(squash(contents)).toContain(squash(`${section.numeral}. ${section.title}`));
    expect(contents).not.toMatch(/Good Practice \d/);
    const unzipped = execFileSync('unzip', ['-p', path.join(out, readdirSync(out).find((f) => f.endsWith('.docx')) ?? 'missing.docx'), 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(unzipped).toContain('TOC \\o &quot;1-1&quot; \\h');
    expect(unzipped).not.toContain('w:val="TOC2"');
  }, 120_000);
});
