import { diffArrays } from 'diff';
import type { FootnoteDefinition, Paragraph, PhrasingContent, RootContent } from 'mdast';
import type { Edition, EditionPart, EditionPractice } from '../model/edition.js';
import type { Messages } from '../model/messages.js';
import type { FrameworkModel, Practice } from '../model/types.js';
import { footnoteKey, markBlock, markInline, mergeBlocks, mergeInline, type AlignContext, type Hunk, type Mark } from './align.js';

/** The kinds of change, in the order summaries list them. */
export const CHANGE_KINDS = ['added', 'withdrawn', 'moved', 'renumbered', 'retitled', 'status', 'text'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * One change between the two versions. Practices are matched by id: `added` and `withdrawn` (no
 * longer numbered: withdrawn, or its file removed), `moved` (to another section, or out of the
 * order the others kept), `renumbered` (only because others came, went or moved), `retitled`,
 * `status`, `text` (the body or a footnote, word by word). Title and text changes are per
 * language; the others are the same in every language and have no `lang`.
 */
export interface Change {
  readonly kind: ChangeKind;
  /** `document`: a fact of the manifest (`title`, `subtitle`, …), named by `id`. */
  readonly target: 'practice' | 'section' | 'part' | 'document';
  readonly id: string;
  readonly lang?: string;
  readonly oldNumber?: number;
  readonly newNumber?: number;
  readonly oldSection?: string;
  readonly section?: string;
  readonly oldTitle?: string;
  readonly title?: string;
  readonly oldStatus?: string;
  readonly status?: string;
  readonly hunks?: readonly Hunk[];
}

/** A practice in the redline: as it is now, or (withdrawn, moved away) as it was, deleted. */
export interface RedlinePractice {
  readonly id: string;
  /** Where the redline's writers anchor it: the id, or `was-<id>` at the place it left. */
  readonly anchor: string;
  /** `Good Practice 8` now, or the old label of a practice that is no longer here. */
  readonly label: string;
  readonly oldLabel: string | undefined;
  /** The whole practice inserted (added, or moved here) or deleted (withdrawn, or moved away). */
  readonly mark: Mark | undefined;
  /** For a moved practice: the label and section at the other place. */
  readonly moved: { readonly direction: 'from' | 'to'; readonly label: string; readonly section: string } | undefined;
  readonly title: PhrasingContent[];
  readonly statement: Paragraph | undefined;
  readonly body: RootContent[];
  readonly footnotes: FootnoteDefinition[];
  /** The related practices' labels, as links, joined as the language lists them. */
  readonly related: PhrasingContent[];
  readonly textLang: string;
  readonly textDir: 'ltr' | 'rtl';
  readonly kinds: readonly ChangeKind[];
}

export interface RedlinePart {
  readonly id: string;
  readonly title: PhrasingContent[];
  readonly mark: Mark | undefined;
  readonly body: RootContent[];
  readonly footnotes: FootnoteDefinition[];
  readonly textLang: string;
  readonly textDir: 'ltr' | 'rtl';
  readonly changed: boolean;
}

export interface RedlineSection {
  readonly id: string;
  readonly numeral: string;
  readonly label: string;
  readonly title: PhrasingContent[];
  readonly mark: Mark | undefined;
  readonly intro: RedlinePart | undefined;
  readonly practices: RedlinePractice[];
}

/** One language edition of the document as it is now, with what changed marked in it. */
export interface RedlineDocument {
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  readonly messages: Messages;
  readonly title: string;
  /** The document's title, with its changes marked. */
  readonly titleNodes: PhrasingContent[];
  readonly front: RedlinePart[];
  readonly sections: RedlineSection[];
  readonly back: RedlinePart[];
  /** The new edition, for what the redline shows unchanged (cover, labels). */
  readonly edition: Edition;
}

/** What a redline writer is given besides the redline. */
export interface RedlineOptions {
  /** The author of tracked changes. */
  readonly author: string;
  /** ISO 8601: the new version's commit date. */
  readonly date: string;
  /** The new version's framework folder, for templates. */
  readonly folder: string;
  readonly sides: { readonly old: string; readonly new: string };
}

/** A practice whose number changed. */
export interface Renumbered {
  readonly id: string;
  readonly oldNumber: number;
  readonly newNumber: number;
  readonly oldLabel: string;
  readonly newLabel: string;
}

/** Everything `gctf diff` found between two versions. */
export interface FrameworkDiff {
  readonly languages: readonly string[];
  readonly changes: readonly Change[];
  readonly renumbering: readonly Renumbered[];
  readonly redlines: readonly RedlineDocument[];
  /** How many practices (and sections and parts) each kind of change touched. */
  readonly counts: Readonly<Record<ChangeKind, number>>;
  /** Changes other than renumbering, which only follows from the others. */
  readonly substantive: number;
}

/** The two editions of one language, and the models they come from. */
export interface EditionPair {
  readonly lang: string;
  readonly before: Edition;
  readonly after: Edition;
}

const text = (value: string): PhrasingContent => ({ type: 'text', value });

/** The body text a practice's edition is made from in `lang`: equal bodies make equal editions. */
function bodyOf(model: FrameworkModel, id: string, lang: string): string | undefined {
  const item = model.index.get(id);
  if (item?.kind !== 'practice') return undefined;
  if (lang === model.metadata.language) return item.draft.body;
  return (item.translations.get(lang)?.draft ?? item.draft).body;
}

/**
 * Compares two versions of a framework: the structure once (by practice id), then each language's
 * two editions, block by block and word by word, into changes and a redline per language.
 */
export function compareFrameworks(before: FrameworkModel, after: FrameworkModel, pairs: readonly EditionPair[]): FrameworkDiff {
  const oldById = new Map(before.practices.map((p) => [p.id, p]));
  const newById = new Map(after.practices.map((p) => [p.id, p]));
  const added = new Set(after.practices.filter((p) => !oldById.has(p.id)).map((p) => p.id));
  const withdrawn = new Set(before.practices.filter((p) => !newById.has(p.id)).map((p) => p.id));
  const common = (list: readonly Practice[], other: Map<string, Practice>) => list.filter((p) => other.has(p.id)).map((p) => p.id);
  const moved = new Set<string>();
  // The longest run of practices that kept their order stayed; the others moved.
  for (const part of diffArrays(common(before.practices, newById), common(after.practices, oldById))) {
    if (part.added || part.removed) for (const id of part.value) moved.add(id);
  }
  for (const p of after.practices) if (oldById.get(p.id) && oldById.get(p.id)?.section !== p.section) moved.add(p.id);

  const changes: Change[] = [];
  const authoritative = pairs.find((p) => p.lang === after.metadata.language) ?? pairs[0];
  const labelIn = (edition: Edition | undefined, id: string, fallback: number | undefined) => edition?.practices.find((p) => p.id === id)?.label ?? String(fallback ?? '');
  const renumbering: Renumbered[] = [];
  for (const section of before.sections) if (!after.sections.some((s) => s.id === section.id)) changes.push({ kind: 'withdrawn', target: 'section', id: section.id });
  for (const section of after.sections) if (!before.sections.some((s) => s.id === section.id)) changes.push({ kind: 'added', target: 'section', id: section.id });
  for (const p of after.practices) {
    const old = oldById.get(p.id);
    if (!old) {
      changes.push({ kind: 'added', target: 'practice', id: p.id, newNumber: p.number, section: p.section, title: p.title, status: p.status });
      continue;
    }
    if (old.number !== p.number && old.number !== undefined && p.number !== undefined) {
      renumbering.push({
        id: p.id,
        oldNumber: old.number,
        newNumber: p.number,
        oldLabel: labelIn(authoritative?.before, p.id, old.number),
        newLabel: labelIn(authoritative?.after, p.id, p.number),
      });
    }
    if (moved.has(p.id)) changes.push({ kind: 'moved', target: 'practice', id: p.id, oldNumber: old.number, newNumber: p.number, oldSection: old.section, section: p.section });
    else if (old.number !== p.number) changes.push({ kind: 'renumbered', target: 'practice', id: p.id, oldNumber: old.number, newNumber: p.number, section: p.section });
    if (old.status !== p.status) changes.push({ kind: 'status', target: 'practice', id: p.id, newNumber: p.number, oldStatus: old.status, status: p.status });
  }
  for (const p of before.practices) {
    if (withdrawn.has(p.id)) changes.push({ kind: 'withdrawn', target: 'practice', id: p.id, oldNumber: p.number, oldSection: p.section, oldTitle: p.title, status: after.index.get(p.id) ? 'withdrawn' : undefined });
  }

  const redlines = pairs.map((pair) => redlineOf(pair, { before, after, added, withdrawn, moved, changes }));
  const langIndex = (lang: string | undefined) => (lang === undefined ? -1 : pairs.findIndex((p) => p.lang === lang));
  const order = (c: Change) => [CHANGE_KINDS.indexOf(c.kind), c.newNumber ?? c.oldNumber ?? 0, langIndex(c.lang)] as const;
  changes.sort((a, b) => {
    const [ka, na, la] = order(a);
    const [kb, nb, lb] = order(b);
    return ka - kb || na - nb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || la - lb;
  });
  const counts = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, new Set(changes.filter((c) => c.kind === kind).map((c) => `${c.target}:${c.id}`)).size])) as Record<ChangeKind, number>;
  const substantive = CHANGE_KINDS.filter((k) => k !== 'renumbered').reduce((sum, k) => sum + counts[k], 0);
  return { languages: pairs.map((p) => p.lang), changes, renumbering, redlines, counts, substantive };
}

interface Structure {
  readonly before: FrameworkModel;
  readonly after: FrameworkModel;
  readonly added: ReadonlySet<string>;
  readonly withdrawn: ReadonlySet<string>;
  readonly moved: ReadonlySet<string>;
  /** Where title and text changes are recorded. */
  readonly changes: Change[];
}

/** The redline of one language: the new edition, with the old one's differences marked in it. */
function redlineOf(pair: EditionPair, structure: Structure): RedlineDocument {
  const { lang, before, after } = pair;
  const oldPractices = new Map(before.practices.map((p) => [p.id, p]));
  const newPractices = new Map(after.practices.map((p) => [p.id, p]));
  const oldSectionOf = new Map(before.sections.map((s) => [s.id, s]));
  const newSectionIds = new Set(after.sections.map((s) => s.id));
  const sectionLabel = (id: string | undefined) => after.sections.find((s) => s.id === id)?.label ?? before.sections.find((s) => s.id === id)?.label ?? id ?? '';

  const live = (p: EditionPractice): RedlinePractice => {
    const old = oldPractices.get(p.id);
    const kinds: ChangeKind[] = [];
    if (!old) {
      kinds.push('added');
      return inserted(p, undefined, undefined, kinds);
    }
    const isMoved = structure.moved.has(p.id);
    if (isMoved) kinds.push('moved');
    else if (old.number !== p.number) kinds.push('renumbered');
    if (old.status !== p.status) kinds.push('status');
    const { title, statement, body, footnotes } = compareContent(old, p, lang, structure);
    if (title.changed) kinds.push('retitled');
    if (body.changed) kinds.push('text');
    if (isMoved) {
      // Moved: inserted here whole, and deleted whole where it was (see `ghost`), so that
      // accepting or rejecting every change gives each version exactly.
      return inserted(p, old.label, { direction: 'from', label: old.label, section: sectionLabel(old.section) }, kinds);
    }
    const related = compareRelated(old, p, lang, structure);
    if (related.changed && !kinds.includes('text')) kinds.push('text');
    return {
      id: p.id,
      anchor: p.id,
      label: p.label,
      oldLabel: old.label === p.label ? undefined : old.label,
      mark: undefined,
      moved: undefined,
      title: title.nodes,
      statement,
      body: body.nodes,
      footnotes,
      related: related.nodes,
      textLang: p.textLang,
      textDir: p.textDir,
      kinds,
    };
  };

  /** A practice inserted whole: added, or moved here from elsewhere. */
  const inserted = (p: EditionPractice, oldLabel: string | undefined, moved: RedlinePractice['moved'], kinds: RedlinePractice['kinds']): RedlinePractice => {
    const context = alignContext(lang, new Map());
    return {
      id: p.id,
      anchor: p.id,
      label: p.label,
      oldLabel,
      mark: 'ins',
      moved,
      title: markInline([text(p.title)], 'ins', context),
      statement: p.statement ? markBlock(p.statement, 'ins', context) : undefined,
      body: p.body.map((b) => markBlock(b, 'ins', context)),
      footnotes: p.footnotes.map((f) => markBlock(f, 'ins', context)),
      related: markInline(relatedOf(p, lang), 'ins', context),
      textLang: p.textLang,
      textDir: p.textDir,
      kinds,
    };
  };

  const ghost = (old: EditionPractice): RedlinePractice => {
    const context = alignContext(lang, new Map(old.footnotes.map((f) => [f.identifier, `was${f.identifier}`])));
    const now = newPractices.get(old.id);
    return {
      id: old.id,
      anchor: `was-${old.id}`,
      label: old.label,
      oldLabel: old.label,
      mark: 'del',
      moved: now ? { direction: 'to', label: now.label, section: sectionLabel(now.section) } : undefined,
      title: markInline([text(old.title)], 'del', context),
      statement: old.statement ? markBlock(old.statement, 'del', context) : undefined,
      body: old.body.map((b) => markBlock(b, 'del', context)),
      footnotes: old.footnotes.map((f) => markBlock({ ...f, identifier: `was${f.identifier}`, label: `was${f.identifier}` }, 'del', context)),
      related: markInline(relatedOf(old, lang), 'del', context),
      textLang: old.textLang,
      textDir: old.textDir,
      kinds: now ? ['moved'] : ['withdrawn'],
    };
  };
  const isGhost = (id: string) => structure.withdrawn.has(id) || structure.moved.has(id);

  const sections: RedlineSection[] = after.sections.map((section) => {
    const items = section.practices.map(live);
    const oldSection = oldSectionOf.get(section.id);
    if (oldSection) {
      // Each practice that left is shown where it stood: after the practice that preceded it then.
      const oldList = oldSection.practices;
      oldList.forEach((old, i) => {
        if (!isGhost(old.id)) return;
        let at = 0;
        for (let j = i - 1; j >= 0; j--) {
          const previous = oldList[j] as EditionPractice;
          const found = items.findIndex((item) => item.anchor === (isGhost(previous.id) ? `was-${previous.id}` : previous.id));
          if (found >= 0) {
            at = found + 1;
            break;
          }
        }
        items.splice(at, 0, ghost(old));
      });
    }
    const titleChanged = oldSection !== undefined && oldSection.title !== section.title;
    if (titleChanged) structure.changes.push({ kind: 'retitled', target: 'section', id: section.id, lang, oldTitle: oldSection.title, title: section.title });
    const titleContext = alignContext(lang, new Map());
    return {
      id: section.id,
      numeral: section.numeral,
      label: section.label,
      title: !oldSection ? markInline([text(section.title)], 'ins', titleContext) : titleChanged ? mergeInline([text(oldSection.title)], [text(section.title)], titleContext) : [text(section.title)],
      mark: oldSection ? undefined : 'ins',
      intro: partOf(oldSection?.intro, section.intro, lang, structure, 'section-intro'),
      practices: items,
    };
  });
  for (const oldSection of before.sections) {
    if (newSectionIds.has(oldSection.id)) continue;
    const context = alignContext(lang, new Map());
    sections.push({
      id: oldSection.id,
      numeral: oldSection.numeral,
      label: oldSection.label,
      title: markInline([text(oldSection.title)], 'del', context),
      mark: 'del',
      intro: undefined,
      practices: oldSection.practices.filter((p) => isGhost(p.id)).map(ghost),
    });
  }
  const parts = (oldParts: readonly EditionPart[], newParts: readonly EditionPart[]) => {
    const result = newParts.map((part) => partOf(oldParts.find((p) => p.id === part.id), part, lang, structure, 'part') as RedlinePart);
    for (const part of oldParts) if (!newParts.some((p) => p.id === part.id)) result.push(partOf(part, undefined, lang, structure, 'part') as RedlinePart);
    return result;
  };
  // The manifest's facts, in this language: the title is shown (and marked) in every redline.
  const facts = ['title', 'subtitle', 'initiative', 'workingGroup', 'meeting', 'adopted'] as const;
  for (const fact of facts) {
    const was = before.metadata[fact];
    const now = after.metadata[fact];
    if ((was ?? '') !== (now ?? '')) structure.changes.push({ kind: fact === 'title' ? 'retitled' : 'text', target: 'document', id: fact, lang, oldTitle: was, title: now });
  }
  if (before.metadata.coLeads.join('\n') !== after.metadata.coLeads.join('\n')) {
    structure.changes.push({ kind: 'text', target: 'document', id: 'coLeads', lang, oldTitle: before.metadata.coLeads.join(', '), title: after.metadata.coLeads.join(', ') });
  }
  const titleContext = alignContext(lang, new Map());
  const titleNodes = before.metadata.title === after.metadata.title ? [text(after.metadata.title)] : mergeInline([text(before.metadata.title)], [text(after.metadata.title)], titleContext);
  return {
    lang,
    dir: after.dir,
    messages: after.messages,
    title: after.metadata.title,
    titleNodes,
    front: parts(before.front, after.front),
    sections,
    back: parts(before.back, after.back),
    edition: after,
  };
}

/** A practice's related practices as the editions show them: links reading `Good Practice N`. */
function relatedOf(p: EditionPractice, _lang: string): PhrasingContent[] {
  return p.relatedList.map((part): PhrasingContent => {
    if ('text' in part) return text(part.text);
    const target = p.related[part.item] as { id: string; label: string };
    return { type: 'link', url: `#${target.id}`, children: [text(target.label)], data: { reference: { kind: 'practice', id: target.id, label: target.label } } as never };
  });
}

/** The related practices of both versions, merged; a change is recorded with the practice's text changes. */
function compareRelated(old: EditionPractice, now: EditionPractice, lang: string, structure: Structure) {
  const before = old.related.map((r) => r.id).join(' ');
  const after = now.related.map((r) => r.id).join(' ');
  if (before === after) return { changed: false, nodes: relatedOf(now, lang) };
  const context = alignContext(lang, new Map());
  const nodes = mergeInline(relatedOf(old, lang), relatedOf(now, lang), context);
  const existing = structure.changes.findIndex((c) => c.kind === 'text' && c.id === now.id && c.lang === lang && c.target === 'practice');
  if (existing >= 0) {
    const change = structure.changes[existing] as Change;
    structure.changes[existing] = { ...change, hunks: [...(change.hunks ?? []), ...context.hunks] };
  } else structure.changes.push({ kind: 'text', target: 'practice', id: now.id, lang, newNumber: now.number, section: now.section, hunks: context.hunks });
  return { changed: true, nodes };
}

function alignContext(lang: string, oldNotes: ReadonlyMap<string, string>): AlignContext {
  return { lang, hunks: [], oldFootnote: (identifier) => oldNotes.get(identifier) ?? `was${identifier}` };
}

/**
 * The title, statement, body and footnotes of a practice in both versions, merged. Footnotes are
 * matched by their content in call order, so a footnote renumbered by others is the same footnote.
 */
function compareContent(old: EditionPractice, now: EditionPractice, lang: string, structure: Structure) {
  const titleChanged = old.title.replace(/\s+/g, ' ').trim() !== now.title.replace(/\s+/g, ' ').trim();
  const titleContext = alignContext(lang, new Map());
  const title = { changed: titleChanged, nodes: titleChanged ? mergeInline([text(old.title)], [text(now.title)], titleContext) : [text(now.title)] };
  if (titleChanged) structure.changes.push({ kind: 'retitled', target: 'practice', id: now.id, lang, newNumber: now.number, oldTitle: old.title, title: now.title });

  const sameSource = bodyOf(structure.before, now.id, lang) === bodyOf(structure.after, now.id, lang) && old.textLang === now.textLang;
  if (sameSource) return { title, statement: now.statement, body: { changed: false, nodes: [...now.body] }, footnotes: [...now.footnotes] };
  const merged = mergeContent(old, now, lang);
  if (merged.hunks.length > 0) structure.changes.push({ kind: 'text', target: 'practice', id: now.id, lang, newNumber: now.number, section: now.section, hunks: merged.hunks });
  return { title, statement: merged.statement, body: { changed: merged.hunks.length > 0, nodes: merged.body }, footnotes: merged.footnotes };
}

/** Statement, body and footnotes of two versions of a text, merged, with the word-level hunks. */
function mergeContent(
  old: { statement?: Paragraph | undefined; body: readonly RootContent[]; footnotes: readonly FootnoteDefinition[] },
  now: { statement?: Paragraph | undefined; body: readonly RootContent[]; footnotes: readonly FootnoteDefinition[] },
  lang: string,
) {
  const notes = new Map<string, string>();
  const footnoteParts = diffArrays(
    old.footnotes.map((f) => footnoteKey(f, lang)),
    now.footnotes.map((f) => footnoteKey(f, lang)),
  );
  // First pass: which old footnote is which redline footnote (a kept or changed one keeps its new
  // number; one that is gone is `was<n>`).
  {
    let o = 0;
    let n = 0;
    let removed: FootnoteDefinition[] = [];
    for (const part of footnoteParts) {
      if (part.removed) removed = old.footnotes.slice(o, (o += part.count));
      else if (part.added) {
        const added = now.footnotes.slice(n, (n += part.count));
        removed.forEach((f, i) => added[i] && notes.set(f.identifier, added[i].identifier));
        removed = [];
      } else {
        for (let i = 0; i < part.count; i++) notes.set((old.footnotes[o + i] as FootnoteDefinition).identifier, (now.footnotes[n + i] as FootnoteDefinition).identifier);
        o += part.count;
        n += part.count;
        removed = [];
      }
    }
  }
  const context = alignContext(lang, notes);
  const statementBlocks = mergeBlocks(old.statement ? [old.statement] : [], now.statement ? [now.statement] : [], context);
  const statement = statementBlocks.find((b): b is Paragraph => b.type === 'paragraph' && (b.data as { redline?: string } | undefined)?.redline !== 'del') ?? undefined;
  const body = [...statementBlocks.filter((b) => b !== statement), ...mergeBlocks(old.body, now.body, context)];
  const oldNotes = old.footnotes.map((f) => ({ ...f, identifier: context.oldFootnote(f.identifier), label: context.oldFootnote(f.identifier) }));
  const footnotes = mergeBlocks(oldNotes, now.footnotes, context) as FootnoteDefinition[];
  return { statement, body, footnotes, hunks: context.hunks };
}

/** A part (front, back, section introduction) in both versions, merged. */
function partOf(old: EditionPart | undefined, now: EditionPart | undefined, lang: string, structure: Structure, kind: 'part' | 'section-intro'): RedlinePart | undefined {
  if (!old && !now) return undefined;
  const context = alignContext(lang, new Map());
  if (!old || !now) {
    const part = (now ?? old) as EditionPart;
    const mark: Mark = now ? 'ins' : 'del';
    if (kind === 'part') structure.changes.push({ kind: now ? 'added' : 'withdrawn', target: 'part', id: part.id, lang });
    return {
      id: part.id,
      title: markInline([text(part.title)], mark, context),
      mark,
      body: part.body.map((b) => markBlock(b, mark, context)),
      footnotes: part.footnotes.map((f) => markBlock(mark === 'del' ? { ...f, identifier: `was${f.identifier}`, label: `was${f.identifier}` } : f, mark, context)),
      textLang: part.textLang,
      textDir: part.textDir,
      changed: true,
    };
  }
  const merged = mergeContent({ body: old.body, footnotes: old.footnotes }, { body: now.body, footnotes: now.footnotes }, lang);
  const titleChanged = old.title !== now.title;
  if (titleChanged) structure.changes.push({ kind: 'retitled', target: 'part', id: now.id, lang, oldTitle: old.title, title: now.title });
  if (merged.hunks.length > 0) structure.changes.push({ kind: 'text', target: 'part', id: now.id, lang, hunks: merged.hunks });
  return {
    id: now.id,
    title: titleChanged ? mergeInline([text(old.title)], [text(now.title)], context) : [text(now.title)],
    mark: undefined,
    body: merged.body,
    footnotes: merged.footnotes,
    textLang: now.textLang,
    textDir: now.textDir,
    changed: titleChanged || merged.hunks.length > 0,
  };
}
