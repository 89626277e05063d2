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
  /** What `gctf check --fix` may do about it, when that cannot be wrong (ESLint's model). */
  readonly fix?: Fix;
}

/**
 * An unambiguous repair of the finding's file: replace the text between two points of the decoded
 * text (`\n` line endings, no byte order mark) with `text`, or `normalize` the file as it is read
 * (drop the byte order mark, read lone CRs as line ends; CRLF files stay CRLF).
 */
export type Fix = { readonly from: Point; readonly to: Point; readonly text: string } | 'normalize';

/** A rule reads the model and reports findings; severity and ids are stamped by the runner. */
export interface Rule {
  /** The rule id: says what is expected (`unknown-reference`). */
  readonly id: string;
  /** One sentence for `--help`, SARIF and the README. */
  readonly description: string;
  /** Whether some of its findings carry a `fix` that `gctf check --fix` applies. */
  readonly fixable?: boolean;
  check(model: FrameworkModel, report: (finding: Finding) => void, context: RuleContext): void;
}

/** What a rule may need beyond the model. */
export interface RuleContext {
  /** Every registered rule id, for checking the manifest's `rules:` map. */
  readonly ruleIds: readonly string[];
}
