#!/usr/bin/env node
// The project's benchmark (`npm run bench`): generates synthetic corpora with ./gen-corpus.mjs,
// then times `gctf check` (cold and warm cache), `gctf build` (cold and warm cache), and — where installed —
// markdownlint-cli2 and pandoc on the same files, in one run, alternating tool by tool within each
// round, and prints the medians and the ratios against the project's targets as one Markdown table.
// With --pdf it also times PDF-only builds, which take minutes, against the PDF's memory and
// linearity targets.
//
//   node test/bench/run-bench.mjs [--sizes 1000,10000] [--runs 5] [--langs en] [--skip-build]
//                                 [--pdf] [--pdf-runs N] [--json] [--keep]
//
//   --sizes       corpus sizes in drafts (default 1000). A size other than 1000 is compared with
//                 the 1,000-draft time, so 1000 is then measured too, in the same run.
//   --runs        timed runs of every measure (default 5); the table shows the median
//   --langs       languages of the corpus (default en: 1,000 English drafts are about 4 MB)
//   --skip-build  time `gctf check` and markdownlint-cli2 only (and the PDF builds, if --pdf)
//   --pdf         also time PDF-only builds (`gctf build DIR --format pdf --no-cache`), off by
//                 default as they are slow: 100, 1,000 and 3,000 drafts (peak < 1,000 MB for
//                 1,000; time(3,000) ÷ time(1,000) ≤ 3.3) and frameworks of 1,000 and 10,000
//                 sections from ./gen-sections.mjs (peak < 500 MB and < 2 GB). All but 10,000
//                 sections pass --pdf-max-pages 100000; 10,000 sections keep the default limit,
//                 which refuses them up front, and the table says so.
//   --pdf-runs    timed runs of every PDF measure (default: 1 for the 3,000-draft build, --runs
//                 for the others)
//   --json        print the results as JSON instead of the table
//   --keep        keep the temporary folder (corpora, outputs, logs) and print where it is
//
// Wall time is process.hrtime around a synchronous spawn of the command; peak memory is the
// command's maximum resident set size as reported by GNU time (`/usr/bin/time -f %M`), which reads
// the child's own rusage (gctf's parse workers are threads, so they are included). Without GNU
// time, peak memory is shown as n/a. Run `npx tsc -p .` first: this times bin/gctf.js → lib/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const gctf = path.join(root, 'bin', 'gctf.js');
const generator = path.join(root, 'test', 'bench', 'gen-corpus.mjs');
const sectionsGenerator = path.join(root, 'test', 'bench', 'gen-sections.mjs');
const markdownlintBin = path.join(root, 'node_modules', '.bin', 'markdownlint-cli2');
const REFERENCE_SIZE = 1000;

// ---------------------------------------------------------------------------------------------
// Options

function parseOptions(argv) {
  const o = { sizes: [REFERENCE_SIZE], runs: 5, langs: 'en', skipBuild: false, pdf: false, pdfRuns: undefined, json: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--sizes') o.sizes = value().split(',').map((s) => Number(s.replace(/_/g, '')));
    else if (a === '--runs') o.runs = Number(value());
    else if (a === '--langs') o.langs = value();
    else if (a === '--skip-build') o.skipBuild = true;
    else if (a === '--pdf') o.pdf = true;
    else if (a === '--pdf-runs') o.pdfRuns = Number(value());
    else if (a === '--json') o.json = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown option ${a}`);
  }
  if (o.sizes.some((n) => !Number.isInteger(n) || n < 1)) usage('--sizes takes positive whole numbers');
  if (!Number.isInteger(o.runs) || o.runs < 1) usage('--runs takes a positive whole number');
  if (o.pdfRuns !== undefined && (!Number.isInteger(o.pdfRuns) || o.pdfRuns < 1)) usage('--pdf-runs takes a positive whole number');
  if (o.pdfRuns !== undefined && !o.pdf) usage('--pdf-runs counts the runs of --pdf, which is not given');
  if (!/^[a-z]{2,3}(,[a-z]{2,3})*$/.test(o.langs)) usage('--langs takes language codes, such as en,fr,ar');
  o.requestedSizes = [...new Set(o.sizes)];
  // The scale target compares a size with 1,000 drafts measured in the same run.
  o.sizes = [...new Set([...(o.sizes.some((n) => n !== REFERENCE_SIZE) ? [REFERENCE_SIZE] : []), ...o.sizes])].sort((a, b) => a - b);
  return o;
}

function usage(problem) {
  if (problem) console.error(`run-bench: ${problem}`);
  console.error('usage: node test/bench/run-bench.mjs [--sizes 1000,10000] [--runs 5] [--langs en] [--skip-build] [--pdf] [--pdf-runs N] [--json] [--keep]');
  if (!problem) {
    console.error('  --pdf        also time PDF-only builds (slow): 100, 1,000 and 3,000 drafts, 1,000 and 10,000 sections');
    console.error('  --pdf-runs   runs of every PDF measure (default 1 for 3,000 drafts, --runs for the others)');
    console.error('  see the comment at the top of test/bench/run-bench.mjs for every option');
  }
  process.exit(problem ? 2 : 0);
}

const opts = parseOptions(process.argv.slice(2));
const log = (msg) => process.stderr.write(`${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Measuring one command

const work = mkdtempSync(path.join(os.tmpdir(), 'gctf-bench-'));
const logs = path.join(work, 'logs');
mkdirSync(logs);

const timeBin = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-f', '%M', 'true']).status === 0);

/**
 * Runs a command once, waiting for it; returns wall seconds, peak resident memory in MB (or
 * undefined), the exit status and the tail of its error output. Output goes to log files, not to
 * pipes, so a chatty tool neither fills a buffer nor is slowed by the reader.
 */
function measure(name, command, args, { cwd = work, env = {}, timeoutMs = 30 * 60 * 1000 } = {}) {
  const memFile = path.join(logs, `${name}.mem`);
  const outFile = path.join(logs, `${name}.out`);
  const errFile = path.join(logs, `${name}.err`);
  const out = openSync(outFile, 'w');
  const err = openSync(errFile, 'w');
  const [cmd, argv] = timeBin ? [timeBin, ['-f', '%M', '-o', memFile, command, ...args]] : [command, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...env }, stdio: ['ignore', out, err], timeout: timeoutMs });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  closeSync(out);
  closeSync(err);
  let peakMB;
  if (timeBin && existsSync(memFile)) {
    // GNU time writes "Command exited with non-zero status N" before the figure when N ≠ 0.
    const kb = Number(readFileSync(memFile, 'utf8').trim().split('\n').pop());
    if (Number.isFinite(kb) && kb > 0) peakMB = kb / 1024;
  }
  const errText = readFileSync(errFile, 'utf8');
  const lastLine = errText.trim().split('\n').filter((l) => !/^Command (exited|terminated)/.test(l)).pop() ?? '';
  return { seconds, peakMB, status: r.error ? null : r.status, signal: r.signal ?? undefined, error: r.error?.message, message: lastLine.slice(0, 160) };
}

const node = process.execPath;
const runGctf = (name, args, cacheDir, extra = {}) => measure(name, node, [gctf, ...args], { env: { GCTF_CACHE_DIR: cacheDir }, ...extra });

// ---------------------------------------------------------------------------------------------
// What is installed, and what gctf supports

function probe(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', cwd: work, ...options });
  return { ok: !r.error && r.status === 0, status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}

if (!existsSync(path.join(root, 'lib', 'cli.js'))) {
  console.error('run-bench: lib/ is missing; compile first with `npx tsc -p .`');
  process.exit(2);
}
const gctfVersion = probe(node, [gctf, '--version']).out.trim();
const checkHelp = probe(node, [gctf, 'check', '--help']).out;
const hasNoCache = checkHelp.includes('--no-cache');
const buildHelp = opts.pdf ? probe(node, [gctf, 'build', '--help']).out : '';
// A gctf from before the page limit typesets whatever it is given, and would reject the flag.
const hasPdfMaxPages = buildHelp.includes('--pdf-max-pages');

const markdownlint = (() => {
  if (!existsSync(markdownlintBin)) return undefined;
  const r = probe(markdownlintBin, ['--help']);
  const m = /markdownlint-cli2 v(\S+) \(markdownlint v(\S+)\)/.exec(r.out);
  return m ? { version: `markdownlint-cli2 ${m[1]} (markdownlint ${m[2]})` } : undefined;
})();
// Every rule on, from a file outside the corpus: a config lying around above the temporary folder
// (or none at all) cannot turn rules off. markdownlint-cli2 reads no config above its cwd.
const markdownlintConfig = path.join(work, '.markdownlint.jsonc');
writeFileSync(markdownlintConfig, '{ "default": true }\n');

const pandoc = (() => {
  const r = probe('pandoc', ['--version']);
  if (!r.ok) return undefined;
  const version = r.out.split('\n')[0].trim();
  // The drafts are CommonMark + GFM with GFM footnotes and pipe tables. pandoc's `gfm` reader has
  // pipe tables, and footnotes since pandoc 2.10ish (on by default in 2.17; `+footnotes` says so
  // explicitly and fails on a pandoc without it). Older pandocs fall back to pandoc's own
  // `markdown`, which reads the same footnotes and pipe tables.
  const sample = path.join(work, 'probe.md');
  writeFileSync(sample, 'Text.[^1]\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n[^1]: Note.\n');
  const from = probe('pandoc', ['-f', 'gfm+footnotes', '-t', 'docx', '-o', path.join(work, 'probe.docx'), sample]).ok ? 'gfm+footnotes' : 'markdown';
  return { version, from };
})();

// Is the Word format registered? An unknown format is a usage error (exit 2, "Unknown format").
const buildFormats = (() => {
  const r = probe(node, [gctf, 'build', path.join(root, 'practices'), '--format', 'docx', '--lang', 'en', '--out', path.join(work, 'probe-docx')], { env: { ...process.env, GCTF_CACHE_DIR: path.join(work, 'probe-cache') } });
  return r.status === 2 && /Unknown format/.test(r.out) ? { formats: 'md,html,json', note: 'docx is not registered yet: built md,html,json only' } : { formats: 'md,html,json,docx' };
})();

// ---------------------------------------------------------------------------------------------
// Corpora, and the concatenated Markdown pandoc reads

const langs = opts.langs.split(',');

function generate(size) {
  const dir = path.join(work, `corpus-${size}`);
  const r = spawnSync(node, [generator, dir, String(size), '--langs', opts.langs], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gen-corpus failed: ${r.stderr}`);
  return dir;
}

/** The corpus of `size` drafts: the one the check and build rounds generated, or a new one. */
const corpusOf = (size) => (existsSync(path.join(work, `corpus-${size}`)) ? path.join(work, `corpus-${size}`) : generate(size));

function generateSections(count) {
  const dir = path.join(work, `sections-${count}`);
  const r = spawnSync(node, [sectionsGenerator, dir, String(count)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gen-sections failed: ${r.stderr}`);
  return dir;
}

function markdownFiles(dir, rel = '') {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return e.name.startsWith('.') ? [] : markdownFiles(dir, p);
    return e.name.endsWith('.md') ? [p] : [];
  });
}

/**
 * One Markdown file of every draft of the corpus's first language (translations `x.fr.md` left
 * out, as `gctf build --lang` builds one edition), in sorted file order, frontmatter stripped.
 * Each draft gets its title as a heading, and its footnote labels are made unique to the draft
 * (`[^1]` → `[^d42-1]`): in one file, 1,000 drafts' `[^1]` would be one footnote defined 1,000
 * times, and pandoc would render far fewer notes than the drafts hold.
 */
function concatenate(corpus) {
  const translation = new RegExp(`\\.(${langs.slice(1).join('|') || '@none@'})\\.md$`);
  const files = markdownFiles(corpus).filter((f) => !translation.test(f)).sort();
  const parts = files.map((file, i) => {
    const text = readFileSync(path.join(corpus, file), 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
    const title = m ? (/^title: (.*)$/m.exec(m[1])?.[1] ?? file) : file;
    const body = (m ? text.slice(m[0].length) : text).replace(/\[\^([^\]\s]+)\]/g, `[^d${i}-$1]`);
    return `# ${title}\n\n${body.trim()}\n`;
  });
  const out = path.join(work, `concat-${path.basename(corpus)}.md`);
  writeFileSync(out, parts.join('\n'));
  return { file: out, drafts: files.length };
}

/**
 * A git repository holding a copy of `corpus` in two commits, the second changing a sentence of 50
 * drafts (one in 20), for `gctf diff HEAD~1`.
 */
function diffRepository(corpus, size) {
  const repo = path.join(work, `diff-${size}`);
  cpSync(corpus, repo, { recursive: true });
  const git = (...args) => spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.org' } });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'before');
  const drafts = markdownFiles(repo).filter((f) => /\/practice-\d+\.md$/.test(f)).sort();
  for (const file of drafts.filter((_, i) => i % 20 === 0).slice(0, 50)) {
    const full = path.join(repo, file);
    const text = readFileSync(full, 'utf8');
    const end = text.indexOf('\n---\n', 4) + 5;
    writeFileSync(full, text.slice(0, end) + text.slice(end).replace(/^(\n*\S+ \S+)/, '$1 newly'));
  }
  git('commit', '-q', '-a', '-m', 'after');
  return repo;
}

// ---------------------------------------------------------------------------------------------
// The runs

const results = new Map(); // key → { label, size, samples: [] }
function record(key, label, size, sample) {
  if (!results.has(key)) results.set(key, { key, label, size, samples: [] });
  results.get(key).samples.push(sample);
  const s = sample.status === 0 ? '' : ` (exit ${sample.status ?? sample.signal ?? sample.error})`;
  log(`  ${label.padEnd(58)} ${sample.seconds.toFixed(3)} s${sample.peakMB ? `  ${sample.peakMB.toFixed(0)} MB` : ''}${s}`);
}
const fresh = (dir) => rmSync(dir, { recursive: true, force: true });
const projectCache = path.join(root, 'node_modules', '.cache', 'gctf');

/** A cold check: `--no-cache`, from an empty cache folder; without `--no-cache`, only the latter. */
function coldCheck(name, corpus, cacheDir) {
  fresh(cacheDir);
  if (!hasNoCache) fresh(projectCache); // where a gctf without GCTF_CACHE_DIR keeps its cache
  return runGctf(name, ['check', corpus, ...(hasNoCache ? ['--no-cache'] : [])], cacheDir);
}

log(`gctf benchmark: ${work}`);
log(`  gctf ${gctfVersion}; --no-cache ${hasNoCache ? 'supported' : 'not supported (emptying the cache folder instead)'}`);
log(`  markdownlint-cli2: ${markdownlint?.version ?? 'not installed'}; pandoc: ${pandoc ? `${pandoc.version} (-f ${pandoc.from})` : 'not installed'}`);
log(`  build formats: ${buildFormats.formats}${buildFormats.note ? ` (${buildFormats.note})` : ''}; peak memory: ${timeBin ? `${timeBin} -f %M` : 'n/a (no GNU time)'}`);

const corpusInfo = {};
for (const size of opts.sizes) {
  log(`\n${size} drafts (${opts.langs}): generating`);
  const corpus = generate(size);
  const files = markdownFiles(corpus);
  const bytes = files.reduce((n, f) => n + readFileSync(path.join(corpus, f)).length, 0);
  const cacheDir = path.join(work, `cache-${size}`);
  const outDir = path.join(work, `out-${size}`);
  const concat = !opts.skipBuild && pandoc ? concatenate(corpus) : undefined;
  corpusInfo[size] = { files: files.length, megabytes: bytes / 1e6 };
  const diffRepo = spawnSync('git', ['--version']).status === 0 ? diffRepository(corpus, size) : undefined;
  for (let round = 1; round <= opts.runs; round++) {
    log(`round ${round}/${opts.runs}`);
    record(`cold-${size}`, `gctf check, cold cache`, size, coldCheck(`cold-${size}-${round}`, corpus, cacheDir));
    if (markdownlint) {
      record(`markdownlint-${size}`, 'markdownlint-cli2', size,
        measure(`markdownlint-${size}-${round}`, markdownlintBin, ['--config', markdownlintConfig, '**/*.md'], { cwd: corpus }));
    }
    // The first run on an empty cache (it writes the cache), then the same check with nothing changed.
    fresh(cacheDir);
    record(`first-${size}`, 'gctf check, empty cache (first run, fills it)', size, runGctf(`first-${size}-${round}`, ['check', corpus], cacheDir));
    record(`warm-${size}`, 'gctf check, warm cache, nothing changed', size, runGctf(`warm-${size}-${round}`, ['check', corpus], cacheDir));
    if (diffRepo) {
      fresh(cacheDir);
      record(`diff-${size}`, 'gctf diff HEAD~1 (50 drafts changed), cold cache', size, runGctf(`diff-${size}-${round}`, ['diff', 'HEAD~1', '--dir', diffRepo], cacheDir, { cwd: diffRepo }));
    }
    if (!opts.skipBuild) {
      fresh(cacheDir);
      fresh(outDir);
      record(`build-${size}`, `gctf build --format ${buildFormats.formats} --lang ${langs[0]}, cold cache`, size,
        runGctf(`build-${size}-${round}`, ['build', corpus, '--format', buildFormats.formats, '--lang', langs[0], '--out', outDir], cacheDir));
      // The drafter's rebuild: the same build again, its parsed drafts now in the cache.
      record(`build-warm-${size}`, `gctf build --format ${buildFormats.formats} --lang ${langs[0]}, warm cache`, size,
        runGctf(`build-warm-${size}-${round}`, ['build', corpus, '--format', buildFormats.formats, '--lang', langs[0], '--out', outDir], cacheDir));
      if (pandoc) {
        record(`pandoc-${size}`, `pandoc -f ${pandoc.from} -t docx (concatenated drafts)`, size,
          measure(`pandoc-${size}-${round}`, 'pandoc', ['-f', pandoc.from, '-t', 'docx', '-o', path.join(work, `pandoc-${size}.docx`), concat.file]));
      }
    }
  }
}

// The bundled framework, every language. It is read where it is: gctf puts its cache in
// GCTF_CACHE_DIR (here, a folder under the temporary one), not beside the framework, and the
// outputs go to the temporary folder, so nothing is written into the repository.
const practices = path.join(root, 'practices');
log('\nbundled practices/');
for (let round = 1; round <= opts.runs; round++) {
  log(`round ${round}/${opts.runs}`);
  const cacheDir = path.join(work, 'cache-practices');
  record('practices-check', 'gctf check practices, cold cache', 0, coldCheck(`practices-check-${round}`, practices, cacheDir));
  if (!opts.skipBuild) {
    fresh(cacheDir);
    fresh(path.join(work, 'out-practices'));
    record('practices-build', 'gctf build practices (every format and language), cold cache', 0,
      runGctf(`practices-build-${round}`, ['build', practices, '--out', path.join(work, 'out-practices')], cacheDir));
  }
}

// ---------------------------------------------------------------------------------------------
// PDF-only builds (--pdf)

// Typst typesets the PDF, and holds every page in memory until it writes the file: these measure
// that memory and whether time grows in proportion to the drafts. `--no-cache` so that each run
// parses its drafts as a first build does; one language, as the other builds.
const PDF_DRAFT_SIZES = [100, 1000, 3000];
const PDF_SECTION_COUNTS = [1000, 10000];
const PDF_LINEARITY_LIMIT = 3.3; // time(3,000) ÷ time(1,000): 3 for linear, and a tenth for noise
const PDF_MAX_PAGES = 100000; // above any of these PDFs (3,000 drafts are some 3,200 pages)
const pdfMeasures = !opts.pdf ? [] : [
  // The 3,000-draft build takes minutes: once, unless --pdf-runs says otherwise.
  ...PDF_DRAFT_SIZES.map((size) => ({ key: `pdf-drafts-${size}`, what: `${size.toLocaleString('en')} drafts`, source: () => corpusOf(size), lang: ['--lang', langs[0]], runs: opts.pdfRuns ?? (size === 3000 ? 1 : opts.runs), raise: true })),
  // 10,000 sections keep the default page limit, which refuses them before typesetting: what the
  // user gets by default, and the refusal's own time and memory.
  ...PDF_SECTION_COUNTS.map((count) => ({ key: `pdf-sections-${count}`, what: `${count.toLocaleString('en')} sections`, source: () => generateSections(count), lang: [], runs: opts.pdfRuns ?? opts.runs, raise: count !== 10000 })),
];
const pdfPages = {}; // key → pages of the PDF written, counted once

/** The page count of a PDF: its page objects (Typst writes them uncompressed), or undefined. */
function countPages(outDir) {
  const file = existsSync(outDir) ? readdirSync(outDir).find((f) => f.endsWith('.pdf')) : undefined;
  if (!file) return undefined;
  const pages = readFileSync(path.join(outDir, file)).toString('latin1').match(/\/Type\s*\/Page\b/g)?.length;
  return pages || undefined;
}

/** gctf's refusal of a PDF estimated above the page limit (an `emit-pdf` error, exit 1), if that is why it failed. */
function refusal(name, sample) {
  if (sample.status !== 1) return undefined;
  const text = ['out', 'err'].map((ext) => readFileSync(path.join(logs, `${name}.${ext}`), 'utf8')).join('\n');
  const m = /would have about ([\d,]+) pages[^\n]*?more than the ([\d,]+)/.exec(text);
  return m ? { pages: m[1], limit: m[2] } : undefined;
}

if (pdfMeasures.length) {
  log('\nPDF-only builds');
  for (const m of pdfMeasures) m.dir = m.source();
  const rounds = Math.max(...pdfMeasures.map((m) => m.runs));
  for (let round = 1; round <= rounds; round++) {
    log(`round ${round}/${rounds}`);
    for (const m of pdfMeasures.filter((x) => round <= x.runs)) {
      const cacheDir = path.join(work, `cache-${m.key}`);
      const outDir = path.join(work, `out-${m.key}`);
      fresh(cacheDir);
      fresh(outDir);
      const name = `${m.key}-${round}`;
      const maxPages = m.raise && hasPdfMaxPages ? ['--pdf-max-pages', String(PDF_MAX_PAGES)] : [];
      const sample = runGctf(name, ['build', m.dir, '--format', 'pdf', ...m.lang, '--out', outDir, '--no-cache', ...maxPages], cacheDir);
      const refused = refusal(name, sample);
      if (refused) sample.refused = refused;
      if (sample.status === 0 && pdfPages[m.key] === undefined) pdfPages[m.key] = countPages(outDir);
      record(m.key, `gctf build --format pdf, ${m.what}${refused ? ' (refused up front)' : ''}`, 0, sample);
      fresh(outDir); // a 3,000-draft PDF is tens of MB
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Medians, ratios, verdicts

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
// Lint problems make markdownlint-cli2 exit 1, and drafts with errors make `gctf check` exit 1:
// both still did the whole job. A build writes nothing unless it exits 0; a PDF refused for its
// estimated pages is the measure's answer, not a failure of the run (its row says so).
const acceptable = (key, status, sample) => status === 0 || (status === 1 && (/^(markdownlint|cold|first|warm|practices-check|diff)/.test(key) || sample?.refused !== undefined));

function summarise(r) {
  if (!r) return undefined;
  const ok = r.samples.filter((s) => acceptable(r.key, s.status, s));
  const failed = r.samples.find((s) => !acceptable(r.key, s.status, s));
  const peaks = r.samples.map((s) => s.peakMB).filter((x) => x !== undefined);
  return {
    ...r,
    ok: ok.length === r.samples.length,
    failure: failed ? `exit ${failed.status ?? failed.signal ?? failed.error}${failed.message ? `: ${failed.message}` : ''}` : undefined,
    median: ok.length ? median(ok.map((s) => s.seconds)) : undefined,
    peakMB: peaks.length ? Math.max(...peaks) : undefined,
    exitCodes: [...new Set(r.samples.map((s) => s.status))],
    refused: r.samples.every((s) => s.refused) ? r.samples[0].refused : undefined,
  };
}
const get = (key) => summarise(results.get(key));

const rows = [];
/** One row: a measure, optionally against a reference measure with a ratio limit (and a memory limit). */
function row({ key, label, ref, refLabel, limit, limitText, memLimitMB, info, missing }) {
  const m = get(key);
  const r = ref ? get(ref) : undefined;
  const entry = { key, label, median: m?.median, peakMB: m?.peakMB, runs: m?.samples.length ?? 0, reference: refLabel ?? '—', target: limitText ?? '—' };
  if (!m) {
    Object.assign(entry, { verdict: missing ?? 'not measured', ratio: undefined });
  } else if (!m.ok) {
    Object.assign(entry, { verdict: `does not hold: failed (${m.failure})` });
  } else if (m.refused) {
    // Refused before typesetting: the target bounds what the build may cost, which the refusal
    // keeps to, but no PDF is made, and the verdict says so.
    const within = m.peakMB !== undefined && (memLimitMB === undefined || m.peakMB < memLimitMB);
    entry.verdict = `${within ? 'holds by refusing' : 'does not hold: refused'} up front (estimated ${m.refused.pages} pages, over the ${m.refused.limit}-page limit), no PDF written`;
  } else if (ref) {
    if (!r || r.median === undefined) {
      entry.ratio = undefined;
      entry.verdict = !r ? `n/a (${refLabel}: ${missing ?? 'not installed'})` : `n/a (${refLabel} failed: ${r.failure})`;
    } else {
      entry.ratio = m.median / r.median;
      if (limit === undefined) {
        entry.verdict = info ?? 'info';
        rows.push(entry);
        return;
      }
      const memOk = memLimitMB === undefined || (m.peakMB !== undefined && m.peakMB < memLimitMB);
      const why = [entry.ratio > limit ? `ratio > ${limit}` : '', memOk ? '' : `peak ≥ ${memLimitMB.toLocaleString('en')} MB`].filter(Boolean);
      entry.verdict = why.length === 0 ? 'holds' : memLimitMB === undefined ? 'does not hold' : `does not hold (${why.join(', ')})`;
      if (memLimitMB !== undefined && m.peakMB === undefined) entry.verdict = 'n/a (peak memory not measured)';
    }
  } else if (limit !== undefined) {
    entry.verdict = m.median < limit ? 'holds' : 'does not hold';
  } else if (memLimitMB !== undefined) {
    entry.verdict = m.peakMB === undefined ? 'n/a (peak memory not measured)' : m.peakMB < memLimitMB ? 'holds' : `does not hold (peak ≥ ${memLimitMB.toLocaleString('en')} MB)`;
  } else {
    entry.verdict = info ?? 'reference';
  }
  rows.push(entry);
}

const n = (size) => size.toLocaleString('en');
for (const size of opts.sizes) {
  const mdl = markdownlint ? 'markdownlint-cli2' : undefined;
  const scale = size !== REFERENCE_SIZE;
  const sfx = `, ${n(size)} drafts`;
  if (!scale) {
    row({ key: `cold-${size}`, label: `gctf check, cold cache${hasNoCache ? ' (--no-cache)' : ''}${sfx}`, ref: `markdownlint-${size}`, refLabel: 'markdownlint-cli2', limit: 0.35, limitText: '≤ 0.35', missing: mdl ? undefined : 'not installed' });
  } else {
    row({ key: `cold-${size}`, label: `gctf check, cold cache${hasNoCache ? ' (--no-cache)' : ''}${sfx}`, ref: `cold-${REFERENCE_SIZE}`, refLabel: `same, ${n(REFERENCE_SIZE)} drafts`, limit: 11, limitText: '≤ 11, peak < 1,024 MB', memLimitMB: 1024 });
  }
  row({ key: `markdownlint-${size}`, label: `markdownlint-cli2 "**/*.md" (every rule on)${sfx}`, missing: 'not installed' });
  row({ key: `first-${size}`, label: `gctf check, empty cache (first run, writes the cache)${sfx}`, ref: `cold-${size}`, refLabel: 'cold check', info: 'info' });
  row({ key: `warm-${size}`, label: `gctf check, warm cache, nothing changed${sfx}`, ref: `cold-${size}`, refLabel: 'cold check', limit: 0.05, limitText: '≤ 0.05' });
  row({ key: `diff-${size}`, label: `gctf diff HEAD~1, 50 drafts changed, cold cache${sfx}`, ref: `cold-${size}`, refLabel: 'cold check', limit: 2, limitText: '≤ 2', missing: 'git not installed' });
  if (!opts.skipBuild) {
    const bl = `gctf build --format ${buildFormats.formats}${buildFormats.note ? ' (docx not registered yet)' : ''}, cold cache${sfx}`;
    const warm = bl.replace(/, cold cache, /, ', warm cache (a rebuild), ');
    if (!scale) {
      row({ key: `build-${size}`, label: bl, ref: `pandoc-${size}`, refLabel: 'pandoc → docx', limit: 0.5, limitText: '≤ 0.5', missing: 'not installed' });
      row({ key: `build-warm-${size}`, label: warm, ref: `pandoc-${size}`, refLabel: 'pandoc → docx', limit: 0.3, limitText: '≤ 0.3', missing: 'not installed' });
    } else {
      row({ key: `build-${size}`, label: bl, ref: `build-${REFERENCE_SIZE}`, refLabel: `same, ${n(REFERENCE_SIZE)} drafts`, limit: 11, limitText: '≤ 11, peak < 1,024 MB', memLimitMB: 1024 });
      row({ key: `build-warm-${size}`, label: warm, ref: `build-warm-${REFERENCE_SIZE}`, refLabel: `same, ${n(REFERENCE_SIZE)} drafts`, limit: 11, limitText: '≤ 11, peak < 1,024 MB', memLimitMB: 1024 });
    }
    row({ key: `pandoc-${size}`, label: `pandoc -f ${pandoc?.from ?? 'gfm'} -t docx, concatenated drafts${sfx}`, missing: 'not installed' });
  }
}
row({ key: 'practices-check', label: 'gctf check practices/ (3 languages), cold cache', limit: 0.5, limitText: '< 0.5 s' });
if (!opts.skipBuild) row({ key: 'practices-build', label: 'gctf build practices/, every format (PDF included) and language, cold cache', limit: 1.5, limitText: '< 1.5 s' });
if (pdfMeasures.length) {
  const pdf = (key, what) => {
    const pages = pdfPages[key] === undefined ? '' : `, ${n(pdfPages[key])} pages`;
    const raised = pdfMeasures.find((m) => m.key === key)?.raise && hasPdfMaxPages ? ` --pdf-max-pages ${PDF_MAX_PAGES}` : '';
    return `gctf build --format pdf --no-cache${raised}, ${what}${pages}`;
  };
  const linear = `≤ ${PDF_LINEARITY_LIMIT} (linear)`;
  row({ key: 'pdf-drafts-100', label: pdf('pdf-drafts-100', '100 drafts'), ref: 'pdf-drafts-1000', refLabel: 'same, 1,000 drafts', info: 'info' });
  row({ key: 'pdf-drafts-1000', label: pdf('pdf-drafts-1000', '1,000 drafts'), memLimitMB: 1000, limitText: 'peak < 1,000 MB' });
  row({ key: 'pdf-drafts-3000', label: pdf('pdf-drafts-3000', '3,000 drafts'), ref: 'pdf-drafts-1000', refLabel: 'same, 1,000 drafts', limit: PDF_LINEARITY_LIMIT, limitText: linear });
  row({ key: 'pdf-sections-1000', label: pdf('pdf-sections-1000', '1,000 sections of one practice'), memLimitMB: 500, limitText: 'peak < 500 MB' });
  row({ key: 'pdf-sections-10000', label: pdf('pdf-sections-10000', '10,000 sections of one practice (default page limit)'), memLimitMB: 2000, limitText: 'peak < 2,000 MB' });
}


// ---------------------------------------------------------------------------------------------
// Output

const cpus = os.cpus();
const machine = { node: process.version, platform: `${os.type()} ${os.release()} ${os.arch()}`, cpu: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}`, memoryGB: Math.round(os.totalmem() / 1e9) };
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;

if (opts.json) {
  const out = {
    command, date: new Date().toISOString(), machine, runs: opts.runs, langs: langs,
    tools: { gctf: gctfVersion, noCacheFlag: hasNoCache, buildFormats: buildFormats.formats, markdownlint: markdownlint?.version ?? null, pandoc: pandoc ? { version: pandoc.version, from: pandoc.from } : null, peakMemory: timeBin ? `${timeBin} -f %M` : null },
    corpora: corpusInfo,
    pdf: pdfMeasures.length ? { runs: Object.fromEntries(pdfMeasures.map((m) => [m.key, m.runs])), pages: pdfPages, maxPagesFlag: hasPdfMaxPages ? PDF_MAX_PAGES : null } : null,
    rows: rows.map((r) => ({ ...r })),
    samples: Object.fromEntries([...results.values()].map((r) => [r.key, r.samples])),
  };
  console.log(JSON.stringify(out, null, 2));
} else {
  const s = (x) => (x === undefined ? '—' : x.toFixed(3));
  const mb = (x) => (x === undefined ? (timeBin ? '—' : 'n/a') : x.toFixed(0));
  const ratio = (r) => (r.ratio === undefined ? (r.reference === '—' ? '—' : 'n/a') : r.ratio.toFixed(3));
  const lines = [
    '| measure | median s | peak MB | ratio | against | target | verdict |',
    '| --- | ---: | ---: | ---: | --- | --- | --- |',
    ...rows.map((r) => {
      const notInstalled = r.runs === 0 && /not installed/.test(r.verdict);
      return `| ${r.label} | ${notInstalled ? 'not installed' : s(r.median)} | ${notInstalled ? '—' : mb(r.peakMB)} | ${ratio(r)} | ${r.reference} | ${r.target} | ${r.verdict} |`;
    }),
  ];
  const corpora = opts.sizes.map((size) => `${n(size)} drafts = ${corpusInfo[size].files} files, ${corpusInfo[size].megabytes.toFixed(1)} MB`).join('; ');
  console.log(`\`${command}\` — median of ${opts.runs} run${opts.runs > 1 ? 's' : ''} per measure, alternating tool by tool; ${machine.cpu}, ${machine.memoryGB} GB, Node.js ${machine.node}.`);
  console.log(`Corpora (\`test/bench/gen-corpus.mjs N --langs ${opts.langs}\`): ${corpora}. ${markdownlint?.version ?? 'markdownlint-cli2 not installed'}; ${pandoc?.version ?? 'pandoc not installed'}.`);
  if (buildFormats.note) console.log(`Note: ${buildFormats.note}.`);
  if (pdfMeasures.length) {
    const runs = [...new Set(pdfMeasures.map((m) => m.runs))].length === 1
      ? `median of ${pdfMeasures[0].runs} run${pdfMeasures[0].runs > 1 ? 's' : ''} each`
      : `runs: ${pdfMeasures.map((m) => `${m.what} ${m.runs}`).join(', ')}`;
    console.log(`PDF-only builds (\`--pdf\`, ${runs}): drafts from \`gen-corpus.mjs N --langs ${opts.langs}\` (built in ${langs[0]}), sections from \`test/bench/gen-sections.mjs OUT N\`; peak memory includes Typst's thread.`);
  }
  console.log('');
  console.log(lines.join('\n'));
}

if (opts.keep) log(`\nkept ${work}`);
else rmSync(work, { recursive: true, force: true });
