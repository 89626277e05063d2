import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'parse5';

/** The Nu HTML Checker, from the `vnu-jar` package. */
export const VNU_JAR = path.resolve(import.meta.dirname, '../../node_modules/vnu-jar/build/dist/vnu.jar');

/** Whether `java` runs here: the HTML checker needs it. */
export const hasJava = spawnSync('java', ['-version'], { stdio: 'ignore' }).error === undefined;

/** Why the HTML checker's tests are skipped, printed once by each file that skips them. */
export const NO_JAVA = 'java is not on PATH: skipping the tests that validate HTML with the Nu HTML Checker (vnu.jar; install a JRE, e.g. `apt-get install default-jre-headless`)';

/** An element as an HTML5 parser builds it; text nodes are strings. */
export interface HtmlElement {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly HtmlNode[];
}
export type HtmlNode = HtmlElement | string;

/** A parse5 node, as much of it as the tree below reads. */
interface Parse5Node {
  readonly nodeName: string;
  readonly tagName?: string;
  readonly value?: string;
  readonly attrs?: readonly { readonly name: string; readonly value: string }[];
  readonly childNodes?: readonly Parse5Node[];
}

/** An element of parse5's tree as an `HtmlElement`: attributes by local name, no comments. */
function toElement(node: Parse5Node): HtmlElement {
  const children: HtmlNode[] = [];
  for (const child of node.childNodes ?? []) {
    if (child.nodeName === '#text') children.push(child.value ?? '');
    else if (child.tagName !== undefined) children.push(toElement(child));
  }
  return { tag: node.tagName ?? node.nodeName, attrs: Object.fromEntries((node.attrs ?? []).map((a) => [a.name, a.value])), children };
}

/**
 * Parses HTML files the way a browser does (parse5, which implements the HTML Standard's parsing
 * algorithm) and returns their `<html>` elements in the same order.
 */
export function parseHtmlFiles(files: readonly string[]): HtmlElement[] {
  return files.map((file) => {
    const html = (parse(readFileSync(file, 'utf8')) as unknown as Parse5Node).childNodes?.find((node) => node.nodeName === 'html');
    if (!html) throw new Error(`${file}: no <html> element`);
    return toElement(html);
  });
}

/** Every element under `root` (itself included), in document order. */
export function elements(root: HtmlElement): HtmlElement[] {
  const found: HtmlElement[] = [];
  const walk = (element: HtmlElement) => {
    found.push(element);
    for (const child of element.children) if (typeof child !== 'string') walk(child);
  };
  walk(root);
  return found;
}

/** The concatenated text of a node, as the DOM's `textContent`. */
export function textContent(node: HtmlNode): string {
  return typeof node === 'string' ? node : node.children.map(textContent).join('');
}

/** Text with runs of white space made one space and trimmed, as a reader sees it. */
export function visibleText(node: HtmlNode): string {
  return textContent(node).replace(/\s+/g, ' ').trim();
}

export function hasClass(element: HtmlElement, name: string): boolean {
  return (element.attrs.class ?? '').split(/\s+/).includes(name);
}

/** Every element under `root` with the class `name`, in document order. */
export function byClass(root: HtmlElement, name: string): HtmlElement[] {
  return elements(root).filter((e) => hasClass(e, name));
}

export function byTag(root: HtmlElement, tag: string): HtmlElement[] {
  return elements(root).filter((e) => e.tag === tag);
}

/** One finding of the Nu HTML Checker. */
export interface VnuMessage {
  readonly type: string;
  readonly subType?: string;
  readonly url?: string;
  readonly message: string;
  readonly lastLine?: number;
  readonly extract?: string;
}

/** Runs the Nu HTML Checker on `files` (`--errors-only`) and returns what it reported. */
export function validateHtml(files: readonly string[]): VnuMessage[] {
  const result = spawnSync('java', ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  // vnu writes its JSON report to standard error, and exits 1 when it found errors.
  const report = JSON.parse(result.stderr) as { messages: VnuMessage[] };
  return report.messages;
}
