import { serveJobs } from '../thread/background-thread.js';
import { renderFormats } from './emit-thread.js';

// The emit thread: renders the formats a build gives it, while the main thread renders the rest.
serveJobs(renderFormats);
