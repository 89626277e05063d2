import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Root } from 'mdast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typesetterFor } from '../src/model/typography.js';
import { BUNDLED_PRACTICES, buildFramework, type BuiltFramework } from './helpers/build-framework.js';
import { byTag, parseHtmlFiles, textContent } from './helpers/html-tree.js';
import { hasPoppler, pdfText } from './helpers/pdf-tools.js';

// Typography is the edition's: drafts are typed with straight quotes and ordinary spaces, and
// every output gets the language's quotes, apostrophes and (in French) no-break spaces.

const NNBSP = '\u202F';
const NBSP = '\u00A0';

/** Every file under `folder`, with the SHA-256 of its bytes. */
function hashes(folder: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.set(path.relative(folder, file), createHash('sha256').update(readFileSync(file)).digest('hex'));
  }
  return found;
}

/**
 * What French typography requires of a text, as a list of the places that break it: a space that
 * may break (or none) before ; : ! ? ending a word, or inside « ».
 */
function frenchSpacingFaults(text: string): string[] {
  const faults: string[] = [];
  const around = (i: number) => JSON.stringify(text.slice(Math.max(0, i - 25), i + 10));
  for (const match of text.matchAll(/(.)([;:!?])(?=\s|$)/gmu)) {
    const before = match[1] as string;
    if (before !== NNBSP && before !== NBSP && !/[;:!?]/.test(before)) faults.push(`before ${match[2]}: ${around(match.index)}`);
  }
  for (const match of text.matchAll(/«(.)/gu)) if (match[1] !== NNBSP && match[1] !== NBSP) faults.push(`after «: ${around(match.index)}`);
  for (const match of text.matchAll(/(.)»/gu)) if (match[1] !== NNBSP && match[1] !== NBSP) faults.push(`before »: ${around(match.index)}`);
  return faults;
}

/** Straight quotes and apostrophes left in a text. */
const straightQuotes = (text: string) => [...text.matchAll(/.{0,20}["'].{0,20}/g)].map((m) => m[0]);

describe('typography: from straight characters in the drafts to the language’s marks in every output', () => {
  describe('the typesetter', () => {
    const fr = typesetterFor('fr');
    const en = typesetterFor('en');

    it('gives English curly quotes and apostrophes', () => {
      expect(en.text(`The "community's" view, 'quoted'.`)).toBe('The “community’s” view, ‘quoted’.');
    });

    it('gives French guillemets, apostrophes and no-break spaces, added where none was typed', () => {
      expect(fr.text(`l'homme : les "droits" ; oui! Vraiment?`)).toBe(`l’homme${NBSP}: les «${NNBSP}droits${NNBSP}» ; oui${NNBSP}! Vraiment${NNBSP}?`.replace(' ;', `${NNBSP};`));
      expect(fr.text('« déjà »')).toBe(`«${NNBSP}déjà${NNBSP}»`);
      expect(`Bonne pratique 1${fr.colon} titre`).toBe(`Bonne pratique 1${NBSP}: titre`);
    });

    it('leaves times, ratios and URLs as they are', () => {
      expect(fr.text('à 10:30 et 3:1, voir https://example.org/?q=1')).toBe('à 10:30 et 3:1, voir https://example.org/?q=1');
    });

    it('opens Arabic quotes after a joined one-letter word', () => {
      expect(typesetterFor('ar').text('و"اجتثاث التطرف" هنا')).toBe('و«اجتثاث التطرف» هنا');
    });

    it('never touches inline code, code blocks or the words of a link that spell its URL', () => {
      const tree: Root = {
        type: 'root',
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', value: `Run "` },
              { type: 'inlineCode', value: `a 'b' : c` },
              { type: 'text', value: `" : see ` },
              { type: 'link', url: `https://example.org/it's`, children: [{ type: 'text', value: `https://example.org/it's` }] },
            ],
          },
          { type: 'code', value: `say "hi" : it's` },
        ],
      };
      fr.tree(tree);
      expect(tree).toEqual({
        type: 'root',
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', value: `Run «${NNBSP}` },
              { type: 'inlineCode', value: `a 'b' : c` },
              { type: 'text', value: `${NNBSP}»${NBSP}: see ` },
              { type: 'link', url: `https://example.org/it's`, children: [{ type: 'text', value: `https://example.org/it's` }] },
            ],
          },
          { type: 'code', value: `say "hi" : it's` },
        ],
      });
    });

    it('calls a French note before the punctuation typed before it, after a run of calls, with its spacing', () => {
      const tree: Root = {
        type: 'root',
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', value: 'des pays.' },
              { type: 'footnoteReference', identifier: '1' },
              { type: 'text', value: ' Soyez attentif :' },
              { type: 'footnoteReference', identifier: '2' },
              { type: 'footnoteReference', identifier: '3' },
              { type: 'text', value: ' la suite (voir ci-dessus).' },
              { type: 'footnoteReference', identifier: '4' },
            ],
          },
        ],
      };
      fr.tree(tree);
      expect(tree.children[0]).toEqual({
        type: 'paragraph',
        children: [
          { type: 'text', value: 'des pays' },
          { type: 'footnoteReference', identifier: '1' },
          { type: 'text', value: '. Soyez attentif' },
          { type: 'footnoteReference', identifier: '2' },
          { type: 'footnoteReference', identifier: '3' },
          { type: 'text', value: `${NBSP}: la suite (voir ci-dessus)` },
          { type: 'footnoteReference', identifier: '4' },
          { type: 'text', value: '.' },
        ],
      });
      // After a link, the call follows the link's last word, and the stop follows the call.
      const linked: Root = {
        type: 'root',
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', value: 'voir les ' },
              { type: 'link', url: '#x', children: [{ type: 'text', value: 'personnes connues' }] },
              { type: 'text', value: '.' },
              { type: 'footnoteReference', identifier: '5' },
            ],
          },
        ],
      };
      fr.tree(linked);
      expect(linked.children[0]).toEqual({
        type: 'paragraph',
        children: [
          { type: 'text', value: 'voir les ' },
          { type: 'link', url: '#x', children: [{ type: 'text', value: 'personnes connues' }] },
          { type: 'footnoteReference', identifier: '5' },
          { type: 'text', value: '.' },
        ],
      });
      // English keeps the call after the punctuation.
      const english: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'countries.' }, { type: 'footnoteReference', identifier: '1' }] }] };
      typesetterFor('en').tree(english);
      expect(english.children[0]).toEqual({ type: 'paragraph', children: [{ type: 'text', value: 'countries.' }, { type: 'footnoteReference', identifier: '1' }] });
    });

    it('keeps a date’s day, month and year on one line, and leaves a month alone as it is', () => {
      expect(fr.text('New York, septembre 2018 ; le 1er février 2018 ; mai est un mois')).toBe(
        `New York, septembre${NBSP}2018${NNBSP}; le 1er${NBSP}février${NBSP}2018${NNBSP}; mai est un mois`,
      );
      expect(fr.text('les 15 et 16 novembre 2017')).toBe(`les 15${NBSP}et${NBSP}16${NBSP}novembre${NBSP}2017`);
      expect(typesetterFor('ar').text('يومي 15 و16 تشرين الثاني/نوفمبر 2017 و25 حزيران/يونيه 2018')).toBe(
        `يومي 15${NBSP}و16${NBSP}تشرين${NBSP}الثاني/نوفمبر${NBSP}2017 و25${NBSP}حزيران/يونيه${NBSP}2018`,
      );
      expect(typesetterFor('en').text('on 15–16 November 2017, June 5, 2018 and September 2018; May we')).toBe(
        `on 15–16${NBSP}November${NBSP}2017, June${NBSP}5,${NBSP}2018 and September${NBSP}2018; May we`,
      );
    });
  });

  describe('the bundled framework', () => {
    let build: BuiltFramework;
    let before: Map<string, string>;
    beforeAll(async () => {
      before = hashes(BUNDLED_PRACTICES);
      build = await buildFramework(BUNDLED_PRACTICES, { formats: ['md', 'html', 'json', 'akn', 'docx', ...(hasPoppler ? ['pdf'] : [])] });
    }, 300_000);
    afterAll(() => build?.remove());

    const read = (lang: string, extension: string) => readFileSync(build.path(lang, extension), 'utf8');
    /** The page's text (no style sheet), with runs of ASCII white space as one space: no-break spaces stay. */
    const html = (lang: string) => textContent(byTag(parseHtmlFiles([build.path(lang, 'html')])[0]!, 'body')[0]!).replace(/[ \t\r\n]+/g, ' ');
    /** Every string value of the JSON edition but the Markdown sources (whose syntax has colons of its own). */
    const jsonStrings = (lang: string): string[] => {
      const strings: string[] = [];
      const walk = (value: unknown, key: string) => {
        if (typeof value === 'string' && key !== 'source' && !/^(id|slug|language|direction|format|status|date|adopted|authoritativeLanguage|version|name)$/.test(key)) strings.push(value);
        else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
        else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
      };
      walk(JSON.parse(read(lang, 'json')), '');
      return strings;
    };
    /** An XML file's text: its elements' text, each block on a line, entities decoded. */
    const xmlText = (xml: string) =>
      xml
        // Word's field instructions (TOC, PAGEREF, SEQ) are code, not text.
        .replace(/<w:instrText[^>]*>[^<]*<\/w:instrText>/g, '')
        .replace(/<\/(w:p|p|heading|num|li|td|th|authorialNote)>/g, '\n')
        .replace(/<[^>]*>/g, '')
        .replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '');
    const akn = (lang: string) => xmlText(read(lang, 'akn.xml'));
    /** The Word file's text and footnotes. */
    const docx = (lang: string) => {
      const parts = unzipSync(readFileSync(build.path(lang, 'docx')));
      return ['word/document.xml', 'word/footnotes.xml'].map((name) => xmlText(strFromU8(parts[name]!))).join('\n');
    };
    /** The Markdown without its footnote definitions' labels (`[^3]:`), which are syntax. */
    const markdown = (lang: string) => read(lang, 'md').replace(/^\[\^\d+\]:/gm, '');

    it('leaves the drafts byte for byte as they were', () => {
      expect(hashes(BUNDLED_PRACTICES)).toEqual(before);
    });

    const textOf = (format: string, lang: string): string =>
      ({ md: markdown, html, json: (l: string) => jsonStrings(l).join('\n'), akn, docx })[format as 'md'](lang);

    it.each(['md', 'html', 'json', 'akn', 'docx'])('French %s: no-break spaces before ; : ! ? and inside « »', (format) => {
      const text = textOf(format, 'fr');
      expect(text).toMatch(new RegExp(`${NNBSP};`));
      expect(text).toMatch(new RegExp(`${NBSP}:`));
      expect(text).toMatch(new RegExp(`«${NNBSP}`));
      expect(text).toContain(`Bonne pratique 1${NBSP}:`);
      expect(frenchSpacingFaults(text)).toEqual([]);
      expect(text).toContain('’');
      expect(straightQuotes(format === 'md' ? text.replace(/\]\([^)]*\)/g, '') : text)).toEqual([]);
    });

    it.each(['md', 'html', 'json', 'akn', 'docx'])('English %s: curly quotes and apostrophes, no straight ones', (format) => {
      const text = textOf(format, 'en');
      expect(text).toContain('’');
      expect(text).toMatch(/“[^”]+”/);
      expect(straightQuotes(format === 'md' ? text.replace(/\]\([^)]*\)/g, '') : text)).toEqual([]);
    });

    it.each(['md', 'html', 'json', 'akn', 'docx'])('Arabic %s: guillemets for the drafts’ straight quotes, its own punctuation kept', (format) => {
      const text = textOf(format, 'ar');
      expect(text).toMatch(/«[^»]+»/);
      expect(text).toContain('،');
      expect(straightQuotes(format === 'md' ? text.replace(/\]\([^)]*\)/g, '') : text).filter((s) => s.includes('"'))).toEqual([]);
    });

    // pdftotext reads a no-break space as a space, so the PDF shows its no-break spaces by where its
    // lines break: never before ; : ! ? », never after «.
    it.skipIf(!hasPoppler)('French PDF: a space before ; : ! ? and inside « », and never a line broken there', () => {
      const text = pdfText(readFileSync(build.path('fr', 'pdf')));
      expect(text).toContain('« ');
      expect(text).toContain('Bonne pratique 1 :');
      const spaced = text.replace(/ (?=[;:!?»])/g, NNBSP).replace(/« /g, `«${NNBSP}`);
      expect(frenchSpacingFaults(spaced)).toEqual([]);
      const lines = text.split('\n').map((line) => line.trim());
      expect(lines.filter((line) => /^[;:!?»]/.test(line) || /«$/.test(line))).toEqual([]);
      expect(straightQuotes(text)).toEqual([]);
    });
    if (!hasPoppler) it.skip('French PDF (poppler-utils is not installed: apt-get install poppler-utils)', () => {});
  });
});
