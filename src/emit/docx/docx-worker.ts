import { serveJobs } from '../../thread/background-thread.js';
import { writeDocx } from './write-docx.js';

// The Word writer's thread: docx builds and serializes an object for every paragraph and run,
// seconds of work for a large framework, done here while the main thread renders the other formats.
serveJobs(writeDocx);
