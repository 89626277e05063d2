import type { CheckResult } from '../check/check-model.js';

/** What a reporter may know besides the diagnostics. */
export interface ReportOptions {
  /** Colour the output (a terminal without `NO_COLOR`). */
  readonly color: boolean;
  /** gctf's version, for SARIF's `tool.driver`. */
  readonly version: string;
  /** The folder the diagnostics' files are relative to (the current folder); absolute. */
  readonly cwd?: string;
  /** SARIF's `%SRCROOT%`: the repository's top level, else the current folder; absolute. */
  readonly root?: string;
  /**
   * Why the run fails although the counts alone would not say it (`--strict`, `--max-warnings`):
   * "gctf found too many warnings (maximum: 0)".
   */
  readonly failure?: string;
}

/** The reporters `gctf check --reporter` offers. */
export const REPORTERS = ['pretty', 'compact', 'json', 'sarif', 'github'] as const;
export type ReporterName = (typeof REPORTERS)[number];

/** Turns a check result into the text a person or a program reads. */
export type Reporter = (result: CheckResult, options: ReportOptions) => string;
