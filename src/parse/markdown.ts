import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { checkParser, parseWith, type ParseProfile } from './check-profile-parser.js';

export type { ParseProfile } from './check-profile-parser.js';

const fullParser = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * Parses a draft's Markdown body into mdast whose positions are those of the whole file: the body
 * starts on line `firstLine`. `full` (CommonMark + GFM) is what outputs are built from; `check` is
 * what the rules read (see `ParseProfile`).
 */
export function parseMarkdown(body: string, firstLine: number, profile: ParseProfile = 'full'): Root {
  return parseWith(profile === 'full' ? fullParser : checkParser, body, firstLine);
}
