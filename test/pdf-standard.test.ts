import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitContext } from '../src/emit/emit-thread.js';
import type { PdfStandard } from '../src/emit/emitter.js';
import { pdf } from '../src/emit/pdf/pdf-emitter.js';
import { loadFramework } from '../src/index.js';
import { buildEdition } from '../src/model/edition.js';
import { readMessages } from '../src/model/messages.js';
import { typesetterFor } from '../src/model/typography.js';
import { readTemplates } from '../src/read/read-templates.js';
import { hasPoppler, pdfBookmarks, pdfInfo, pdfMetadata, pdfStructure } from './helpers/pdf-tools.js';
import { runCli } from './helpers/run-cli.js';

// Each PDF is read back from its own bytes (poppler's pdfinfo for the XMP packet, the structure
// tree and the Tagged flag; the catalogue's keys from the file itself): a typst-ts version once
// ignored the standard it was asked for without a word.

const PRACTICES = path.join(import.meta.dirname, '..', 'practices');
const MANIFEST = parse(readFileSync(path.join(PRACTICES, 'framework.yaml'), 'utf8')) as { title: Record<string, string> };
/** The manifest's title in `lang`, typeset as every edition sets it (l’intervention). */
const titleIn = (lang: string) => typesetterFor(lang).text(MANIFEST.title[lang] ?? '');
/** 2018-09-26, the bundled framework's adoption: PDF/A must carry a date. */
const EPOCH = 1537920000;

async function build(lang: string, pdfStandard?: PdfStandard, sourceDateEpoch?: number): Promise<Uint8Array> {
  const model = await loadFramework(PRACTICES);
  const edition = buildEdition(model, lang, readMessages(model.folder, lang), { sourceDateEpoch });
  const context = { ...emitContext(readTemplates(model.folder, [lang]), '0.0.0-test'), pdfStandard };
  const bytes = await pdf.emit(edition, context);
  if (!(bytes instanceof Uint8Array)) throw new Error('the pdf emitter returned text');
  return bytes;
}

/** The text of one XMP element (`pdfuaid:part`), or undefined. */
function xmp(metadata: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(metadata)?.[1];
}

/** The languages of the XMP `dc:language` bag. */
function xmpLanguages(metadata: string): string[] {
  const bag = /<dc:language>\s*<rdf:Bag>([\s\S]*?)<\/rdf:Bag>/.exec(metadata)?.[1] ?? '';
  return [...bag.matchAll(/<rdf:li>([^<]*)<\/rdf:li>/g)].map((m) => m[1] ?? '');
}

/** The XMP `dc:title`, its XML entities decoded. */
function xmpTitle(metadata: string): string | undefined {
  const title = /<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">([^<]*)<\/rdf:li>/.exec(metadata)?.[1];
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return title?.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) =>
    entity.startsWith('#x') ? String.fromCodePoint(parseInt(entity.slice(2), 16)) : entity.startsWith('#') ? String.fromCodePoint(Number(entity.slice(1))) : (named[entity] ?? whole),
  );
}

/** The document catalogue's dictionary, as written in the file (Typst writes it uncompressed). */
function catalogue(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('latin1');
  const at = text.indexOf('/Type /Catalog');
  expect(at, 'the PDF has a document catalogue in plain text').toBeGreaterThan(-1);
  return text.slice(at, text.indexOf('endobj', at));
}

describe.skipIf(!hasPoppler)('PDF/UA-1 by default, read back from each edition of practices/', () => {
  const editions = new Map<string, Uint8Array>();
  beforeAll(async () => {
    for (const lang of ['en', 'fr', 'ar']) editions.set(lang, await build(lang));
  }, 180_000);

  it.each(['en', 'fr', 'ar'])('%s: declares PDF/UA-1 in its XMP metadata, with its language and the manifest title', (lang) => {
    const bytes = editions.get(lang) as Uint8Array;
    const metadata = pdfMetadata(bytes);
    expect(xmp(metadata, 'pdfuaid:part')).toBe('1');
    expect(xmpLanguages(metadata)).toEqual([lang]);
    expect(xmpTitle(metadata)).toBe(titleIn(lang));
    expect(metadata).not.toContain('pdfaid:');
  });

  it.each(['en', 'fr', 'ar'])('%s: is tagged, with a structure tree, its language and its title shown', (lang) => {
    const bytes = editions.get(lang) as Uint8Array;
    const { fields } = pdfInfo(bytes);
    expect(fields.get('Tagged')).toBe('yes');
    expect(fields.get('Title')).toBe(titleIn(lang));
    const structure = pdfStructure(bytes);
    expect(structure).toMatch(/^Document$/m);
    expect(structure).toMatch(/^\s+H1\b/m);
    // The contents, from their heading (the first H1) to the next: nothing but one paragraph an
    // entry, of two links to the heading (its title, then its page number; the dot leaders between
    // them are artifacts), an entry for every bookmarked heading.
    const contents = structure.split(/^ {2}H1\b.*\n/m)[1] ?? '';
    const entries = contents.match(/^ {2}P \(block\)\n {4}Link \(inline\)\n {6}Object \d+ 0\n {4}Link \(inline\)\n {6}Object \d+ 0\n/gm) ?? [];
    expect(entries.join('')).toBe(contents);
    expect(entries.length).toBe(pdfBookmarks(bytes).length);
    const root = catalogue(bytes);
    expect(root).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(root).toContain(`/Lang (${lang})`);
    expect(root).toMatch(/\/DisplayDocTitle true/);
    expect(root).toMatch(/\/Marked true/);
  });
});

describe.skipIf(!hasPoppler)('other standards, on request', () => {
  it('writes PDF/A-2b, dated by SOURCE_DATE_EPOCH', async () => {
    const metadata = pdfMetadata(await build('en', 'a-2b', EPOCH));
    expect(xmp(metadata, 'pdfaid:part')).toBe('2');
    expect(xmp(metadata, 'pdfaid:conformance')).toBe('B');
    expect(xmp(metadata, 'xmp:CreateDate')).toMatch(/^2018-09-26T00:00:00/);
    expect(metadata).not.toContain('pdfuaid:');
  }, 60_000);

  it('writes PDF/A-3b', async () => {
    const metadata = pdfMetadata(await build('ar', 'a-3b', EPOCH));
    expect(xmp(metadata, 'pdfaid:part')).toBe('3');
    expect(xmp(metadata, 'pdfaid:conformance')).toBe('B');
  }, 60_000);

  it('declares none with none, and is still tagged', async () => {
    const bytes = await build('fr', 'none');
    const metadata = pdfMetadata(bytes);
    expect(metadata).not.toContain('pdfuaid:');
    expect(metadata).not.toContain('pdfaid:');
    expect(pdfInfo(bytes).fields.get('Tagged')).toBe('yes');
  }, 60_000);
});

describe('gctf build --pdf-standard', () => {
  it('refuses a standard it does not offer, as a usage error', async () => {
    const run = await runCli(['build', PRACTICES, '--format', 'pdf', '--pdf-standard', 'ua-2', '--out', path.join(import.meta.dirname, 'never-written')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/'ua-2' is invalid\. Allowed choices are ua-1, a-2b, a-3b, none/);
  });

  it('refuses PDF/A without SOURCE_DATE_EPOCH, the only date a build may stamp', async () => {
    const run = await runCli(['build', PRACTICES, '--format', 'pdf', '--pdf-standard', 'a-2b', '--out', path.join(import.meta.dirname, 'never-written')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/a PDF\/A file must carry its date; set SOURCE_DATE_EPOCH/);
  });

  it('says what each standard is in --help', async () => {
    const run = await runCli(['build', '--help']);
    expect(run.stdout).toMatch(/--pdf-standard <name>[\s\S]*ua-1 \(accessible\)[\s\S]*SOURCE_DATE_EPOCH[\s\S]*"ua-1", "a-2b", "a-3b", "none"/);
  });
});
