import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { EmitError, type EmitContext } from '../src/emit/emitter.js';
import { pdf } from '../src/emit/pdf/pdf-emitter.js';
import { loadFramework } from '../src/index.js';
import { buildEdition, type Edition } from '../src/model/edition.js';
import type { FrameworkModel } from '../src/model/types.js';
import { readMessages } from '../src/model/messages.js';
import { readTemplates } from '../src/read/read-templates.js';
import { emitContext } from '../src/emit/emit-thread.js';
import { hasPoppler, pdfBookmarks, pdfFonts, pdfInfo, pdfText, squash } from './helpers/pdf-tools.js';

const PRACTICES = path.join(import.meta.dirname, '..', 'practices');
const HOSTILE = path.join(import.meta.dirname, 'fixtures', 'hostile-pdf');
const A4 = '595.276 x 841.89 pts (A4)';

/** The emit context `gctf build` gives, for `model`'s folder. */
function contextFor(model: FrameworkModel): EmitContext {
  return emitContext(readTemplates(model.folder, []), '0.0.0-test');
}

async function edition(folder: string, lang: string): Promise<{ model: FrameworkModel; edition: Edition }> {
  const model = await loadFramework(folder);
  return { model, edition: buildEdition(model, lang, readMessages(model.folder, lang)) };
}

async function build(folder: string, lang: string, sourceDateEpoch?: number) {
  const { model, edition: built } = await edition(folder, lang);
  const bytes = await pdf.emit(sourceDateEpoch === undefined ? built : { ...built, buildDate: new Date(sourceDateEpoch * 1000).toISOString() }, contextFor(model));
  if (!(bytes instanceof Uint8Array)) throw new Error('the pdf emitter returned text');
  return { model, edition: built, bytes };
}

/** Every `[](#id)` reference of an edition's bodies: the label it shows. */
function referenceLabels(built: Edition): string[] {
  const labels: string[] = [];
  for (const practice of built.practices) {
    for (const node of [practice.statement, ...practice.body]) {
      if (!node) continue;
      visit(node as Nodes, 'link', (link) => {
        const reference = (link.data as { reference?: { label: string } } | undefined)?.reference;
        if (reference) labels.push(toString(link));
      });
    }
  }
  return labels;
}

/** Asserts that `needles` occur in `haystack` in this order (compared squashed, see `squash`). */
function expectInOrder(haystack: string, needles: readonly string[]): void {
  const text = squash(haystack);
  let from = 0;
  for (const needle of needles) {
    const at = text.indexOf(squash(needle), from);
    expect(at, `"${needle}" after offset ${from}`).toBeGreaterThanOrEqual(0);
    from = at + squash(needle).length;
  }
}

describe('the pdf emitter', () => {
  it('is the pdf format', () => {
    expect(pdf.format).toBe('pdf');
    expect(pdf.extension).toBe('pdf');
  });

  it('builds byte-identical PDFs from the same input, with no date unless SOURCE_DATE_EPOCH is set', async () => {
    const first = await build(HOSTILE, 'en');
    const second = await build(HOSTILE, 'en');
    expect(Buffer.from(first.bytes).equals(Buffer.from(second.bytes))).toBe(true);
    expect(Buffer.from(first.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(Buffer.from(first.bytes).toString('latin1')).not.toMatch(/\/CreationDate/);

    const dated = await build(HOSTILE, 'en', 1_700_000_000);
    const datedAgain = await build(HOSTILE, 'en', 1_700_000_000);
    expect(Buffer.from(dated.bytes).equals(Buffer.from(datedAgain.bytes))).toBe(true);
    // 1700000000 is 2023-11-14T22:13:20Z.
    expect(Buffer.from(dated.bytes).toString('latin1')).toMatch(/\/CreationDate \(D:20231114221320/);
  }, 60_000);

  it('reports a template that does not compile against the template, with its line', async () => {
    const { model, edition: built } = await edition(HOSTILE, 'en');
    const context = { ...contextFor(model), template: () => '#let data = json("edition.json")\n#let broken = (\n' };
    const error = await pdf.emit(built, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmitError);
    expect((error as EmitError).file).toBe('templates/typst/framework.typ');
    expect((error as EmitError).message).toMatch(/^The PDF template typst\/framework\.typ does not compile with Typst: /);
    expect((error as EmitError).line).toBe(2);
  }, 60_000);

  it('reports a template that breaks PDF/UA-1 against the template, with Typst\'s reason', async () => {
    const { model, edition: built } = await edition(HOSTILE, 'en');
    const untitled = '#set text(lang: "en")\nA document without a title.\n';
    const error = await pdf.emit(built, { ...contextFor(model), template: () => untitled }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmitError);
    expect((error as EmitError).file).toBe('templates/typst/framework.typ');
    expect((error as EmitError).message).toMatch(/does not compile with Typst: PDF\/UA-1 error: missing document title; set the title with `set document\(title: /);
    const none = await pdf.emit(built, { ...contextFor(model), template: () => untitled, pdfStandard: 'none' });
    expect(none).toBeInstanceOf(Uint8Array);
  }, 60_000);

  it('reports an error only one draft causes against that draft', async () => {
    const { model, edition: built } = await edition(HOSTILE, 'en');
    const picky =
      '#for s in json("edition.json").sections { for p in s.practices { if p.id == "second" { panic("cannot set this one") } } }\n' +
      contextFor(model).template('typst/framework.typ');
    const error = await pdf.emit(built, { ...contextFor(model), template: () => picky }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmitError);
    expect((error as EmitError).file).toBe(path.join('basics', 'second.md'));
    expect((error as EmitError).message).toMatch(/^Typst cannot typeset this draft in the PDF: panicked with: "cannot set this one"/);
  }, 60_000);

  it('lets Typst read no file but its template and data, even when the template asks', async () => {
    const { model, edition: built } = await edition(HOSTILE, 'en');
    const snoop = '#read("/etc/passwd")\n#read("../../../../../../etc/passwd")';
    const error = await pdf.emit(built, { ...contextFor(model), template: () => snoop }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmitError);
    expect((error as EmitError).message).toMatch(/file not found|outside of project root/);
  }, 60_000);

  it("gives Typst the framework's template as text only: a file beside it, linked or not, is never opened", async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gctf-typst-beside-'));
    try {
      const folder = path.join(root, 'framework');
      cpSync(HOSTILE, folder, { recursive: true });
      const typst = path.join(folder, 'templates', 'typst');
      mkdirSync(typst, { recursive: true });
      writeFileSync(path.join(root, 'secret.typ'), '#let word = "LEAKED-THROUGH-A-LINK"\n');
      symlinkSync(path.join(root, 'secret.typ'), path.join(typst, 'linked.typ'));
      writeFileSync(path.join(typst, 'beside.typ'), '#let word = "READ-FROM-BESIDE"\n');
      const own = (name: string) => `#set document(title: "Own template")\n#set text(lang: "en")\nOWN-TEMPLATE #import "${name}": word\n#word\n`;
      const { model, edition: built } = await edition(folder, 'en');
      for (const name of ['linked.typ', 'beside.typ']) {
        writeFileSync(path.join(typst, 'framework.typ'), own(name));
        const error = await pdf.emit(built, contextFor(model)).catch((e: unknown) => e);
        expect(error, name).toBeInstanceOf(EmitError);
        expect((error as EmitError).message).toMatch(/file not found/);
        expect((error as EmitError).message).not.toMatch(/LEAKED|READ-FROM-BESIDE/);
      }
      // The framework's own template is used: it is only the files beside it that Typst cannot see.
      writeFileSync(path.join(typst, 'framework.typ'), '#set document(title: "Own template")\n#set text(lang: "en")\nOWN-TEMPLATE-MARK\n');
      const bytes = await pdf.emit(built, contextFor(model));
      expect(bytes).toBeInstanceOf(Uint8Array);
      if (hasPoppler) expect(pdfText(bytes as Uint8Array)).toContain('OWN-TEMPLATE-MARK');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(!hasPoppler)('the PDF of practices/, read back with poppler', () => {
  let en: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    en = await build(PRACTICES, 'en');
  }, 60_000);

  it('is A4, with the title, authors and keywords in its metadata, every font embedded', () => {
    const { fields, pageSizes } = pdfInfo(en.bytes);
    expect(fields.get('Title')).toBe(en.edition.metadata.title);
    expect(fields.get('Author')).toBe(en.edition.metadata.coLeads.join(', '));
    // The sections' titles, not every practice's tag.
    expect(fields.get('Keywords')).toBe(en.edition.sections.map((s) => s.title).join(', '));
    expect(new Set(pageSizes)).toEqual(new Set([A4]));
    const fonts = pdfFonts(en.bytes);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      // Only the bundled families: a system font would make the PDF differ from machine to machine.
      expect(font.name).toMatch(/^[A-Z]{6}\+(NotoSerif|NotoNaskhArabic)-/);
    }
  });

  it('has a bookmark for every part, section and practice, in document order', () => {
    const bookmarks = pdfBookmarks(en.bytes);
    const expected = [
      ...en.edition.front.map((p) => p.title),
      ...en.edition.sections.flatMap((s) => [`${s.numeral}. ${s.title}`, ...s.practices.map((p) => `${p.label}: ${p.title}`)]),
      ...en.edition.back.map((p) => p.title),
    ];
    expect(bookmarks.map((b) => b.title)).toEqual(expected);
    expect(bookmarks.filter((b) => b.level === 2).length).toBe(en.edition.practices.length);
  });

  it('lists every practice in the contents with the page it starts on', () => {
    const bookmarks = pdfBookmarks(en.bytes);
    const firstBodyPage = Math.min(...bookmarks.map((b) => b.page));
    // Each contents page without its folio, the last line, which would follow its last entry's number.
    const contents = pdfText(en.bytes)
      .split('\f')
      .slice(1, firstBodyPage - 1)
      .map((page) => page.trimEnd().split('\n').slice(0, -1).join('\n'))
      .join('\n');
    expect(contents).toContain('Contents');
    for (const practice of en.edition.practices) {
      const bookmark = bookmarks.find((b) => b.title === `${practice.label}: ${practice.title}`);
      // The cover has no number: page 2 of the file is page 1.
      const label = String((bookmark?.page ?? 0) - 1);
      const entry = new RegExp(`${escape(squash(`${practice.label}: ${practice.title}`))}[.]*${label}(?!\\d)`);
      expect(squash(contents), practice.label).toMatch(entry);
    }
  });

  it('sets every practice heading `Good Practice N: Title` in order, its references and its footnotes', () => {
    const firstBodyPage = Math.min(...pdfBookmarks(en.bytes).map((b) => b.page));
    const body = pdfText(en.bytes, firstBodyPage);
    expectInOrder(
      body,
      en.edition.practices.map((p) => `Good Practice ${p.number}: ${p.title}`),
    );
    expect(en.edition.practices.map((p) => p.number)).toEqual(en.edition.practices.map((_, i) => i + 1));

    const labels = referenceLabels(en.edition);
    expect(labels.length).toBeGreaterThanOrEqual(20);
    for (const label of labels) expect(squash(body)).toContain(squash(label));
    expect(squash(body)).toContain(squash('guard against backlash (Good Practice 25)'));

    const notes = en.edition.practices.flatMap((p) => p.footnotes);
    expect(notes.length).toBeGreaterThan(10);
    expectInOrder(
      body,
      notes.map((note) => `${note.identifier}${toString(note).slice(0, 60)}`),
    );
  });

  it('links every cross-reference inside the document', () => {
    const raw = Buffer.from(en.bytes).toString('latin1');
    // Typst turns each label into a named destination; the contents links to each practice once.
    const links = [...raw.matchAll(/\/Subtype \/Link[^>]*?\/Dest \(((?:practice|section):[a-z0-9-]+)\)/g)].map((m) => m[1]);
    const practices = en.edition.practices.length;
    expect(links.filter((l) => l?.startsWith('practice:')).length).toBeGreaterThanOrEqual(practices + referenceLabels(en.edition).filter((l) => l.startsWith('Good Practice')).length);
    for (const practice of en.edition.practices) expect(links).toContain(`practice:${practice.id}`);
  });
});

describe.skipIf(!hasPoppler)('the French and Arabic editions', () => {
  it('builds the French edition with its courtesy note', async () => {
    const fr = await build(PRACTICES, 'fr');
    const text = pdfText(fr.bytes);
    expect(squash(text)).toContain(squash(fr.edition.courtesyNote ?? 'missing'));
    expectInOrder(
      text.split('\f').slice(2).join('\n'),
      fr.edition.practices.map((p) => `${p.label}: ${p.title}`),
    );
  }, 60_000);

  it('builds the Arabic edition right to left, in Noto Naskh Arabic, its headings in Arabic', async () => {
    const ar = await build(PRACTICES, 'ar');
    expect(ar.edition.dir).toBe('rtl');
    // pdftotext scrambles Naskh (its letters sit at several heights), so the bookmarks, which hold
    // exact strings, are where the Arabic headings are read back.
    const titles = pdfBookmarks(ar.bytes).map((b) => b.title);
    for (const practice of ar.edition.practices) expect(titles).toContain(`${practice.label}: ${practice.title}`);
    expect(ar.edition.practices.some((p) => /[\u0600-\u06FF]/.test(p.title))).toBe(true);
    expect(pdfText(ar.bytes)).toMatch(/[\u0600-\u06FF]/);
    const fonts = pdfFonts(ar.bytes);
    expect(fonts.some((f) => f.name.includes('NotoNaskhArabic'))).toBe(true);
    for (const font of fonts) expect(font.embedded, font.name).toBe(true);
  }, 60_000);
});

describe.skipIf(!hasPoppler)('a framework whose text looks like code (test/fixtures/hostile-pdf)', () => {
  let en: Awaited<ReturnType<typeof build>>;
  let text: string;
  beforeAll(async () => {
    en = await build(HOSTILE, 'en');
    text = pdfText(en.bytes);
  }, 60_000);

  it('shows Typst, Markdown and HTML look-alikes literally', () => {
    const literal = [
      'Hostile #set page(width: 1cm) $x$ @ref <label> \uFFFDFramework',
      'Sub #read("/etc/passwd") *bold* _em_',
      'Initiative = #import "@preview/x:0.1.0": *',
      'Left \\ Co-lead and Right ` Co-lead',
      'Meeting #panic("boom")',
      'I. Basics #emph[x] \uFFFD[31m',
      'II. More // comment /* open',
      'Good Practice 1: Read #read("/etc/passwd") and $x^2$ \uFFFDnow',
      'Statement #set page(width: 1cm) with @ref and <label> and #raw and $x$.',
      '#read("/etc/passwd")',
      '#set page(width: 1cm, height: 1cm)',
      '= Not a heading #heading[x]',
      '/ Term: not a term list',
      '-5 degrees and + plus and 2 * 3 * 4 and snake_case_name and C:\\path\\to and \\ and #.',
      'and tilde~here -- and --- dashes ... and "quotes" and \'single\' #{ "code" } [brackets] ]',
      'kept-after-html',
      'A reference to Good Practice 2 and to the section, an external link',
      'a relative link, a script link and an image alt-text-kept.',
      '#set text(red)',
      '#read("x")',
      'Quote #quote[x]',
      'nested @quote',
      '#enum',
      'second = item',
      'nested #list',
      'Note #read("/etc/shadow") with emphasis.',
      'Second note $z$ @note.',
      'Good Practice 2: Second #strong[practice]',
      'deep-quote-text',
      'Subsection #set page(width: 1cm)',
      'deep-list-text',
    ];
    // Typeset as every output is: the text's straight quotes are curly in the PDF.
    const straight = (value: string) => squash(value).replace(/[“”]/g, '"').replace(/[‘’]/g, "'");
    for (const expected of literal) expect(straight(text), expected).toContain(straight(expected));
  });

  it('runs none of it: every page stays A4, no file is read, raw HTML and unsafe links are gone', () => {
    const { fields, pageSizes } = pdfInfo(en.bytes);
    expect(pageSizes.length).toBeGreaterThan(2);
    expect(new Set(pageSizes)).toEqual(new Set([A4]));
    expect(fields.get('Title')).toBe('Hostile #set page(width: 1cm) $x$ @ref <label> \uFFFDFramework');
    expect(text).not.toMatch(/root:.*:0:0:/);
    expect(text).not.toContain('html-gone');
    expect(squash(text)).toContain(squash('bold-html-kept kept-after-html'));
    expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000E-\u001F]/);
    const raw = Buffer.from(en.bytes).toString('latin1');
    expect(raw).toContain('(https://example.org/a?b=c)');
    expect(raw).not.toMatch(/javascript:|other\.md/);
  });

  it('marks a draft with DRAFT on every page and its notice', () => {
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    for (const page of pages) expect(squash(page)).toMatch(/DR.*AF.*T|T.*AF.*DR|DRAFT/s);
    expect(text).toContain('Draft: not for circulation');
  });

  it('marks untranslated practices and says the translation is a courtesy', async () => {
    const fr = await build(HOSTILE, 'fr');
    const frText = squash(pdfText(fr.bytes));
    expect(fr.edition.untranslatedCount).toBe(3);
    expect(frText.split(squash('Pas encore traduit : texte en anglais.')).length - 1).toBe(3);
    expect(frText).toContain(squash(fr.edition.courtesyNote ?? 'missing'));
    expect(frText).toContain(squash('PROJET'));

    const ar = await build(HOSTILE, 'ar');
    const titles = pdfBookmarks(ar.bytes).map((b) => b.title);
    expect(titles).toContain(`${ar.edition.messages.prefix} 1: Read #read(“/etc/passwd”) and $x^2$ \uFFFDnow`);
    // The body of an untranslated practice is English, which pdftotext reads right.
    expect(squash(pdfText(ar.bytes))).toContain(squash('Statement #set page(width: 1cm) with @ref and <label>'));
  }, 60_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
