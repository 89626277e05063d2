#!/usr/bin/env node
// The project's benchmark (`npm run bench`): generates synthetic corpora with ./gen-corpus.mjs,
// then times `gctf check` (cold and warm cache), `gctf build` (cold and warm cache), and — where installed —
// markdownlint-cli2 and pandoc on the same files, in one run, alternating tool by tool within each
// round, and prints the medians and the ratios against the project's targets as one Markdown table.
//
//   node test/bench/run-bench.mjs [--sizes 1000,10000] [--runs 5] [--langs en] [--skip-build]
//                                 [--json] [--keep]
//
//   --sizes       corpus sizes in drafts (default 1000). A size other than 1000 is compared with
//                 the 1,000-draft time, so 1000 is then measured too, in the same run.
//   --runs        timed runs of every measure (default 5); the table shows the median
//   --langs       languages of the corpus (default en: 1,000 English drafts are about 4 MB)
//   --skip-build  time `gctf check` and markdownlint-cli2 only
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
const markdownlintBin = path.join(root, 'node_modules', '.bin', 'markdownlint-cli2');
const REFERENCE_SIZE = 1000;

// ---------------------------------------------------------------------------------------------
// Options

function parseOptions(argv) {
  const o = { sizes: [REFERENCE_SIZE], runs: 5, langs: 'en', skipBuild: false, json: false, keep: false };
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
    else if (a === '--json') o.json = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown option ${a}`);
  }
  if (o.sizes.some((n) => !Number.isInteger(n) || n < 1)) usage('--sizes takes positive whole numbers');
  if (!Number.isInteger(o.runs) || o.runs < 1) usage('--runs takes a positive whole number');
  if (!/^[a-z]{2,3}(,[a-z]{2,3})*$/.test(o.langs)) usage('--langs takes language codes, such as en,fr,ar');
  o.requestedSizes = [...new Set(o.sizes)];
  // The scale target compares a size with 1,000 drafts measured in the same run.
  o.sizes = [...new Set([...(o.sizes.some((n) => n !== REFERENCE_SIZE) ? [REFERENCE_SIZE] : []), ...o.sizes])].sort((a, b) => a - b);
  return o;
}

function usage(problem) {
  if (problem) console.error(`run-bench: ${problem}`);
  console.error('usage: node test/bench/run-bench.mjs [--sizes 1000,10000] [--runs 5] [--langs en] [--skip-build] [--json] [--keep]');
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

// The bundled framework, every language.
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
// Medians, ratios, verdicts

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
// Lint problems make markdownlint-cli2 exit 1, and drafts with errors make `gctf check` exit 1:
// both still did the whole job. A build writes nothing unless it exits 0.
const acceptable = (key, status) => status === 0 || (status === 1 && /^(markdownlint|cold|first|warm|practices-check|diff)/.test(key));

function summarise(r) {
  if (!r) return undefined;
  const ok = r.samples.filter((s) => acceptable(r.key, s.status));
  const failed = r.samples.find((s) => !acceptable(r.key, s.status));
  const peaks = r.samples.map((s) => s.peakMB).filter((x) => x !== undefined);
  return {
    ...r,
    ok: ok.length === r.samples.length,
    failure: failed ? `exit ${failed.status ?? failed.signal ?? failed.error}${failed.message ? `: ${failed.message}` : ''}` : undefined,
    median: ok.length ? median(ok.map((s) => s.seconds)) : undefined,
    peakMB: peaks.length ? Math.max(...peaks) : undefined,
    exitCodes: [...new Set(r.samples.map((s) => s.status))],
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
    row({ key: `cold-${size}`, label: `gctf check, cold cache${hasNoCache ? ' (--no-cache)' : ''}${sfx}`, ref: `markdownlint-${size}`, refLabel: 'markdownlint-cli2', limit: 0.5, limitText: '≤ 0.5', missing: mdl ? undefined : 'not installed' });
  } else {
    row({ key: `cold-${size}`, label: `gctf check, cold cache${hasNoCache ? ' (--no-cache)' : ''}${sfx}`, ref: `cold-${REFERENCE_SIZE}`, refLabel: `same, ${n(REFERENCE_SIZE)} drafts`, limit: 11, limitText: '≤ 11, peak < 1,024 MB', memLimitMB: 1024 });
  }
  row({ key: `markdownlint-${size}`, label: `markdownlint-cli2 "**/*.md" (every rule on)${sfx}`, missing: 'not installed' });
  row({ key: `first-${size}`, label: `gctf check, empty cache (first run, writes the cache)${sfx}`, ref: `cold-${size}`, refLabel: 'cold check', info: 'info' });
  row({ key: `warm-${size}`, label: `gctf check, warm cache, nothing changed${sfx}`, ref: `cold-${size}`, refLabel: 'cold check', limit: 0.1, limitText: '≤ 0.1' });
  row({ key: `diff-${size}`, label: `gctf diff HEAD~1, 50 drafts changed, cold cache${sfx}`, ref: `cold-${size}`, refLabel: 'cold check', limit: 2, limitText: '≤ 2', missing: 'git not installed' });
  if (!opts.skipBuild) {
    const bl = `gctf build --format ${buildFormats.formats}${buildFormats.note ? ' (docx not registered yet)' : ''}, cold cache${sfx}`;
    const warm = bl.replace(/, cold cache, /, ', warm cache (a rebuild), ');
    if (!scale) {
      row({ key: `build-${size}`, label: bl, ref: `pandoc-${size}`, refLabel: 'pandoc → docx', limit: 0.5, limitText: '≤ 0.5', missing: 'not installed' });
      row({ key: `build-warm-${size}`, label: warm, ref: `pandoc-${size}`, refLabel: 'pandoc → docx', limit: 0.5, limitText: '≤ 0.5', missing: 'not installed' });
    } else {
      row({ key: `build-${size}`, label: bl, ref: `build-${REFERENCE_SIZE}`, refLabel: `same, ${n(REFERENCE_SIZE)} drafts`, limit: 11, limitText: '≤ 11, peak < 1,024 MB', memLimitMB: 1024 });
      row({ key: `build-warm-${size}`, label: warm, ref: `build-warm-${REFERENCE_SIZE}`, refLabel: `same, ${n(REFERENCE_SIZE)} drafts`, limit: 11, limitText: '≤ 11, peak < 1,024 MB', memLimitMB: 1024 });
    }
    row({ key: `pandoc-${size}`, label: `pandoc -f ${pandoc?.from ?? 'gfm'} -t docx, concatenated drafts${sfx}`, missing: 'not installed' });
  }
}
row({ key: 'practices-check', label: 'gctf check practices/ (3 languages), cold cache', limit: 0.5, limitText: '< 0.5 s' });
if (!opts.skipBuild) row({ key: 'practices-build', label: 'gctf build practices/, every format and language, cold cache', limit: 4, limitText: '< 4 s' });


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
  console.log('');
  console.log(lines.join('\n'));
}

if (opts.keep) log(`\nkept ${work}`);
else rmSync(work, { recursive: true, force: true });
