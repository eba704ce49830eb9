// `slant serve` on PostgreSQL shows what it shows on SQLite (issue 10): the same small corpus (own
// texts, one republished copy) is ingested into a SQLite folder and a fresh PostgreSQL database, two
// servers run, and search, filters, copy families and timelines are compared. Also GET /api/jobs. Document ids differ
// between the stores, so every id in a response is replaced by its document's url before comparing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from './app.js';
import { openCorpus } from '../corpus/index.js';
import { pgTestDatabase } from '../store/pg-harness.js';
import { enqueue } from '../corpus/queue.js';

const HARBOUR = [
  'The harbour authority of Portmere approved a new container terminal on Monday.',
  'Dock workers warned that the plan would cut hundreds of jobs within two years.',
  'The mayor said the terminal would bring investment and called the critics short-sighted.',
  'Shipping firms from Rotterdam and Hamburg have already asked for berths.',
];
const RECORDS = [
  { text: HARBOUR.join(' '), title: 'Portmere approves container terminal', date: '2023-02-06', source: 'Coast Herald', url: 'https://herald.example/terminal' },
  // A republished copy: same story, one sentence dropped, a credit line added, a day later.
  { text: [...HARBOUR.slice(0, 3), 'This report first appeared in the Coast Herald.'].join(' '), title: 'New terminal for Portmere', date: '2023-02-07', source: 'Bay Times', url: 'https://baytimes.example/new-terminal' },
  { text: 'Farmers near Lindby protested against the water tax. The council promised to review the tax before the harvest, but farmers called the promise empty.', title: 'Lindby farmers protest water tax', date: '2023-03-14', source: 'Bay Times', url: 'https://baytimes.example/water-tax' },
  { text: 'The rail line between Portmere and Lindby will reopen in May. Engineers replaced two bridges and the old signal box over the winter.', title: 'Rail line to reopen', date: '2023-03-30', source: 'Coast Herald', url: 'https://herald.example/rail' },
  { text: 'Berlin and Paris signed a treaty on river shipping. Both governments praised the treaty as a model for the region.', title: 'Treaty on river shipping', date: '2023-04-02', source: 'Inland Post', url: 'https://inland.example/treaty' },
];
const PIPELINE = ['meta', 'sentences', 'techniques.rules', 'actors'];

async function get(base: string, path: string): Promise<any> {
  const res = await fetch(base + path);
  const text = await res.text();
  assert.equal(res.status, 200, `${path}: ${text}`);
  return JSON.parse(text);
}

/** Ids → urls everywhere in a response (strings equal to a known id), numbers rounded. */
function byUrl(value: unknown, urls: Map<string, string>): unknown {
  if (typeof value === 'string') return urls.get(value) ?? value;
  if (typeof value === 'number') return Math.round(value * 1e6) / 1e6;
  if (Array.isArray(value)) return value.map((v) => byUrl(v, urls));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, byUrl(v, urls)]));
  return value;
}

test('slant serve shows the same search results, copies and timelines on PostgreSQL as on SQLite', { timeout: 180_000 }, async (t) => {
  const db = await pgTestDatabase(); // throws under SLANT_REQUIRE_POSTGRES when there is no server
  if ('skip' in db) return t.skip(db.skip);
  const dir = mkdtempSync(join(tmpdir(), 'slant-parity-'));
  const servers: RunningServer[] = [];
  try {
    const source = join(dir, 'records.jsonl');
    writeFileSync(source, RECORDS.map((r) => JSON.stringify(r)).join('\n') + '\n');
    for (const location of [join(dir, 'sqlite'), db.url]) {
      const corpus = await openCorpus(location);
      try {
        const s = await corpus.ingest([source], { pipeline: PIPELINE, workers: 1 });
        assert.equal(s.ingested, RECORDS.length, `${location.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}: ${JSON.stringify(s)}`);
      } finally {
        await corpus.close();
      }
    }
    const sqlite = await startServer({ dataDir: join(dir, 'sqlite'), port: 0, warmUp: false });
    servers.push(sqlite);
    const postgres = await startServer({ dataDir: join(dir, 'pg-data'), database: db.url, port: 0, warmUp: false });
    servers.push(postgres);

    // Each server's ids, mapped to urls.
    const urls = async (base: string): Promise<Map<string, string>> => {
      const all = await get(base, '/api/documents?pageSize=100');
      assert.equal(all.total, RECORDS.length);
      return new Map(all.items.map((i: { id: string; url: string }) => [i.id, i.url]));
    };
    const maps = [await urls(sqlite.url), await urls(postgres.url)];
    const both = async (path: string, shape: (j: any) => unknown = (j) => j): Promise<[unknown, unknown]> => {
      const a = shape(byUrl(await get(sqlite.url, path), maps[0]!));
      const b = shape(byUrl(await get(postgres.url, path), maps[1]!));
      return [a, b];
    };
    const page = (j: any) => ({ total: j.total, items: j.items.map((i: any) => ({ title: i.title, url: i.url, date: i.date })) });
    // Relevance ties may order differently between the two engines: compare the set for searches.
    const found = (j: any) => ({ total: j.total, urls: j.items.map((i: any) => i.id).sort() });

    const searches = [
      ['/api/documents?sort=date&order=asc&pageSize=100', page],
      ['/api/documents?sort=title&pageSize=2&page=2', page],
      ['/api/documents?q=terminal', found],
      ['/api/documents?q=%22water%20tax%22', found],
      ['/api/documents?q=bridg*', found],
      ['/api/documents?q=harbour%20workers', found],
      ['/api/documents?outlet=bay%20times&sort=date', page],
      ['/api/documents?from=2023-03&to=2023-03-31&sort=date', page],
      ['/api/documents?q=treaty&outlet=Inland%20Post', found],
      ['/api/documents?actor=DEU', found],
    ] as const;
    for (const [path, shape] of searches) {
      const [a, b] = await both(path, shape);
      assert.deepEqual(b, a, path);
    }
    // The searches found something (the comparison is not between two empty pages).
    const [terminal] = await both('/api/documents?q=terminal', found);
    assert.equal((terminal as { total: number }).total, 2);

    const [copiesA, copiesB] = await both('/api/copies');
    assert.deepEqual(copiesB, copiesA, '/api/copies');
    const families = (copiesA as { families: Array<{ members: Array<{ url: string }> }> }).families;
    assert.deepEqual(families.map((f) => f.members.map((m) => m.url)), [['https://herald.example/terminal', 'https://baytimes.example/new-terminal']]);

    for (const path of ['/api/timeline?interval=month', '/api/timeline?interval=week&outlet=Bay%20Times', '/api/timeline?by=technique&interval=month', '/api/timeline?by=actor&interval=month&q=terminal']) {
      const [a, b] = await both(path);
      assert.deepEqual(b, a, path);
    }
    const [months] = await both('/api/timeline?interval=month');
    assert.equal((months as { documents: number }).documents, RECORDS.length);

    // The jobs view: PostgreSQL has a queue (one document enqueued, none taken yet), SQLite has none.
    const extra = join(dir, 'extra.jsonl');
    writeFileSync(extra, JSON.stringify({ text: 'The ferry to Lindby was cancelled because of the storm.', title: 'Ferry cancelled', date: '2023-05-01' }) + '\n');
    const queued = await openCorpus(db.url);
    try {
      assert.equal((await enqueue(queued, [extra])).enqueued, 1);
    } finally {
      await queued.close();
    }
    const jobs = await get(postgres.url, '/api/jobs');
    assert.deepEqual({ queued: jobs.queued, active: jobs.active, done: jobs.done, failed: jobs.failed, dead: jobs.dead, rate: jobs.rate }, { queued: 1, active: 0, done: 0, failed: 0, dead: 0, rate: 0 });
    const none = await fetch(sqlite.url + '/api/jobs');
    assert.equal(none.status, 404);
    const body = (await none.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'E404');
    assert.match(body.error.message, /no job queue.*PostgreSQL/);
    assert.ok((await get(sqlite.url, '/openapi.json')).paths['/api/jobs'], '/api/jobs is described in /openapi.json');
  } finally {
    for (const s of servers) await s.close();
    await db.done();
    rmSync(dir, { recursive: true, force: true });
  }
});
