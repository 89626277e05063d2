import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

export const AKN_NS = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
/** W3C Internationalization Tag Set: `its:dir` says a text's direction, which Akoma Ntoso has no attribute for. */
export const ITS_NS = 'http://www.w3.org/2005/11/its';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** An Akoma Ntoso element before it is written: attributes in writing order, `undefined` ones left out. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string | undefined>>;
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlElement | string;

/** An element of the Akoma Ntoso namespace; `xml:` and `its:` attribute names are namespaced when written. */
export function el(name: string, attributes: Readonly<Record<string, string | undefined>> = {}, ...children: XmlNode[]): XmlElement {
  return { name, attributes, children };
}

/**
 * Elements whose content is elements only (no text), which are written one child a line. Every
 * other element holds text, where a line break or an indent would be content, and is written as
 * it is — and so is everything inside it.
 */
const INDENTED = new Set([
  'akomaNtoso', 'doc', 'meta', 'identification', 'FRBRWork', 'FRBRExpression', 'FRBRManifestation',
  'references', 'preface', 'longTitle', 'mainBody', 'hcontainer', 'content', 'intro', 'wrapUp',
  'blockContainer', 'ul', 'ol', 'table', 'tr',
]);

function namespaceOf(attribute: string): string | null {
  if (attribute.startsWith('xml:')) return XML_NS;
  if (attribute.startsWith('its:')) return ITS_NS;
  return null;
}

/** Writes `node`'s attributes and children into `element`, made for it. */
function fill(element: XMLBuilder, node: XmlElement, depth: number | undefined): void {
  for (const [name, value] of Object.entries(node.attributes)) {
    if (value !== undefined) element.att(namespaceOf(name), name, value);
  }
  const indent = depth !== undefined && INDENTED.has(node.name) && node.children.length > 0 ? depth + 1 : undefined;
  for (const child of node.children) {
    if (indent !== undefined) element.txt(`\n${'  '.repeat(indent)}`);
    if (typeof child !== 'string') fill(element.ele(child.name), child, indent);
    else if (child !== '') element.txt(child);
  }
  if (indent !== undefined) element.txt(`\n${'  '.repeat(indent - 1)}`);
}

/**
 * Writes `root` (an `akomaNtoso` element) as an XML document, with a final newline. xmlbuilder2
 * escapes every text and attribute value and replaces characters XML cannot hold (control
 * characters, lone surrogates) with U+FFFD, as every other output shows them.
 */
export function serialize(root: XmlElement): string {
  const document = create({ invalidCharReplacement: '\uFFFD' });
  // Children take the root's namespace; `its:` is declared once, here.
  const element = document.ele(AKN_NS, root.name).att(XMLNS_NS, 'xmlns:its', ITS_NS);
  fill(element, root, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${document.end({ headless: true, prettyPrint: false })}\n`;
}
