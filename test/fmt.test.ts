import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fmt, sameContent } from '../src/commands/fmt.js';
import { parseMarkdown } from '../src/parse/markdown.js';
import { splitDraft } from '../src/parse/parse-draft.js';
import { captureIo } from './helpers/capture-io.js';

const FRONTMATTER = '---\ntitle:   Build trust   # spacing kept as written\nstatus: draft\nrelated: [ other ]\n---\n';
const MESSY = `${FRONTMATTER}Authorities should *build* __trust__ with communities, see [](#other) and [the other one](#other).[^note]
Soft line break kept.

Rationale
---------

* one
* two
    * nested

1) first
2) second

***

    indented code

| Actor | Role |
|:--|--:|
| police | listen |

> quoted

[^note]: A footnote with a reference to [](#other).
`;
const OTHER = '---\ntitle: Other\nstatus: draft\n---\n\nAlready _formatted_ text.\n';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function framework(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'gctf-fmt-'));
  temporary.push(folder);
  writeFileSync(path.join(folder, 'framework.yaml'), 'title: T\nsections:\n  - id: prevention\n    title: Prevention\n');
  mkdirSync(path.join(folder, 'prevention'));
  writeFileSync(path.join(folder, 'prevention', 'messy.md'), MESSY);
  writeFileSync(path.join(folder, 'prevention', 'other.md'), OTHER);
  return folder;
}

const bodyTree = (text: string) => parseMarkdown(splitDraft({ path: 'x.md', absolutePath: 'x.md', text, encodingProblems: [] }).body, 1);

describe('gctf fmt', () => {
  it('--check lists the drafts that would change and exits 1, then 0 once formatted', async () => {
    const folder = framework();
    const check = captureIo(folder);
    expect(await fmt({ check: true, dir: folder }, check)).toBe(1);
    expect(check.out).toBe(`${path.join('prevention', 'messy.md')}\n`);
    expect(readFileSync(path.join(folder, 'prevention', 'messy.md'), 'utf8')).toBe(MESSY);

    const write = captureIo(folder);
    expect(await fmt({ dir: folder }, write)).toBe(0);
    expect(write.out).toBe(`${path.join('prevention', 'messy.md')}\n`);
    expect(readFileSync(path.join(folder, 'prevention', 'other.md'), 'utf8')).toBe(OTHER);

    const again = captureIo(folder);
    expect(await fmt({ check: true, dir: folder }, again)).toBe(0);
    expect(again.out).toBe('');
  });

  it('keeps the frontmatter byte for byte and the content tree unchanged', async () => {
    const folder = framework();
    await fmt({ paths: [path.join(folder, 'prevention', 'messy.md')] }, captureIo(folder));
    const formatted = readFileSync(path.join(folder, 'prevention', 'messy.md'), 'utf8');
    expect(formatted.startsWith(FRONTMATTER)).toBe(true);
    expect(sameContent(bodyTree(formatted), bodyTree(MESSY))).toBe(true);
    expect(formatted).toContain('see [](#other) and [the other one](#other).[^note]');
    expect(formatted).toContain('[^note]: A footnote with a reference to [](#other).');
    expect(formatted).toContain('Authorities should _build_ **trust**');
    expect(formatted).toContain('## Rationale');
    expect(formatted).toContain('- one\n- two\n  - nested');
    expect(formatted).toContain('```\nindented code\n```');
    expect(formatted).toContain('| :- | -: |');
    expect(formatted).toMatch(/^---$/m);
    expect(formatted).toContain('Soft line break kept.');
  });

  it('is idempotent', async () => {
    const folder = framework();
    await fmt({ dir: folder }, captureIo(folder));
    const once = readFileSync(path.join(folder, 'prevention', 'messy.md'), 'utf8');
    const io = captureIo(folder);
    await fmt({ dir: folder }, io);
    expect(readFileSync(path.join(folder, 'prevention', 'messy.md'), 'utf8')).toBe(once);
    expect(io.out).toBe('');
  });

  it('keeps CRLF line endings and a BOM as they were', async () => {
    const folder = framework();
    const file = path.join(folder, 'prevention', 'other.md');
    writeFileSync(file, `\uFEFF${'---\ntitle: Other\nstatus: draft\n---\nText with *emphasis*.\n'.replace(/\n/g, '\r\n')}`);
    await fmt({ dir: folder }, captureIo(folder));
    expect(readFileSync(file, 'utf8')).toBe('\uFEFF---\r\ntitle: Other\r\nstatus: draft\r\n---\r\n\r\nText with _emphasis_.\r\n');
  });

  it('skips drafts with frontmatter errors, and files that are no drafts', async () => {
    const folder = framework();
    const broken = `---\ntitle: [unclosed\nstatus: draft\n---\n\n* item\n`;
    writeFileSync(path.join(folder, 'prevention', 'broken.md'), broken);
    writeFileSync(path.join(folder, 'prevention', 'no-frontmatter.md'), '* item\n');
    mkdirSync(path.join(folder, 'templates'));
    writeFileSync(path.join(folder, 'templates', 'practice.md'), '* {{title}}\n');
    const io = captureIo(folder);
    expect(await fmt({ check: true, paths: [folder, path.join(folder, 'templates', 'practice.md')] }, io)).toBe(1);
    expect(io.err).toMatch(/skipped .*broken\.md: frontmatter error at \d+:\d+: /);
    expect(io.err).toMatch(/skipped .*no-frontmatter\.md: it has no frontmatter/);
    expect(io.err).toMatch(/skipped .*practice\.md: not a draft of/);
    await fmt({ dir: folder }, captureIo(folder));
    expect(readFileSync(path.join(folder, 'prevention', 'broken.md'), 'utf8')).toBe(broken);
    expect(readFileSync(path.join(folder, 'templates', 'practice.md'), 'utf8')).toBe('* {{title}}\n');
  });

  it('formats the bundled framework (three languages) without skipping a file, idempotently', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'gctf-fmt-'));
    temporary.push(folder);
    cpSync(path.join(import.meta.dirname, '..', 'practices'), folder, { recursive: true });
    const io = captureIo(folder);
    expect(await fmt({ dir: folder }, io)).toBe(0);
    expect(io.err).not.toContain('skipped');
    expect(await fmt({ check: true, dir: folder }, captureIo(folder))).toBe(0);
  });
});
