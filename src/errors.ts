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
