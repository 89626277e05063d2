import type { FootnoteDefinition, ListItem, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Edition, EditionPart, EditionPractice, EditionSection } from '../model/edition.js';
import type { EmitContext, Emitter } from './emitter.js';
import { stringifyMarkdown } from './shared.js';

/**
 * The version of the JSON shape described by `schema/framework.schema.json`. Raise it when a
 * field changes meaning or goes away; adding a field does not need it.
 */
export const JSON_FORMAT_VERSION = 2;

// Key order below is the order in the file: object literals keep insertion order in
// `JSON.stringify`, so every build writes the same keys in the same places.

/**
 * A body's Markdown as the edition resolved it: references carry their labels and point at
 * `#<id>`, footnotes are numbered through the whole document (`[^12]`) with their definitions at
 * the end, raw HTML is gone. Headings keep the draft's ranks (`##`–`####`).
 */
function markdownSource(nodes: readonly RootContent[], footnotes: readonly FootnoteDefinition[]): string {
  // No copy needed: serializing only reads the edition's nodes.
  return stringifyMarkdown({ type: 'root', children: [...nodes, ...footnotes] });
}

/**
 * Blocks as plain text, for search and for readers of the data that show no Markdown: paragraphs
 * and headings separated by a blank line, list items one a line (`• `, or `1. ` in an ordered
 * list), table cells separated by tabs, footnote calls left out (the footnotes carry their text).
 */
function plainText(nodes: readonly RootContent[]): string {
  return nodes.flatMap((node) => plainBlock(node)).join('\n\n');
}

function plainBlock(node: RootContent | ListItem): string[] {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return [toString(node)];
    case 'code':
      return [node.value];
    case 'blockquote':
      return node.children.flatMap(plainBlock);
    case 'list': {
      const start = node.start ?? 1;
      const items = node.children.map((item, i) => {
        const [first = '', ...rest] = plainBlock(item);
        const marker = node.ordered ? `${start + i}. ` : '• ';
        return [marker + first, ...rest.map((line) => `${' '.repeat(marker.length)}${line}`)].join('\n');
      });
      return [items.join('\n')];
    }
    case 'listItem':
      return node.children.flatMap(plainBlock).join('\n').split('\n');
    case 'table':
      return [node.children.map((row) => row.children.map((cell) => toString(cell)).join('\t')).join('\n')];
    case 'footnoteDefinition':
    case 'definition':
    case 'thematicBreak':
    case 'html':
      return [];
    default:
      return [toString(node)].filter((text) => text !== '');
  }
}

/** Each footnote with its number, its text as plain text and as Markdown. */
function footnotesOf(footnotes: readonly FootnoteDefinition[]) {
  return footnotes.map((f) => ({
    number: Number(f.identifier),
    text: plainText(f.children),
    source: stringifyMarkdown({ type: 'root', children: f.children }).trimEnd(),
  }));
}

function part(item: EditionPart) {
  return {
    id: item.id,
    title: item.title,
    language: item.textLang,
    untranslated: item.untranslated,
    source: markdownSource(item.body, item.footnotes),
    text: plainText(item.body),
    footnotes: footnotesOf(item.footnotes),
  };
}

function practice(item: EditionPractice) {
  const body = item.statement ? [item.statement, ...item.body] : item.body;
  return {
    id: item.id,
    number: item.number,
    label: item.label,
    title: item.title,
    status: item.status,
    tags: [...item.tags],
    related: item.related.map((r) => ({ id: r.id, label: r.label })),
    statement: item.statement ? toString(item.statement) : '',
    source: markdownSource(body, item.footnotes),
    text: plainText(body),
    footnotes: footnotesOf(item.footnotes),
    language: item.textLang,
    untranslated: item.untranslated,
  };
}

function section(item: EditionSection) {
  return {
    id: item.id,
    number: item.numeral,
    position: item.number,
    label: item.label,
    title: item.title,
    intro: item.intro ? part(item.intro) : null,
    practices: item.practices.map(practice),
  };
}

/** The JSON document of one edition (see `schema/framework.schema.json`). */
export function jsonDocument(edition: Edition, context: Pick<EmitContext, 'version'>) {
  const { metadata } = edition;
  return {
    format: 'gctf-framework',
    formatVersion: JSON_FORMAT_VERSION,
    generator: { name: 'gctf', version: context.version },
    // The only date a build may stamp: it comes from SOURCE_DATE_EPOCH, so rebuilds stay identical.
    date: edition.buildDate ?? null,
    // The date the document was adopted, from the manifest: a fact of the document, not of the build.
    adopted: metadata.adopted ?? null,
    title: metadata.title,
    slug: metadata.slug,
    language: edition.lang,
    direction: edition.dir,
    authoritativeLanguage: edition.authoritativeLanguage,
    authoritative: edition.isAuthoritative,
    courtesyNote: edition.courtesyNote ?? null,
    status: metadata.status,
    metadata: {
      title: metadata.title,
      subtitle: metadata.subtitle ?? null,
      initiative: metadata.initiative ?? null,
      workingGroup: metadata.workingGroup ?? null,
      coLeads: [...metadata.coLeads],
      meeting: metadata.meeting ?? null,
      adopted: metadata.adopted ?? null,
    },
    practiceCount: edition.practices.length,
    untranslatedCount: edition.untranslatedCount,
    front: edition.front.map(part),
    sections: edition.sections.map(section),
    back: edition.back.map(part),
  };
}

/** The `json` format: the resolved edition as data, 2-space indented, with a final newline. */
export const jsonEmitter: Emitter = {
  format: 'json',
  extension: 'json',
  async emit(edition, context) {
    return `${JSON.stringify(jsonDocument(edition, context), null, 2)}\n`;
  },
};
