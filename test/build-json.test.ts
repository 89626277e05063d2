import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonEmitter } from '../src/emit/json.js';
import type { Edition } from '../src/model/edition.js';
import { BUNDLED_PRACTICES, buildFramework, contextFor, editionOf, languagesOf, type BuiltFramework, dated as datedEdition } from './helpers/build-framework.js';

const SCHEMA = path.resolve(import.meta.dirname, '..', 'schema', 'framework.schema.json');

/** The parts of the JSON output the tests read (the schema says the rest). */
interface JsonPractice {
  id: string;
  number: number;
  label: string;
  title: string;
  status: string;
  related: { id: string; label: string }[];
  statement: string;
  source: string;
  text: string;
  footnotes: { number: number; text: string; source: string }[];
  language: string;
  untranslated: boolean;
}
interface JsonEdition {
  title: string;
  slug: string;
  language: string;
  direction: string;
  date: string | null;
  adopted: string | null;
  courtesyNote: string | null;
  sections: { id: string; number: string; title: string; practices: JsonPractice[] }[];
}

const parse = (markdown: string): Root => unified().use(remarkParse).use(remarkGfm).parse(markdown);

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // `format` is an annotation here: ajv-formats is not a dependency, and the shape is what counts.
  ajv.addFormat('date-time', true);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
}

describe('gctf build --format json', async () => {
  const langs = await languagesOf(BUNDLED_PRACTICES);
  let build: BuiltFramework;
  const editions = new Map<string, Edition>();
  beforeAll(async () => {
    build = await buildFramework(BUNDLED_PRACTICES, { formats: ['json'] });
    for (const lang of langs) editions.set(lang, await editionOf(BUNDLED_PRACTICES, lang));
  });
  afterAll(() => build?.remove());

  const raw = (lang: string) => readFileSync(build.path(lang, 'json'), 'utf8');
  const read = (lang: string) => JSON.parse(raw(lang)) as JsonEdition;

  describe.each(langs)('the %s edition', (lang) => {
    it('is valid against schema/framework.schema.json', () => {
      const validate = validator();
      const valid = validate(JSON.parse(raw(lang)));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });

    it('is indented by two spaces and ends with a newline', () => {
      const text = raw(lang);
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    });

    it('holds the edition: language, direction, sections with roman numerals, practices numbered in order', () => {
      const edition = editions.get(lang)!;
      const document = read(lang);
      expect([document.title, document.language, document.direction, document.courtesyNote]).toEqual([
        edition.metadata.title,
        lang,
        edition.dir,
        edition.courtesyNote ?? null,
      ]);
      expect(document.sections.map((s) => [s.id, s.number, s.title])).toEqual(edition.sections.map((s) => [s.id, s.numeral, s.title]));
      const practices = document.sections.flatMap((s) => s.practices);
      expect(practices.map((p) => [p.id, p.number, p.label, p.title, p.untranslated])).toEqual(
        edition.practices.map((p) => [p.id, p.number, p.label, p.title, p.untranslated]),
      );
      expect(practices.map((p) => p.number)).toEqual(practices.map((_, i) => practices[0]!.number + i));
      expect(practices.every((p) => Number.isInteger(p.number))).toBe(true);
    });

    it('gives each statement as plain text, and a source whose first paragraph is that statement', () => {
      const document = read(lang);
      let footnotes = 0;
      for (const practice of document.sections.flatMap((s) => s.practices)) {
        expect(practice.statement).not.toMatch(/[*_[\]]/);
        const source = parse(practice.source);
        const first = source.children[0];
        expect(first?.type).toBe('paragraph');
        expect(toString(first!)).toBe(practice.statement);
        const definitions: number[] = [];
        visit(source, 'footnoteDefinition', (node) => void definitions.push(Number(node.identifier)));
        expect(definitions, practice.id).toEqual(practice.footnotes.map((f) => f.number));
        footnotes += definitions.length;
      }
      expect(footnotes).toBeGreaterThan(0);
    });

    it('resolves references in the source to labelled #id links of existing practices and sections', () => {
      const document = read(lang);
      const labels = new Map<string, string>(document.sections.flatMap((s) => s.practices.map((p) => [p.id, p.label] as const)));
      const sectionIds = new Set(document.sections.map((s) => s.id));
      let checked = 0;
      for (const practice of document.sections.flatMap((s) => s.practices)) {
        for (const related of practice.related) expect(labels.get(related.id)).toBe(related.label);
        visit(parse(practice.source), 'link', (link) => {
          if (!link.url.startsWith('#')) return;
          const id = link.url.slice(1);
          expect(labels.has(id) || sectionIds.has(id), `${practice.id} → ${link.url}`).toBe(true);
          if (labels.has(id) && /\d$/.test(toString(link))) {
            expect(toString(link)).toBe(labels.get(id));
            checked++;
          }
        });
      }
      expect(checked).toBeGreaterThan(0);
    });

    it('gives each footnote its text, plain and as Markdown, as the source defines it', () => {
      const document = read(lang);
      let checked = 0;
      for (const practice of document.sections.flatMap((s) => s.practices)) {
        const definitions = new Map<number, string>();
        visit(parse(practice.source), 'footnoteDefinition', (node) => void definitions.set(Number(node.identifier), toString(node)));
        for (const footnote of practice.footnotes) {
          expect(footnote.text.length, `${practice.id} [^${footnote.number}]`).toBeGreaterThan(0);
          expect(footnote.text.replace(/\s+/g, ' ')).toBe(definitions.get(footnote.number)?.replace(/\s+/g, ' '));
          expect(toString(parse(footnote.source))).toBe(definitions.get(footnote.number));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });

    it('gives each body as plain text beside its Markdown: the same words, no markup, no footnote calls', () => {
      const document = read(lang);
      for (const practice of document.sections.flatMap((s) => s.practices)) {
        expect(practice.text.startsWith(practice.statement), practice.id).toBe(true);
        expect(practice.text).not.toMatch(/\[\^\d+\]|\]\(#|\*\*|^#+ /m);
        // The same characters, once list markers and the spaces between blocks and cells are set aside.
        const letters = (text: string) => text.replace(/[•\d.\s]/g, '');
        const source = parse(practice.source);
        source.children = source.children.filter((node) => node.type !== 'footnoteDefinition');
        expect(letters(practice.text)).toBe(letters(source.children.map((node) => toString(node)).join('')));
      }
    });
  });

  it('stamps a date only from SOURCE_DATE_EPOCH, and gives the adoption date from the manifest beside it', async () => {
    const edition = editions.get(langs[0]!)!;
    const undated = JSON.parse(String(await jsonEmitter.emit(edition, contextFor(BUNDLED_PRACTICES)))) as JsonEdition;
    const dated = JSON.parse(String(await jsonEmitter.emit(datedEdition(edition, 86_400), contextFor(BUNDLED_PRACTICES)))) as JsonEdition;
    expect(undated.date).toBeNull();
    expect(undated.adopted).toBe(edition.metadata.adopted ?? null);
    const adopted = { ...edition, metadata: { ...edition.metadata, adopted: '2018-09-27' } };
    const withAdoption = JSON.parse(String(await jsonEmitter.emit(adopted, contextFor(BUNDLED_PRACTICES)))) as JsonEdition;
    expect([withAdoption.date, withAdoption.adopted]).toEqual([null, '2018-09-27']);
    expect(validator()(withAdoption)).toBe(true);
    expect(dated.date).toBe('1970-01-02T00:00:00.000Z');
    expect(validator()(dated)).toBe(true);
  });
});
