/**
 * The HTTP server: Hono with @hono/zod-openapi. Each resource's routes live in routes/<name>.ts and
 * are declared with zod schemas, which validate the request, type the handler and produce the
 * OpenAPI document (/openapi.json, shown at /docs). Every error leaves as `{"error":{"code","message"}}`.
 * Analyses run in worker threads with a time limit; heavy reads (graphs, exports) in read workers
 * that open the database themselves, so the main thread stays free to answer.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { OpenAPIHono } from '@hono/zod-openapi';
import { getRequestListener } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import { E, SlantError, errorLine, fail } from '../core/errors.js';
import { SCHEMA_VERSION } from '../result.js';
import { Corpus, openCorpus } from '../corpus/index.js';
import { SqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { createPool } from '../corpus/pool.js';
import type { App, ServerContext, ServerOptions } from './context.js';
import { errorBody, validationError } from './http.js';
import { acquireLock, lockWarning } from './lock.js';
import { Reads } from './reads.js';
import { registerAnalyze } from './routes/analyze.js';
import { registerDocuments } from './routes/documents.js';
import { registerExport } from './routes/export.js';
import { registerFacets } from './routes/facets.js';
import { registerGraph, registerGraphTimeline } from './routes/graph.js';
import { registerCopies } from './routes/copies.js';
import { registerIngest } from './routes/ingest.js';
import { registerOutlets } from './routes/outlets.js';
import { registerTimeline } from './routes/timeline.js';
import { registerHealth } from './routes/health.js';
import { registerJobs } from './routes/jobs.js';
import { registerStatic } from './routes/static.js';

export type { ServerOptions };

export interface RunningServer {
  url: string;
  port: number;
  /** The corpus the server serves, and its store (for tests). */
  corpus: Corpus;
  store: Store;
  /** The read workers (graph cache counters, for tests and the benchmark). */
  reads: Reads;
  close(): Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  // The app is one bundled script and one stylesheet from this origin; nothing inline, nothing remote.
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export const API_DESCRIPTION =
  'Analyse articles into actors, relations and persuasion techniques; store and search them. Offsets count Unicode code points into `text`. Errors always have the shape {"error":{"code":"E…","message":"…"}}. When the server was started with SLANT_TOKEN, POST and DELETE need `Authorization: Bearer <token>`; with SLANT_READONLY=1 they are refused.';

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  // Where the read workers open the corpus themselves: the SQLite file, or the PostgreSQL URL.
  const dbPath = opts.database ?? join(opts.dataDir, 'slant.db');
  // One writing server per directory; a read-only one only says that a writer is there.
  const lock = opts.readOnly || opts.database ? null : acquireLock(ensureDir(opts.dataDir));
  if (opts.readOnly && !opts.database) {
    const note = lockWarning(opts.dataDir);
    if (note) console.error(note);
  }
  let corpus: Corpus;
  try {
    // Read-only: the file is opened read-only (read-only media work); otherwise created and migrated.
    if (opts.database) corpus = await openCorpus(opts.database);
    else corpus = opts.readOnly ? new Corpus(new SqliteStore(dbPath, { readOnly: true }), opts.dataDir) : await openCorpus(opts.dataDir);
  } catch (err) {
    lock?.release();
    throw err;
  }
  // The one worker pool (src/corpus/pool.ts): several analysis workers, each document with a time
  // limit that terminates its worker, and a queue limit (E416, 503) beyond that.
  const analyzer = createPool({ workers: opts.analyzeWorkers ?? Math.min(2, availableParallelism()), maxQueue: 32, timeoutMs: opts.analyzeTimeoutMs ?? 60_000 });
  const reads = new Reads({ db: dbPath, workers: opts.readWorkers, timeoutMs: opts.readTimeoutMs, immutable: opts.readOnly === true });
  const app = buildApp({ opts, corpus, analyzer, reads, writeGuard: writeGuard(opts), jsonBody: jsonBody(opts.maxBodyBytes ?? 12 * 1024 * 1024) }, host);

  const server: Server = createServer(getRequestListener(app.fetch));
  server.requestTimeout = Math.max(120_000, (opts.analyzeTimeoutMs ?? 60_000) + 60_000);
  server.headersTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(err.code === 'EADDRINUSE' ? new SlantError(E.UNAVAILABLE, `port ${opts.port} is already in use (set PORT to another, or 0 for any free port)`) : err),
      );
      server.listen(opts.port ?? 3000, host, () => resolve());
    });
  } catch (err) {
    await Promise.all([analyzer.close(), reads.close(), corpus.close()]);
    lock?.release();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${isLoopback(host) ? 'localhost' : host}:${port}`;
  lock?.update(url);
  // Load the pipeline (dictionaries, models) in a worker now, not on the first user's request.
  if (!opts.readOnly && opts.warmUp !== false) analyzer.analyze('Warm-up.').catch(() => undefined);
  return {
    url,
    port,
    corpus,
    store: corpus.store,
    reads,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.all([analyzer.close(), reads.close()]);
      await corpus.close();
      lock?.release();
    },
  };
}

/** The Hono app with every route; exported for tests that call `app.request()` without a socket. */
export function buildApp(ctx: ServerContext, host = '127.0.0.1'): App {
  const app: App = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error.issues as never, result.target);
    },
  });

  app.use('*', async (c, next) => {
    if (isLoopback(host) && !allowedHost(c.req.header('host'))) {
      // A page on another site that re-points its DNS name at 127.0.0.1 must not reach the API.
      return c.json({ error: { code: `E${E.BAD_REQUEST}`, message: `unexpected Host header "${String(c.req.header('host')).slice(0, 100)}"` } }, 421, SECURITY_HEADERS);
    }
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
  });

  registerHealth(app, ctx);
  registerAnalyze(app, ctx);
  registerDocuments(app, ctx);
  registerFacets(app, ctx);
  registerGraph(app, ctx);
  registerGraphTimeline(app, ctx);
  registerExport(app, ctx);
  registerIngest(app, ctx);
  registerTimeline(app, ctx);
  registerCopies(app, ctx);
  registerOutlets(app, ctx);
  registerJobs(app, ctx);

  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: { title: 'slant API', version: SCHEMA_VERSION, description: API_DESCRIPTION },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  registerStatic(app);

  app.notFound((c) => {
    const path = c.req.path;
    const allowed = methodsFor(app, path);
    if (allowed.length) {
      c.header('allow', allowed.join(', '));
      throw new SlantError(E.METHOD_NOT_ALLOWED, `${c.req.method} is not allowed on ${path.slice(0, 200)}; use ${allowed.join(' or ')}`);
    }
    if (path.startsWith('/api/')) throw new SlantError(E.NOT_FOUND, `no such endpoint: ${path.slice(0, 200)}`);
    throw new SlantError(E.NOT_FOUND, `no such file: ${path.slice(0, 200)}`);
  });

  app.onError((err, c) => {
    const { status, body } = errorBody(err);
    if (status >= 500 && status !== 503 && status !== 504 && status !== 507) console.error(`slant: ${c.req.method} ${c.req.path.slice(0, 200)}: ${errorLine(err)}`);
    const headers: Record<string, string> = { ...SECURITY_HEADERS };
    const allow = c.res.headers.get('allow');
    if (allow) headers.allow = allow;
    if (err instanceof SlantError && err.code === E.UNAUTHORIZED) headers['www-authenticate'] = 'Bearer';
    return c.json(body, status as 400, headers);
  });
  return app;
}

/** Methods registered for a path (for 405 and its Allow header). */
function methodsFor(app: App, path: string): string[] {
  const methods = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.path === '*' || r.path === '/*') continue;
    const re = new RegExp(`^${r.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '[^/]+')}$`);
    if (re.test(path)) methods.add(r.method);
  }
  return [...methods];
}

function writeGuard(opts: ServerOptions): MiddlewareHandler {
  return async (c, next) => {
    if (opts.readOnly) fail(E.READ_ONLY, 'this server is read-only (SLANT_READONLY is set)');
    if (opts.token && !tokenMatches(c.req.header('authorization'), opts.token)) {
      fail(E.UNAUTHORIZED, 'this endpoint needs "Authorization: Bearer <token>" (the SLANT_TOKEN the server was started with)');
    }
    await next();
  };
}

/**
 * Read an application/json object body of at most `limit` bytes (JSON only: it also forces a CORS
 * preflight), and leave the text in Hono's body cache for the validator.
 */
function jsonBody(limit: number): MiddlewareHandler {
  return async (c: Context, next) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') fail(E.UNSUPPORTED_MEDIA, `the body must be application/json (got ${type ? `"${type}"` : 'no content-type'})`);
    const declared = Number(c.req.header('content-length') ?? NaN);
    if (declared > limit) fail(E.INPUT_TOO_LARGE, `the request body is ${declared} bytes; the limit is ${limit}`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = c.req.raw.body?.getReader();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        void reader.cancel();
        fail(E.INPUT_TOO_LARGE, `the request body is over the limit of ${limit} bytes`);
      }
      chunks.push(value);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      fail(E.BAD_JSON, `the request body is not valid JSON: ${(err as Error).message}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(E.BAD_REQUEST, 'the request body must be a JSON object');
    const cache = c.req.bodyCache as Record<string, unknown>;
    cache.text = Promise.resolve(text);
    cache.json = Promise.resolve(value);
    await next();
  };
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  // Compare digests so the comparison takes the same time whatever the length.
  const a = createHash('sha256').update(m[1]!.trim()).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function allowedHost(header: string | undefined): boolean {
  if (!header) return true;
  const name = header.replace(/:\d+$/, '').toLowerCase();
  return name === 'localhost' || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/** The data directory, created when missing (the lock file goes in before the database). */
function ensureDir(dir: string): string {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  return dir;
}
