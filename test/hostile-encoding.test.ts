import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyHostile, HOSTILE, removeScratch, runEveryCommand } from './helpers/hostile-harness.js';

// Issue 8, encoding and bytes: the byte-level inputs are written by the tests into a copy of a
// small fixture (test/fixtures/hostile/encoding/, empty-and-binary/) in os.tmpdir(), so that no
// binary file or line ending depends on how git checks the repository out. Each asserts the rule
// id, the line, the exit code, unchanged sources and valid outputs (see runEveryCommand).

afterAll(removeScratch);

const draft = (title: string, body: string) => `---\ntitle: ${title}\nstatus: draft\n---\n\n${body}`;

/** A copy of the `encoding` fixture with `files` (path → bytes or text) added. */
function withFiles(files: Record<string, string | Uint8Array>, fixture = 'encoding'): string {
  const folder = copyHostile(fixture);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(folder, name), content);
  return folder;
}

describe('hostile encodings and bytes', () => {
  it('reports invalid UTF-8 at the line of the first bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from(draft('Bad bytes', 'Line six.\n')), Buffer.from([0x63, 0xff, 0xfe, 0xc3, 0x28, 0x0a])]);
    await runEveryCommand(withFiles({ 'prevention/bad-utf8.md': bytes }), { expected: ['prevention/bad-utf8.md:7 file-encoding'] });
  });

  it('drops a BOM with a warning, and builds (exit 0)', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(draft('BOM-TITLE-LITERAL', 'A statement after a BOM.\n'))]);
    const { build, outputs } = await runEveryCommand(withFiles({ 'prevention/bom.md': bytes }), {
      expected: ['prevention/bom.md:1 normalized-text'],
    });
    expect(build.code).toBe(0);
    expect(readFileSync(outputs.find((f) => f.endsWith('.md'))!, 'utf8')).toContain('BOM-TITLE-LITERAL');
  });

  it('reads CRLF silently and lone CR with a warning, with lines counted right', async () => {
    const crlf = draft('CRLF endings', 'A statement.\n\n# Wrong rank\n').replace(/\n/g, '\r\n');
    const cr = draft('CR endings', 'A statement.\n\n# Wrong rank\n').replace(/\n/g, '\r');
    const { diagnostics } = await runEveryCommand(withFiles({ 'prevention/crlf.md': crlf, 'prevention/cr.md': cr }), {
      expected: ['prevention/crlf.md:8 heading-structure', 'prevention/cr.md:1 normalized-text', 'prevention/cr.md:8 heading-structure'],
    });
    expect(diagnostics.filter((d) => d.file === 'prevention/crlf.md').map((d) => d.ruleId)).toEqual(['heading-structure']);
  });

  it('reports NUL and other control characters at their line, and no output carries them', async () => {
    const folder = withFiles({
      'prevention/nul.md': draft('NUL inside', 'A statement with a \u0000 NUL.\n'),
      'prevention/controls.md': draft('Controls inside', 'A statement.\n\nA bell \u0007, an escape \u001b[31m red, a C1 \u0085 control.\n'),
    });
    const { diagnostics } = await runEveryCommand(folder, {
      expected: ['prevention/nul.md:6 control-character', 'prevention/controls.md:8 control-character'],
      formats: ['md', 'html', 'json', 'docx', 'pdf'],
    });
    expect(diagnostics.every((d) => d.ruleId !== 'file-encoding')).toBe(true);
  });

  it('reports lone surrogates written as YAML escapes, and writes valid outputs', async () => {
    await runEveryCommand(path.join(HOSTILE, 'lone-surrogates'), {
      expected: ['prevention/surrogates.md:2 control-character', 'prevention/surrogates.md:4 control-character'],
      formats: ['md', 'html', 'json', 'docx', 'pdf'],
    });
  });

  it('reports zero-width and bidi-override characters in ids and titles', async () => {
    await runEveryCommand(path.join(HOSTILE, 'invisible-characters'), {
      expected: [
        'prevention/zero-width.md:2 frontmatter-schema',
        'prevention/zero-width.md:3 frontmatter-schema',
        'prevention/bidi.md:2 frontmatter-schema',
        'prevention/bidi.md:4 frontmatter-schema',
      ],
    });
  });

  it('reports an empty draft and a binary file with a .md name at line 1, and checks the rest', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8, 0, 0]);
    const folder = withFiles({ 'prevention/empty.md': '', 'prevention/image.md': png, 'prevention/utf16.md': Buffer.from(`\uFEFF${draft('UTF-16', 'Text.\n')}`, 'utf16le') }, 'empty-and-binary');
    const { diagnostics } = await runEveryCommand(folder, {
      expected: ['prevention/empty.md:1 frontmatter-schema', 'prevention/image.md:1 file-encoding', 'prevention/utf16.md:1 file-encoding'],
    });
    // A binary file is one diagnostic, not a cascade.
    expect(diagnostics.filter((d) => d.file === 'prevention/image.md')).toHaveLength(1);
  });
});
