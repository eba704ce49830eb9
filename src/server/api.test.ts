// The HTTP API over real HTTP against a real SQLite file in a temporary directory.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { request } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startServer, type RunningServer } from './app.js';
import { CORPUS_RECORDS as RECORDS } from './fixtures.js';
import { SqliteStore } from '../store/sqlite.js';

const ARTICLE = 'Moscow and Beijing are strategic partners. Washington keeps pressuring Moscow, and the so-called “threat” from China is a fantasy. 🚀 中国 remains calm.';

let dir: string;
let srv: RunningServer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slant-api-'));
  srv = await startServer({ dataDir: dir, port: 0, maxBodyBytes: 200_000 });
});
after(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, base = srv.url): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* CSV and empty bodies */
  }
  return { status: res.status, json, text, headers: res.headers };
}

function assertError(r: { status: number; json: any }, status: number, code: string, mention?: RegExp): void {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.deepEqual(Object.keys(r.json), ['error']);
  assert.equal(r.json.error.code, code);
  assert.equal(typeof r.json.error.message, 'string');
  if (mention) assert.match(r.json.error.message, mention);
}

test('analyse, read, search, filter, graph, export, delete', async () => {
  const a = await call('POST', '/api/analyze', { text: ARTICLE, title: 'Partners and pressure', date: '2022-05-05' });
  assert.equal(a.status, 201, a.text);
  const id: string = a.json.id;
  assert.match(id, /^[a-z2-9]{12}$/);
  assert.equal(a.headers.get('location'), `/api/documents/${id}`);
  assert.equal(a.json.result.text, ARTICLE);
  assert.equal(a.json.result.meta.title, 'Partners and pressure');
  // Offsets are code points: every technique/actor span slices back to its text.
  const cps = [...a.json.result.text];
  for (const m of a.json.result.actors.flatMap((x: any) => x.mentions)) assert.equal(cps.slice(m.start, m.end).join(''), m.text);

  // The same text again is not stored twice: 200 with the stored document.
  const dup = await call('POST', '/api/analyze', { text: ARTICLE, title: 'Partners and pressure', date: '2022-05-05' });
  assert.equal(dup.status, 200, dup.text);
  assert.equal(dup.json.id, id);

  const b = await call('POST', '/api/analyze', { html: '<html><head><title>Second</title></head><body><article><p>Europe trades with Ukraine every single day of the year, and nobody minds.</p><p>Another paragraph about Europe and trade and wheat.</p></article></body></html>' });
  assert.equal(b.status, 201, b.text);

  const got = await call('GET', `/api/documents/${id}`);
  assert.equal(got.status, 200);
  assert.equal(got.json.result.id, id);

  const s = await call('GET', '/api/documents?q=partners');
  assert.equal(s.status, 200);
  assert.deepEqual(s.json.items.map((i: any) => i.id), [id]);
  assert.equal((await call('GET', '/api/documents?q=nobody')).json.items[0].id, b.json.id);
  assert.equal((await call('GET', '/api/documents?from=2022-01-01&to=2022-12-31')).json.total, 1);
  assert.equal((await call('GET', '/api/documents?sort=title&order=asc&pageSize=1&page=2')).json.items.length, 1);
  const all = await call('GET', '/api/documents');
  assert.equal(all.json.total, 2);

  const g = await call('GET', `/api/graph?ids=${id}`);
  assert.equal(g.status, 200);
  assert.deepEqual(g.json.documents.map((d: any) => d.id), [id]);
  assert.ok(Array.isArray(g.json.nodes) && Array.isArray(g.json.edges) && Array.isArray(g.json.triads));
  assert.ok(['events', 'co-mentions'].includes(g.json.basis));
  const gq = await call('GET', '/api/graph?q=partners');
  assert.equal(gq.json.documents.length, 1);

  const csv = await call('GET', '/api/export?format=csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="slant-.*\.csv"/);
  assert.equal(csv.text.split('\r\n')[0], 'id,created,title,date,outlet,url,language,words,actors,techniques,events,narratives,text');
  const json = await call('GET', `/api/export?format=json&ids=${id}`);
  assert.equal(json.json.length, 1);
  assert.equal(json.json[0].result.text, ARTICLE);

  const report = await fetch(`${srv.url}/api/documents/${id}/report`);
  assert.equal(report.status, 200);
  assert.match(report.headers.get('content-type') ?? '', /text\/html/);
  assert.match(await report.text(), /Partners and pressure/);
  const facets = await call('GET', '/api/facets');
  assert.ok(Array.isArray(facets.json.actors));

  const del = await call('DELETE', `/api/documents/${id}`);
  assert.equal(del.status, 204);
  assertError(await call('GET', `/api/documents/${id}`), 404, 'E404', new RegExp(id));
  assertError(await call('DELETE', `/api/documents/${id}`), 404, 'E404');
  assert.equal((await call('GET', '/api/documents?q=partners')).json.total, 0);
});

test('validation errors name the field, with one error shape everywhere', async () => {
  assertError(await call('POST', '/api/analyze', {}), 400, 'E410', /"text", "html" or "url"/);
  assertError(await call('POST', '/api/analyze', { text: 5 }), 400, 'E410', /"text" must be a string/);
  assertError(await call('POST', '/api/analyze', { text: 'a', html: '<p>b</p>' }), 400, 'E410', /only one/);
  assertError(await call('POST', '/api/analyze', { text: '   ' }), 400, 'E101', /"text" is empty/);
  assertError(await call('POST', '/api/analyze', { text: 'x', colour: 'red' }), 400, 'E410', /unknown field "colour"/);
  assertError(await call('POST', '/api/analyze', { text: 'x', date: 'yesterday' }), 400, 'E410', /"date"/);
  assertError(await call('POST', '/api/analyze', '{"text": '), 400, 'E106', /not valid JSON/);
  assertError(await call('POST', '/api/analyze', '[1,2]'), 400, 'E410', /JSON object/);
  assertError(await call('POST', '/api/analyze', 'text=hello', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'E415', /application\/json/);
  assertError(await call('POST', '/api/analyze', { text: 'x'.repeat(300_000) }), 413, 'E103', /limit/);
  assertError(await call('GET', '/api/documents?colour=red'), 400, 'E410', /"colour"/);
  assertError(await call('GET', '/api/documents?pageSize=5000'), 400, 'E410', /"pageSize"/);
  assertError(await call('GET', '/api/documents?sort=colour'), 400, 'E410', /"sort"/);
  assertError(await call('GET', '/api/documents?from=May'), 400, 'E410', /"from"/);
  assertError(await call('GET', '/api/export?format=xml'), 400, 'E410', /"format"/);
  assertError(await call('GET', '/api/graph?ids=a,b;c'), 400, 'E410', /"ids"/);
  assertError(await call('GET', '/api/nothing'), 404, 'E404', /no such endpoint/);
  const m = await call('PUT', '/api/documents');
  assertError(m, 405, 'E414');
  assert.equal(m.headers.get('allow'), 'GET');
  assertError(await call('POST', '/api/analyze', { url: 'ftp://example.org/a' }), 422, 'E108', /http/);
  assertError(await call('POST', '/api/analyze', { url: 'http://127.0.0.1:9/x' }), 422, 'E108', /private or local/);
});

test('security headers, Host check, OpenAPI and the app shell', async () => {
  const r = await fetch(`${srv.url}/`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  const html = await r.text();
  assert.match(html, /<script type="module" src="\/app.js">/);
  assert.equal((await fetch(`${srv.url}/app.js`)).status, 200);
  assert.equal((await fetch(`${srv.url}/docs`)).status, 200);
  const api = await call('GET', '/openapi.json');
  assert.equal(api.json.openapi, '3.0.3');
  for (const p of ['/api/analyze', '/api/documents', '/api/documents/{id}', '/api/graph', '/api/export']) assert.ok(api.json.paths[p], p);
  // A foreign Host header (DNS rebinding) is refused.
  const status = await new Promise<number>((resolve, reject) => {
    const u = new URL(srv.url);
    request({ host: u.hostname, port: u.port, path: '/api/health', headers: { host: 'evil.example:80' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
  assert.equal(status, 421);
});

test('token, read-only mode, time limit, URL fetch and restart', async () => {
  const d2 = mkdtempSync(join(tmpdir(), 'slant-api2-'));
  // A page on loopback, fetched only because this server allows private URLs.
  const page = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<html><head><title>Local page</title></head><body><article><p>Paris and Berlin signed a treaty on energy cooperation yesterday afternoon.</p><p>Both governments praised the treaty.</p></article></body></html>');
  });
  await new Promise<void>((r) => page.listen(0, '127.0.0.1', () => r()));
  const pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/article`;
  try {
    let s2 = await startServer({ dataDir: d2, port: 0, token: 's3cret', allowPrivateUrls: true });
    assertError(await call('POST', '/api/analyze', { text: ARTICLE }, {}, s2.url), 401, 'E411', /Bearer/);
    assertError(await call('POST', '/api/analyze', { text: ARTICLE }, { authorization: 'Bearer nope' }, s2.url), 401, 'E411');
    const ok = await call('POST', '/api/analyze', { url: pageUrl }, { authorization: 'Bearer s3cret' }, s2.url);
    assert.equal(ok.status, 201, ok.text);
    assert.match(ok.json.result.text, /Paris and Berlin signed a treaty/);
    assert.equal((await call('GET', '/api/documents', undefined, {}, s2.url)).json.total, 1, 'reads need no token');
    assertError(await call('DELETE', `/api/documents/${ok.json.id}`, undefined, {}, s2.url), 401, 'E411');
    await s2.close();

    // Restart read-only on the same file: the document is still there; writes are refused.
    s2 = await startServer({ dataDir: d2, port: 0, readOnly: true });
    assert.equal((await call('GET', `/api/documents/${ok.json.id}`, undefined, {}, s2.url)).status, 200);
    assert.equal((await call('GET', '/api/documents?q=treaty', undefined, {}, s2.url)).json.total, 1);
    assertError(await call('POST', '/api/analyze', { text: ARTICLE }, {}, s2.url), 403, 'E412', /read-only/);
    assertError(await call('DELETE', `/api/documents/${ok.json.id}`, undefined, {}, s2.url), 403, 'E412');
    await s2.close();

    // An analysis over its time limit is stopped with 504, and the server keeps serving.
    s2 = await startServer({ dataDir: d2, port: 0, analyzeTimeoutMs: 1 });
    assertError(await call('POST', '/api/analyze', { text: ARTICLE }, {}, s2.url), 504, 'E413', /longer than/);
    assert.equal((await call('GET', '/api/health', undefined, {}, s2.url)).json.documents, 1);
    await s2.close();
  } finally {
    page.close();
    rmSync(d2, { recursive: true, force: true });
  }
});

test('fault 8: a full disk is the storage error (507), not an internal one', async () => {
  const d = mkdtempSync(join(tmpdir(), 'slant-full-'));
  const s = await startServer({ dataDir: d, port: 0 });
  try {
    // SQLite's own limit on the file's pages gives the same SQLITE_FULL a full disk gives.
    const db = (s.store as unknown as { db: { pragma(q: string, o?: object): unknown } }).db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const r = await call('POST', '/api/analyze', { text: ARTICLE.repeat(40) }, {}, s.url);
    assertError(r, 507, 'E401', /disk is full/);
    assert.equal((await call('GET', '/api/health', undefined, {}, s.url)).json.documents, 0, 'nothing half-stored');
    db.pragma('max_page_count = 1073741823');
    assert.equal((await call('POST', '/api/analyze', { text: ARTICLE }, {}, s.url)).status, 201, 'stores again once there is room');
  } finally {
    await s.close();
    rmSync(d, { recursive: true, force: true });
  }
});

test('fault 8: SLANT_READONLY serves an existing database from a write-protected folder', async () => {
  const d = mkdtempSync(join(tmpdir(), 'slant-ro-'));
  const w = await startServer({ dataDir: d, port: 0 });
  const id = (await call('POST', '/api/analyze', { text: ARTICLE, title: 'Kept' }, {}, w.url)).json.id as string;
  await w.close();
  const before = readdirSync(d).sort();
  chmodSync(join(d, 'slant.db'), 0o444);
  chmodSync(d, 0o555);
  try {
    const s = await startServer({ dataDir: d, port: 0, readOnly: true });
    try {
      assert.equal((await call('GET', `/api/documents/${id}`, undefined, {}, s.url)).json.result.meta.title, 'Kept');
      assert.equal((await call('GET', '/api/documents?q=partners', undefined, {}, s.url)).json.total, 1);
      assert.equal((await call('GET', `/api/graph?ids=${id}`, undefined, {}, s.url)).status, 200, 'the read workers open it too');
      assert.equal((await call('GET', '/api/export?format=csv', undefined, {}, s.url)).text.split('\r\n').length, 3);
      assertError(await call('POST', '/api/analyze', { text: ARTICLE }, {}, s.url), 403, 'E412');
    } finally {
      await s.close();
    }
    // Nothing written beside the database: no -shm/-wal, no lock (root ignores the modes, so only checked for others).
    if (process.getuid?.() !== 0) assert.deepEqual(readdirSync(d).sort(), before);
  } finally {
    chmodSync(d, 0o755);
    chmodSync(join(d, 'slant.db'), 0o644);
    rmSync(d, { recursive: true, force: true });
  }
});

test('fault 8: a second writing server on one data directory is refused; a stale lock is taken over', async () => {
  const d = mkdtempSync(join(tmpdir(), 'slant-lock-'));
  try {
    const a = await startServer({ dataDir: d, port: 0, warmUp: false });
    const lock = JSON.parse(readFileSync(join(d, 'slant.lock'), 'utf8'));
    assert.equal(lock.pid, process.pid);
    assert.equal(lock.url, a.url);
    await assert.rejects(startServer({ dataDir: d, port: 0, warmUp: false }), (e: Error) => /E?another slant server \(pid \d+.*\) is using/.test(e.message) && (e as { code?: number }).code === 417);
    // A read-only server may share the directory (it only notes the writer).
    const ro = await startServer({ dataDir: d, port: 0, readOnly: true });
    assert.equal((await call('GET', '/api/health', undefined, {}, ro.url)).status, 200);
    await ro.close();
    await a.close();
    assert.ok(!existsSync(join(d, 'slant.lock')), 'released on close');
    // A lock left by a process that is gone (kill -9) does not block the next start.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(d, 'slant.lock'), JSON.stringify({ pid: Number(dead), host: hostname(), started: '2020-01-01T00:00:00Z' }));
    const b = await startServer({ dataDir: d, port: 0, warmUp: false });
    assert.equal(JSON.parse(readFileSync(join(d, 'slant.lock'), 'utf8')).pid, process.pid);
    await b.close();
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test('corpus endpoints: ingest with progress, timeline, copies with differences, outlet, graph over time, exports', async () => {
  const d = mkdtempSync(join(tmpdir(), 'slant-corpus-api-'));
  const s = await startServer({ dataDir: d, port: 0 });
  try {
    const content = [...RECORDS.map((r) => JSON.stringify(r)), '{"title": "no text"}', '{broken'].join('\n') + '\n';
    const started = await call('POST', '/api/ingest', { name: 'records.jsonl', content }, {}, s.url);
    assert.equal(started.status, 202, started.text);
    assert.equal(started.headers.get('location'), `/api/ingest/${started.json.job}`);
    let job = started.json;
    for (let i = 0; i < 600 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await call('GET', `/api/ingest/${job.job}`, undefined, {}, s.url)).json;
    }
    assert.equal(job.status, 'done', JSON.stringify(job));
    assert.equal(job.progress.ingested, 4);
    assert.equal(job.progress.errors, 2);
    assert.match(job.errors[0].where, /^records\.jsonl:5/);
    assertError(await call('GET', '/api/ingest/nope', undefined, {}, s.url), 404, 'E404');
    assertError(await call('POST', '/api/ingest', { name: 'x.jsonl' }, {}, s.url), 400, 'E410', /"content"/);

    // The same file again stores nothing new.
    let again = (await call('POST', '/api/ingest', { name: 'records.jsonl', content }, {}, s.url)).json;
    for (let i = 0; i < 600 && again.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = (await call('GET', `/api/ingest/${again.job}`, undefined, {}, s.url)).json;
    }
    assert.deepEqual([again.progress.ingested, again.progress.duplicates], [0, 4]);

    const t = await call('GET', '/api/timeline?by=outlet&interval=month', undefined, {}, s.url);
    assert.equal(t.status, 200, t.text);
    assert.deepEqual(t.json.periods, ['2022-03', '2022-04', '2022-05']);
    const alpha = t.json.series.find((x: any) => x.label === 'Alpha News');
    assert.deepEqual(alpha.points.filter((p: any) => p.count).map((p: any) => [p.period, p.count]), [['2022-03', 1], ['2022-05', 1]]);
    assertError(await call('GET', '/api/timeline?by=colour', undefined, {}, s.url), 400, 'E410', /"by" must be one of/);

    const copies = await call('GET', '/api/copies', undefined, {}, s.url);
    assert.equal(copies.status, 200, copies.text);
    assert.equal(copies.json.families.length, 1);
    const fam = copies.json.families[0];
    assert.deepEqual(fam.members.map((m: any) => m.outlet), ['Alpha News', 'Beta Daily']);
    assert.ok(copies.json.republication.some((r: any) => r.count === 1));
    const detail = await call('GET', `/api/copies/${fam.members[1].id}`, undefined, {}, s.url);
    assert.equal(detail.status, 200, detail.text);
    const changes = detail.json.changes[0].changes;
    assert.ok(changes.headline, 'headline rewritten');
    assert.ok(changes.removed.some((x: string) => x.includes('Analysts in Kyiv')), JSON.stringify(changes.removed));
    const lone = (await call('GET', '/api/documents?q=fisheries', undefined, {}, s.url)).json.items[0].id;
    assertError(await call('GET', `/api/copies/${lone}`, undefined, {}, s.url), 404, 'E404', /no copies/);

    const outlet = await call('GET', `/api/outlets/${encodeURIComponent('Alpha News')}`, undefined, {}, s.url);
    assert.equal(outlet.status, 200, outlet.text);
    assert.equal(outlet.json.documents, 2);
    assert.equal(outlet.json.restDocuments, 2);

    const slices = await call('GET', '/api/graph/timeline?interval=month&cumulative=true', undefined, {}, s.url);
    assert.equal(slices.status, 200, slices.text);
    assert.deepEqual(slices.json.slices.map((x: any) => [x.period, x.documents]), [['2022-03', 2], ['2022-04', 3], ['2022-05', 4]]);
    assert.ok(slices.json.slices[0].graph.nodes.some((n: any) => n.code === 'RUS'));

    const jl = await call('GET', '/api/export?format=jsonl&outlet=Alpha%20News', undefined, {}, s.url);
    assert.match(jl.headers.get('content-type') ?? '', /ndjson/);
    assert.equal(jl.text.trim().split('\n').length, 2);
    const w3c = await call('GET', '/api/export?format=w3c', undefined, {}, s.url);
    assert.equal(w3c.status, 200);
    assert.ok(JSON.stringify(w3c.json).includes('TextPositionSelector'));

    const api = (await call('GET', '/openapi.json', undefined, {}, s.url)).json;
    for (const p of ['/api/ingest', '/api/ingest/{job}', '/api/timeline', '/api/copies', '/api/copies/{id}', '/api/outlets/{name}', '/api/graph/timeline']) assert.ok(api.paths[p], p);
    // Repeated heavy reads come from the cache while the corpus is unchanged.
    const before = s.reads.hits;
    await call('GET', '/api/timeline?by=outlet&interval=month', undefined, {}, s.url);
    assert.equal(s.reads.hits, before + 1);
  } finally {
    await s.close();
    rmSync(d, { recursive: true, force: true });
  }
});

test('heavy reads: a graph over its time limit is stopped (504) and frees its worker; the cache follows writes from elsewhere', async () => {
  const d = mkdtempSync(join(tmpdir(), 'slant-reads-'));
  const writer = new SqliteStore(join(d, 'slant.db'));
  const base = (await call('GET', `/api/documents/${(await call('POST', '/api/analyze', { text: ARTICLE, title: 'Seed' })).json.id}`)).json.result;
  await writer.put({ ...base, id: null });
  const slow = await startServer({ dataDir: d, port: 0, warmUp: false, readTimeoutMs: 1, readWorkers: 1 });
  try {
    assertError(await call('GET', '/api/graph', undefined, {}, slow.url), 504, 'E413', /longer than/);
    assertError(await call('GET', '/api/timeline', undefined, {}, slow.url), 504, 'E413');
    assert.equal((await call('GET', '/api/health', undefined, {}, slow.url)).status, 200);
  } finally {
    await slow.close();
  }
  const s = await startServer({ dataDir: d, port: 0, warmUp: false, readWorkers: 1 });
  try {
    const first = await call('GET', '/api/graph', undefined, {}, s.url);
    assert.equal(first.json.documents.length, 1);
    const hits = s.reads.hits;
    assert.equal((await call('GET', '/api/graph', undefined, {}, s.url)).json.documents.length, 1);
    assert.equal(s.reads.hits, hits + 1, 'answered from the cache');
    // Another process (here: another connection) stores a document: the next graph sees it.
    await writer.put({ ...base, id: null, text: `${base.text} Again.` });
    assert.equal((await call('GET', '/api/graph', undefined, {}, s.url)).json.documents.length, 2);
    assert.equal(s.reads.hits, hits + 1, 'recomputed');
  } finally {
    await s.close();
    await writer.close();
    rmSync(d, { recursive: true, force: true });
  }
});

test('slant serve on a PostgreSQL corpus: analyse, search, graph and timeline from the read workers', { timeout: 120_000 }, async (t) => {
  // Loaded by name so this file compiles where the PostgreSQL store is not built.
  const harness = '../store/pg-harness.js';
  const mod = (await import(harness).catch(() => null)) as { pgTestDatabase(): Promise<{ url: string; done(): Promise<void> } | { skip: string }> } | null;
  if (!mod) {
    // CI promises PostgreSQL: a missing store there is a failure, never a skip.
    assert.ok(!process.env.SLANT_REQUIRE_POSTGRES, 'SLANT_REQUIRE_POSTGRES is set but the PostgreSQL test harness is not built');
    return t.skip('no PostgreSQL store in this build');
  }
  const db = await mod.pgTestDatabase(); // throws under SLANT_REQUIRE_POSTGRES when there is no server
  if ('skip' in db) return t.skip(db.skip);
  const d = mkdtempSync(join(tmpdir(), 'slant-pg-'));
  const s = await startServer({ dataDir: d, database: db.url, port: 0, warmUp: false });
  try {
    const a = await call('POST', '/api/analyze', { text: ARTICLE, title: 'On PostgreSQL', date: '2022-05-05' }, {}, s.url);
    assert.equal(a.status, 201, a.text);
    assert.deepEqual((await call('GET', '/api/documents?q=partners', undefined, {}, s.url)).json.items.map((i: any) => i.id), [a.json.id]);
    const g = await call('GET', '/api/graph', undefined, {}, s.url);
    assert.equal(g.status, 200, g.text);
    assert.deepEqual(g.json.documents.map((x: any) => x.id), [a.json.id]);
    assert.equal((await call('GET', '/api/timeline?interval=month', undefined, {}, s.url)).json.documents, 1);
    assert.ok(!existsSync(join(d, 'slant.lock')), 'no lock file: the database handles concurrent writers');
  } finally {
    await s.close();
    await db.done();
    rmSync(d, { recursive: true, force: true });
  }
});
