import type { RedlineOptions } from '../commands/diff.js';
import type { FrameworkDiff, RedlineDocument } from './compare.js';

export async function redlineDocx(_redline: RedlineDocument, _diff: FrameworkDiff, _options: RedlineOptions & { referencePath: string }): Promise<Uint8Array> {
  return new Uint8Array();
}
