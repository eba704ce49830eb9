/**
 * The HTTP server: the web app (static files bundled into dist/web) and the JSON API over one store.
 * Plain node:http with a small route table; every error leaves as `{"error":{"code","message"}}`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { E, errorLine, fail } from '../core/errors.js';
import type { Input } from '../analyze.js';
import { SCHEMA_VERSION, type AnalysisResult } from '../result.js';
import { SqliteStore } from '../store/sqlite.js';
import { SORT_KEYS, MAX_PAGE_SIZE, type SearchQuery, type SortKey, type Store } from '../store/types.js';
import { csvHeader, csvRow } from '../store/export.js';
import { Analyzer, checkResult } from './analyzer.js';
import { buildActorGraph } from '../corpus/graph.js';
import { openApi } from './openapi.js';
import { errorBody, readJson, optString, sendError, sendJson } from './http.js';
import { techniqueInfo } from './techniques.js';

export interface ServerOptions {
  /** Folder holding slant.db (created when missing). */
  dataDir: string;
  port?: number;
  /** Interface to listen on (default 127.0.0.1: only this machine). */
  host?: string;
  /** When set, POST and DELETE need `Authorization: Bearer <token>`. */
  token?: string;
  /** Refuse every write (analyse, delete). */
  readOnly?: boolean;
  /** Largest request body in bytes (default 12 MB). */
  maxBodyBytes?: number;
  /** Longest one analysis may run (default 60 s). */
  analyzeTimeoutMs?: number;
  /** Let `url` analyses fetch loopback/private addresses (default false). */
  allowPrivateUrls?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  close(): Promise<void>;
}

const MAX_TEXT_CHARS = 5_000_000;
const MAX_GRAPH_DOCS = 500;
const MAX_EXPORT_DOCS = 100_000;

const SECURITY_HEADERS: Record<string, string> = {
  // The app is one bundled script and one stylesheet from this origin; nothing inline, nothing remote.
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, params: string[]) => Promise<void>;
interface Route {
  method: string;
  pattern: RegExp;
  write: boolean;
  handler: Handler;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const store: Store = new SqliteStore(join(opts.dataDir, 'slant.db'));
  const analyzer = new Analyzer(opts.analyzeTimeoutMs ?? 60_000);
  const maxBody = opts.maxBodyBytes ?? 12 * 1024 * 1024;
  const host = opts.host ?? '127.0.0.1';
  const web = loadWeb();

  const routes: Route[] = [];
  const route = (method: string, path: string, handler: Handler, write = false): void => {
    routes.push({ method, pattern: new RegExp(`^${path.replace(/:(\w+)/g, '([A-Za-z0-9_-]{1,64})')}$`), write, handler });
  };

  route('GET', '/api/health', async (_q, res) => sendJson(res, 200, { ok: true, documents: await store.count(), schemaVersion: SCHEMA_VERSION }));
  route('GET', '/api/meta', async (_q, res) =>
    sendJson(res, 200, { schemaVersion: SCHEMA_VERSION, readOnly: opts.readOnly === true, tokenRequired: Boolean(opts.token), techniques: await techniqueInfo() }),
  );
  route('GET', '/openapi.json', async (_q, res) => sendJson(res, 200, openApi()));

  route(
    'POST',
    '/api/analyze',
    async (req, res) => {
      const input = await analyzeInput(await readJson(req, maxBody), opts.allowPrivateUrls === true);
      const result = checkResult(await analyzer.analyze(input));
      const stored = await store.put(result);
      sendJson(res, 201, stored, { location: `/api/documents/${stored.id}` });
    },
    true,
  );

  route('GET', '/api/documents', async (_q, res, url) => {
    const query = searchQuery(url, ['q', 'from', 'to', 'outlet', 'actor', 'technique', 'ids', 'sort', 'order', 'page', 'pageSize']);
    sendJson(res, 200, await store.search(query));
  });
  route('GET', '/api/documents/:id', async (_q, res, _u, [id]) => {
    const doc = await store.get(id!);
    if (!doc) fail(E.NOT_FOUND, `no document with id "${id}"`);
    sendJson(res, 200, doc);
  });
  route('GET', '/api/documents/:id/report', async (_q, res, _u, [id]) => {
    const doc = await store.get(id!);
    if (!doc) fail(E.NOT_FOUND, `no document with id "${id}"`);
    const { renderReportHtml } = await import('../report/index.js');
    const html = renderReportHtml(doc.result);
    // The standalone report (same as `slant analyze --format html`): inline styles, no script at all.
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(html),
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
    res.end(html);
  });
  route(
    'DELETE',
    '/api/documents/:id',
    async (_q, res, _u, [id]) => {
      if (!(await store.delete(id!))) fail(E.NOT_FOUND, `no document with id "${id}"`);
      res.writeHead(204).end();
    },
    true,
  );
  route('GET', '/api/facets', async (_q, res) => sendJson(res, 200, await store.facets()));

  route('GET', '/api/graph', async (_q, res, url) => {
    const query = searchQuery(url, ['q', 'from', 'to', 'outlet', 'actor', 'technique', 'ids']);
    const docs: Array<{ id: string; result: AnalysisResult }> = [];
    for await (const d of store.each(query, MAX_GRAPH_DOCS)) docs.push(d);
    sendJson(res, 200, buildActorGraph(docs));
  });

  route('GET', '/api/export', async (_q, res, url) => {
    const format = url.searchParams.get('format') ?? 'json';
    if (format !== 'json' && format !== 'csv') fail(E.BAD_REQUEST, `"format" must be json or csv, not "${format.slice(0, 20)}"`);
    const query = searchQuery(url, ['q', 'from', 'to', 'outlet', 'actor', 'technique', 'ids', 'sort', 'order', 'format']);
    const stamp = new Date().toISOString().slice(0, 10);
    res.writeHead(200, {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="slant-${stamp}.${format}"`,
    });
    let first = true;
    res.write(format === 'csv' ? csvHeader() : '[\n');
    for await (const d of store.each(query, MAX_EXPORT_DOCS)) {
      const chunk = format === 'csv' ? csvRow(d) : `${first ? '' : ',\n'}${JSON.stringify(d)}`;
      first = false;
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    }
    res.end(format === 'csv' ? '' : '\n]\n');
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (isLoopback(host) && !allowedHost(req.headers.host)) {
      // A page on another site that re-points its DNS name at 127.0.0.1 must not reach the API.
      return sendJson(res, 421, { error: { code: `E${E.BAD_REQUEST}`, message: `unexpected Host header "${String(req.headers.host).slice(0, 100)}"` } });
    }
    const path = url.pathname;
    if (!path.startsWith('/api/') && path !== '/openapi.json') return serveStatic(web, req, res, path);
    const matching = routes.filter((r) => r.pattern.test(path));
    if (!matching.length) fail(E.NOT_FOUND, `no such endpoint: ${path.slice(0, 200)}`);
    const r = matching.find((x) => x.method === req.method || (req.method === 'HEAD' && x.method === 'GET'));
    if (!r) {
      res.setHeader('allow', matching.map((x) => x.method).join(', '));
      fail(E.METHOD_NOT_ALLOWED, `${req.method} is not allowed on ${path}; use ${matching.map((x) => x.method).join(' or ')}`);
    }
    if (r.write) {
      if (opts.readOnly) fail(E.READ_ONLY, 'this server is read-only (SLANT_READONLY is set)');
      if (opts.token && !tokenMatches(req.headers.authorization, opts.token)) {
        res.setHeader('www-authenticate', 'Bearer');
        fail(E.UNAUTHORIZED, 'this endpoint needs "Authorization: Bearer <token>" (the SLANT_TOKEN the server was started with)');
      }
    }
    const params = r.pattern.exec(path)!.slice(1);
    await r.handler(req, res, url, params);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const { status } = errorBody(err);
      if (status >= 500) console.error(`slant: ${req.method} ${(req.url ?? '').slice(0, 200)}: ${errorLine(err)}`);
      sendError(res, err);
      // Drain what the client is still sending, so it reads our error instead of a reset.
      req.resume();
    });
  });
  server.requestTimeout = Math.max(120_000, (opts.analyzeTimeoutMs ?? 60_000) + 60_000);
  server.headersTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${opts.port} is already in use (set PORT to another, or 0 for any free port)`) : err),
    );
    server.listen(opts.port ?? 3000, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // Load the pipeline (dictionaries, models) in the worker now, not on the first user's request.
  if (!opts.readOnly) analyzer.analyze('Warm-up.').catch(() => undefined);
  return {
    url: `http://${isLoopback(host) ? 'localhost' : host}:${port}`,
    port,
    store,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await analyzer.close();
      await store.close();
    },
  };
}

/** Validate `POST /api/analyze`: exactly one of text, html, url; optional metadata. */
async function analyzeInput(body: Record<string, unknown>, allowPrivate: boolean): Promise<Input> {
  const known = new Set(['text', 'html', 'url', 'title', 'date', 'source', 'byline']);
  for (const k of Object.keys(body)) if (!known.has(k)) fail(E.BAD_REQUEST, `unknown field "${k.slice(0, 40)}" (expected text, html or url, and optionally title, date, source, byline)`);
  const text = optString(body, 'text', MAX_TEXT_CHARS);
  const html = optString(body, 'html', MAX_TEXT_CHARS * 2);
  const url = optString(body, 'url', 2000);
  const given = [text, html, url].filter((x) => x !== undefined).length;
  if (given !== 1) fail(E.BAD_REQUEST, given ? 'give only one of "text", "html" or "url"' : 'the body needs a "text", "html" or "url" field');
  if (text !== undefined && text.trim() === '') fail(E.EMPTY_INPUT, '"text" is empty');
  if (html !== undefined && html.trim() === '') fail(E.EMPTY_INPUT, '"html" is empty');
  const meta = {
    title: optString(body, 'title', 1000),
    date: optString(body, 'date', 40),
    source: optString(body, 'source', 200),
    byline: optString(body, 'byline', 500),
  };
  if (meta.date !== undefined && !/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(meta.date)) fail(E.BAD_REQUEST, '"date" must be an ISO 8601 date such as 2022-05-05');
  const clean = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
  if (url !== undefined) {
    if (!/^https?:\/\//i.test(url)) fail(E.URL_FORBIDDEN, '"url" must start with http:// or https://');
    const { loadInput } = await import('../input/load.js');
    const loaded = (await loadInput(url, { allowPrivate })) as Record<string, unknown>;
    return { ...loaded, ...clean } as Input;
  }
  return { ...(text !== undefined ? { text } : { html: html! }), ...clean } as Input;
}

/** Query-string filters, validated; unknown parameters are named in the error. */
function searchQuery(url: URL, allowed: string[]): SearchQuery {
  const p = url.searchParams;
  for (const k of p.keys()) if (!allowed.includes(k)) fail(E.BAD_REQUEST, `unknown query parameter "${k.slice(0, 40)}" (allowed: ${allowed.join(', ')})`);
  const str = (k: string, max = 500): string | undefined => {
    const v = p.get(k);
    if (v === null || v === '') return undefined;
    if (v.length > max) fail(E.BAD_REQUEST, `"${k}" is longer than ${max} characters`);
    return v;
  };
  const int = (k: string, lo: number, hi: number): number | undefined => {
    const v = str(k, 12);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < lo || n > hi) fail(E.BAD_REQUEST, `"${k}" must be a whole number from ${lo} to ${hi}`);
    return n;
  };
  const date = (k: string): string | undefined => {
    const v = str(k, 40);
    if (v !== undefined && !/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(v)) fail(E.BAD_REQUEST, `"${k}" must be a date such as 2022-05-05`);
    return v;
  };
  const sort = str('sort', 20);
  if (sort !== undefined && !(SORT_KEYS as readonly string[]).includes(sort)) fail(E.BAD_REQUEST, `"sort" must be one of ${SORT_KEYS.join(', ')}`);
  const order = str('order', 10);
  if (order !== undefined && order !== 'asc' && order !== 'desc') fail(E.BAD_REQUEST, '"order" must be asc or desc');
  const idsRaw = str('ids', 20_000);
  const ids = idsRaw?.split(',').filter(Boolean);
  if (ids && (ids.length > MAX_GRAPH_DOCS || ids.some((i) => !/^[A-Za-z0-9_-]{1,64}$/.test(i)))) fail(E.BAD_REQUEST, `"ids" must be up to ${MAX_GRAPH_DOCS} comma-separated document ids`);
  return {
    q: str('q'),
    from: date('from'),
    to: date('to'),
    outlet: str('outlet', 200),
    actor: str('actor', 40),
    technique: str('technique', 80),
    ids,
    sort: sort as SortKey | undefined,
    order: order as 'asc' | 'desc' | undefined,
    page: int('page', 1, 1_000_000),
    pageSize: int('pageSize', 1, MAX_PAGE_SIZE),
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

// --- static files -------------------------------------------------------------------------------

interface WebFile {
  type: string;
  body: Buffer;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** The bundled app, read once (a few hundred kB). */
function loadWeb(): Map<string, WebFile> {
  const dir = new URL('../web/', import.meta.url).pathname;
  const files = new Map<string, WebFile>();
  for (const name of ['index.html', 'app.js', 'app.css', 'favicon.svg']) {
    const path = join(dir, name);
    if (existsSync(path)) files.set(`/${name}`, { type: TYPES[name.slice(name.lastIndexOf('.'))]!, body: readFileSync(path) });
  }
  return files;
}

function serveStatic(web: Map<string, WebFile>, req: IncomingMessage, res: ServerResponse, path: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') fail(E.METHOD_NOT_ALLOWED, `${req.method} is not allowed on ${path.slice(0, 200)}`);
  // The app routes with the hash (#/library); /docs is the API page inside it.
  const file = web.get(path === '/' || path === '/docs' ? '/index.html' : path);
  if (!file) {
    if (path === '/' || path === '/docs') fail(E.NOT_FOUND, 'the web app is not built; run "npm run build"');
    fail(E.NOT_FOUND, `no such file: ${path.slice(0, 200)}`);
  }
  res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length, 'cache-control': 'no-cache' });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}
