import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import type { Span } from '../parse/parse-yaml.js';
import { firstUntypesettable } from '../text/typeset.js';
import type { Finding, Rule } from './rule.js';

const codeOf = (char: string) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

const message = (char: string, where: string) =>
  `Unexpected character \`${char}\` (${codeOf(char)})${where}, which the PDF's fonts cannot show; expected Latin, Greek, Cyrillic or Arabic script (the PDF shows U+FFFD in its place)`;

/**
 * Characters the PDF cannot show: its fonts (Noto Serif, Noto Naskh Arabic) have no glyph for them,
 * and PDF/UA-1 forbids text no font displays. The other formats show them; the PDF shows U+FFFD.
 * Reported once per character and file, where it first appears.
 */
export const pdfFontCoverage: Rule = {
  id: 'pdf-font-coverage',
  description: "Text must be in a script the PDF's fonts can show (Latin, Greek, Cyrillic, Arabic); any other character is U+FFFD in the PDF.",
  check(model, report) {
    const scan = (file: string, data: unknown, at: (path: (string | number)[]) => Span | undefined, seen: Set<string>, path: (string | number)[] = []) => {
      if (typeof data === 'string') {
        const found = firstUntypesettable(data);
        if (found && !seen.has(found.char)) {
          seen.add(found.char);
          report({ file, place: at(path) ?? { line: 1, column: 1 }, message: message(found.char, ` in \`${path.join('.')}\``) });
        }
      } else if (Array.isArray(data)) {
        data.forEach((item, i) => scan(file, item, at, seen, [...path, i]));
      } else if (data && typeof data === 'object') {
        for (const [key, value] of Object.entries(data)) scan(file, value, at, seen, [...path, key]);
      }
    };
    scan(model.manifest.file.path, model.manifest.data, (path) => model.manifest.yaml.valueSpan(path), new Set());
    for (const draft of model.drafts) {
      const seen = new Set<string>();
      scan(draft.file.path, draft.frontmatter.data, (path) => draft.frontmatter.yaml?.valueSpan(path), seen);
      const findings: Finding[] = [];
      visit(draft.tree as Node, (node) => {
        const record = node as Node & { value?: unknown; alt?: unknown };
        for (const text of [record.value, record.alt]) {
          if (typeof text !== 'string' || !node.position) continue;
          const found = firstUntypesettable(text);
          if (!found || seen.has(found.char)) continue;
          seen.add(found.char);
          // Where in the node: a text node's value is its source less escapes, close enough to point at.
          const before = text.slice(0, found.offset);
          const lines = before.split('\n');
          const line = node.position.start.line + lines.length - 1;
          const column = lines.length === 1 ? node.position.start.column + before.length : (lines.at(-1)?.length ?? 0) + 1;
          findings.push({ file: draft.file.path, place: { line, column }, message: message(found.char, '') });
        }
      });
      for (const finding of findings) report(finding);
    }
  },
};
