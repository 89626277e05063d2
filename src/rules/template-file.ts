import Mustache from 'mustache';
import { parseCatalogue, type TemplateFile } from '../read/read-templates.js';
import type { Finding, Rule } from './rule.js';
import { code } from './util.js';

/** The partials the page template may include. */
const PARTIALS = new Set(['part', 'footnotes']);

/**
 * A framework's own templates, checked like its drafts: nobody's template is trusted. A template
 * the reader refused (a link out of the folder, a FIFO, a device, one too large) is reported and
 * gctf's own is used; a page template must parse as Mustache and include only known partials; a
 * style sheet may not close its `<style>` element, import another sheet or load from another
 * origin; a message catalogue must be a JSON object.
 */
export const templateFile: Rule = {
  id: 'template-file',
  description: "A framework's templates must be regular files inside it, valid, and self-contained: no closing </style>, @import or remote url() in the style sheet.",
  check(model, report) {
    for (const refused of model.templates.refused) {
      report({ file: refused.file, place: { line: 1, column: 1 }, message: `Unexpected template, which ${refused.problem}; expected a regular file inside the framework folder (gctf's own template was used)` });
    }
    for (const template of model.templates.files.values()) {
      if (template.origin !== 'framework') continue;
      for (const finding of templateFindings(template)) report(finding);
    }
  },
};

function templateFindings(template: TemplateFile): Finding[] {
  const file = `templates/${template.name}`;
  const text = new TextDecoder().decode(template.bytes);
  const at = (offset: number, message: string): Finding => ({ file, place: pointAt(text, offset), message });
  if (template.name.endsWith('.html')) return mustacheFindings(text, at);
  if (template.name.endsWith('.css')) return cssFindings(text, at);
  if (template.name.startsWith('messages/')) {
    const catalogue = parseCatalogue(template.bytes);
    if (!catalogue) return [at(0, 'Unexpected message catalogue that is not a JSON object, expected `{"key": "text", …}` (gctf\'s own messages were used)')];
    const wrong = Object.entries(catalogue).find(([key, value]) => typeof value !== 'string' && !(key === 'languages' && value && typeof value === 'object'));
    if (wrong) return [at(Math.max(0, text.indexOf(JSON.stringify(wrong[0]))), `Unexpected value for message ${code(wrong[0])}, expected a string`)];
  }
  return [];
}

function mustacheFindings(text: string, at: (offset: number, message: string) => Finding): Finding[] {
  let tokens: unknown[];
  try {
    tokens = Mustache.parse(text) as unknown[];
  } catch (error) {
    // Mustache says where: "Unclosed tag at 35", "Unopened section "x" at 12".
    const message = (error as Error).message;
    // An unclosed tag is reported at the end of the text; the tag itself is more use to a drafter.
    const offset = message.startsWith('Unclosed tag') ? (unclosedTag(text) ?? 0) : Number(/ at (\d+)$/.exec(message)?.[1] ?? 0);
    return [at(offset, `Unexpected Mustache syntax: ${message.replace(/ at \d+$/, '')}; expected every {{tag}} closed and every {{#section}} ended`)];
  }
  const findings: Finding[] = [];
  const walk = (list: unknown[]) => {
    for (const token of list) {
      const [type, value, start, , children] = token as [string, string, number, number, unknown[] | undefined];
      if (type === '>' && !PARTIALS.has(value)) {
        findings.push(at(start, `Unexpected partial ${code(value)}, expected one of ${[...PARTIALS].map((p) => code(p)).join(', ')}`));
      }
      if (Array.isArray(children)) walk(children);
    }
  };
  walk(tokens);
  return findings;
}

function cssFindings(text: string, at: (offset: number, message: string) => Finding): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(/<\/?style|<!--/gi)) findings.push(at(match.index, `Unexpected ${code(match[0])} in the style sheet, which would end the page's <style> element; expected CSS only`));
  for (const match of text.matchAll(/@import\b/gi)) findings.push(at(match.index, 'Unexpected `@import` in the style sheet, expected a self-contained style sheet (the page loads nothing)'));
  for (const match of text.matchAll(/url\(\s*(['"]?)\s*([a-z][a-z0-9+.-]*:|\/\/)/gi)) {
    if (/^data:$/i.test(match[2] ?? '')) continue;
    findings.push(at(match.index, 'Unexpected `url()` to another origin in the style sheet, expected the page to load nothing (a data: URL, or no URL)'));
  }
  return findings;
}

/** Where the first `{{` without its `}}` stands. */
function unclosedTag(text: string): number | undefined {
  for (let open = text.indexOf('{{'); open >= 0; open = text.indexOf('{{', open + 2)) {
    const close = text.indexOf('}}', open + 2);
    const next = text.indexOf('{{', open + 2);
    if (close < 0 || (next >= 0 && next < close)) return open;
  }
  return undefined;
}

function pointAt(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
