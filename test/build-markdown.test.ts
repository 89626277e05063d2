import { readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import type { Heading, Link, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownEmitter } from '../src/emit/markdown.js';
import type { Edition } from '../src/model/edition.js';
import { BUNDLED_PRACTICES, buildFramework, contextFor, editionOf, languagesOf, type BuiltFramework } from './helpers/build-framework.js';

const parse = (markdown: string): Root => unified().use(remarkParse).use(remarkGfm).parse(markdown);

/** Every node of the edition's content that the document shows, to count what should come back. */
function editionContent(edition: Edition): RootContent[] {
  const parts = [...edition.front, ...edition.sections.flatMap((s) => (s.intro ? [s.intro] : [])), ...edition.back];
  return [
    ...parts.flatMap((p) => [...p.body, ...p.footnotes]),
    ...edition.practices.flatMap((p) => [...(p.statement ? [p.statement] : []), ...p.body, ...p.footnotes]),
  ];
}

/** Links the edition resolved to a practice and gave the practice's label as text. */
function labelledPracticeReferences(edition: Edition): number {
  let count = 0;
  visit({ type: 'root', children: editionContent(edition) } as Root, 'link', (link: Link) => {
    const reference = (link.data as { reference?: { kind: string; label: string } } | undefined)?.reference;
    if (reference?.kind === 'practice' && toString(link) === reference.label) count++;
  });
  return count + edition.practices.reduce((sum, p) => sum + p.related.length, 0);
}

/** Each heading's GitHub anchor (github-slugger over all headings in order, as GitHub does). */
function anchors(tree: Root): Map<string, Heading> {
  const slugger = new GithubSlugger();
  const found = new Map<string, Heading>();
  visit(tree, 'heading', (heading) => {
    found.set(slugger.slug(toString(heading)), heading);
  });
  return found;
}

describe('gctf build --format md', async () => {
  const langs = await languagesOf(BUNDLED_PRACTICES);
  let build: BuiltFramework;
  const editions = new Map<string, Edition>();
  beforeAll(async () => {
    build = await buildFramework(BUNDLED_PRACTICES, { formats: ['md'] });
    for (const lang of langs) editions.set(lang, await editionOf(BUNDLED_PRACTICES, lang));
  });
  afterAll(() => build?.remove());

  const read = (lang: string) => parse(readFileSync(build.path(lang, 'md'), 'utf8'));

  describe.each(langs)('the %s edition', (lang) => {
    it('gives back every practice heading, in order, numbered consecutively, with its statement set apart as a block quote', () => {
      const edition = editions.get(lang)!;
      const tree = read(lang);
      const children = tree.children;
      const prefix = edition.practices[0]!.label.replace(/\s*\d+$/, '');
      const numbered = new RegExp(`^${prefix} (\\d+)${edition.colon} `);
      const practiceHeadings = children.filter((n): n is Heading => n.type === 'heading' && numbered.test(toString(n)));
      expect(practiceHeadings.every((h) => h.depth === 3)).toBe(true);
      expect(practiceHeadings.map((h) => toString(h))).toEqual(edition.practices.map((p) => `${p.label}${edition.colon} ${p.title}`));
      expect(practiceHeadings.map((h) => Number(numbered.exec(toString(h))?.[1]))).toEqual(edition.practices.map((_, i) => edition.practices[0]!.number + i));

      edition.practices.forEach((practice, i) => {
        const at = children.indexOf(practiceHeadings[i]!);
        const following = children.slice(at + 1, at + 3);
        const statementText = practice.statement ? toString(practice.statement) : '';
        const quoted = following.filter((n) => n.type === 'blockquote').map((n) => toString(n));
        expect(quoted, practice.id).toEqual(practice.statement ? [statementText] : []);
        if (practice.untranslated) expect(toString(following[0]!)).toBe(edition.messages.untranslated);
      });
    });

    it('numbers the sections with roman numerals, each before its practices', () => {
      const edition = editions.get(lang)!;
      const sectionHeadings = read(lang)
        .children.filter((n): n is Heading => n.type === 'heading' && n.depth === 2)
        .map((h) => toString(h));
      const expected = edition.sections.map((s) => `${s.numeral}. ${s.title}`);
      expect(sectionHeadings.filter((h) => expected.includes(h))).toEqual(expected);
    });

    it('links every reference, contents entry and related practice to a heading, labelled right', () => {
      const edition = editions.get(lang)!;
      const tree = read(lang);
      const headings = anchors(tree);
      const prefix = edition.practices[0]!.label.replace(/\s*\d+$/, '');
      let labelled = 0;
      visit(tree, 'link', (link) => {
        if (!link.url.startsWith('#')) return;
        const target = headings.get(decodeURIComponent(link.url.slice(1)));
        expect(target, `${toString(link)} → ${link.url}`).toBeDefined();
        const label = new RegExp(`^${prefix} \\d+$`).exec(toString(link))?.[0];
        if (label) {
          labelled++;
          expect(toString(target!).startsWith(`${label}${edition.colon}`), `${label} → ${toString(target!)}`).toBe(true);
        }
      });
      expect(labelled).toBe(labelledPracticeReferences(edition));
      const contents = edition.sections.flatMap((s) => [`${s.numeral}. ${s.title}`, ...s.practices.map((p) => p.heading)]);
      const linkTexts: string[] = [];
      visit(tree, 'link', (link) => void linkTexts.push(toString(link)));
      for (const entry of contents) expect(linkTexts).toContain(entry);
    });

    it('numbers the footnotes 1 to N through the whole document, each defined once', () => {
      const edition = editions.get(lang)!;
      const tree = read(lang);
      const definitions: string[] = [];
      const references = new Set<string>();
      visit(tree, 'footnoteDefinition', (node) => void definitions.push(node.identifier));
      visit(tree, 'footnoteReference', (node) => void references.add(node.identifier));
      const expected = editionContent(edition).filter((n) => n.type === 'footnoteDefinition').length;
      expect(expected).toBeGreaterThan(0);
      expect(definitions).toEqual(Array.from({ length: expected }, (_, i) => String(i + 1)));
      expect([...references].sort()).toEqual([...definitions].sort());
    });

    it('has the cover: title, metadata, and the courtesy note only for a translation', () => {
      const edition = editions.get(lang)!;
      const tree = read(lang);
      const first = tree.children[0];
      expect(first?.type === 'heading' && first.depth === 1 ? toString(first) : undefined).toBe(edition.metadata.title);
      const statements = new Set(edition.practices.map((p) => (p.statement ? toString(p.statement) : '')));
      const quotes = tree.children.filter((n) => n.type === 'blockquote').map((n) => toString(n)).filter((quote) => !statements.has(quote));
      if (edition.courtesyNote) expect(quotes).toContain(edition.courtesyNote);
      else expect(quotes).toEqual([]);
      const text = toString(tree);
      for (const value of [edition.metadata.subtitle, edition.metadata.workingGroup, edition.metadata.meeting, ...edition.metadata.coLeads]) {
        if (value) expect(text).toContain(value);
      }
    });
  });

  it('marks a draft document with a DRAFT line', async () => {
    const edition = editions.get(langs[0]!)!;
    const draft = { ...edition, metadata: { ...edition.metadata, status: 'draft' as const } };
    const context = contextFor(BUNDLED_PRACTICES);
    const marked = parse(String(await markdownEmitter.emit(draft, context)));
    const final = parse(String(await markdownEmitter.emit({ ...edition, metadata: { ...edition.metadata, status: 'final' } }, context)));
    const draftLines = (tree: Root) => tree.children.filter((n) => n.type === 'paragraph' && toString(n).startsWith(edition.messages.draft));
    expect(draftLines(marked)).toHaveLength(1);
    expect(toString(draftLines(marked)[0]!)).toContain(edition.messages.draftNotice);
    expect(draftLines(final)).toHaveLength(0);
  });

  it('never changes the edition it is given (every format shares it)', async () => {
    const edition = editions.get(langs[0]!)!;
    const before = JSON.stringify(edition);
    await markdownEmitter.emit(edition, contextFor(BUNDLED_PRACTICES));
    expect(JSON.stringify(edition)).toBe(before);
  });
});
