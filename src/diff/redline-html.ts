import type { RedlineOptions } from '../commands/diff.js';
import type { FrameworkDiff, RedlineDocument } from './compare.js';

export function redlineHtml(_redline: RedlineDocument, _diff: FrameworkDiff, _options: RedlineOptions): string {
  return '';
}
