import type { Options as StringifyOptions } from 'remark-stringify';

/**
 * The one Markdown style gctf writes: `gctf fmt` rewrites drafts in it, and the md output and the
 * JSON's `source` are written in it. Each choice is the one GitHub, markdownlint's defaults and most
 * drafters' editors agree on, so that a formatted draft looks like what people type:
 * - `bullet: '-'`, `listItemIndent: 'one'`: `- item`, the marker most style guides use;
 * - `emphasis: '_'`, `strong: '*'`: `_em_` and `**strong**`, told apart at a glance;
 * - `fences: true`, `fence: '`'`: code is always fenced with backticks, never indented;
 * - `rule: '-'`: `---`, as drafters write it (after the frontmatter, never read as its fence);
 * - `setext: false`, `closeAtx: false`: `## Heading`, the only headings drafts use;
 * - `resourceLink: false`: `[](#id)` stays a plain link, never `<…>`;
 * - tables (remark-gfm) with `tablePipeAlign: false`: columns are not padded, so editing one cell
 *   changes one line of the diff, not the whole table.
 * remark-stringify writes an empty link as `[](#id)`, so cross-references are kept as written.
 */
export const MARKDOWN_STYLE: StringifyOptions = {
  bullet: '-',
  listItemIndent: 'one',
  emphasis: '_',
  strong: '*',
  fences: true,
  fence: '`',
  rule: '-',
  ruleRepetition: 3,
  ruleSpaces: false,
  setext: false,
  closeAtx: false,
  resourceLink: false,
  incrementListMarker: true,
  quote: '"',
};


/** The GFM part of the style: table columns not padded (see above). */
export const GFM_STYLE = { tablePipeAlign: false } as const;
