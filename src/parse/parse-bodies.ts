import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Root } from 'mdast';
import { workerScript } from '../worker-url.js';
import type { ParseProfile, parseMarkdown as ParseMarkdown } from './markdown.js';
import type { ParseJob } from './parse-worker.js';
import type { TreeStore } from '../engine/tree-store.js';

/** Below this many bytes of Markdown, starting a worker costs more than it saves. */
const PARALLEL_THRESHOLD = 400_000;

/**
 * Parses many Markdown bodies: cached trees are taken from the cache, the rest are parsed on this
 * thread and, for large inputs, on worker threads at once (one per further core). The trees come
 * back in the order of `jobs`, their positions those of the whole file.
 */
export async function parseBodies(jobs: readonly ParseJob[], cache: TreeStore | undefined): Promise<Root[]> {
  const trees: (Root | undefined)[] = jobs.map((job) => cache?.get(job));
  const missing = jobs.flatMap((job, i) => (trees[i] === undefined ? [i] : []));
  if (missing.length === 0) return trees as Root[];

  // Loaded here, not at start-up: a check whose result is cached never parses Markdown; and a
  // check, which parses only its own profile, never loads remark-gfm.
  const parseMarkdown = await parserFor(missing.map((i) => jobs[i]?.profile));
  const bytes = missing.reduce((sum, i) => sum + (jobs[i]?.body.length ?? 0), 0);
  // V8's garbage collector and compiler already keep a second core busy while one thread parses
  // (measured on 2 cores: a worker saved nothing), so workers start only on the cores beyond two.
  const workers = bytes < PARALLEL_THRESHOLD ? 0 : Math.min(availableParallelism() - 2, 6);

  // Workers take their share first (they start while this thread parses its own); they get a
  // little less than this thread, since loading the parser costs them ~100 ms.
  const shares = split(missing, workers, bytes, jobs);
  const pending = shares.workers.map((indices) => runWorker(indices.map((i) => jobs[i] as ParseJob), parseMarkdown));
  for (const i of shares.local) {
    const job = jobs[i] as ParseJob;
    trees[i] = parseMarkdown(job.body, job.firstLine, job.profile);
  }
  const results = await Promise.all(pending);
  shares.workers.forEach((indices, w) => indices.forEach((i, k) => (trees[i] = results[w]?.[k])));
  if (cache) for (const i of missing) cache.set(jobs[i] as ParseJob, trees[i] as Root);
  return trees as Root[];
}

function split(missing: number[], workers: number, bytes: number, jobs: readonly ParseJob[]) {
  if (workers === 0) return { local: missing, workers: [] as number[][] };
  const workerShare = (bytes * 0.46) / workers;
  const shares: number[][] = Array.from({ length: workers }, () => []);
  const local: number[] = [];
  let w = 0;
  let filled = 0;
  for (const i of missing) {
    if (w < workers) {
      shares[w]?.push(i);
      filled += jobs[i]?.body.length ?? 0;
      if (filled >= workerShare) {
        w++;
        filled = 0;
      }
    } else {
      local.push(i);
    }
  }
  return { local, workers: shares };
}

function runWorker(jobs: ParseJob[], parseMarkdown: typeof ParseMarkdown): Promise<Root[]> {
  return new Promise((resolve, reject) => {
    const script = workerScript('./parse-worker.js', import.meta.url);
    if (!script) {
      resolve(jobs.map((job) => parseMarkdown(job.body, job.firstLine, job.profile)));
      return;
    }
    const worker = new Worker(script);
    worker.once('message', (trees: Root[]) => {
      resolve(trees);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage(jobs);
  });
}

/** `parseMarkdown`, from the module with only the `check` parser when no job needs more. */
async function parserFor(profiles: readonly (ParseProfile | undefined)[]): Promise<typeof ParseMarkdown> {
  if (profiles.some((profile) => profile !== 'check')) return (await import('./markdown.js')).parseMarkdown;
  const { checkParser, parseWith } = await import('./check-profile-parser.js');
  return (body, firstLine) => parseWith(checkParser, body, firstLine);
}
