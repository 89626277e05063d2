import { main } from '../../src/cli.js';
import { captureIo } from './capture-io.js';

/** What one run of the command line printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs gctf through its library entry, with captured output and a clean environment. */
export async function runCli(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string>; isTTY?: boolean } = {},
): Promise<CliRun> {
  const io = captureIo(options.cwd ?? process.cwd(), options.env ?? {}, options.isTTY ?? false);
  const code = await main({ argv, cwd: io.cwd, env: io.env, isTTY: io.isTTY, stdout: io.stdout, stderr: io.stderr });
  return { code, stdout: io.out, stderr: io.err };
}
