import type { Io } from '../../src/io.js';

/** An `Io` whose output is kept, for calling command functions directly. */
export interface CapturedIo extends Io {
  readonly out: string;
  readonly err: string;
  /** Resolves once standard output matches `pattern` (polling), or rejects after `timeout` ms. */
  waitForOutput(pattern: RegExp, timeout?: number): Promise<RegExpMatchArray>;
}

export function captureIo(cwd: string, env: Record<string, string | undefined> = {}, isTTY = false): CapturedIo {
  let out = '';
  let err = '';
  return {
    cwd,
    env,
    isTTY,
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    async waitForOutput(pattern, timeout = 10_000) {
      const end = Date.now() + timeout;
      for (;;) {
        const match = pattern.exec(out);
        if (match) return match;
        if (Date.now() > end) throw new Error(`Timed out waiting for ${pattern} in output:\n${out}\n${err}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}
