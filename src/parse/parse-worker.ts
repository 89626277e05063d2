import { parentPort } from 'node:worker_threads';
import { parseMarkdown, type ParseProfile } from './markdown.js';

/** One Markdown body to parse, and the file line it starts on. */
export interface ParseJob {
  readonly body: string;
  readonly firstLine: number;
  readonly profile: ParseProfile;
}

// A worker thread of the parse pool: parses the bodies it is sent and sends the trees back.
parentPort?.on('message', (jobs: ParseJob[]) => {
  parentPort?.postMessage(jobs.map((job) => parseMarkdown(job.body, job.firstLine, job.profile)));
});
