import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlEmitter } from '../src/emit/html.js';
import type { Edition } from '../src/model/edition.js';
import { BUNDLED_PRACTICES, buildFramework, contextFor, editionOf, languagesOf, type BuiltFramework, dated as datedEdition } from './helpers/build-framework.js';
import {
  byClass,
  byTag,
  elements,
  hasClass,
  hasJava,
  NO_JAVA,
  parseHtmlFiles,
  textContent,
  validateHtml,
  visibleText,
  type HtmlElement,
} from './helpers/html-tree.js';

const HOSTILE = path.join(import.meta.dirname, 'fixtures', 'hostile-html');

if (!hasJava) console.warn(`build-html.test.ts: ${NO_JAVA}`);
/** A test that runs the Nu HTML Checker, which needs Java. */
const itValidates = it.skipIf(!hasJava);

/** A statement's text as the page shows it: footnote references read as their numbers. */
function shownText(statement: Paragraph | undefined): string {
  if (!statement) return '';
  const copy = structuredClone(statement);
  visit(copy, 'footnoteReference', (node, index, parent) => {
    parent!.children.splice(index!, 1, { type: 'text', value: node.identifier });
  });
  return toString(copy).replace(/\s+/g, ' ').trim();
}

/** The element with `id`, which must be the only one. */
function byId(root: HtmlElement, id: string): HtmlElement | undefined {
  const found = elements(root).filter((e) => e.attrs.id === id);
  expect(found.length, `elements with id="${id}"`).toBeLessThanOrEqual(1);
  return found[0];
}

describe('gctf build --format html', async () => {
  const langs = await languagesOf(BUNDLED_PRACTICES);
  let build: BuiltFramework;
  const pages = new Map<string, HtmlElement>();
  const editions = new Map<string, Edition>();
  beforeAll(async () => {
    build = await buildFramework(BUNDLED_PRACTICES, { formats: ['html'] });
    const roots = parseHtmlFiles(langs.map((lang) => build.path(lang, 'html')));
    for (const [i, lang] of langs.entries()) {
      pages.set(lang, roots[i]!);
      editions.set(lang, await editionOf(BUNDLED_PRACTICES, lang));
    }
  });
  afterAll(() => build?.remove());

  describe.each(langs)('the %s edition', (lang) => {
    it('sets the language and direction on the root', () => {
      const page = pages.get(lang)!;
      const edition = editions.get(lang)!;
      expect(page.attrs.lang).toBe(lang);
      expect(page.attrs.dir).toBe(edition.dir);
      if (lang === 'ar') expect(page.attrs.dir).toBe('rtl');
    });

    it('has every id once', () => {
      const ids = elements(pages.get(lang)!).flatMap((e) => (e.attrs.id === undefined ? [] : [e.attrs.id]));
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('shows every practice once, in order, under its id, with its numbered heading and statement', () => {
      const page = pages.get(lang)!;
      const edition = editions.get(lang)!;
      const articles = byClass(page, 'practice');
      expect(articles.map((a) => a.attrs.id)).toEqual(edition.practices.map((p) => p.id));
      edition.practices.forEach((practice, i) => {
        const article = articles[i]!;
        expect(byId(page, practice.id)).toBe(article);
        const heading = byTag(article, 'h3')[0]!;
        expect(visibleText(heading)).toBe(practice.heading.replace(/\s+/g, ' '));
        expect(practice.number).toBe(edition.practices[0]!.number + i);
        const statement = byClass(article, 'statement')[0];
        expect(visibleText(statement!)).toBe(shownText(practice.statement));
      });
    });

    it('wraps each section in a <section> with its id and numbered heading, practices inside', () => {
      const page = pages.get(lang)!;
      const edition = editions.get(lang)!;
      const sections = byTag(page, 'section').filter((s) => hasClass(s, 'section'));
      expect(sections.map((s) => s.attrs.id)).toEqual(edition.sections.map((s) => s.id));
      edition.sections.forEach((section, i) => {
        expect(visibleText(byTag(sections[i]!, 'h2')[0]!)).toBe(`${section.numeral}. ${section.title}`);
        expect(byClass(sections[i]!, 'practice').map((a) => a.attrs.id)).toEqual(section.practices.map((p) => p.id));
      });
    });

    it('links every fragment to an existing id; references read the label of the practice they link to', () => {
      const page = pages.get(lang)!;
      const edition = editions.get(lang)!;
      const prefix = edition.practices[0]!.label.replace(/\s*\d+$/, '');
      const local = byTag(page, 'a').filter((a) => a.attrs.href?.startsWith('#'));
      let references = 0;
      for (const link of local) {
        const target = byId(page, decodeURIComponent(link.attrs.href!.slice(1)));
        expect(target, `${visibleText(link)} → ${link.attrs.href}`).toBeDefined();
        const label = new RegExp(`^${prefix} \\d+$`).exec(visibleText(link))?.[0];
        if (label && hasClass(link, 'xref')) {
          references++;
          expect(hasClass(target!, 'practice')).toBe(true);
          expect(visibleText(byTag(target!, 'h3')[0]!).startsWith(`${label}${edition.colon}`.replace(/\s+/g, ' '))).toBe(true);
        }
      }
      expect(references).toBeGreaterThan(edition.practices.length);
      const contents = byTag(page, 'nav')[0]!;
      const contentTargets = byTag(contents, 'a').map((a) => a.attrs.href);
      for (const id of [...edition.sections.map((s) => s.id), ...edition.practices.map((p) => p.id)]) expect(contentTargets).toContain(`#${id}`);
    });

    it('numbers the footnotes through the document, each with a back-link to its reference', () => {
      const page = pages.get(lang)!;
      const edition = editions.get(lang)!;
      const notes = byTag(page, 'li').filter((li) => li.attrs.id?.startsWith('fn_'));
      const expected = [...edition.front, ...edition.sections.flatMap((s) => (s.intro ? [s.intro] : [])), ...edition.back, ...edition.practices].reduce(
        (sum, item) => sum + item.footnotes.length,
        0,
      );
      expect(notes.length).toBe(expected);
      expect(notes.map((li) => li.attrs.value)).toEqual(notes.map((_, i) => String(i + 1)));
      const refs = byClass(page, 'footnote-ref');
      expect(refs.length).toBeGreaterThanOrEqual(expected);
      for (const ref of refs) {
        const note = byId(page, ref.attrs.href!.slice(1))!;
        expect(notes).toContain(note);
        expect(visibleText(ref)).toBe(note.attrs.value);
        const back = byClass(note, 'footnote-back').map((a) => a.attrs.href);
        expect(back).toContain(`#${ref.attrs.id}`);
      }
    });

    it('keeps every reference that reads as a label on one line: no space in it may break', () => {
      const page = pages.get(lang)!;
      const edition = editions.get(lang)!;
      const labels = new Set([...edition.practices.map((p) => p.label), ...edition.sections.map((s) => s.label)].map((label) => label.replace(/\s+/g, ' ')));
      const references = byClass(page, 'xref').filter((a) => labels.has(visibleText(a)));
      expect(references.length).toBeGreaterThan(edition.practices.length);
      expect(references.map(textContent).filter((text) => / /.test(text))).toEqual([]);
    });

    it('puts each table in a box that scrolls, takes the keyboard focus and is named by the table’s column headings', () => {
      const page = pages.get(lang)!;
      const boxes = byClass(page, 'table-scroll');
      expect(boxes.length).toBeGreaterThan(0);
      for (const box of boxes) {
        expect(box.attrs.tabindex).toBe('0');
        expect(box.attrs.role).toBe('region');
        const headings = byTag(box, 'th').map(visibleText);
        expect(box.attrs['aria-label']).toBe(new Intl.ListFormat(lang, { type: 'unit', style: 'short' }).format(headings));
      }
    });

    it('marks untranslated practices and notes a courtesy translation', () => {
      const page = pages.get(lang)!;
      const edition = editions.get(lang)!;
      const marked = byClass(page, 'practice').filter((a) => byClass(a, 'untranslated-mark').length > 0);
      expect(marked.map((a) => a.attrs.id)).toEqual(edition.practices.filter((p) => p.untranslated).map((p) => p.id));
      for (const article of marked) {
        expect(article.attrs.lang).toBe(edition.authoritativeLanguage);
        expect(visibleText(byClass(article, 'untranslated-mark')[0]!)).toBe(edition.messages.untranslated);
      }
      const notes = byClass(page, 'courtesy-note').map(visibleText);
      expect(notes).toEqual(edition.courtesyNote ? [edition.courtesyNote] : []);
    });

    it('is self-contained: inline CSS for A4 print, no script, nothing fetched', () => {
      const page = pages.get(lang)!;
      const all = elements(page);
      for (const tag of ['script', 'link', 'iframe', 'object', 'embed', 'base']) expect(all.filter((e) => e.tag === tag), tag).toEqual([]);
      expect(all.filter((e) => /^(https?:)?\/\//.test(e.attrs.src ?? ''))).toEqual([]);
      const css = byTag(page, 'style').map(visibleText).join('\n');
      expect(css).toMatch(/@page\s*{[^}]*size:\s*A4/);
      expect(css).not.toMatch(/@import|url\(/);
    });
  });

  it('names a table’s box by the table’s caption when it has one', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gctf-caption-'));
    try {
      const folder = path.join(root, 'practices');
      cpSync(BUNDLED_PRACTICES, folder, { recursive: true });
      appendFileSync(path.join(folder, 'prevention', 'community-trust.md'), '\n| Who | What |\n| --- | --- |\n| Police | Listen |\n\nTable: Who does *what* locally\n');
      const captioned = await buildFramework(folder, { formats: ['html'], langs: ['en'] });
      try {
        const page = parseHtmlFiles([captioned.path('en', 'html')])[0]!;
        const box = byClass(page, 'table-scroll').find((b) => byTag(b, 'th').map(visibleText).join() === 'Who,What');
        expect(box?.attrs.role).toBe('region');
        expect(box?.attrs['aria-label']).toBe('Who does what locally');
        expect(byTag(box!, 'table')[0]!.attrs['aria-label']).toBeUndefined();
      } finally {
        captioned.remove();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  itValidates('passes the Nu HTML Checker with no errors (English and Arabic)', () => {
    const files = ['en', 'ar'].filter((lang) => langs.includes(lang)).map((lang) => build.path(lang, 'html'));
    expect(files.length).toBeGreaterThan(0);
    expect(validateHtml(files)).toEqual([]);
  });

  describe('from a hostile draft', () => {
    let hostile: BuiltFramework;
    let roots: HtmlElement[];
    beforeAll(async () => {
      hostile = await buildFramework(HOSTILE, { formats: ['html'] });
      roots = parseHtmlFiles(hostile.files.map((name) => path.join(hostile.out, name)));
    });
    afterAll(() => hostile?.remove());

    it('writes no script, no event handler and no script URL', () => {
      expect(roots.length).toBeGreaterThan(0);
      for (const root of roots) {
        const all = elements(root);
        expect(all.filter((e) => e.tag === 'script' || e.tag === 'iframe')).toEqual([]);
        expect(all.flatMap((e) => Object.keys(e.attrs).filter((name) => /^on/i.test(name)))).toEqual([]);
        const urls = all.flatMap((e) => ['href', 'src', 'action', 'formaction', 'xlink:href'].flatMap((name) => e.attrs[name] ?? []));
        expect(urls.filter((url) => !/^(#|https?:|mailto:)/i.test(url.trim()))).toEqual([]);
      }
    });

    it('keeps its own ids and cross-references working beside the sanitized text', () => {
      for (const root of roots) {
        expect(byClass(root, 'practice').map((a) => a.attrs.id)).toEqual(['hostile', 'neighbour']);
        const xref = byClass(root, 'xref').find((a) => a.attrs.href === '#hostile');
        expect(xref).toBeDefined();
        const ref = byClass(root, 'footnote-ref')[0]!;
        expect(byId(root, ref.attrs.href!.slice(1))).toBeDefined();
        expect(ref.attrs.id).toMatch(/^fnref_/);
      }
    });

    itValidates('still passes the Nu HTML Checker', () => {
      expect(validateHtml(hostile.files.map((name) => path.join(hostile.out, name)))).toEqual([]);
    });
  });

  describe('marks and templates', () => {
    let folder: string;
    beforeAll(() => {
      folder = mkdtempSync(path.join(os.tmpdir(), 'gctf-html-'));
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    const render = async (edition: Edition, context = contextFor(BUNDLED_PRACTICES), name = 'page.html') => {
      const file = path.join(folder, name);
      writeFileSync(file, await htmlEmitter.emit(edition, context));
      return parseHtmlFiles([file])[0]!;
    };

    it('shows a visible DRAFT mark on a draft document, and none on a final one', async () => {
      const edition = editions.get(langs[0]!)!;
      const draft = await render({ ...edition, metadata: { ...edition.metadata, status: 'draft' } }, undefined, 'draft.html');
      const final = await render({ ...edition, metadata: { ...edition.metadata, status: 'final' } }, undefined, 'final.html');
      expect(byClass(draft, 'draft-mark').map(visibleText)).toEqual([`${edition.messages.draft} ${edition.messages.draftNotice}`]);
      expect(byClass(draft, 'draft-watermark')).toHaveLength(1);
      expect(byClass(final, 'draft-mark')).toEqual([]);
      expect(byClass(final, 'draft-watermark')).toEqual([]);
    });

    itValidates('passes the Nu HTML Checker with the DRAFT mark', async () => {
      const edition = editions.get(langs[0]!)!;
      await render({ ...edition, metadata: { ...edition.metadata, status: 'draft' } }, undefined, 'checked-draft.html');
      expect(validateHtml([path.join(folder, 'checked-draft.html')])).toEqual([]);
    });

    it('uses the framework’s own page template when it has one', async () => {
      const edition = editions.get(langs[0]!)!;
      const base = contextFor(BUNDLED_PRACTICES);
      const context = {
        ...base,
        template: (name: string) =>
          name === 'html/page.html' ? '<!DOCTYPE html><html lang="{{page.lang}}"><title>{{title}}</title><p id="own">{{#sections}}{{numeral}} {{/sections}}</p></html>' : base.template(name),
      };
      const page = await render(edition, context, 'own.html');
      expect(visibleText(byId(page, 'own')!)).toBe(edition.sections.map((s) => s.numeral).join(' '));
    });

    it('stamps a date only from SOURCE_DATE_EPOCH', async () => {
      const edition = editions.get(langs[0]!)!;
      const modified = (root: HtmlElement) => byTag(root, 'meta').find((m) => m.attrs.name === 'dcterms.modified')?.attrs.content;
      expect(modified(await render(edition, undefined, 'undated.html'))).toBeUndefined();
      const dated = await render(datedEdition(edition, 1_700_000_000), contextFor(BUNDLED_PRACTICES), 'dated.html');
      expect(modified(dated)).toBe(new Date(1_700_000_000_000).toISOString());
    });
  });
});
