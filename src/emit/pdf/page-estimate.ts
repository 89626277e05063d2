import type { PdfData, PdfNode, PdfPart } from './pdf-data.js';

/** Characters of running text on a full A4 page of the template (measured: 2,950 to 3,050). */
const CHARACTERS_PER_PAGE = 3_000;
/** Contents entries on one page of the contents. */
const ENTRIES_PER_CONTENTS_PAGE = 40;

/** How many pages a PDF of `data` is about to have, and what it is made of. */
export interface PageEstimate {
  readonly pages: number;
  /** The parts that start a page of their own: front and back parts, sections. */
  readonly pageStarts: number;
  readonly characters: number;
}

/**
 * Estimates the pages of `data` before Typst sets it, from what fills pages: the characters of
 * running text, and the parts that each start a page. It is within 10 % of the real count on the
 * benchmark's frameworks (1,000 practices: 1,077 estimated, 1,062 set; 1,000 one-practice
 * sections: 1,153, 1,047), and on the high side where sections are short.
 */
export function estimatePages(data: PdfData): PageEstimate {
  const parts: PdfPart[] = [...data.front, ...data.back];
  let characters = 0;
  let entries = data.front.length + data.back.length + data.sections.length;
  for (const section of data.sections) {
    if (section.intro) parts.push(section.intro);
    if (data.contentsDepth === 2) entries += section.practices.length;
    for (const practice of section.practices) {
      characters += countCharacters(practice.statement ?? []) + countCharacters(practice.related);
      parts.push(practice);
    }
  }
  for (const part of parts) characters += part.title.length + countCharacters(part.body);
  const pageStarts = data.front.length + data.sections.length + data.back.length;
  const pages = 1 + Math.ceil(entries / ENTRIES_PER_CONTENTS_PAGE) + pageStarts + Math.ceil(characters / CHARACTERS_PER_PAGE);
  return { pages, pageStarts, characters };
}

/** The characters of text in `nodes`, footnotes included. */
function countCharacters(nodes: readonly PdfNode[]): number {
  let total = 0;
  const stack: (readonly PdfNode[])[] = [nodes];
  for (let list = stack.pop(); list !== undefined; list = stack.pop()) {
    for (const node of list) {
      if (typeof node === 'string') total += node.length;
      else if ('v' in node) total += node.v.length;
      else if (node.t === 'table') {
        for (const row of node.c) stack.push(...row);
        if (node.cap) stack.push(node.cap);
      } else if ('c' in node) stack.push(node.c);
    }
  }
  return total;
}
