import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExitError, InputError, UsageError } from '../../src/errors.js';
import type { Io } from '../../src/io.js';
import { captureIo } from './capture-io.js';
import type { CliRun } from './run-cli.js';

/**
 * Runs one command function with captured output, turning an `ExitError` into its exit code and
 * `gctf: message` on standard error, as `src/cli.ts` does.
 */
export async function runCommand(
  command: (io: Io) => Promise<number>,
  options: { cwd: string; env?: Record<string, string | undefined>; isTTY?: boolean },
): Promise<CliRun> {
  const io = captureIo(options.cwd, options.env ?? {}, options.isTTY ?? false);
  try {
    return { code: await command(io), stdout: io.out, stderr: io.err };
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) return { code: error instanceof UsageError ? 2 : 1, stdout: io.out, stderr: `${io.err}gctf: ${error.message}\n` };
    if (!(error instanceof ExitError)) throw error;
    return { code: error.exitCode, stdout: io.out, stderr: `${io.err}gctf: ${error.message}\n` };
  }
}

const created: string[] = [];

/** A fresh temporary folder, removed by `removeTemporaryFolders`. */
export function temporaryFolder(prefix = 'gctf-test-'): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(folder);
  return folder;
}

/** Removes every folder `temporaryFolder` made (for `afterAll`). */
export function removeTemporaryFolders(): void {
  for (const folder of created.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** Copies a fixture folder into a fresh temporary folder (as `<tmp>/<name>`) and returns the copy. */
export function copyFixture(fixture: string, name = path.basename(fixture)): string {
  const copy = path.join(temporaryFolder(), name);
  cpSync(fixture, copy, { recursive: true });
  return copy;
}
