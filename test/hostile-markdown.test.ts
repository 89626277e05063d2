import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyHostile, HOSTILE, peakMemory, removeScratch, runEveryCommand } from './helpers/hostile-harness.js';

// Issue 8, Markdown that stresses parsers, and large inputs. Large drafts are generated into a copy
// of test/fixtures/hostile/markdown-stress/ in os.tmpdir() rather than committed. Each asserts the
// rule id, the line, the exit code, unchanged sources, valid outputs, and (runEveryCommand) that
// every command finishes within 10 s; the test process's peak memory stays under 1 GB.

afterAll(removeScratch);

const GB = 1024 ** 3;
const head = (title: string) => `---\ntitle: ${title}\nstatus: draft\n---\n\n`;

/** A copy of the `markdown-stress` fixture with the drafts given added to `prevention/`. */
function withDrafts(drafts: Record<string, string | Buffer>): string {
  const folder = copyHostile('markdown-stress');
  for (const [name, content] of Object.entries(drafts)) writeFileSync(path.join(folder, 'prevention', name), content);
  return folder;
}

describe('Markdown that stresses parsers', () => {
  it('refuses thousands of nested block quotes and lists at the line that is too deep', async () => {
    const quotes = `${head('Deep quotes')}Statement.\n\n${'>'.repeat(5000)} deep\n`;
    // 900 levels of list, each indented two more spaces: 800 KB, under the 1 MB limit.
    const lists = `${head('Deep lists')}Statement.\n\n${Array.from({ length: 900 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n`;
    const brackets = `${head('Deep brackets')}Statement ${'['.repeat(20_000)}x${']'.repeat(20_000)}\n`;
    const emphasis = `${head('Deep emphasis')}Statement ${'*a **a '.repeat(3000)}b${' a** a*'.repeat(3000)}\n`;
    await runEveryCommand(withDrafts({ 'quotes.md': quotes, 'lists.md': lists, 'brackets.md': brackets, 'emphasis.md': emphasis }), {
      expected: [
        'prevention/quotes.md:8 markdown-limits',
        // Nesting is estimated before parsing at four columns a level: two-space levels pass the
        // estimate of 64 at the 128th, line 8 + 128.
        'prevention/lists.md:136 markdown-limits',
        'prevention/brackets.md:6 markdown-limits',
        'prevention/emphasis.md:6 markdown-limits',
      ],
    });
  });

  it('refuses an enormous table (200 columns × 3000 rows) quickly, with a cap on cells', async () => {
    const row = (cell: string) => `|${Array.from({ length: 200 }, () => cell).join('|')}|\n`;
    const table = `${head('Enormous table')}Statement.\n\n${row('h')}${row('-')}${row('').repeat(3000)}`;
    expect(Buffer.byteLength(table)).toBeLessThan(1_000_000);
    await runEveryCommand(withDrafts({ 'table.md': table }), { expected: ['prevention/table.md:57 markdown-limits'] });
  });

  it('builds a large table under the cap (200 columns × 45 rows) in every format', async () => {
    const row = (cell: string) => `|${Array.from({ length: 200 }, () => cell).join('|')}|\n`;
    const table = `${head('Large table')}Statement TABLE-LITERAL.\n\n${row('h')}${row('-')}${row('x').repeat(45)}`;
    await runEveryCommand(withDrafts({ 'table.md': table }), { formats: ['md', 'html', 'json', 'docx', 'pdf'], literals: ['TABLE-LITERAL'] });
  });

  it('refuses input that makes the parser quadratic (setext underlines, emphasis, links) within the time limit', async () => {
    const setext = `${head('Setext')}Statement.\n\n${'a\n---\n'.repeat(3000)}`;
    const links = `${head('Links')}Statement ${'[a](<b '.repeat(30_000)}\n`;
    const autolinks = `${head('Autolinks')}${'Statement www.example.org and more. '.repeat(20_000)}\n`;
    await runEveryCommand(withDrafts({ 'setext.md': setext, 'links.md': links, 'autolinks.md': autolinks }), {
      expected: ['prevention/setext.md:2009 markdown-limits', 'prevention/links.md:6 markdown-limits', 'prevention/autolinks.md:6 markdown-limits'],
    });
  });

  it('refuses a 20 MB draft, a 20 MB frontmatter and a 40 MB file, within 10 s and 1 GB', async () => {
    const body = `${head('Twenty megabytes')}${'Statement with words. '.repeat(1_000_000)}\n`;
    const frontmatter = `---\ntitle: Big frontmatter\nstatus: draft\nnotes: "${'x'.repeat(20_000_000)}"\n---\n\nStatement.\n`;
    const huge = Buffer.alloc(40_000_000, 'a');
    const folder = withDrafts({ 'big-body.md': body, 'big-frontmatter.md': frontmatter, 'huge.md': huge });
    await runEveryCommand(folder, {
      expected: ['prevention/big-body.md:5 markdown-limits', 'prevention/big-frontmatter.md:1 frontmatter-syntax', 'prevention/huge.md:1 file-encoding'],
    });
    expect(peakMemory()).toBeLessThan(GB);
  });

  it('reads an unclosed code fence to the end of the draft, as text, in every format', async () => {
    const { outputs } = await runEveryCommand(path.join(HOSTILE, 'unclosed-fence'), {
      formats: ['md', 'html', 'json', 'docx', 'pdf'],
      literals: ['FENCE-LITERAL-1', 'alert(document.cookie)', 'the fence is never closed'],
    });
    const html = readFileSync(outputs.find((f) => f.endsWith('.html'))!, 'utf8');
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
  });

  it('reports headings at the wrong levels at their lines', async () => {
    await runEveryCommand(path.join(HOSTILE, 'heading-levels'), {
      expected: ['prevention/headings.md:8 heading-structure', 'prevention/headings.md:12 heading-structure', 'prevention/headings.md:14 heading-structure'],
    });
  });
});
