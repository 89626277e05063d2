import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFramework as checkFolder } from '../src/engine/pipeline.js';
import { newPractice, slugify } from '../src/commands/new.js';
import { loadFramework } from '../src/engine/pipeline.js';
import { captureIo } from './helpers/capture-io.js';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A framework with one section holding practices at the given orders. */
function framework(orders: Record<string, number | undefined>): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'gctf-new-'));
  temporary.push(folder);
  writeFileSync(path.join(folder, 'framework.yaml'), 'title: T\nsections:\n  - id: prevention\n    title: Prevention\n  - id: response\n    title: Response\n');
  mkdirSync(path.join(folder, 'prevention'));
  for (const [id, order] of Object.entries(orders)) {
    writeFileSync(path.join(folder, 'prevention', `${id}.md`), `---\ntitle: ${id}\nstatus: draft\n${order === undefined ? '' : `order: ${order}\n`}---\n\nText.\n`);
  }
  return folder;
}

describe('slugify', () => {
  it('makes ASCII, lowercase, hyphenated ids of at most about 50 characters', () => {
    expect(slugify('Build trust between communities & local authorities')).toBe('build-trust-between-communities-local-authorities');
    expect(slugify("Don't stigmatise — Éducation, œuvre")).toBe('dont-stigmatise-education-oeuvre');
    expect(slugify('  --Hello___World--  ')).toBe('hello-world');
    expect(slugify('الوقاية')).toBe('practice');
    const long = slugify('Give young people a meaningful voice and real opportunities in every community');
    expect(long.length).toBeLessThanOrEqual(50);
    expect(long).toBe('give-young-people-a-meaningful-voice-and-real');
  });
});

describe('gctf new', () => {
  it('writes a draft at the end of the section and prints its path and number', async () => {
    const folder = framework({ a: 10, b: 20 });
    const io = captureIo(folder);
    expect(await newPractice({ title: 'Train: "frontline" staff', section: 'prevention' }, io)).toBe(0);
    const file = path.join(folder, 'prevention', 'train-frontline-staff.md');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^---\nid: train-frontline-staff\ntitle: 'Train: "frontline" staff'\nstatus: draft\norder: 30\n---\n/);
    expect(io.out).toBe(
      `created ${path.join('prevention', 'train-frontline-staff.md')}\nit is Good Practice 3, in Section I (Prevention); id: train-frontline-staff\n`,
    );
    const model = await loadFramework(folder);
    expect(model.practices.map((p) => p.id)).toEqual(['a', 'b', 'train-frontline-staff']);
    expect(model.practices[2]?.title).toBe('Train: "frontline" staff');
    // The template itself passes every check.
    expect((await checkFolder(folder, undefined)).diagnostics).toEqual([]);
  });

  it('suffixes -2, -3 when the id is taken, and never overwrites', async () => {
    const folder = framework({ 'community-trust': 10 });
    await newPractice({ title: 'Community trust', section: 'prevention' }, captureIo(folder));
    await newPractice({ title: 'Community  Trust!', section: 'response' }, captureIo(folder));
    expect(readFileSync(path.join(folder, 'prevention', 'community-trust.md'), 'utf8')).toContain('title: community-trust');
    expect(readFileSync(path.join(folder, 'prevention', 'community-trust-2.md'), 'utf8')).toContain('id: community-trust-2');
    expect(readFileSync(path.join(folder, 'response', 'community-trust-3.md'), 'utf8')).toContain('id: community-trust-3');
  });

  it('places a practice right after --after, between the orders', async () => {
    const folder = framework({ a: 10, b: 20, c: 30 });
    const io = captureIo(folder);
    await newPractice({ title: 'Between a and b', section: 'prevention', after: 'a' }, io);
    expect(readFileSync(path.join(folder, 'prevention', 'between-a-and-b.md'), 'utf8')).toContain('order: 15\n');
    expect(io.out).toContain('it is Good Practice 2, right after Good Practice 1 (a), in Section I (Prevention)');
    expect((await loadFramework(folder)).practices.map((p) => p.id)).toEqual(['a', 'between-a-and-b', 'b', 'c']);
  });

  it('takes a fraction when no whole number is free, and says so', async () => {
    const folder = framework({ a: 1, b: 2 });
    const io = captureIo(folder);
    await newPractice({ title: 'Squeezed', section: 'prevention', after: 'a' }, io);
    expect(readFileSync(path.join(folder, 'prevention', 'squeezed.md'), 'utf8')).toContain('order: 1.5\n');
    expect(io.out).toContain('it is Good Practice 2, right after Good Practice 1 (a)');
    expect(io.out).toContain('note: there is no whole number between a (order 1) and b (order 2)');
    expect(io.out).toContain('renumbering');
  });

  it('places after the last practice of the section', async () => {
    const folder = framework({ a: 10, b: 25 });
    await newPractice({ title: 'Last', section: 'prevention', after: 'b' }, captureIo(folder));
    expect(readFileSync(path.join(folder, 'prevention', 'last.md'), 'utf8')).toContain('order: 30\n');
  });

  it('exits 2 listing the sections for an unknown section, and names the problem with --after', async () => {
    const folder = framework({ a: 10 });
    await expect(newPractice({ title: 'X', section: 'nowhere' }, captureIo(folder))).rejects.toMatchObject({
      exitCode: 2,
      message: 'Unknown section "nowhere": expected one of the sections of framework.yaml: prevention (Prevention), response (Response)',
    });
    await expect(newPractice({ title: 'X', section: 'response', after: 'a' }, captureIo(folder))).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('it is in section prevention, not response'),
    });
    const unordered = framework({ a: undefined, b: 10 });
    await expect(newPractice({ title: 'X', section: 'prevention', after: 'a' }, captureIo(unordered))).rejects.toMatchObject({ exitCode: 2 });
  });

  it('uses the framework’s own templates/practice.md', async () => {
    const folder = framework({});
    mkdirSync(path.join(folder, 'templates'));
    writeFileSync(path.join(folder, 'templates', 'practice.md'), '---\ntitle: {{{title}}}\nstatus: review\n---\n\nOur own template.\n');
    const io = captureIo(folder);
    await newPractice({ title: 'Own', section: 'prevention' }, io);
    expect(readFileSync(path.join(folder, 'prevention', 'own.md'), 'utf8')).toBe('---\ntitle: Own\nstatus: review\n---\n\nOur own template.\n');
    expect(io.out).toContain('it is Good Practice 1');
  });
});
