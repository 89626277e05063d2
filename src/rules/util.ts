import { showEscaped } from '../text/characters.js';
import type { Link, Definition, Nodes } from 'mdast';
import type { Span } from '../parse/parse-yaml.js';
import type { Draft, FrameworkModel } from '../model/types.js';
import { draftFacts } from './draft-facts.js';
import { decodeFragment } from '../text/fragment.js';

const START: Span = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

/** The span of a frontmatter key in a draft, else the opening line. */
export function keySpan(draft: Draft, ...path: (string | number)[]): Span {
  return draft.frontmatter.yaml?.keySpan(path) ?? START;
}

/** The span of a frontmatter value in a draft, else its key's, else the opening line. */
export function valueSpan(draft: Draft, ...path: (string | number)[]): Span {
  return draft.frontmatter.yaml?.valueSpan(path) ?? START;
}

/** The place of an mdast node (or the file's first line, for a node without one). */
export function nodeSpan(node: Nodes): Span {
  return node.position ? { start: node.position.start, end: node.position.end } : START;
}

/** Whether a draft's frontmatter could be read (otherwise `frontmatter-syntax` already spoke). */
export function frontmatterReadable(draft: Draft): boolean {
  return draft.frontmatter.problem === undefined && (draft.frontmatter.yaml?.errors.length ?? 0) === 0;
}

/** A cross-reference found in a draft: the `#id` link or definition, and the id it names. */
export interface ReferenceSite {
  readonly draft: Draft;
  readonly node: Link | Definition;
  readonly target: string;
}

/** Every `#id` link and link definition in every draft, in reading order. */
export function referenceSites(model: FrameworkModel): ReferenceSite[] {
  return model.drafts.flatMap((draft) => draftFacts(draft).references.map((node) => ({ draft, node, target: decodeFragment(node.url.slice(1)) })));
}

/** `x` as inline code in a message, shortened when long; unprintable characters as `\uXXXX`. */
export function code(value: unknown): string {
  let text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : value instanceof Date ? value.toISOString() : (JSON.stringify(value) ?? String(value));
  if (text.length > 60) text = `${text.slice(0, 57)}…`;
  text = showEscaped(text.replace(/`/g, "'"));
  return `\`${text}\``;
}
