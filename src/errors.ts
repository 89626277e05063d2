/** An expected stop with an exit code and a one-line message (a usage error, a missing folder). */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

/** A bug in gctf itself: reported with exit code 2, with its stack only under `--debug`. */
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalError';
  }
}

/**
 * A stop below the command line that is the user's to fix, not a bug: a folder that holds no
 * framework, a revision git does not know. `cli.ts` gives it exit code 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A stop below the command line caused by what the input holds (a manifest that links out of the
 * folder, a file that is not a translation): `cli.ts` gives it exit code 1.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
