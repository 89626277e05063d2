import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFramework } from '../../src/engine/pipeline.js';
import { buildEdition, type Edition } from '../../src/model/edition.js';
import { emitContext } from '../../src/emit/emit-thread.js';
import { messagesOf } from '../../src/model/messages.js';
import { readTemplates } from '../../src/read/read-templates.js';
import type { EmitContext } from '../../src/emit/emitter.js';
import { runCli, type CliRun } from './run-cli.js';

/** The framework bundled with gctf. */
export const BUNDLED_PRACTICES = path.resolve(import.meta.dirname, '../../practices');

/** One `gctf build` into a fresh temporary folder. */
export interface BuiltFramework {
  readonly out: string;
  readonly run: CliRun;
  /** The names of the files written, sorted. */
  readonly files: readonly string[];
  /** The path of the output for `lang` in the format with extension `extension`. */
  path(lang: string, extension: string): string;
  /** Deletes the output folder. */
  remove(): void;
}

/**
 * Builds `folder` through the library's command-line entry (`main`), as a user would, into a new
 * temporary folder. Throws when the build does not exit 0, with what it printed.
 */
export async function buildFramework(
  folder: string,
  options: { formats?: readonly string[]; langs?: readonly string[]; env?: Record<string, string> } = {},
): Promise<BuiltFramework> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'gctf-build-'));
  const argv = ['build', folder, '--out', out];
  if (options.formats) argv.push('--format', options.formats.join(','));
  if (options.langs) argv.push('--lang', options.langs.join(','));
  const run = await runCli(argv, { env: options.env ?? {} });
  if (run.code !== 0) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`gctf ${argv.join(' ')} exited ${run.code}\n${run.stderr}${run.stdout}`);
  }
  const { metadata } = await loadFramework(folder);
  return {
    out,
    run,
    files: readdirSync(out).sort(),
    path: (lang, extension) => path.join(out, `${metadata.slug}${lang === metadata.language ? '' : `.${lang}`}.${extension}`),
    remove: () => rmSync(out, { recursive: true, force: true }),
  };
}

/** The languages a framework is published in, authoritative first. */
export async function languagesOf(folder: string): Promise<readonly string[]> {
  return (await loadFramework(folder)).metadata.languages;
}

/** The edition an emitter is handed for `lang`, built the way `gctf build` builds it. */
export async function editionOf(folder: string, lang: string): Promise<Edition> {
  const model = await loadFramework(folder);
  return buildEdition(model, lang, messagesOf(model.templates, lang));
}

/** The emit context `gctf build` gives emitters for `folder`, with a fixed version. */
export function contextFor(folder: string, overrides: Partial<EmitContext> = {}): EmitContext {
  return { ...emitContext(readTemplates(folder, []), '0.0.0-test'), ...overrides };
}

/** `edition` as a build with `SOURCE_DATE_EPOCH` set to `epoch` makes it. */
export function dated(edition: Edition, epoch: number): Edition {
  return { ...edition, buildDate: new Date(epoch * 1000).toISOString() };
}
