import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Whether poppler's command-line tools (pdftotext, pdffonts, pdfinfo, pdftohtml) are installed. */
export const hasPoppler = ['pdftotext', 'pdffonts', 'pdfinfo', 'pdftohtml'].every((tool) => spawnSync(tool, ['-v']).error === undefined);

/** Runs a poppler tool on the PDF `bytes` (written to a temporary file) and returns its stdout. */
function poppler(tool: string, args: readonly string[], bytes: Uint8Array): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'gctf-pdf-test-'));
  try {
    const file = path.join(folder, 'out.pdf');
    writeFileSync(file, bytes);
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' || tool === 'pdftohtml' ? ['-'] : [])], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The PDF's text as `pdftotext -layout` reads it, optionally from page `first` (1-based) on. */
export function pdfText(bytes: Uint8Array, first = 1): string {
  return poppler('pdftotext', ['-layout', '-f', String(first)], bytes);
}

/** One font of `pdffonts`: its name and whether it is embedded. */
export interface PdfFont {
  readonly name: string;
  readonly embedded: boolean;
}

/** The fonts the PDF uses, from `pdffonts`. */
export function pdfFonts(bytes: Uint8Array): PdfFont[] {
  const lines = poppler('pdffonts', [], bytes).split('\n');
  const header = lines.findIndex((line) => line.startsWith('name'));
  const emb = lines[header]?.indexOf(' emb ') ?? -1;
  return lines
    .slice(header + 2)
    .filter((line) => line.trim() !== '')
    .map((line) => ({ name: line.split(/\s+/)[0] ?? '', embedded: line.slice(emb, emb + 5).trim() === 'yes' }));
}

/** `pdfinfo`'s fields (Title, Pages, Page size, CreationDate, …), with every page's size listed. */
export function pdfInfo(bytes: Uint8Array): { fields: Map<string, string>; pageSizes: string[] } {
  const fields = new Map<string, string>();
  const pageSizes: string[] = [];
  for (const line of poppler('pdfinfo', ['-f', '1', '-l', '100000'], bytes).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (!match?.[1]) continue;
    if (/^Page\s+\d+\s+size$/.test(match[1])) pageSizes.push(match[2] ?? '');
    else fields.set(match[1], match[2] ?? '');
  }
  return { fields, pageSizes };
}

/** The PDF's XMP metadata packet, as `pdfinfo -meta` reads it from the file (empty when it has none). */
export function pdfMetadata(bytes: Uint8Array): string {
  return poppler('pdfinfo', ['-meta'], bytes);
}

/** The PDF's structure tree (its tags), as `pdfinfo -struct` reads it: empty for an untagged PDF. */
export function pdfStructure(bytes: Uint8Array): string {
  return poppler('pdfinfo', ['-struct'], bytes);
}

/** One PDF bookmark (outline item): its exact text, nesting level and page. */
export interface Bookmark {
  readonly title: string;
  readonly level: number;
  readonly page: number;
}

/**
 * The PDF's bookmarks, from `pdftohtml -xml`. Bookmarks hold their text as exact Unicode strings,
 * so they read back right-to-left scripts that text extraction scrambles.
 */
export function pdfBookmarks(bytes: Uint8Array): Bookmark[] {
  const xml = poppler('pdftohtml', ['-xml', '-i', '-q', '-stdout'], bytes);
  const start = xml.indexOf('<outline>');
  if (start < 0) return [];
  const bookmarks: Bookmark[] = [];
  let level = 0;
  for (const match of xml.slice(start).matchAll(/<outline>|<\/outline>|<item page="(\d+)">([^<]*)<\/item>/g)) {
    if (match[0] === '<outline>') level++;
    else if (match[0] === '</outline>') {
      level--;
      if (level === 0) break;
    } else bookmarks.push({ title: decodeXml(match[2] ?? ''), level, page: Number(match[1]) });
  }
  return bookmarks;
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (whole, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return named[entity.toLowerCase()] ?? whole;
  });
}

/**
 * Text with every space, line break and hyphen removed: what is left can be searched for whatever
 * way the PDF broke and hyphenated its lines.
 */
export function squash(text: string): string {
  return text.replace(/[\s\u00AD\u2060\u200B-]+/g, '');
}
