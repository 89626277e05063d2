import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { outputFormats } from '../src/emit/registry.js';
import type { Edition } from '../src/model/edition.js';
import { version } from '../src/version.js';
import { BUNDLED_PRACTICES, buildFramework, contextFor, dated, editionOf, languagesOf } from './helpers/build-framework.js';
import { hasPoppler, pdfText } from './helpers/pdf-tools.js';

// Golden outputs of the bundled framework (practices/), so that a refactor proves itself byte for
// byte: every language's md, html, json and akn exactly, the docx's word/document.xml and
// word/footnotes.xml (one element a line), and the PDF's text as pdftotext -layout reads it
// (skipped, with a message, without poppler-utils). Each edition is built in-process through the
// emitters, as `gctf build` hands them the edition, with SOURCE_DATE_EPOCH fixed; the end-to-end
// tier also checks that `gctf build` writes the same md, html, json and akn.
//
// A change to the outputs that is meant goes with its regenerated goldens, in the same commit:
//
//   UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts
//
// then read `git diff test/golden/` to see that the outputs changed as intended, and only so.
//
// The file runs in both tiers of vitest.config.ts, each its own part: the unit tier (npm run
// test:unit) the goldens made in-process, the end-to-end tier the PDF's, which needs Typst and
// pdftotext. Run alone, as above, it runs both.
const GOLDEN = path.join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** The tier this run is (undefined outside the projects of vitest.config.ts: then both parts run). */
const TIER = inject('tier');
const IN_PROCESS = TIER !== 'e2e';
const WITH_TYPST = TIER !== 'unit';
/** 2023-11-14T22:13:20Z, the only date a build may stamp. */
const SOURCE_DATE_EPOCH = 1_700_000_000;
/** The parts of a Word file kept as goldens: the text and the footnotes. */
/** The version the goldens' generator metadata names (`contextFor`'s), whatever gctf's own is. */
const TEST_VERSION = '0.0.0-test';
const DOCX_PARTS = ['word/document.xml', 'word/footnotes.xml'];
/** Lines shown around the first difference. */
const CONTEXT = 3;
const SHOWN = 6;

/** An XML part one element a line: a newline before each tag that directly follows another. */
function oneTagALine(xml: string): string {
  // Word parts are written on one line; text never holds a raw '<', so only markup is split.
  return `${xml.replace(/>\s*</g, '>\n<')}\n`;
}

/**
 * Where `actual` and `expected` first differ, as lines: a few equal lines before it, then up to
 * SHOWN lines of each side, numbered. Empty when they are equal.
 */
function firstDifference(actual: string, expected: string): string {
  if (actual === expected) return '';
  const a = actual.split('\n');
  const e = expected.split('\n');
  let line = 0;
  while (line < a.length && line < e.length && a[line] === e[line]) line++;
  const start = Math.max(0, line - CONTEXT);
  const show = (lines: string[], mark: string) =>
    lines
      .slice(line, line + SHOWN)
      .map((text, i) => `${mark} ${String(line + i + 1).padStart(5)} | ${JSON.stringify(text).slice(1, -1)}`)
      .join('\n') || `${mark}       (ends after line ${lines.length})`;
  const same = a
    .slice(start, line)
    .map((text, i) => `  ${String(start + i + 1).padStart(5)} | ${JSON.stringify(text).slice(1, -1)}`)
    .join('\n');
  return [
    `first difference at line ${line + 1} (- golden, ${e.length} lines; + output, ${a.length} lines)`,
    ...(same ? [same] : []),
    show(e, '-'),
    show(a, '+'),
  ].join('\n');
}

/** Compares `actual` with the golden file `name`, or writes it under UPDATE_GOLDEN=1. */
function matchGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (UPDATE) {
    writeFileSync(file, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(file, 'utf8');
  } catch {
    expect.fail(`test/golden/${name} is missing: UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts writes it`);
  }
  const difference = firstDifference(actual, expected);
  if (difference) {
    expect.fail(
      `the output differs from test/golden/${name}\n${difference}\n` +
        'If the change is intended: UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts, and commit the goldens with it.',
    );
  }
}

describe('golden outputs of the bundled framework', async () => {
  const langs = await languagesOf(BUNDLED_PRACTICES);
  const authoritative = langs[0];
  const context = contextFor(BUNDLED_PRACTICES, { version: TEST_VERSION });

  beforeAll(() => {
    mkdirSync(GOLDEN, { recursive: true });
  });

  /** The golden of the output in `extension` for `lang`, named as `gctf build` names its file, `edition` for the slug. */
  const nameOf = (lang: string, extension: string) => `${lang === authoritative ? 'edition' : `edition.${lang}`}.${extension}`;
  const EXACT = ['md', 'html', 'json', 'akn'];
  const extensionOf = (format: string) => outputFormats.find((f) => f.format === format)?.extension ?? format;
  /** Every golden file there is to be. */
  const goldens = langs.flatMap((lang) => [
    ...EXACT.map((format) => nameOf(lang, extensionOf(format))),
    ...DOCX_PARTS.map((part) => nameOf(lang, `docx.${path.basename(part)}`)),
    nameOf(lang, 'pdf.txt'),
  ]);

  const editions = new Map<string, Promise<Edition>>();
  /** One output, as the emitter of `format` writes it for the `lang` edition. */
  async function emit(format: string, lang: string): Promise<Uint8Array | string> {
    const output = outputFormats.find((f) => f.format === format);
    if (!output) throw new Error(`no output format ${format}`);
    if (!editions.has(lang)) editions.set(lang, editionOf(BUNDLED_PRACTICES, lang).then((edition) => dated(edition, SOURCE_DATE_EPOCH)));
    return (await output.load()).emit(await editions.get(lang)!, context);
  }
  const text = (output: Uint8Array | string) => (typeof output === 'string' ? output : new TextDecoder().decode(output));

  describe.each(langs)('the %s edition', (lang) => {
    if (IN_PROCESS) {
      it.each(EXACT)('%s, exactly', async (format) => {
        matchGolden(nameOf(lang, extensionOf(format)), text(await emit(format, lang)));
      });

      it('docx: word/document.xml and word/footnotes.xml', async () => {
        const output = await emit('docx', lang);
        const parts = unzipSync(typeof output === 'string' ? new TextEncoder().encode(output) : output);
        for (const part of DOCX_PARTS) {
          const bytes = parts[part];
          expect(bytes, `the Word file has ${part}`).toBeDefined();
          matchGolden(nameOf(lang, `docx.${path.basename(part)}`), oneTagALine(new TextDecoder().decode(bytes)));
        }
      });
    }

    if (WITH_TYPST) {
      it.skipIf(!hasPoppler)('pdf: the text pdftotext -layout reads (skipped without poppler-utils)', async () => {
        const output = await emit('pdf', lang);
        matchGolden(nameOf(lang, 'pdf.txt'), pdfText(typeof output === 'string' ? new TextEncoder().encode(output) : output));
      });
    }
  });

  /** A built file as if gctf's version were the goldens' (`0.0.0-test`), so that a release changes no golden. */
  const withTestVersion = (output: string) =>
    output.replaceAll(`gctf ${version()}"`, `gctf ${TEST_VERSION}"`).replaceAll(`"version": "${version()}"`, `"version": "${TEST_VERSION}"`);

  if (WITH_TYPST) {
    // The goldens are made through the emitters; this proves they are what a user's build writes.
    it.skipIf(UPDATE)('are what gctf build writes for md, html, json and akn', async () => {
      const built = await buildFramework(BUNDLED_PRACTICES, { formats: EXACT, env: { SOURCE_DATE_EPOCH: String(SOURCE_DATE_EPOCH) } });
      try {
        const differences = langs.flatMap((lang) =>
          EXACT.map((format) => {
            const name = nameOf(lang, extensionOf(format));
            const written = readFileSync(built.path(lang, extensionOf(format)), 'utf8');
            const difference = firstDifference(withTestVersion(written), readFileSync(path.join(GOLDEN, name), 'utf8'));
            return difference && `gctf build's ${path.basename(built.path(lang, extensionOf(format)))} differs from test/golden/${name}\n${difference}`;
          }),
        );
        expect(differences.filter(Boolean).join('\n\n')).toBe('');
      } finally {
        built.remove();
      }
    });
  }

  if (IN_PROCESS) {
    it('has no golden that no output matches any more (a language or a format removed)', () => {
      const stale = readdirSync(GOLDEN).filter((name) => !goldens.includes(name));
      if (UPDATE) for (const name of stale) rmSync(path.join(GOLDEN, name));
      else expect(stale, 'UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts removes them').toEqual([]);
    });
  }
});

if (IN_PROCESS) {
  describe('a golden difference', () => {
    it('shows the first differing lines, numbered, with the equal lines before them', () => {
      const golden = ['a', 'b', 'c', 'd', 'e', 'f'].join('\n');
      const output = ['a', 'b', 'c', 'd', 'E', 'f'].join('\n');
      expect(firstDifference(output, golden)).toBe(
        [
          'first difference at line 5 (- golden, 6 lines; + output, 6 lines)',
          '      2 | b',
          '      3 | c',
          '      4 | d',
          '-     5 | e',
          '-     6 | f',
          '+     5 | E',
          '+     6 | f',
        ].join('\n'),
      );
      expect(firstDifference(golden, golden)).toBe('');
    });
  });
}
