import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A practice id longer than a Word bookmark name may be (40 characters). */
export const LONG_ID = 'a-practice-whose-identifier-is-far-longer-than-word-allows';

/**
 * Writes a small draft framework that uses everything the Word output must handle: numbering
 * from 5, tables, nested and ordered lists, quotes, code, web links, a footnote called twice,
 * bare and worded cross-references, a practice id too long for a bookmark,
 * and an Arabic edition with one practice translated and one not. Returns its folder.
 */
export function writeDocxFixture(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'gctf-docx-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), text);
  };
  write(
    'framework.yaml',
    [
      'title: Fixture Framework on Testing',
      'subtitle: Everything a Word file must carry',
      'initiative: Test Initiative',
      'language: en',
      'languages: [en, ar]',
      'status: draft',
      'numbering:',
      '  start: 5',
      'sections:',
      '  - id: alpha',
      '    title: {en: Alpha, ar: ألفا}',
      '  - id: beta',
      '    title: {en: Beta, ar: بيتا}',
      '',
    ].join('\n'),
  );
  write(
    'alpha/first-practice.md',
    [
      '---',
      'title: Write everything down',
      'status: agreed',
      'tags: [records, testing]',
      `related: [${LONG_ID}]`,
      '---',
      '',
      'Authorities should write everything down.[^a]',
      '',
      '## Details',
      '',
      'See [](#' + LONG_ID + '), [the second section](#beta) and [the web](https://example.org/a?b=1&c=2).[^a] Also [a reference link][ref].',
      '',
      '[ref]: https://example.com/ref',
      '',
      '| Left | Centre | Right |',
      '| :--- | :----: | ----: |',
      '| a | **b** | 3 |',
      '| d | e |',
      '',
      '1. first',
      '   - nested bullet',
      '     1. deep ordered',
      '2. second',
      '',
      'Then:',
      '',
      '3. again',
      '4. more',
      '',
      '> A quotation with _emphasis_.',
      '',
      '```',
      'code line 1',
      '\tcode line 2',
      '```',
      '',
      '---',
      '',
      '[^a]: The first note, called twice.',
      '',
    ].join('\n'),
  );
  write(
    `beta/${LONG_ID}.md`,
    [
      '---',
      'title: Keep identifiers short',
      'status: agreed',
      'tags: [identifiers]',
      '---',
      '',
      'Identifiers should be short, as [](#first-practice) shows.[^n]',
      '',
      '[^n]: A second note with `code`.',
      '',
    ].join('\n'),
  );
  write(
    'alpha/first-practice.ar.md',
    [
      '---',
      'title: دوّن كل شيء',
      '---',
      '',
      'ينبغي للسلطات أن **تدوّن** كل شيء، بما في ذلك GCTF و*الملاحظات*.[^a]',
      '',
      '## تفاصيل',
      '',
      'انظر [](#' + LONG_ID + ').',
      '',
      '| العمود | القيمة |',
      '| --- | --- |',
      '| أ | ١ |',
      '',
      '- بند أول',
      '- بند ثانٍ',
      '',
      '[^a]: حاشية أولى.',
      '',
    ].join('\n'),
  );
  return folder;
}
