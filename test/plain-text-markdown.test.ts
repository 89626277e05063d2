import type { PhrasingContent, Root, RootContent } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { describe, expect, it } from 'vitest';
import { stringifyMarkdown } from '../src/emit/shared.js';
import { loadFramework } from '../src/index.js';
import { buildEdition } from '../src/model/edition.js';
import { readMessages } from '../src/model/messages.js';
import { GFM_STYLE, MARKDOWN_STYLE } from '../src/text/markdown-style.js';
import { isPlain } from '../src/text/plain-text-markdown.js';
import { BUNDLED_PRACTICES } from './helpers/build-framework.js';

/** What mdast-util-to-markdown writes with its own text handler: what the fast path must equal. */
function reference(tree: Root): string {
  return toMarkdown(tree, { ...MARKDOWN_STYLE, extensions: [gfmToMarkdown(GFM_STYLE)] });
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Every character some escaping rule looks at, with letters, digits and spaces to make words of.
const ALPHABET = [...'\t\n\r !"#&\'()*+,-./:;<=>?@[\\]^_`{|}~\u007F', ...'aWwpsx019', '  ', 'ww', 'http', '«»’'];

describe('plain text written without the escaping patterns', () => {
  it('writes every edition of the bundled framework byte for byte as the default handler does', async () => {
    const model = await loadFramework(BUNDLED_PRACTICES);
    for (const lang of model.metadata.languages) {
      const edition = buildEdition(model, lang, readMessages(model.folder, lang));
      for (const practice of edition.practices) {
        const tree: Root = { type: 'root', children: [...(practice.statement ? [practice.statement] : []), ...practice.body, ...practice.footnotes] as RootContent[] };
        expect(stringifyMarkdown(tree), `${lang} ${practice.id}`).toBe(reference(tree));
      }
    }
  });

  it('writes generated texts as the default handler does, at the start of a line, beside links and code, in headings, lists and tables', () => {
    const next = random(20261201);
    const word = () => Array.from({ length: 1 + Math.floor(next() * 6) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
    const text = (): PhrasingContent => ({ type: 'text', value: word() });
    const inline = (): PhrasingContent => {
      const pick = next();
      if (pick < 0.6) return text();
      if (pick < 0.7) return { type: 'link', url: '#x', children: [text()] };
      if (pick < 0.8) return { type: 'inlineCode', value: 'c' };
      if (pick < 0.9) return { type: 'emphasis', children: [text()] };
      return { type: 'footnoteReference', identifier: '1' };
    };
    const phrasing = () => Array.from({ length: 1 + Math.floor(next() * 4) }, inline);
    for (let i = 0; i < 4_000; i++) {
      const children: RootContent[] = [
        { type: 'paragraph', children: phrasing() },
        { type: 'heading', depth: 2, children: phrasing() },
        { type: 'list', ordered: next() < 0.5, spread: false, children: [{ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: phrasing() }] }] },
        { type: 'blockquote', children: [{ type: 'paragraph', children: phrasing() }] },
        { type: 'table', align: [null, null], children: [{ type: 'tableRow', children: [{ type: 'tableCell', children: phrasing() }, { type: 'tableCell', children: phrasing() }] }] },
      ];
      const tree: Root = { type: 'root', children };
      expect(stringifyMarkdown(tree), JSON.stringify(tree)).toBe(reference(tree));
    }
  });

  it('takes the fast path for plain words and leaves the rest to the escaping patterns', () => {
    expect(isPlain('Governments should act, in time (and fairly).', '\n', '\n')).toBe(true);
    expect(isPlain('2018 was a year', '\n', '\n')).toBe(true);
    expect(isPlain('1. not a list', '\n', '\n')).toBe(false);
    expect(isPlain('- not a list', '\n', '\n')).toBe(false);
    expect(isPlain(' leading space', '\n', '\n')).toBe(false);
    expect(isPlain('a_b', ' ', ' ')).toBe(false);
    expect(isPlain('visit www.example.org', ' ', ' ')).toBe(false);
    expect(isPlain('(see)', ']', ' ')).toBe(false);
  });
});
