import { createRequire } from 'node:module';
import { ExitError, InputError, UsageError } from './errors.js';
import { DEFAULT_MAX_PDF_PAGES, PDF_STANDARDS, type PdfStandard } from './emit/emitter.js';
import type { CompletionCommand } from './completion/completion-script.js';
import type { Io } from './io.js';
import { printable, terminalSafe } from './report/escape.js';
import { REPORTERS } from './report/reporter.js';
import { version } from './version.js';

// One argument parser for every command. A second one for the plain forms of `gctf check`, which
// skipped loading commander, saved 11 ms of a check whose stored result stands: 0.13 s of CPU
// instead of 0.14 s (median of 25), under a tenth, so it is gone.
const require = createRequire(import.meta.url);
const commander = () => require('commander') as typeof import('commander');

/** What `bin/gctf.js` hands over: the arguments and the outside world. */
export interface MainOptions extends Io {
  readonly argv: readonly string[];
}

const EPILOG = `
Exit codes: 0 clean, 1 problems in the drafts, 2 usage errors or an internal failure.
The framework folder is the folder given (or its practices/ when that holds framework.yaml);
with none given, the first folder upward from here that holds framework.yaml, or whose practices/
does. Paths in reports are relative to the current folder.`;

/**
 * Runs gctf with the given arguments and returns the exit code. Flags become library options
 * here; nothing below this file touches `process` or `console`.
 */
export async function main(options: MainOptions): Promise<number> {
  // The door every byte leaves by: whatever a command prints, no control sequence but gctf's own
  // colours reaches a terminal or a log (see `terminalSafe`).
  const io: Io = {
    cwd: options.cwd,
    // --color and --no-color win over the environment, for every command (see `useColor`).
    env: withColorFlag(options.env, options.argv),
    isTTY: options.isTTY,
    stdout: (text) => options.stdout(terminalSafe(text)),
    stderr: (text) => options.stderr(terminalSafe(text)),
  };
  let exitCode = 0;
  const debug = options.argv.includes('--debug');
  const argv = globalFlags(options.argv);
  if (argv.includes('--version') && argv.includes('--verbose')) {
    const { libraryVersions } = await import('./version.js');
    const lines = [{ name: 'gctf', version: version() }, { name: 'Node.js', version: process.versions.node }, ...libraryVersions()];
    io.stdout(lines.map((l) => `${l.name} ${l.version}`).join('\n') + '\n');
    return 0;
  }
  const { Command, CommanderError, Option } = commander();
  const program = new Command('gctf')
    .description('Check good-practice drafts and compile them into one consolidated framework document.')
    .version(version(), '-V, --version', 'print the version (also -v; with --verbose, the versions of Node.js, Typst, docx and remark)')
    .option('--verbose', 'with --version: the versions of Node.js, Typst (typst-ts), docx and remark too')
    .option('--color', 'colour the output even when it is not a terminal (also FORCE_COLOR=1)')
    .option('--no-color', 'never colour the output (also NO_COLOR or FORCE_COLOR=0)')
    .option('--debug', 'print stack traces of internal failures')
    .addHelpText('after', EPILOG)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  program
    .command('check')
    .description('check every draft and cross-reference; report problems with file, line and rule id')
    .argument('[paths...]', 'framework or project folders, or files and folders inside a framework (default: the framework found upward from here)')
    .addOption(new Option('-r, --reporter <name>', 'output format (default: github on GitHub Actions, else pretty)').choices(REPORTERS))
    .option('--strict', 'fail on warnings too')
    .option('--max-warnings <n>', 'fail when there are more than n warnings', parseCount)
    .option('-q, --quiet', 'report errors only')
    .option('-o, --output-file <file>', 'write the report to a file instead of standard output')
    .option('--no-cache', 'parse every draft afresh (the cache is in node_modules/.cache/gctf)')
    .option('--fix', 'first fix what cannot be wrong (rules marked fixable in gctf rules), then report what remains')
    .option('-w, --watch', 'check again after every change, printing each report (Ctrl-C to stop)')
    .addHelpText(
      'after',
      `
Paths are printed relative to the current folder, as file:line:column in every reporter. Files
are checked in the context of their framework (references and duplicates across files are still
seen), and only their findings are reported.

Examples:
  gctf check                      check the framework found from here (./practices, or . with framework.yaml)
  gctf check drafts --strict      fail on warnings too
  gctf check practices/prevention/community-trust.md    one draft, as lint-staged and pre-commit run it
  gctf check --reporter sarif -o gctf.sarif
  gctf check --reporter json | jq '.diagnostics[] | .ruleId'
  gctf check --reporter compact   one line a finding, path:line:column: severity: message [rule-id]
  gctf check --fix                misspelt keys, byte order marks, lone CRs, heading ranks; then the rest
  gctf check --watch              check again on every save

Rules can be set to error, warning or off in framework.yaml:
  rules:
    missing-translation: off`,
    )
    .action(async (paths: string[], opts: { reporter?: 'pretty' | 'compact' | 'json' | 'sarif' | 'github'; strict?: boolean; maxWarnings?: number; quiet?: boolean; outputFile?: string; cache: boolean; fix?: boolean; watch?: boolean }) => {
      const { check } = await import('./commands/check.js');
      const options = { paths, reporter: opts.reporter, strict: opts.strict, maxWarnings: opts.maxWarnings, quiet: opts.quiet, outputFile: opts.outputFile, cache: opts.cache, fix: opts.fix };
      exitCode = opts.watch ? await untilInterrupted((signal) => check({ ...options, watch: true, signal }, io)) : await check(options, io);
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
    .option('-o, --out <dir>', 'output folder, outside the framework folder (default: build.out in framework.yaml, else dist)')
    .option('-l, --lang <list>', 'languages to build, comma-separated, or all', splitList, undefined)
    .addOption(new Option('--status <lowest>', 'include only practices at or above this status').choices(['draft', 'review', 'agreed', 'adopted']))
    .addOption(
      new Option('--pdf-standard <name>', 'the standard the PDF declares and is checked against: ua-1 (accessible), a-2b or a-3b (archival, dated by SOURCE_DATE_EPOCH, which must be set), none')
        .choices(PDF_STANDARDS)
        .default('ua-1'),
    )
    .option('--pdf-max-pages <n>', `refuse a PDF estimated at more pages than n before typesetting it (Typst holds every page in memory: 0.3 to 1.3 MB each)`, parsePageCount, DEFAULT_MAX_PDF_PAGES)
    .option('--strict', 'fail on warnings and on practices missing in a language')
    .option('--no-cache', 'parse every draft afresh (the cache is in node_modules/.cache/gctf)')
    .addHelpText(
      'after',
      `
Files are written as OUT/<slug>.<ext> for the authoritative language and OUT/<slug>.<lang>.<ext>
for the others. Nothing is written when the drafts have errors. framework.yaml may keep the
defaults (build: {out: ../dist, formats: [html, pdf], languages: [en, fr]}; out relative to
framework.yaml's folder); flags win.

Examples:
  gctf build                          every format, every language, into dist/
  gctf build --format html --lang fr  the French HTML edition only
  gctf build --status adopted         adopted practices only, renumbered
  SOURCE_DATE_EPOCH=1537920000 gctf build --format pdf --pdf-standard a-2b
                                      an archival PDF/A-2b instead of the accessible PDF/UA-1`,
    )
    .action(async (dir: string | undefined, opts: { format?: string[]; out?: string; lang?: string[]; status?: 'draft' | 'review' | 'agreed' | 'adopted'; pdfStandard: PdfStandard; pdfMaxPages: number; strict?: boolean; cache: boolean }) => {
      const { build } = await import('./commands/build.js');
      exitCode = await build({ dir, formats: opts.format, out: opts.out, langs: opts.lang, minStatus: opts.status, pdfStandard: opts.pdfStandard, pdfMaxPages: opts.pdfMaxPages, strict: opts.strict, cache: opts.cache }, io);
    });

  program
    .command('init')
    .description('start a framework project: .gitignore, and practices/ with a manifest and an example practice')
    .argument('[dir]', 'folder to start the project in', '.')
    .addHelpText(
      'after',
      `
Writes DIR/.gitignore (with dist/) and the framework folder DIR/practices/: framework.yaml (every
key explained), introduction.md and one example practice. gctf check passes and gctf build builds
at once. Refuses to touch a folder that already holds a framework.

Examples:
  gctf init                 a project in the current folder
  gctf init memorandum      a project in ./memorandum`,
    )
    .action(async (dir: string) => {
      const { init } = await import('./commands/init.js');
      exitCode = await init({ dir }, io);
    });

  program
    .command('new')
    .description('start a new practice from the template, with a free id and an order that places it')
    .argument('<title>', "the practice's title, in quotes")
    .argument('[dir]', 'framework folder')
    .requiredOption('-s, --section <id>', 'the id of the section it goes in')
    .option('-a, --after <id>', 'the id of the practice it goes right after (default: the end of the section)')
    .addHelpText(
      'after',
      `
The id comes from the title (ASCII, lowercase, hyphens; -2, -3 when taken); the file is
<section>/<id>.md, from templates/practice.md (the framework's own, when it has one), with
status: draft. Prints the path and the number the practice gets. Never overwrites a file.

Examples:
  gctf new "Build trust with local communities" --section prevention
  gctf new "Train frontline staff" --section prevention --after community-trust`,
    )
    .action(async (title: string, dir: string | undefined, opts: { section: string; after?: string }) => {
      const { newPractice } = await import('./commands/new.js');
      exitCode = await newPractice({ title, section: opts.section, after: opts.after, dir }, io);
    });

  program
    .command('fmt')
    .description('rewrite drafts in one canonical Markdown style, keeping frontmatter and content')
    .argument('[paths...]', 'draft files or folders (default: every draft of the framework folder)')
    .option('--check', 'only list the drafts that would change; exit 1 when there are any')
    .addHelpText(
      'after',
      `
The style: - bullets, _emphasis_, **strong**, ## headings, fenced code, --- rules, unpadded tables.
The frontmatter is kept byte for byte, and a file is rewritten only when its Markdown reads back
the same. Drafts whose frontmatter cannot be read are skipped with a message.

Examples:
  gctf fmt                              format every draft
  gctf fmt practices/prevention         the drafts of one section
  gctf fmt --check                      in CI: list unformatted drafts, exit 1 if any`,
    )
    .action(async (paths: string[], opts: { check?: boolean }) => {
      const { fmt } = await import('./commands/fmt.js');
      exitCode = await fmt({ paths, check: opts.check }, io);
    });

  program
    .command('rules')
    .description('list the rules: id, default severity, whether --fix fixes them, what each expects')
    .option('--json', 'print JSON for scripts')
    .action(async (opts: { json?: boolean }) => {
      const { rules } = await import('./commands/rules.js');
      exitCode = await rules({ json: opts.json }, io);
    });

  program
    .command('graph')
    .description('draw the cross-references between practices, grouped by section')
    .argument('[dir]', 'framework folder')
    .addOption(new Option('-f, --format <name>', 'mermaid, dot (Graphviz) or svg (an image; no tools needed)').choices(['mermaid', 'dot', 'svg']).default('mermaid'))
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .addHelpText(
      'after',
      `
Nodes are the numbered practices ("7. Title"), grouped by section; an arrow for each [](#id)
reference, a dashed one for a practice only named in related.

Examples:
  gctf graph > graph.mmd                  Mermaid, for GitHub or mermaid.live
  gctf graph --format dot | dot -Tpdf > graph.pdf
  gctf graph --format svg --out graph.svg`,
    )
    .action(async (dir: string | undefined, opts: { format: 'mermaid' | 'dot' | 'svg'; out?: string }) => {
      const { graph } = await import('./commands/graph.js');
      exitCode = await graph({ dir, format: opts.format, out: opts.out }, io);
    });

  program
    .command('watch')
    .description('rebuild the HTML edition(s) into --out after every change, printing the diagnostics')
    .argument('[dir]', 'framework folder')
    .option('-o, --out <dir>', 'output folder (outside the framework folder)', 'dist')
    .addHelpText(
      'after',
      `
Only the drafts that changed are parsed again, and only the practices that changed are
rendered again. Nothing is written while the drafts have errors. Ctrl-C stops.

Examples:
  gctf watch                 rebuild dist/<slug>.html and dist/<slug>.<lang>.html
  gctf watch --out preview`,
    )
    .action(async (dir: string | undefined, opts: { out: string }) => {
      const { watch } = await import('./commands/watch.js');
      exitCode = await untilInterrupted((signal) => watch({ dir, out: opts.out, signal }, io));
    });

  program
    .command('serve')
    .description('serve the HTML edition(s) on this machine, reloading the browser after every change')
    .argument('[dir]', 'framework folder')
    .option('-p, --port <n>', 'port to listen on; 0 picks a free one', parsePort, 4173)
    .option('--host <address>', 'address to listen on; the default reaches this machine only', '127.0.0.1')
    .addHelpText(
      'after',
      `
/ is the authoritative edition, /<lang>/ the others. The pages are built in memory (nothing is
written); open pages reload after each rebuild, and while the drafts have errors the last good
page is shown under a list of them. Ctrl-C stops.

Examples:
  gctf serve                   http://127.0.0.1:4173/
  gctf serve --port 0          any free port (printed)`,
    )
    .action(async (dir: string | undefined, opts: { port: number; host: string }) => {
      const { serve } = await import('./commands/serve.js');
      exitCode = await untilInterrupted((signal) => serve({ dir, port: opts.port, host: opts.host, signal }, io));
    });

  program
    .command('diff')
    .description('what changed between two versions, practice by practice; redlines in HTML, Word, Markdown and JSON')
    .argument('<old>', 'a git revision (v1, HEAD~1, a branch) or a framework folder')
    .argument('[new]', 'a git revision or a framework folder (default: the working tree)')
    .option('-d, --dir <folder>', 'the framework folder, for revisions (default: . when it holds framework.yaml, else ./practices)')
    .option('-f, --format <list>', 'redlines to write, comma-separated: html, docx, md, json, or all', splitList, undefined)
    .option('-o, --out <dir>', 'output folder for the redlines (outside the framework folder)', 'dist')
    .option('-l, --lang <list>', 'languages to compare, comma-separated, or all', splitList, undefined)
    .addOption(new Option('-r, --reporter <name>', 'summary on standard output (default: github on GitHub Actions, else pretty)').choices(['pretty', 'github', 'json']))
    .option('--author <name>', "the author of the Word file's tracked changes", 'gctf')
    .addHelpText(
      'after',
      `
Practices are matched by id: added, withdrawn, moved, renumbered, retitled, status changed and text
changed (word by word). A renumbered reference, a reflowed line, a renumbered footnote, white space
and Markdown style are not changes. Redlines are OUT/<slug>.redline[.<lang>].<ext>.
Exit codes: 0 no substantive change, 1 changes (or a version that does not check clean), 2 usage errors.

Examples:
  gctf diff HEAD~1                            since the previous commit, on the terminal
  gctf diff v1 v2 --format docx --author "GCTF Secretariat"   Word with tracked changes
  gctf diff origin/main --reporter github >> "$GITHUB_STEP_SUMMARY"`,
    )
    .action(async (old: string, newer: string | undefined, opts: { dir?: string; format?: string[]; out: string; lang?: string[]; reporter?: 'pretty' | 'github' | 'json'; author: string }) => {
      const { diff } = await import('./commands/diff.js');
      exitCode = await diff({ old, new: newer, dir: opts.dir, formats: opts.format, out: opts.out, langs: opts.lang, reporter: opts.reporter, author: opts.author }, io);
    });

  const translationsCommand = program
    .command('translations')
    .description('show which translations are ok, stale or missing; export and import XLIFF; stamp and diff them')
    .argument('[dir]', 'framework folder')
    .option('--json', 'print JSON for scripts: {languages, rows: [{id, kind, file, status, words}], totals, words}')
    .option('--fail-on <states>', 'exit 1 when any translation is in one of these states: stale, missing (comma-separated), or none', parseStates, undefined)
    .addHelpText(
      'after',
      `
One row per practice and part (front and back parts, section introductions), one column per
language besides the authoritative one: ok, stale (its source changed since it was translated:
the source-hash it records differs) or missing; totals per language at the bottom, then the share
of the source's words whose translation is current, stale and missing.
Exit codes: 0 every translation ok (or none in a --fail-on state), 1 any stale or missing (or in a
--fail-on state), 2 usage errors.

Examples:
  gctf translations                       the table for ./practices (or . with framework.yaml)
  gctf translations drafts --json | jq '.words.fr'
  gctf translations --fail-on missing     in CI: fail only when a translation is missing
  gctf translations export --lang fr      XLIFF 2.0 for a translation service
  gctf translations import homegrown-terrorism-good-practices.fr.xlf
  gctf translations diff practices/prevention/community-trust.fr.md    what changed in the source
  gctf translations stamp practices/prevention/community-trust.fr.md   after bringing it up to date
(diff and stamp take paths relative to the current folder, as the shell completes them)`,
    )
    .action(async (dir: string | undefined, opts: { json?: boolean; failOn?: ('stale' | 'missing')[] }) => {
      const { translations } = await import('./commands/translations.js');
      exitCode = await translations({ dir, json: opts.json, failOn: opts.failOn }, io);
    });

  translationsCommand
    .command('export')
    .description('write an XLIFF file per language for a translation service or CAT tool')
    .argument('[dir]', 'framework folder')
    .option('-l, --lang <list>', 'languages to export, comma-separated (default: every language besides the authoritative one)', splitList, undefined)
    .option('--only <states>', 'only practices and parts whose translation is stale, missing or ok (comma-separated)', parseStates, undefined)
    .addOption(new Option('-f, --format <name>', 'xliff20 (XLIFF 2.0) or xliff12 (XLIFF 1.2, for older tools)').choices(['xliff20', 'xliff12']).default('xliff20'))
    .option('-o, --out <file>', 'the file to write, for one language (default: <slug>.<lang>.xlf in the current folder)')
    .addHelpText(
      'after',
      `
One <file> per practice and part, one unit per block: title, headings, paragraphs, list items,
table cells, footnotes. Unit ids are the block's kind and position (title, h2, p3, li4, t1-r2-c3,
fn1). Emphasis, links, cross-references and footnote calls travel as inline codes (pc and ph in
2.0, g and ph in 1.2), which CAT tools protect. Existing translations are targets: translated when
up to date, needs-review when their source changed. Notes give each practice's number and title.

Examples:
  gctf translations export --lang fr                       homegrown-terrorism-good-practices.fr.xlf
  gctf translations export --lang fr --only stale,missing --out fr-todo.xlf
  gctf translations export --lang ar --format xliff12      for an older CAT tool`,
    )
    .action(async (dir: string | undefined, opts: { lang?: string[]; only?: ('ok' | 'stale' | 'missing')[]; format: 'xliff20' | 'xliff12'; out?: string }) => {
      const { translationsExport } = await import('./commands/translations.js');
      exitCode = await translationsExport({ dir, langs: opts.lang, only: opts.only, format: opts.format, out: opts.out }, io);
    });

  translationsCommand
    .command('import')
    .description('write translations name.<lang>.md from the targets of translated XLIFF files')
    .argument('<file...>', 'XLIFF files (2.0 or 1.2) written by gctf translations export and translated')
    .option('-d, --dir <dir>', 'framework folder')
    .addHelpText(
      'after',
      `
Each practice or part whose units all have a target is written as name.<lang>.md: title from the
title unit, the body rebuilt from the source with each block translated, source-hash stamped.
A practice with untranslated units, units still marked needs-review, or a source changed since
the export is reported and not written. Files are written atomically, and only when they change:
importing the same file twice changes nothing.
Exit codes: 0 every practice imported, 1 any not imported, 2 usage errors.

Examples:
  gctf translations import homegrown-terrorism-good-practices.fr.xlf
  gctf translations import fr.xlf ar.xlf --dir drafts`,
    )
    .action(async (files: string[], opts: { dir?: string }) => {
      const { translationsImport } = await import('./commands/translations.js');
      exitCode = await translationsImport({ files, dir: opts.dir }, io);
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
Exit codes: 0 all stamped (or already up to date), 1 any file refused, 2 usage errors (a path
that names no file, or no translation of a framework).

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
or no version matching the hash; 2 usage errors (a path that names no file, or no translation).

Examples:
  gctf translations diff practices/prevention/community-trust.fr.md
  gctf translations diff practices/prevention/community-trust.fr.md | less -R`,
    )
    .action(async (file: string) => {
      const { translationsDiff } = await import('./commands/translations.js');
      exitCode = await translationsDiff({ file }, io);
    });

  program
    .command('completion')
    .description('print a completion script for bash, zsh or fish, from the commands and options above')
    .addArgument(new (commander().Argument)('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      `
Examples:
  source <(gctf completion bash)                                  in ~/.bashrc
  source <(gctf completion zsh)                                   in ~/.zshrc
  gctf completion fish > ~/.config/fish/completions/gctf.fish`,
    )
    .action(async (shell: string) => {
      const { completion } = await import('./commands/completion.js');
      exitCode = await completion({ shell, program: completionTree(program) }, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors with 2.
      return error.exitCode === 0 ? 0 : 2;
    }
    return failure(error, io, debug);
  }
}

/**
 * The arguments with gctf's own spellings: `-v` alone before the command is `--version` (as most
 * tools read it; `-V` is commander's).
 */
function globalFlags(argv: readonly string[]): string[] {
  const first = argv.findIndex((a) => !a.startsWith('-'));
  return argv.map((a, i) => (a === '-v' && (first === -1 || i < first) ? '--version' : a));
}

/** The command tree as completion sees it: every command, its options and their choices. */
function completionTree(command: import('commander').Command): CompletionCommand {
  return {
    name: command.name(),
    description: command.description(),
    options: command.options.map((o) => ({
      flags: [o.short, o.long].filter((f): f is string => typeof f === 'string'),
      description: o.description,
      ...(o.argChoices ? { choices: o.argChoices } : {}),
      takesValue: o.required || o.optional,
    })),
    subcommands: command.commands.map(completionTree),
  };
}

/** The environment with the last of `--color` and `--no-color` given as `FORCE_COLOR`. */
function withColorFlag(env: MainOptions['env'], argv: readonly string[]): MainOptions['env'] {
  const flag = argv.filter((a) => a === '--color' || a === '--no-color').at(-1);
  return flag === undefined ? env : { ...env, FORCE_COLOR: flag === '--color' ? '1' : '0' };
}

/** The exit code for an error thrown by a command, which is reported on standard error. */
function failure(error: unknown, io: Io, debug: boolean): number {
  if (error instanceof UsageError || error instanceof InputError) {
    io.stderr(`gctf: ${printable(error.message)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
  if (error instanceof ExitError) {
    // One line, whatever paths or names it quotes.
    io.stderr(`gctf: ${printable(error.message)}\n`);
    return error.exitCode;
  }
  const err = error as Error;
  io.stderr(`gctf: internal error: ${printable(err?.message ?? String(error))}${debug ? `\n${err?.stack ?? ''}` : ' (run with --debug for details)'}\n`);
  return 2;
}

function splitList(value: string, previous: string[] | undefined): string[] {
  const items = value.split(',').map((v) => v.trim()).filter(Boolean);
  // An empty list is a mistake (an unset variable in a script), never "everything".
  if (items.length === 0) throw new (commander().InvalidArgumentError)(`expected a comma-separated list, found "${value}"`);
  return [...(previous ?? []), ...items];
}

function parseStates<T extends string>(value: string): T[] {
  const states = value.split(',').map((v) => v.trim()).filter(Boolean);
  if (states.length === 1 && states[0] === 'none') return [];
  const bad = states.find((s) => s !== 'ok' && s !== 'stale' && s !== 'missing');
  if (bad !== undefined || states.length === 0) throw new (commander().InvalidArgumentError)(`expected states among ok, stale, missing (comma-separated) or none, found "${value}"`);
  return states as T[];
}

/** A parser of whole numbers from `least` up, whose error says what it `expected`. */
function wholeNumber(least: number, expected: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < least) throw new (commander().InvalidArgumentError)(`expected ${expected}, found "${value}"`);
    return n;
  };
}

const parsePageCount = wholeNumber(1, 'a whole number of pages, 1 or more');
const parseCount = wholeNumber(0, 'a whole number of 0 or more');

/**
 * Runs a command that lasts until stopped: Ctrl-C (SIGINT) or SIGTERM aborts its signal, and the
 * command finishes cleanly (closing its watcher and server) before gctf exits. The one place below
 * `bin/` that listens to the process, since stopping is the process's business.
 */
async function untilInterrupted(run: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new (commander().InvalidArgumentError)(`expected a port number from 0 to 65535, found "${value}"`);
  return n;
}
