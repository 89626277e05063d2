import type { Html } from 'mdast';
import type { FrameworkModel } from '../model/types.js';
import { draftFacts } from '../rules/draft-facts.js';
import type { Finding } from '../rules/rule.js';
import { code, nodeSpan } from '../rules/util.js';
import type { Diagnostic } from './diagnostic.js';

/**
 * Inline suppressions, markdownlint's convention, as HTML comments (which drafts already use for
 * drafting notes):
 *
 * - `<!-- gctf-disable-next-line rule-id … -->` silences those rules on the line after the comment;
 * - `<!-- gctf-disable rule-id … -->` silences them until `<!-- gctf-enable rule-id … -->` (or
 *   `<!-- gctf-enable -->`, which ends every open range), else to the end of the file.
 *
 * Without rule ids, a directive silences every rule. A suppression that silences nothing, or
 * names no rule, is itself a finding (`unused-suppression`), which no suppression silences.
 */
export interface Suppression {
  readonly file: string;
  readonly node: Html;
  /** The rule ids named, or undefined for every rule. */
  readonly rules: readonly string[] | undefined;
  readonly fromLine: number;
  toLine: number;
  used: boolean;
}

const DIRECTIVE = /^<!--\s*gctf-(disable-next-line|disable|enable)\b([\s\S]*?)-->$/;

/** Every suppression directive in the framework's drafts, with the lines each covers. */
export function findSuppressions(model: FrameworkModel): Suppression[] {
  const found: Suppression[] = [];
  for (const draft of model.drafts) {
    const open: Suppression[] = [];
    for (const node of draftFacts(draft).html) {
      const match = DIRECTIVE.exec(node.value.trim());
      if (!match || !node.position) continue;
      const [, kind, list = ''] = match;
      const ids = list.split(/[\s,]+/).filter((id) => id !== '');
      const rules = ids.length > 0 ? ids : undefined;
      const line = node.position.start.line;
      if (kind === 'disable-next-line') {
        const next = node.position.end.line + 1;
        found.push({ file: draft.file.path, node, rules, fromLine: next, toLine: next, used: false });
      } else if (kind === 'disable') {
        const range: Suppression = { file: draft.file.path, node, rules, fromLine: line, toLine: Number.POSITIVE_INFINITY, used: false };
        open.push(range);
        found.push(range);
      } else {
        for (let i = open.length - 1; i >= 0; i--) {
          const range = open[i] as Suppression;
          const ends = rules === undefined || (range.rules !== undefined && range.rules.every((id) => rules.includes(id)));
          if (!ends) continue;
          range.toLine = line;
          open.splice(i, 1);
        }
      }
    }
  }
  return found;
}

/**
 * The diagnostics no suppression silences, and the findings for the suppressions that silenced
 * nothing or name no rule (rules turned off in `framework.yaml` are not counted as unused).
 */
export function applySuppressions(
  model: FrameworkModel,
  diagnostics: readonly Diagnostic[],
  ruleIds: readonly string[],
  isOff: (ruleId: string) => boolean,
): { kept: Diagnostic[]; unused: Finding[] } {
  const suppressions = findSuppressions(model);
  if (suppressions.length === 0) return { kept: [...diagnostics], unused: [] };
  const kept = diagnostics.filter((diagnostic) => {
    const line = diagnostic.line ?? 0;
    let silenced = false;
    for (const s of suppressions) {
      if (s.file !== diagnostic.file || line < s.fromLine || line > s.toLine) continue;
      if (s.rules !== undefined && !s.rules.includes(diagnostic.ruleId ?? '')) continue;
      s.used = true;
      silenced = true;
    }
    return !silenced;
  });
  const known = new Set(ruleIds);
  const unused: Finding[] = [];
  for (const s of suppressions) {
    const unknown = s.rules?.filter((id) => !known.has(id)) ?? [];
    if (unknown.length > 0) {
      unused.push({ file: s.file, place: nodeSpan(s.node), message: `Unexpected suppression of ${unknown.map((id) => code(id)).join(', ')}, which names no rule; expected rule ids as \`gctf rules\` lists them` });
      continue;
    }
    if (s.used || (s.rules !== undefined && s.rules.every(isOff))) continue;
    const what = s.rules ? s.rules.map((id) => code(id)).join(', ') : 'every rule';
    unused.push({ file: s.file, place: nodeSpan(s.node), message: `Unexpected suppression of ${what} that silences nothing; expected it removed (or a finding on the ${s.toLine === s.fromLine ? 'next line' : 'lines it covers'})` });
  }
  return { kept, unused };
}
