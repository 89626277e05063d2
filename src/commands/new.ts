import { existsSync } from 'node:fs';
import { printable } from '../report/escape.js';
import path from 'node:path';
import { WriteError, writeInside } from '../write/write-inside.js';
import Mustache from 'mustache';
import { stringify } from 'yaml';
import { ExitError } from '../errors.js';
import type { Io } from '../io.js';
import { loadFramework } from '../engine/pipeline.js';
import { pick } from '../model/build-model.js';
import { ID_PATTERN, INVISIBLE } from '../model/fields.js';
import type { FrameworkModel, Practice, Section } from '../model/types.js';
import { findFrameworkFolder } from '../read/find-framework-folder.js';
import { readTemplates, templateText } from '../read/read-templates.js';
import { comparePractices } from '../model/build-model.js';

/** The template of a new practice: the framework's `templates/practice.md`, else gctf's. */
export const PRACTICE_TEMPLATE = 'practice.md';

/** Ids are cut to about this many characters, at a hyphen. */
export const MAX_ID_LENGTH = 50;

/** The gap `order` values are given with, so that practices can later go in between. */
const ORDER_STEP = 10;

export interface NewOptions {
  /** The practice's title: one line. */
  readonly title: string;
  /** The id of the section it goes in. */
  readonly section: string;
  /** The id of the practice it goes right after; default the end of the section. */
  readonly after?: string;
  /** The framework folder; found as FORMAT.md says when absent. */
  readonly dir?: string;
}

/**
 * `gctf new`: writes a new practice from the practice template into its section's folder, with a
 * free id made from its title, `status: draft`, and an `order` that puts it at the end of the
 * section or right after `--after`. Prints its path and the number it gets. Never overwrites a file.
 */
export async function newPractice(options: NewOptions, io: Io): Promise<number> {
  const title = options.title.trim();
  if (title === '' || title.includes('\n') || INVISIBLE.test(title)) {
    throw new ExitError(2, `Unexpected title ${JSON.stringify(options.title)}: expected one line of text without invisible characters`);
  }
  const folder = findFrameworkFolder(io.cwd, options.dir);
  const model = await loadFramework(folder);
  const section = model.sections.find((s) => s.id === options.section);
  if (!section) {
    const known = model.sections.map((s) => `${s.id} (${pick(s.title, model.metadata.language, model.metadata.language)})`);
    throw new ExitError(2, `Unknown section "${options.section}": expected one of the sections of framework.yaml: ${known.join(', ') || 'none yet (add one under sections:)'}`);
  }

  const id = freeId(slugify(title), model, (candidate) => existsSync(path.join(folder, section.id, `${candidate}.md`)));
  const placement = placeOrder(model, section, options.after);
  const view = {
    id,
    title: stringify(title, { lineWidth: 0 }).trimEnd(),
    order: placement.order === undefined ? undefined : String(placement.order),
    section: section.id,
  };
  const text = Mustache.render(templateText(readTemplates(folder, []), PRACTICE_TEMPLATE), view, {}, { escape: (value: string) => value });
  const target = path.join(folder, section.id, `${id}.md`);
  try {
    writeInside(folder, path.relative(folder, target), text, { exclusive: true });
  } catch (error) {
    if (error instanceof WriteError && error.code === 'EEXIST') throw new ExitError(2, `Refusing to overwrite ${path.relative(io.cwd, target)}: it appeared while gctf was writing; run gctf new again`);
    if (error instanceof WriteError) throw new ExitError(2, `Cannot write ${path.relative(io.cwd, target)}: ${error.message}`);
    throw error;
  }

  const shown = path.relative(io.cwd, target) || target;
  const reloaded = await loadFramework(folder);
  const created = [...reloaded.practices, ...reloaded.excluded].find((p) => p.draft.file.absolutePath === target);
  const lines = [`created ${printable(shown)}`];
  if (!created || created.number === undefined) {
    lines.push(`warning: ${printable(shown)} is not read as a numbered practice; check that ${PRACTICE_TEMPLATE} gives it a title and status (gctf check)`);
  } else {
    const prefix = pick(reloaded.metadata.numbering.prefix, reloaded.metadata.language, reloaded.metadata.language);
    const afterText = placement.after ? `, right after ${prefix} ${(reloaded.index.get(placement.after.id) as Practice | undefined)?.number ?? '?'} (${placement.after.id})` : '';
    lines.push(`it is ${prefix} ${created.number}${afterText}, in Section ${section.numeral} (${pick(section.title, reloaded.metadata.language, reloaded.metadata.language)}); id: ${id}`);
    const previous = reloaded.practices[reloaded.practices.indexOf(created) - 1];
    if (placement.after && previous?.id !== placement.after.id) {
      lines.push(`warning: it did not land right after ${placement.after.id}; give the section's practices distinct orders (10, 20, 30, …) and move it by its order`);
    }
  }
  if (placement.note) lines.push(`note: ${placement.note}`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

/**
 * An id from a title, as FORMAT.md's ids are: ASCII lowercase letters and digits between single
 * hyphens, accents dropped (`Éducation` → `education`), cut at a hyphen to about 50 characters;
 * `practice` when nothing is left (a title in Arabic script, say).
 */
export function slugify(title: string, max = MAX_ID_LENGTH): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/[đð]/g, 'd')
    .replace(/ł/g, 'l')
    // "don't" reads as one word.
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii === '') return 'practice';
  if (ascii.length <= max) return ascii;
  const cut = ascii.slice(0, max + 1);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > 0 ? cut.slice(0, hyphen) : ascii.slice(0, max)).replace(/-+$/, '');
}

/** `base`, else `base-2`, `base-3`, …: the first that names no practice, section or file. */
export function freeId(base: string, model: FrameworkModel, fileExists: (id: string) => boolean): string {
  const taken = new Set<string>(model.index.keys());
  for (const draft of model.drafts) taken.add(draft.stem.replace(/^\d+-/, ''));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (ID_PATTERN.test(candidate) && !taken.has(candidate) && !fileExists(candidate)) return candidate;
  }
}

/** Where a new practice goes: its `order` (undefined: none can place it), and a note for the drafter. */
export interface Placement {
  readonly order: number | undefined;
  readonly after: Practice | undefined;
  readonly note: string | undefined;
}

/**
 * The `order` that puts a new practice at the end of `section`, or right after the practice
 * `afterId`: between its order and the next practice's, a whole number when there is one, else a
 * fraction (orders are numbers), with a note suggesting to renumber.
 */
export function placeOrder(model: FrameworkModel, section: Section, afterId: string | undefined): Placement {
  const all = [...section.practices, ...model.withdrawn, ...model.excluded]
    .filter((p) => p.section === section.id)
    .sort(comparePractices);
  const nextStep = (order: number) => Math.floor(order / ORDER_STEP) * ORDER_STEP + ORDER_STEP;

  if (afterId === undefined) {
    const last = all.at(-1);
    if (!last) return { order: ORDER_STEP, after: undefined, note: undefined };
    if (last.order === undefined) {
      return {
        order: undefined,
        after: undefined,
        note: `${last.id} and maybe other practices of ${section.id} have no order, and practices without one come last, sorted by file name; give them orders to control where this one goes`,
      };
    }
    return { order: nextStep(last.order), after: undefined, note: undefined };
  }

  const index = all.findIndex((p) => p.id === afterId);
  const after = all[index];
  if (!after) {
    const elsewhere = model.index.get(afterId);
    const where = elsewhere?.kind === 'practice' ? `it is in section ${elsewhere.section}, not ${section.id}` : `no practice of ${section.id} has that id`;
    throw new ExitError(2, `Unexpected --after ${afterId}: ${where}; expected one of ${all.map((p) => p.id).join(', ') || '(the section is empty)'}`);
  }
  if (after.order === undefined) {
    throw new ExitError(2, `Cannot place a practice right after ${afterId}: it has no order, so it sorts by file name; give the practices of ${section.id} orders (10, 20, 30, …) first`);
  }
  const next = all[index + 1];
  if (next?.order === undefined) return { order: nextStep(after.order), after, note: undefined };
  const [low, high] = [after.order, next.order];
  if (high <= low) {
    throw new ExitError(2, `Cannot place a practice between ${after.id} and ${next.id}: both have order ${low}; give them distinct orders first`);
  }
  const whole = Math.floor((low + high) / 2);
  if (whole > low && whole < high) return { order: whole, after, note: undefined };
  const fraction = (low + high) / 2;
  return {
    order: fraction,
    after,
    note: `there is no whole number between ${after.id} (order ${low}) and ${next.id} (order ${high}), so this one has order ${fraction}; consider renumbering the section's orders 10, 20, 30, …`,
  };
}

