import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { printable } from '../report/escape.js';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { cacheFolder } from '../cache/cache-folder.js';
import type { CheckResult } from '../check/check-model.js';
import { ExitError } from '../errors.js';
import type { Io } from '../io.js';
import { findFrameworkFolder } from '../read/find-framework-folder.js';
import { EVENTS_PATH, errorOverlay, inject, placeholderPage, reloadScript } from '../watch/live-reload.js';
import { assertFramework, runSession } from '../watch/session.js';

/** The port `serve` listens on unless told otherwise (Vite's preview port: free on most machines). */
export const DEFAULT_PORT = 4173;

export interface ServeOptions {
  /** The framework folder; found as FORMAT.md says when absent. */
  readonly dir?: string;
  /** The port; 0 picks a free one (printed). Default 4173. */
  readonly port?: number;
  /** The address to listen on; default 127.0.0.1, so that nothing outside this machine can connect. */
  readonly host?: string;
  /** Stops serving; the command's promise then resolves with 0. */
  readonly signal?: AbortSignal;
}

/** What the server shows: the last good pages and the last check result. */
interface Shown {
  build: number;
  pages: Map<string, string>;
  result: CheckResult | undefined;
  authoritative: string;
  title: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * `gctf serve`: serves the HTML edition(s) from memory — `/` the authoritative language, `/<lang>/`
 * the others — rebuilding after every change and reloading open pages through Server-Sent Events.
 * While the drafts have errors, the last good pages are served under an overlay listing them.
 * Resolves with 0 when `signal` aborts.
 */
export async function serve(options: ServeOptions, io: Io): Promise<number> {
  const folder = findFrameworkFolder(io.cwd, options.dir);
  assertFramework(folder);
  const host = options.host ?? '127.0.0.1';
  const shown: Shown = { build: 0, pages: new Map(), result: undefined, authoritative: '', title: path.basename(folder) };
  const streams = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    // One request never takes the preview down: whatever it makes fail is answered 400.
    try {
      respond(request, response, shown, streams, host);
    } catch {
      if (response.headersSent) response.destroy();
      else send(response, 400, 'text/plain', 'Bad request: expected a path such as / or /fr/\n');
    }
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  const port = await listen(server, options.port ?? DEFAULT_PORT, host);
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  io.stdout(`serving ${printable(path.relative(io.cwd, folder) || '.')} at ${origin}/ (Ctrl-C to stop)\n\n`);
  let announced = false;

  try {
    await runSession(folder, io, {
      cacheFolder: cacheFolder(io.cwd, io.env),
      signal: options.signal,
      onRebuild: (rebuild) => {
        shown.build = rebuild.number;
        shown.result = rebuild.result;
        if (rebuild.model) {
          shown.authoritative = rebuild.model.metadata.language;
          shown.title = rebuild.model.metadata.title[shown.authoritative] ?? shown.title;
        }
        if (rebuild.pages) shown.pages = new Map(rebuild.pages.map((p) => [p.lang, p.html]));
        if (rebuild.pages && !announced && rebuild.pages.length > 1) {
          announced = true;
          io.stdout(`editions: ${rebuild.pages.map((p) => `${p.lang} ${origin}${p.lang === shown.authoritative ? '/' : `/${p.lang}/`}`).join(', ')}\n`);
        }
        for (const stream of streams) stream.write(`data: ${shown.build}\n\n`);
      },
    });
  } finally {
    for (const stream of streams) stream.end();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
  }
  return 0;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new ExitError(2, `Port ${port} on ${host} is already in use; choose another with --port, or --port 0 for a free one`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new ExitError(2, `Cannot listen on ${host}: no such local address; expected an address of this machine such as 127.0.0.1`));
      else reject(error);
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function respond(request: IncomingMessage, response: ServerResponse, shown: Shown, streams: Set<ServerResponse>, host: string): void {
  // A page on another site may point its own host name at 127.0.0.1 (DNS rebinding) and read
  // the drafts; bound to loopback, only loopback host names are answered.
  const hostname = (request.headers.host ?? '').replace(/:\d+$/, '');
  if (LOOPBACK.has(host) && !LOOPBACK.has(hostname)) {
    send(response, 403, 'text/plain', `Refused: unexpected Host "${hostname}", expected localhost or 127.0.0.1\n`);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    send(response, 405, 'text/plain', `Unexpected method ${request.method ?? ''}, expected GET\n`);
    return;
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === EVENTS_PATH) {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write(`retry: 500\ndata: ${shown.build}\n\n`);
    streams.add(response);
    request.on('close', () => streams.delete(response));
    return;
  }
  const match = /^\/(?:([A-Za-z0-9-]+)(\/)?)?$/.exec(url.pathname);
  const lang = match?.[1] ?? shown.authoritative;
  const known = match !== null && (match[1] === undefined || (shown.pages.has(lang) && lang !== shown.authoritative));
  if (known && match?.[1] !== undefined && match[2] === undefined) {
    response.writeHead(301, { Location: `/${lang}/` }).end();
    return;
  }
  const html = shown.pages.get(lang);
  if (!known || (html === undefined && match?.[1] !== undefined)) {
    const others = [...shown.pages.keys()].filter((l) => l !== shown.authoritative).map((l) => `/${l}/`);
    send(response, 404, 'text/plain', `Not found: ${url.pathname}; expected / ${others.length ? `or ${others.join(', ')}` : ''}\n`);
    return;
  }
  let page = html ?? placeholderPage(shown.title);
  if (shown.result && shown.result.errorCount > 0) page = inject(page, errorOverlay(shown.result, html !== undefined));
  send(response, 200, 'text/html; charset=utf-8', inject(page, reloadScript(shown.build)), request.method === 'HEAD');
}

function send(response: ServerResponse, status: number, type: string, body: string, headOnly = false): void {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  response.end(headOnly ? undefined : body);
}
