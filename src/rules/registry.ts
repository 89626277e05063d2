import { controlCharacter } from './control-character.js';
import { duplicateId } from './duplicate-id.js';
import { emptyPractice } from './empty-practice.js';
import { excludedReference } from './excluded-reference.js';
import { fileEncoding } from './file-encoding.js';
import { footnoteUndefined } from './footnote-undefined.js';
import { footnoteUnused } from './footnote-unused.js';
import { frontmatterSchema } from './frontmatter-schema.js';
import { frontmatterSyntax } from './frontmatter-syntax.js';
import { headingStructure } from './heading-structure.js';
import { imageAltText } from './image-alt-text.js';
import { manifestSchema } from './manifest-schema.js';
import { markdownLimits } from './markdown-limits.js';
import { missingTranslation } from './missing-translation.js';
import { normalizedText } from './normalized-text.js';
import { orphanTranslation } from './orphan-translation.js';
import { pdfFontCoverage } from './pdf-font-coverage.js';
import { rawHtml } from './raw-html.js';
import type { Rule } from './rule.js';
import { staleTranslation } from './stale-translation.js';
import { templateFile } from './template-file.js';
import { translationStructure } from './translation-structure.js';
import { unknownLanguage } from './unknown-language.js';
import { unknownReference } from './unknown-reference.js';
import { unknownSection } from './unknown-section.js';
import { unsafePath } from './unsafe-path.js';
import { unusedSuppression } from './unused-suppression.js';
import { withdrawnReference } from './withdrawn-reference.js';

/** How a finding counts: `error` fails the run, `warning` fails it only under `--strict`. */
export type Severity = 'error' | 'warning';

/** A rule with the severity it has unless `framework.yaml` says otherwise under `rules:`. */
export interface RegisteredRule {
  readonly rule: Rule;
  readonly severity: Severity;
}

/**
 * Every rule, in the order their findings are introduced in the documentation. Explicit on
 * purpose: adding a rule means adding it here, with its default severity.
 */
export const registry: readonly RegisteredRule[] = [
  { rule: fileEncoding, severity: 'error' },
  { rule: normalizedText, severity: 'warning' },
  { rule: controlCharacter, severity: 'warning' },
  { rule: manifestSchema, severity: 'error' },
  { rule: unsafePath, severity: 'error' },
  { rule: templateFile, severity: 'error' },
  { rule: frontmatterSyntax, severity: 'error' },
  { rule: frontmatterSchema, severity: 'error' },
  { rule: markdownLimits, severity: 'error' },
  { rule: duplicateId, severity: 'error' },
  { rule: unknownSection, severity: 'error' },
  { rule: unknownReference, severity: 'error' },
  { rule: withdrawnReference, severity: 'error' },
  { rule: excludedReference, severity: 'error' },
  { rule: headingStructure, severity: 'error' },
  { rule: imageAltText, severity: 'error' },
  { rule: emptyPractice, severity: 'error' },
  { rule: footnoteUndefined, severity: 'error' },
  { rule: footnoteUnused, severity: 'warning' },
  { rule: rawHtml, severity: 'warning' },
  { rule: pdfFontCoverage, severity: 'warning' },
  { rule: staleTranslation, severity: 'warning' },
  { rule: missingTranslation, severity: 'warning' },
  { rule: orphanTranslation, severity: 'error' },
  { rule: translationStructure, severity: 'error' },
  { rule: unknownLanguage, severity: 'error' },
  { rule: unusedSuppression, severity: 'warning' },
];

/**
 * Where the rules are documented: one page a rule in gctf's repository (`docs/rules/<id>.md`), as
 * a URL relative to the repository's root. (The package's page on npm, linked before, does not
 * exist.)
 */
export const RULES_URL = 'docs/rules/';

/** The page that documents a rule, relative to gctf's repository root: `docs/rules/<id>.md`. */
export function ruleUrl(id: string): string {
  return `${RULES_URL}${id}.md`;
}
