import path from 'node:path';
import { stringify } from 'yaml';
import type { FrameworkModel } from '../model/types.js';
import { translatable } from '../rules/stale-translation.js';
import { setSourceHash } from './set-source-hash.js';
import type { ReadDocument } from './xliff-document.js';
import { checkTarget, extractUnits, isEmpty, mergeText, normalizeSpace, renderTarget, tokenKey, trimTokens, type Token, type Unit } from './xliff-units.js';

/** What importing one `<file>` of an XLIFF document comes to. */
export type ImportOutcome =
  | {
      readonly kind: 'write';
      /** The translation, relative to the framework folder. */
      readonly file: string;
      readonly absolutePath: string;
      readonly text: string;
    }
  | {
      readonly kind: 'skip';
      /** The source draft named by the XLIFF file, relative to the framework folder. */
      readonly file: string;
      /** Why nothing was written, in one sentence. */
      readonly reason: string;
    };

/**
 * What importing an XLIFF document into the framework would write: for each `<file>`, the whole
 * translation `name.<lang>.md` (frontmatter `title` from the title unit and `source-hash` of the
 * source as it is now; the body is the source's body with each block's text replaced by its
 * target), or why nothing is written for it: units without a target or still marked for review,
 * a source that changed since the export, or a target whose inline codes do not fit its source.
 * Paths come from the framework's own drafts, never from the XLIFF file.
 */
export function planImport(model: FrameworkModel, doc: ReadDocument): ImportOutcome[] {
  const lang = doc.trgLang;
  const items = new Map(translatable(model).map((item) => [item.draft.file.path, item]));
  return doc.files.map((file): ImportOutcome => {
    const item = items.get(file.original);
    if (!item) return { kind: 'skip', file: file.original, reason: 'no such practice or part in the framework (withdrawn, moved or renamed since the export?)' };
    const units = extractUnits(item.title, item.draft.body);
    const read = new Map(file.units.map((u) => [u.id, u]));
    const changed: string[] = [];
    const untranslated: string[] = [];
    const review: string[] = [];
    const broken: string[] = [];
    const targets = new Map<string, Token[]>();
    for (const unit of units) {
      if (isEmpty(unit.tokens)) continue;
      const found = read.get(unit.id);
      if (!found || tokenKey(clean(found.source)) !== tokenKey(unit.tokens)) {
        changed.push(unit.id);
        continue;
      }
      const target = found.target === undefined ? undefined : clean(found.target);
      // A 1.2 target still marked to translate counts once it differs from its source: some tools
      // translate the target in place and leave its state as it was.
      if (target === undefined || isEmpty(target) || (found.untranslated && tokenKey(target) === tokenKey(unit.tokens))) {
        untranslated.push(unit.id);
        continue;
      }
      if (found.needsReview) {
        review.push(unit.id);
        continue;
      }
      const problem = checkTarget(unit, target);
      if (problem) broken.push(`${unit.id}: ${problem}`);
      else targets.set(unit.id, target);
    }
    const known = new Set(units.map((u) => u.id));
    for (const u of file.units) if (!known.has(u.id)) changed.push(u.id);
    if (changed.length > 0) return { kind: 'skip', file: file.original, reason: `its source changed since the export (units ${list(changed)}); expected an export of the source as it is now` };
    if (untranslated.length > 0) return { kind: 'skip', file: file.original, reason: `${untranslated.length} untranslated unit${untranslated.length === 1 ? '' : 's'} (${list(untranslated)})` };
    if (review.length > 0) return { kind: 'skip', file: file.original, reason: `${review.length} unit${review.length === 1 ? '' : 's'} still marked needs-review (${list(review)}); expected each confirmed (state translated) once reviewed` };
    if (broken.length > 0) return { kind: 'skip', file: file.original, reason: `inline codes that do not fit the source: ${broken.join('; ')}` };

    const relative = translationPath(item.draft.file.path, lang);
    return { kind: 'write', file: relative, absolutePath: path.join(model.folder, ...relative.split('/')), text: translationText(units, targets, item.draft.body, item.draft.hash) };
  });
}

/** `prevention/community-trust.md` → `prevention/community-trust.fr.md`. */
export function translationPath(source: string, lang: string): string {
  return source.replace(/\.md$/, () => `.${lang}.md`);
}

/** A target's tokens as an export would have written them: adjacent text joined, ends trimmed. */
function clean(tokens: readonly Token[]): Token[] {
  return trimTokens(mergeText(tokens.map((t) => (t.type === 'text' ? { type: 'text', value: normalizeSpace(t.value) } : t))));
}

function list(ids: readonly string[]): string {
  return ids.length > 6 ? `${ids.slice(0, 6).join(', ')}, …` : ids.join(', ');
}

/** The translation's text: frontmatter, then the source's body with every block translated. */
function translationText(units: readonly Unit[], targets: ReadonlyMap<string, Token[]>, body: string, hash: string): string {
  let title = '';
  const edits: { start: number; end: number; text: string }[] = [];
  for (const unit of units) {
    const target = targets.get(unit.id);
    if (target === undefined) continue;
    if (unit.kind === 'title') title = renderTarget(unit, target);
    else if (unit.range) edits.push({ start: unit.range[0], end: unit.range[1], text: renderTarget(unit, target) });
  }
  edits.sort((a, b) => b.start - a.start);
  let translated = body;
  for (const edit of edits) translated = translated.slice(0, edit.start) + edit.text + translated.slice(edit.end);
  const head = `---\ntitle: ${stringify(title, { lineWidth: 0 }).trimEnd()}\n---\n`;
  return setSourceHash(head, hash).text + translated;
}
