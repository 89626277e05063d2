import type { Rule } from './rule.js';

/**
 * A `<!-- gctf-disable… -->` comment that silences nothing, or names no rule. It is the one rule
 * that reads other rules' findings, so the check stage reports it, after every other rule has run
 * (`src/check/suppressions.ts`); this entry gives it its id, severity and documentation.
 */
export const unusedSuppression: Rule = {
  id: 'unused-suppression',
  description: 'Every `<!-- gctf-disable-next-line rule-id -->` or `<!-- gctf-disable rule-id -->` comment must silence a finding, and name rules that exist.',
  check() {
    // Reported by the check stage: see src/check/suppressions.ts.
  },
};
