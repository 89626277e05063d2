import { XMLParser, XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';

/** An element as fast-xml-parser gives it with `preserveOrder`: `{ 'w:p': [...children], ':@': {attributes} }`. */
export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
});

/** The element name of a node (`#text` for text). */
export function nameOf(node: XmlNode): string {
  return Object.keys(node).find((key) => key !== ':@') ?? '';
}

export function childrenOf(node: XmlNode): XmlNode[] {
  const value = node[nameOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

export function attributesOf(node: XmlNode): Record<string, string> {
  return (node[':@'] as Record<string, string> | undefined) ?? {};
}

/** Every element named `name` under `nodes`, in document order (not inside one another's matches). */
export function findAll(nodes: readonly XmlNode[], name: string): XmlNode[] {
  const found: XmlNode[] = [];
  for (const node of nodes) {
    if (nameOf(node) === name) found.push(node);
    else found.push(...findAll(childrenOf(node), name));
  }
  return found;
}

/** Every element named `name` under `nodes`, including those inside other matches. */
export function findDeep(nodes: readonly XmlNode[], name: string): XmlNode[] {
  const found: XmlNode[] = [];
  for (const node of nodes) {
    if (nameOf(node) === name) found.push(node);
    found.push(...findDeep(childrenOf(node), name));
  }
  return found;
}

/** The first child element named `name`. */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  return childrenOf(node).find((c) => nameOf(c) === name);
}

function textOfT(node: XmlNode): string {
  return childrenOf(node)
    .map((c) => (nameOf(c) === '#text' ? String(c['#text']) : ''))
    .join('');
}

/** What a paragraph holds, in order, the way a reader walks it. */
export type ParagraphEvent =
  | { type: 'text'; value: string; rtl: boolean; bold: boolean; boldCs: boolean; lang: Record<string, string> }
  | { type: 'fldChar'; kind: string }
  | { type: 'instr'; value: string }
  | { type: 'bookmarkStart'; name: string; id: string }
  | { type: 'bookmarkEnd'; id: string }
  | { type: 'hyperlinkStart'; anchor: string | undefined; rid: string | undefined }
  | { type: 'hyperlinkEnd' }
  | { type: 'footnoteReference'; id: string }
  | { type: 'break' };

export function events(paragraph: XmlNode): ParagraphEvent[] {
  const out: ParagraphEvent[] = [];
  const walk = (nodes: readonly XmlNode[]) => {
    for (const node of nodes) {
      const name = nameOf(node);
      const attributes = attributesOf(node);
      if (name === 'w:r') {
        const rPr = child(node, 'w:rPr');
        const props = rPr ? childrenOf(rPr).map(nameOf) : [];
        const lang = rPr ? attributesOf(child(rPr, 'w:lang') ?? {}) : {};
        for (const part of childrenOf(node)) {
          const partName = nameOf(part);
          if (partName === 'w:t') {
            out.push({ type: 'text', value: textOfT(part), rtl: props.includes('w:rtl'), bold: props.includes('w:b'), boldCs: props.includes('w:bCs'), lang });
          } else if (partName === 'w:fldChar') out.push({ type: 'fldChar', kind: attributesOf(part)['w:fldCharType'] ?? '' });
          else if (partName === 'w:instrText') out.push({ type: 'instr', value: textOfT(part) });
          else if (partName === 'w:footnoteReference') out.push({ type: 'footnoteReference', id: attributesOf(part)['w:id'] ?? '' });
          else if (partName === 'w:br') out.push({ type: 'break' });
        }
      } else if (name === 'w:bookmarkStart') out.push({ type: 'bookmarkStart', name: attributes['w:name'] ?? '', id: attributes['w:id'] ?? '' });
      else if (name === 'w:bookmarkEnd') out.push({ type: 'bookmarkEnd', id: attributes['w:id'] ?? '' });
      else if (name === 'w:hyperlink') {
        out.push({ type: 'hyperlinkStart', anchor: attributes['w:anchor'], rid: attributes['r:id'] });
        walk(childrenOf(node));
        out.push({ type: 'hyperlinkEnd' });
      } else if (name !== 'w:pPr') walk(childrenOf(node));
    }
  };
  walk(childrenOf(paragraph));
  return out;
}

/** The text a paragraph shows: its runs' text, field results included, field instructions not. */
export function paragraphText(paragraph: XmlNode): string {
  return events(paragraph)
    .map((e) => (e.type === 'text' ? e.value : ''))
    .join('');
}

/** The lines a paragraph's text is broken into by its line breaks (`w:br`). */
export function paragraphLines(paragraph: XmlNode): string[] {
  return events(paragraph)
    .map((e) => (e.type === 'text' ? e.value : e.type === 'break' ? '\n' : ''))
    .join('')
    .split('\n');
}

/** A paragraph's own properties (`w:pPr`), or an empty element. */
export function propertiesOf(paragraph: XmlNode): XmlNode {
  return child(paragraph, 'w:pPr') ?? { 'w:pPr': [] };
}

/** A paragraph's style id, or undefined. */
export function styleOf(paragraph: XmlNode): string | undefined {
  const pPr = child(paragraph, 'w:pPr');
  const style = pPr ? child(pPr, 'w:pStyle') : undefined;
  return style ? attributesOf(style)['w:val'] : undefined;
}

/** Whether a paragraph says it is bidirectional (`w:bidi` on, not `w:val="false"`/`0`). */
export function isBidi(paragraph: XmlNode): boolean | undefined {
  const pPr = child(paragraph, 'w:pPr');
  const bidi = pPr ? child(pPr, 'w:bidi') : undefined;
  if (!bidi) return undefined;
  const value = attributesOf(bidi)['w:val'];
  return value === undefined || !['false', '0', 'off'].includes(value);
}

/** A complex field of a paragraph: its instruction, its written result, and the hyperlink it sits in. */
export interface Field {
  readonly instruction: string;
  readonly result: string;
  readonly anchor: string | undefined;
}

/** The complex fields in a sequence of paragraph events (nested fields each count). */
export function fields(all: readonly ParagraphEvent[]): Field[] {
  const out: Field[] = [];
  const stack: { instruction: string; result: string; inResult: boolean; anchor: string | undefined }[] = [];
  const anchors: (string | undefined)[] = [];
  for (const event of all) {
    if (event.type === 'hyperlinkStart') anchors.push(event.anchor);
    else if (event.type === 'hyperlinkEnd') anchors.pop();
    else if (event.type === 'fldChar' && event.kind === 'begin') stack.push({ instruction: '', result: '', inResult: false, anchor: anchors.at(-1) });
    else if (event.type === 'fldChar' && event.kind === 'separate') {
      const top = stack.at(-1);
      if (top) top.inResult = true;
    } else if (event.type === 'fldChar' && event.kind === 'end') {
      const top = stack.pop();
      if (top) out.push({ instruction: top.instruction.trim(), result: top.result, anchor: top.anchor });
    } else if (event.type === 'instr') {
      const top = stack.at(-1);
      if (top && !top.inResult) top.instruction += event.value;
    } else if (event.type === 'text') {
      for (const open of stack) if (open.inResult) open.result += event.value;
    }
  }
  return out;
}

/** The text each bookmark of a paragraph holds, by bookmark name. */
export function bookmarkTexts(all: readonly ParagraphEvent[]): Map<string, string> {
  const open = new Map<string, string>();
  const texts = new Map<string, string>();
  for (const event of all) {
    if (event.type === 'bookmarkStart') {
      open.set(event.id, event.name);
      texts.set(event.name, '');
    } else if (event.type === 'bookmarkEnd') open.delete(event.id);
    else if (event.type === 'text') for (const name of open.values()) texts.set(name, (texts.get(name) ?? '') + event.value);
  }
  return texts;
}

/** A Word document read back: its zip and its main XML parts, validated and parsed. */
export interface DocxParts {
  readonly zip: JSZip;
  readonly xml: Record<string, string>;
  readonly body: XmlNode[];
  readonly paragraphs: XmlNode[];
  readonly footnotes: XmlNode[];
  readonly styles: XmlNode[];
}

/** Unzips a DOCX and parses its parts, failing on any part that is not well-formed XML. */
export async function readDocx(bytes: Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const xml: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const text = await zip.file(name)!.async('string');
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new Error(`${name} is not well-formed XML: ${JSON.stringify(valid.err)}`);
    xml[name] = text;
  }
  const parse = (name: string) => (xml[name] === undefined ? [] : (parser.parse(xml[name]!) as XmlNode[]));
  const document = parse('word/document.xml');
  const body = findAll(document, 'w:body').flatMap(childrenOf);
  return {
    zip,
    xml,
    body,
    paragraphs: findDeep(body, 'w:p'),
    footnotes: findAll(parse('word/footnotes.xml'), 'w:footnote'),
    styles: findAll(parse('word/styles.xml'), 'w:style'),
  };
}

/** The language attributes (`w:val`, `w:bidi`) of the style sheet's default run properties: the language of every run that names none. */
export function defaultRunLanguage(parts: DocxParts): Record<string, string> {
  const styles = parser.parse(parts.xml['word/styles.xml'] ?? '') as XmlNode[];
  const defaults = findAll(styles, 'w:rPrDefault')[0];
  const lang = defaults ? findAll(childrenOf(defaults), 'w:lang')[0] : undefined;
  return lang ? attributesOf(lang) : {};
}
