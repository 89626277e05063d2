import { draftFacts } from './draft-facts.js';
import type { Draft } from '../model/types.js';
import type { Rule } from './rule.js';
import { nodeSpan } from './util.js';

const CALL = /\[\^([^\]\s]+)\]/g;

/** A footnote call `[^x]` with no `[^x]: …` definition in the same draft. */
export const footnoteUndefined: Rule = {
  id: 'footnote-undefined',
  description: 'Every footnote call `[^x]` must have a `[^x]: …` definition in the same draft.',
  check(model, report) {
    for (const draft of model.drafts) {
      const facts = draftFacts(draft);
      const defined = new Set(facts.footnoteDefinitions.map((node) => node.identifier));
      for (const node of facts.footnoteReferences) {
        if (!defined.has(node.identifier)) report({ file: draft.file.path, place: nodeSpan(node), message: message(node.label ?? node.identifier) });
      }
      // Without a definition, GFM leaves `[^x]` as plain text: find it in the source.
      for (const node of facts.footnoteLikeText) {
        if (!node.position) continue;
        for (const found of callsIn(draft, node.position.start.offset ?? 0, node.position.end.offset ?? 0, node.position.start)) {
          report({ file: draft.file.path, place: found.place, message: message(found.label) });
        }
      }
    }
  },
};

function message(label: string): string {
  return `Unexpected footnote call \`[^${label}]\` with no definition, expected a line \`[^${label}]: …\` in the same draft`;
}

function callsIn(draft: Draft, start: number, end: number, origin: { line: number; column: number }) {
  const source = draft.body.slice(start, end);
  const found: { label: string; place: { line: number; column: number } }[] = [];
  CALL.lastIndex = 0;
  for (let match = CALL.exec(source); match; match = CALL.exec(source)) {
    const before = source.slice(0, match.index);
    const newlines = before.split('\n').length - 1;
    const column = newlines === 0 ? origin.column + match.index : match.index - before.lastIndexOf('\n');
    found.push({ label: match[1] ?? '', place: { line: origin.line + newlines, column } });
  }
  return found;
}
