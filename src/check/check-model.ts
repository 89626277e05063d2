import type { FrameworkModel } from '../model/types.js';
import { registry, ruleUrl, type Severity } from '../rules/registry.js';
import { compareDiagnostics, createDiagnostic, type Diagnostic } from './diagnostic.js';
import { applySuppressions } from './suppressions.js';

/** The result of checking: every diagnostic in order, and the counts. */
export interface CheckResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly errorCount: number;
  readonly warningCount: number;
}

/** The severity each rule has for this framework: its default, or what `rules:` says. */
export function ruleLevels(model: FrameworkModel): Map<string, Severity | 'off'> {
  const configured = model.manifest.data.rules;
  const levels = new Map<string, Severity | 'off'>();
  for (const { rule, severity } of registry) {
    const level = configured && typeof configured === 'object' ? (configured as Record<string, unknown>)[rule.id] : undefined;
    levels.set(rule.id, level === 'error' || level === 'warning' || level === 'off' ? level : severity);
  }
  return levels;
}

/**
 * Runs every rule over the model. A rule that throws is a bug in gctf, not in the drafts: it
 * propagates as such.
 */
export function checkModel(model: FrameworkModel): CheckResult {
  const levels = ruleLevels(model);
  const diagnostics: Diagnostic[] = [];
  const ruleIds = registry.map((r) => r.rule.id);
  for (const { rule } of registry) {
    const level = levels.get(rule.id) ?? 'error';
    if (level === 'off') continue;
    rule.check(
      model,
      (finding) => {
        const diagnostic = createDiagnostic(finding.message, finding, rule.id, level, ruleUrl(rule.id), finding.cause);
        if (finding.fix) diagnostic.fix = finding.fix;
        diagnostics.push(diagnostic);
      },
      { ruleIds },
    );
  }
  // Inline suppressions apply once every rule has spoken; the unused ones are findings too.
  const { kept, unused } = applySuppressions(model, diagnostics, ruleIds, (id) => levels.get(id) === 'off');
  const unusedLevel = levels.get('unused-suppression') ?? 'warning';
  if (unusedLevel !== 'off') {
    for (const finding of unused) kept.push(createDiagnostic(finding.message, finding, 'unused-suppression', unusedLevel, ruleUrl('unused-suppression')));
  }
  const final = kept.sort(compareDiagnostics);
  const errorCount = final.filter((d) => d.severity === 'error').length;
  return { diagnostics: final, errorCount, warningCount: final.length - errorCount };
}
