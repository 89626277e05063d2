import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { graph } from '../src/commands/graph.js';
import { mermaidLabel, dotString } from '../src/graph/text-formats.js';
import { captureIo } from './helpers/capture-io.js';

const folder = mkdtempSync(path.join(tmpdir(), 'gctf-graph-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
writeFileSync(path.join(folder, 'framework.yaml'), 'title: T\nsections:\n  - id: prevention\n    title: Prévention <& "co">\n  - id: response\n    title: Response\n');
mkdirSync(path.join(folder, 'prevention'));
mkdirSync(path.join(folder, 'response'));
const draft = (file: string, front: string, body: string) => writeFileSync(path.join(folder, file), `---\n${front}status: draft\n---\n\n${body}\n`);
draft('prevention/a.md', "title: 'Trust <b> & \"quotes\" [x] {y} #1 -->; end'\norder: 1\nrelated: [b, c]\n", 'See [](#c) and [](#c) again, [](#prevention) and [](#a).[^1]\n\n[^1]: And [](#b).');
draft('prevention/b.md', 'title: Second\norder: 2\n', 'Text.');
draft('response/c.md', 'title: Third\nrelated: [a]\n', 'Text.');
draft('response/gone.md', 'title: Gone\nrelated: [a]\n', 'Text.');
writeFileSync(path.join(folder, 'response', 'gone.md'), '---\ntitle: Gone\nstatus: withdrawn\n---\n\nSee [](#a).\n');

async function run(format: 'mermaid' | 'dot' | 'svg') {
  const io = captureIo(folder);
  expect(await graph({ format }, io)).toBe(0);
  return io.out;
}

describe('gctf graph', () => {
  it('draws Mermaid: numbered nodes grouped by section, references solid, related dotted', async () => {
    const out = await run('mermaid');
    expect(out).toBe(
      [
        'flowchart LR',
        '  subgraph s1["I. Prévention #60;#38; #quot;co#quot;#62;"]',
        '    p1["1. Trust #60;b#62; #38; #quot;quotes#quot; #91;x#93; #123;y#125; #35;1 --#62;; end"]',
        '    p2["2. Second"]',
        '  end',
        '  subgraph s2["II. Response"]',
        '    p3["3. Third"]',
        '  end',
        '  p1 --> p2',
        '  p1 --> p3',
        '  p3 -.-> p1',
        '',
      ].join('\n'),
    );
  });

  it('writes DOT with clusters and dashed related edges', async () => {
    const out = await run('dot');
    expect(out).toContain('subgraph cluster_1 {\n    label="I. Prévention <& \\"co\\">";');
    expect(out).toContain('p1 [label="1. Trust <b> & \\"quotes\\" [x] {y} #1 -->; end", tooltip="a"];');
    expect(out).toContain('  p1 -> p2;\n  p1 -> p3;\n  p3 -> p1 [style=dashed];\n}');
  });

  it('lays out a well-formed SVG without external tools', async () => {
    const out = await run('svg');
    expect(XMLValidator.validate(out)).toBe(true);
    const svg = new XMLParser({ ignoreAttributes: false }).parse(out).svg;
    const titles = JSON.stringify(svg);
    expect(titles).toContain('1. Trust <b> & \\"quotes\\" [x] {y} #1 -->; end');
    expect(out).not.toContain('<b>');
    expect((out.match(/<path class="reference"/g) ?? []).length).toBe(2);
    expect((out.match(/<path class="related"/g) ?? []).length).toBe(1);
    expect(await run('svg')).toBe(out);
  });

  it('writes to --out', async () => {
    const io = captureIo(folder);
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'gctf-graph-out-')), 'graph.svg');
    expect(await graph({ format: 'svg', out: target }, io)).toBe(0);
    expect(io.out).toBe('');
    expect(readFileSync(target, 'utf8')).toMatch(/^<\?xml/);
    expect(io.err).toContain('3 practices, 3 references');
    rmSync(path.dirname(target), { recursive: true });
  });

  it('escapes what Mermaid and DOT read as syntax', () => {
    expect(mermaidLabel('a"b#c')).toBe('"a#quot;b#35;c"');
    expect(dotString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });
});
