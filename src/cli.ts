import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ExitError } from './errors.js';
import type { Io } from './io.js';
import { version } from './version.js';

/** What `bin/gctf.js` hands over: the arguments and the outside world. */
export interface MainOptions extends Io {
  readonly argv: readonly string[];
}

const EPILOG = `
Exit codes: 0 clean, 1 problems in the drafts, 2 usage errors or an internal failure.
The framework folder is the folder given, else . when it holds framework.yaml, else ./practices.`;

/**
 * Runs gctf with the given arguments and returns the exit code. Flags become library options
 * here; nothing below this file touches `process` or `console`.
 */
export async function main(options: MainOptions): Promise<number> {
  const io: Io = options;
  let exitCode = 0;
  const debug = options.argv.includes('--debug');
  const program = new Command('gctf')
    .description('Check good-practice drafts and compile them into one consolidated framework document.')
    .version(version(), '-V, --version', 'print the version')
    .option('--debug', 'print stack traces of internal failures')
    .addHelpText('after', EPILOG)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  program
    .command('check')
    .description('check every draft and cross-reference; report problems with file, line and rule id')
    .argument('[dir]', 'framework folder')
    .addOption(new Option('-r, --reporter <name>', 'output format (default: github on GitHub Actions, else pretty)').choices(['pretty', 'json', 'sarif', 'github']))
    .option('--strict', 'fail on warnings too')
    .option('--max-warnings <n>', 'fail when there are more than n warnings', parseCount)
    .option('--no-cache', 'parse every draft afresh (the cache is in node_modules/.cache/gctf)')
    .addHelpText(
      'after',
      `
Examples:
  gctf check                      check ./practices (or . when it holds framework.yaml)
  gctf check drafts --strict      fail on warnings too
  gctf check --reporter sarif > gctf.sarif
  gctf check --reporter json | jq '.diagnostics[] | .ruleId'

Rules can be set to error, warning or off in framework.yaml:
  rules:
    missing-translation: off`,
    )
    .action(async (dir: string | undefined, opts: { reporter?: 'pretty' | 'json' | 'sarif' | 'github'; strict?: boolean; maxWarnings?: number; cache: boolean }) => {
      const { check } = await import('./commands/check.js');
      exitCode = await check({ dir, reporter: opts.reporter, strict: opts.strict, maxWarnings: opts.maxWarnings, cache: opts.cache }, io);
    });

  program
    .command('list')
    .description('list the numbered practices: number, id, title, status, section, languages')
    .argument('[dir]', 'framework folder')
    .option('--json', 'print JSON for scripts')
    .action(async (dir: string | undefined, opts: { json?: boolean }) => {
      const { list } = await import('./commands/list.js');
      exitCode = await list({ dir, json: opts.json }, io);
    });

  program
    .command('build')
    .description('compile the framework into one document per format and language')
    .argument('[dir]', 'framework folder')
    .option('-f, --format <list>', 'formats to build, comma-separated, or all', splitList, undefined)
    .option('-o, --out <dir>', 'output folder (outside the framework folder)', 'dist')
    .option('-l, --lang <list>', 'languages to build, comma-separated, or all', splitList, undefined)
    .addOption(new Option('--status <lowest>', 'include only practices at or above this status').choices(['draft', 'review', 'agreed', 'adopted']))
    .option('--strict', 'fail on warnings and on practices missing in a language')
    .addHelpText(
      'after',
      `
Files are written as OUT/<slug>.<ext> for the authoritative language and OUT/<slug>.<lang>.<ext>
for the others. Nothing is written when the drafts have errors.

Examples:
  gctf build                          every format, every language, into dist/
  gctf build --format html --lang fr  the French HTML edition only
  gctf build --status adopted         adopted practices only, renumbered`,
    )
    .action(async (dir: string | undefined, opts: { format?: string[]; out: string; lang?: string[]; status?: 'draft' | 'review' | 'agreed' | 'adopted'; strict?: boolean }) => {
      const { build } = await import('./commands/build.js');
      exitCode = await build({ dir, formats: opts.format, out: opts.out, langs: opts.lang, minStatus: opts.status, strict: opts.strict }, io);
    });

  const translationsCommand = program
    .command('translations')
    .description('show which translations are ok, stale or missing; stamp and diff them')
    .argument('[dir]', 'framework folder')
    .option('--json', 'print JSON for scripts: {languages, rows: [{id, kind, file, status}], totals}')
    .addHelpText(
      'after',
      `
One row per practice and part (front and back parts, section introductions), one column per
language besides the authoritative one: ok, stale (its source changed since it was translated:
the source-hash it records differs) or missing; totals per language at the bottom.
Exit codes: 0 every translation ok, 1 any stale or missing, 2 usage errors.

Examples:
  gctf translations                       the table for ./practices (or . with framework.yaml)
  gctf translations drafts --json | jq '.totals.fr'
  gctf translations diff prevention/community-trust.fr.md    what changed in the source
  gctf translations stamp prevention/community-trust.fr.md   after bringing it up to date`,
    )
    .action(async (dir: string | undefined, opts: { json?: boolean }) => {
      const { translations } = await import('./commands/translations.js');
      exitCode = await translations({ dir, json: opts.json }, io);
    });

  translationsCommand
    .command('stamp')
    .description("record the source's current hash as source-hash in translations brought up to date")
    .argument('<file...>', 'translation files (name.<lang>.md), relative to the current folder')
    .addHelpText(
      'after',
      `
Only the source-hash value changes (or a line source-hash: "…" is added after title:); every other
byte, comments, quoting and CRLF line endings included, stays as it was. Files are written
atomically. The framework folder is found from each file: the nearest folder above it with
framework.yaml. A file that is no translation, or whose frontmatter cannot be parsed, is reported
and left alone; the others are still stamped.
Exit codes: 0 all stamped (or already up to date), 1 any file refused, 2 usage errors.

Examples:
  gctf translations stamp practices/prevention/community-trust.fr.md
  gctf translations stamp practices/prevention/*.ar.md`,
    )
    .action(async (files: string[]) => {
      const { translationsStamp } = await import('./commands/translations.js');
      exitCode = await translationsStamp({ files }, io);
    });

  translationsCommand
    .command('diff')
    .description('show what changed in the source of a stale translation since it was translated')
    .argument('<file>', 'a translation file (name.<lang>.md), relative to the current folder')
    .addHelpText(
      'after',
      `
Finds in git history the most recent committed version of the source whose body hashes to the
translation's source-hash, and prints a unified diff from that body to the source's current body
(as on disk, uncommitted edits included; the title is not part of the hash). Colour only on a
terminal, never with NO_COLOR.
Exit codes: 0 diff printed or translation up to date, 1 no git repository, source not committed,
no version matching the hash, or not a translation; 2 usage errors.

Examples:
  gctf translations diff practices/prevention/community-trust.fr.md
  gctf translations diff practices/prevention/community-trust.fr.md | less -R`,
    )
    .action(async (file: string) => {
      const { translationsDiff } = await import('./commands/translations.js');
      exitCode = await translationsDiff({ file }, io);
    });

  try {
    await program.parseAsync([...options.argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors with 2.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof ExitError) {
      io.stderr(`gctf: ${error.message}\n`);
      return error.exitCode;
    }
    const err = error as Error;
    io.stderr(`gctf: internal error: ${err?.message ?? String(error)}${debug ? `\n${err?.stack ?? ''}` : ' (run with --debug for details)'}\n`);
    return 2;
  }
}

function splitList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number of 0 or more, found "${value}"`);
  return n;
}
