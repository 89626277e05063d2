import type { Point, Span } from '../parse/parse-yaml.js';
import type { FrameworkModel } from '../model/types.js';

/** Where a finding stands: a file of the framework folder, and a place in it. */
export interface Location {
  /** Path relative to the framework folder, forward slashes. */
  readonly file: string;
  readonly place: Span | Point;
}

/** What a rule reports: the message, where, and for cross-file problems the other place. */
export interface Finding extends Location {
  readonly message: string;
  /** The other place a duplicate or a broken reference concerns. */
  readonly cause?: Location & { readonly message: string };
}

/** A rule reads the model and reports findings; severity and ids are stamped by the runner. */
export interface Rule {
  /** The rule id: says what is expected (`unknown-reference`). */
  readonly id: string;
  /** One sentence for `--help`, SARIF and the README. */
  readonly description: string;
  check(model: FrameworkModel, report: (finding: Finding) => void, context: RuleContext): void;
}

/** What a rule may need beyond the model. */
export interface RuleContext {
  /** Every registered rule id, for checking the manifest's `rules:` map. */
  readonly ruleIds: readonly string[];
}
