import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { completionScript, SHELLS, type CompletionCommand, type Shell } from '../completion/completion-script.js';

export { SHELLS, type CompletionCommand, type Shell };

export interface CompletionOptions {
  readonly shell: string;
  /** The command tree, as `cli.ts` reads it from commander. */
  readonly program: CompletionCommand;
}

/** `gctf completion bash|zsh|fish`: prints the shell's completion script. */
export async function completion(options: CompletionOptions, io: Io): Promise<number> {
  if (!(SHELLS as readonly string[]).includes(options.shell)) throw new UsageError(`Unknown shell ${options.shell}; expected one of ${SHELLS.join(', ')}`);
  io.stdout(completionScript(options.shell as Shell, options.program));
  return 0;
}
