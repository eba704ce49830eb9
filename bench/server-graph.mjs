// Fault 1 of issue 16: heavy reads must not stall the server. A library of N documents (default
// 5,000: the repository's example article and two short texts of our own, analysed once, then
// stored N times with different dates, outlets and a tag word, straight into the SQLite file), a
// real `slant serve` child process, three parallel GET /api/graph requests on different selections
// (so the cache cannot answer them), and GET /api/health polled every 50 ms meanwhile.
// Target: /api/health answers in under 200 ms throughout.
// Usage: npm run build && nice -n 10 node bench/server-graph.mjs [documents=5000] [rounds=3]
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { startServe } from '../dist/server/harness.js';
import { SqliteStore } from '../dist/store/sqlite.js';
import { analyze } from '../dist/analyze.js';

const N = Number(process.argv[2] ?? 5000);
const ROUNDS = Number(process.argv[3] ?? 3);
const OUTLETS = ['Daily Example', 'Morning Sample', 'The Fixture Post', 'Test Wire', 'Benchmark Herald'];
const TEXTS = [
  readFileSync(new URL('../examples/opinion-piece.txt', import.meta.url), 'utf8'),
  'Moscow and Beijing signed a new energy agreement on Tuesday, and both governments praised the deal. Washington criticised the agreement and warned of sanctions. Brussels said it would study the text. Kyiv accused Moscow of using gas as a weapon, while Ankara offered to mediate between Moscow and Kyiv.',
  'The so-called experts in Washington keep warning about Beijing, yet trade between Washington and Beijing grew again this year. Tokyo and Seoul held talks on security cooperation. Pyongyang condemned the talks and threatened a response. Beijing urged calm and praised Seoul for its restraint.',
];

const dir = mkdtempSync(join(tmpdir(), 'slant-bench-graph-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
const ms = (x) => `${Math.round(x)} ms`;

let t = performance.now();
const results = [];
for (const text of TEXTS) results.push(await analyze(text));
const store = new SqliteStore(join(dir, 'slant.db'));
for (let i = 0; i < N; i++) {
  const base = results[i % results.length];
  const day = new Date(Date.UTC(2021, 0, 1) + (i % 1000) * 86_400_000).toISOString().slice(0, 10);
  await store.put({ ...base, text: `${base.text}\nTag${i}.`, meta: { ...base.meta, title: `Bench document ${i}`, date: day, source: OUTLETS[i % OUTLETS.length] } });
}
await store.close();
const built = performance.now() - t;

const srv = await startServe(dir);
const get = async (path) => {
  const t0 = performance.now();
  const res = await fetch(srv.url + path);
  const body = await res.text();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${body.slice(0, 200)}`);
  return { ms: performance.now() - t0, bytes: body.length, body };
};
const health = [];
const graphs = [];
try {
  await get('/api/health');
  const selections = ['/api/graph', `/api/graph?outlet=${encodeURIComponent(OUTLETS[1])}`, '/api/graph?from=2021-06-01&to=2022-06-30'];
  for (let round = 0; round < ROUNDS; round++) {
    // A new document between rounds: the cache must not answer (the change counter moved).
    if (round > 0) {
      const r = await fetch(`${srv.url}/api/analyze`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `Round ${round}: Paris and Berlin agreed on a new treaty.` }) });
      if (r.status !== 201) throw new Error(`analyze: HTTP ${r.status} ${await r.text()}`);
    }
    let running = true;
    const poll = (async () => {
      while (running) {
        health.push((await get('/api/health')).ms);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const t1 = performance.now();
    const out = await Promise.all(selections.map((p) => get(p)));
    const wall = performance.now() - t1;
    running = false;
    await poll;
    graphs.push({ round, wall, each: out.map((o) => o.ms), docs: out.map((o) => JSON.parse(o.body).documents.length), kb: out.map((o) => Math.round(o.bytes / 1024)) });
  }
  // The same three again, unchanged library: answered from the cache.
  const cached = await Promise.all(selections.map((p) => get(p)));

  const commit = execSync('git rev-parse --short HEAD').toString().trim();
  console.log(`server-graph benchmark — ${N} documents, commit ${commit}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg()[0].toFixed(1)} at start`);
  console.log(`library built in ${(built / 1000).toFixed(1)} s (3 texts analysed, ${N} documents stored)`);
  for (const g of graphs) console.log(`round ${g.round + 1}: 3 parallel /api/graph in ${ms(g.wall)} wall; each ${g.each.map(ms).join(', ')}; documents ${g.docs.join(', ')}; ${g.kb.join(', ')} kB`);
  console.log(`cached repeat: ${cached.map((c) => ms(c.ms)).join(', ')}`);
  console.log(`/api/health during the graphs: ${health.length} polls, median ${ms(median(health))}, p95 ${ms(p95(health))}, max ${ms(max(health))} (target < 200 ms)`);
} finally {
  await srv.stop();
  rmSync(dir, { recursive: true, force: true });
}
