import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ListItem, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFramework } from '../src/engine/pipeline.js';
import { buildEdition, type Edition } from '../src/model/edition.js';
import { messagesOf } from '../src/model/messages.js';
import { buildDocx, PRACTICES } from './helpers/docx-build.js';
import { events, fields, paragraphLines, readDocx, styleOf } from './helpers/docx-read.js';
import { hasPoppler, pdfBookmarks, pdfFonts, pdfText, squash } from './helpers/pdf-tools.js';

// The Word editions of the bundled framework, read back by the two readers an editor's colleagues
// are likeliest to use besides Word: pandoc, and LibreOffice (whose PDF poppler reads).

const ROOT = path.join(import.meta.dirname, '..');
const LANGUAGES = ['en', 'fr', 'ar'] as const;
const SCRIPT = path.join(ROOT, 'scripts', 'check-docx-libreoffice.sh');
const hasPandoc = spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).error === undefined;
const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' }).status === 0;
/** Noto fonts installed system-wide: LibreOffice could then show Noto without the embedded faces. */
const systemNoto = spawnSync('sh', ['-c', 'fc-list | grep -i "noto serif\\|noto naskh"'], { encoding: 'utf8' }).stdout?.trim() ?? '';

async function edition(lang: string): Promise<Edition> {
  const model = await loadFramework(PRACTICES);
  return buildEdition(model, lang, messagesOf(model.templates, lang));
}

/** The first words of every list item of an edition (nested items included), in document order, footnotes' after the text's. */
function sourceItems(of: Edition): string[] {
  const items: string[] = [];
  const notes: string[] = [];
  const collect = (nodes: readonly RootContent[], into: string[]) => {
    for (const node of nodes) visit(node, 'listItem', (item: ListItem) => void into.push(toString(item.children[0] ?? { type: 'text', value: '' })));
  };
  const texts = [
    ...of.front,
    ...of.sections.flatMap((s) => [...(s.intro ? [s.intro] : []), ...s.practices.map((p) => ({ body: [...(p.statement ? [p.statement] : []), ...p.body], footnotes: p.footnotes }))]),
    ...of.back,
  ];
  for (const text of texts) {
    collect(text.body, items);
    collect(text.footnotes, notes);
  }
  return [...items, ...notes];
}

type PandocNode = { t?: string; c?: unknown } | PandocNode[];

/** The text of pandoc's inlines (notes left out). */
function inlineText(node: unknown): string {
  if (Array.isArray(node)) return node.map(inlineText).join('');
  if (!node || typeof node !== 'object') return '';
  const { t, c } = node as { t?: string; c?: unknown };
  if (t === 'Str') return String(c);
  if (t === 'Space' || t === 'SoftBreak' || t === 'LineBreak') return ' ';
  if (t === 'Note') return '';
  return inlineText(c);
}

/** Every list item pandoc reads, in document order (nested ones included): the text of its first block. */
function pandocItems(json: string): { text: string; inNote: boolean }[] {
  const out: { text: string; inNote: boolean }[] = [];
  const walk = (node: unknown, inNote: boolean) => {
    if (Array.isArray(node)) return node.forEach((child) => walk(child, inNote));
    if (!node || typeof node !== 'object') return;
    const { t, c } = node as { t?: string; c?: unknown };
    if (t === 'BulletList' || t === 'OrderedList') {
      const items = (t === 'BulletList' ? c : (c as unknown[])[1]) as PandocNode[][];
      for (const item of items) {
        const first = item[0] as { t?: string; c?: unknown } | undefined;
        out.push({ text: first && (first.t === 'Plain' || first.t === 'Para') ? inlineText(first.c).trim() : '', inNote });
        walk(item, inNote);
      }
      return;
    }
    walk(c, inNote || t === 'Note');
  };
  walk((JSON.parse(json) as { blocks: unknown }).blocks, false);
  // Notes are read where they are called; gctf's source lists them after the text.
  return [...out.filter((i) => !i.inNote), ...out.filter((i) => i.inNote)];
}

/** Text without spaces, line breaks, hyphens or format characters (direction marks and embeddings pdftotext adds). */
const squashed = (text: string) => squash(text).replace(/\p{Cf}/gu, '');

const words = (text: string, n = 4) => text.replace(/\s+/g, ' ').trim().split(' ').slice(0, n).join(' ');

const files = new Map<string, string>();
beforeAll(async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'gctf-docx-readers-'));
  for (const lang of LANGUAGES) {
    const file = path.join(folder, `framework.${lang}.docx`);
    writeFileSync(file, await buildDocx(PRACTICES, lang));
    files.set(lang, file);
  }
}, 120_000);

describe(hasPandoc ? 'docx: pandoc reads every list item with its text' : 'docx: pandoc reads every list item with its text (skipped: pandoc is not installed)', () => {
  for (const lang of LANGUAGES) {
    it.skipIf(!hasPandoc)(`in the ${lang} edition`, { timeout: 60_000 }, async () => {
      const expected = sourceItems(await edition(lang));
      const read = pandocItems(execFileSync('pandoc', ['-f', 'docx', '-t', 'json', files.get(lang)!], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
      expect(expected.length).toBeGreaterThan(20);
      expect(read.length).toBe(expected.length);
      for (const item of read) expect(item.text).not.toBe('');
      // Each item holds its own text, not the next one's or a heading's: the same first word (an
      // item opening with a cross-reference, whose source text is empty, is not compared).
      const first = (text: string) => words(text, 1).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      const compared = expected.flatMap((text, i) => (first(text) ? [[first(read[i]!.text), first(text)]] : []));
      expect(compared.length).toBeGreaterThan(expected.length / 2);
      for (const [got, want] of compared) expect(got).toBe(want);
    });
  }
});

describe(hasSoffice && hasPoppler ? 'docx: LibreOffice shows the contents with page numbers, and the embedded faces' : 'docx: LibreOffice shows the contents with page numbers, and the embedded faces (skipped: soffice or poppler is not installed)', () => {
  const pdfs = new Map<string, Uint8Array>();
  const pdfOf = (lang: string) => {
    let pdf = pdfs.get(lang);
    if (!pdf) {
      const out = mkdtempSync(path.join(os.tmpdir(), 'gctf-docx-lo-'));
      pdf = readFileSync(execFileSync('sh', [SCRIPT, files.get(lang)!, out], { encoding: 'utf8', timeout: 200_000 }).trim());
      pdfs.set(lang, pdf);
    }
    return pdf;
  };

  for (const lang of LANGUAGES) {
    it.skipIf(!hasSoffice || !hasPoppler)(`${lang}: every contents entry has a page number, within one page of where LibreOffice puts its heading`, { timeout: 240_000 }, async () => {
      const parts = await readDocx(readFileSync(files.get(lang)!));
      const entries = parts.paragraphs
        .filter((p) => /^TOC[12]$/.test(styleOf(p) ?? ''))
        .map((p) => {
          const page = fields(events(p)).find((f) => f.instruction.startsWith('PAGEREF '))?.result ?? '';
          const text = paragraphLines(p).join(' ');
          return { title: text.slice(0, text.length - page.length), page };
        });
      expect(entries.length).toBeGreaterThan(30);
      // LibreOffice makes a PDF bookmark of every heading, at its page: exact text in any script.
      const bookmarks = pdfBookmarks(pdfOf(lang));
      let at = 0;
      const off: string[] = [];
      for (const entry of entries) {
        expect(entry.page, entry.title).toMatch(/^[1-9]\d*$/);
        const found = bookmarks.findIndex((b, i) => i >= at && b.title === entry.title);
        expect(found, `no heading "${entry.title}" in LibreOffice's PDF`).toBeGreaterThanOrEqual(0);
        at = found + 1;
        const landed = bookmarks[found]!.page;
        expect(Math.abs(Number(entry.page) - landed), `${entry.title}: contents say ${entry.page}, LibreOffice puts it on ${landed}`).toBeLessThanOrEqual(1);
        if (Number(entry.page) !== landed) off.push(entry.title);
      }
      // Mostly exact: the estimate follows LibreOffice's layout, not only its neighbourhood.
      expect(off.length).toBeLessThanOrEqual(Math.floor(entries.length / 10));
    });

    it.skipIf(!hasSoffice || !hasPoppler)(`${lang}: LibreOffice sets it in the embedded Noto faces${systemNoto ? ' (Noto is also installed on this machine: the embedding is proven by build-docx.test.ts)' : ''}`, { timeout: 240_000 }, () => {
      const names = pdfFonts(pdfOf(lang)).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''));
      expect(names).toContain('NotoSerif-Regular');
      if (lang === 'ar') expect(names).toContain('NotoNaskhArabic-Regular');
      // Nothing falls back to another face.
      for (const name of names) expect(name).toMatch(/^Noto(Serif|NaskhArabic)-/);
    });

    it.skipIf(!hasSoffice || !hasPoppler)(`${lang}: every contents entry's page number stands after a dot leader, on a line with words of its title`, { timeout: 240_000 }, async () => {
      const entries = (await readDocx(readFileSync(files.get(lang)!))).paragraphs.filter((p) => /^TOC[12]$/.test(styleOf(p) ?? '')).length;
      const pdf = pdfOf(lang);
      // The contents' pages: from the second to the one before the first heading's.
      const last = Math.min(...pdfBookmarks(pdf).map((b) => b.page)) - 1;
      const lines = pdfText(pdf).split('\f').slice(1, last).join('\n').split('\n');
      // A number beside at least three leader dots, whichever side pdftotext puts it (Arabic).
      const numbered = lines.filter((line) => /\d+\s*\.{3,}|\.{3,}\s*\d+/.test(line));
      // Every entry's: none jammed against its title, or squeezed to fewer dots ("…communautés.11").
      expect(numbered).toHaveLength(entries);
      // None alone on a line of leaders.
      for (const line of numbered) expect(line, line).toMatch(/\p{L}/u);
    });

    it.skipIf(!hasSoffice || !hasPoppler)(`${lang}: no "related practices" line opens a page`, { timeout: 240_000 }, async () => {
      const label = squashed((await edition(lang)).messages.relatedPractices);
      const pdf = pdfOf(lang);
      const pages = pdfText(pdf).split('\f');
      expect(pages.length).toBeGreaterThan(20);
      let related = 0;
      pages.forEach((page, i) => {
        // The first line of a page's text, under its running head (the cover has none).
        const lines = page.split('\n').filter((line) => line.trim() !== '');
        related += lines.filter((line) => squashed(line).startsWith(label)).length;
        if (i > 0 && lines[1] !== undefined) expect(squashed(lines[1]).startsWith(label), `page ${i + 1}: ${lines[1]}`).toBe(false);
      });
      expect(related).toBeGreaterThan(20);
    });
  }

  for (const lang of ['en', 'fr'] as const) {
    it.skipIf(!hasSoffice || !hasPoppler)(`${lang}: every practice's text starts on the page of its heading and statement`, { timeout: 240_000 }, async () => {
      const of = await edition(lang);
      const pdf = pdfOf(lang);
      const pages = pdfText(pdf).split('\f').map(squashed);
      const bookmarks = pdfBookmarks(pdf);
      for (const practice of of.practices) {
        const heading = bookmarks.find((b) => b.title === practice.heading);
        expect(heading, practice.label).toBeDefined();
        // The first words of its text (Arabic is left out: pdftotext reads LibreOffice's joined
        // letters in pieces).
        const start = squashed(toString(practice.body[0]!)).slice(0, 24);
        const page = pages.findIndex((text, i) => i + 1 >= heading!.page && text.includes(start)) + 1;
        expect(page, `${practice.label}: its heading is on page ${heading!.page}, its text starts on ${page}`).toBe(heading!.page);
      }
    });
  }
});

describe('docx: the font metrics the contents are estimated with', () => {
  it('are generated from the embedded faces and up to date', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'font-metrics.mjs'), '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
