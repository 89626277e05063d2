import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The Nu HTML Checker, from the `vnu-jar` package. */
export const VNU_JAR = path.resolve(import.meta.dirname, '../../node_modules/vnu-jar/build/dist/vnu.jar');

/** Whether `java` runs here: the HTML checker and the HTML parser below need it. */
export const hasJava = spawnSync('java', ['-version'], { stdio: 'ignore' }).error === undefined;

/** Why HTML tests are skipped, printed once by each file that skips them. */
export const NO_JAVA = 'java is not on PATH: skipping the HTML tests that parse or validate with vnu.jar (install a JRE, e.g. `apt-get install default-jre-headless`)';

/** An element as an HTML5 parser builds it; text nodes are strings. */
export interface HtmlElement {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly HtmlNode[];
}
export type HtmlNode = HtmlElement | string;

/**
 * Parses HTML files the way a browser does. No HTML parser is among our npm dependencies, so this
 * uses the one inside vnu.jar (the Nu HTML Checker's), through `HtmlToJson.java` beside this file.
 * One Java start for every file given; returns their `<html>` elements in the same order.
 */
export function parseHtmlFiles(files: readonly string[]): HtmlElement[] {
  const result = spawnSync('java', ['-cp', VNU_JAR, path.join(import.meta.dirname, 'HtmlToJson.java'), ...files], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`HtmlToJson failed: ${result.stderr || result.error?.message}`);
  return JSON.parse(result.stdout) as HtmlElement[];
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
