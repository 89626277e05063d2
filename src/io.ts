/** How a command talks to the outside: everything below `cli.ts` goes through this, never `process`. */
export interface Io {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether standard output is a terminal (progress lines and colour only then). */
  readonly isTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}
