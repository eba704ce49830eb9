// HTTP API latency over loopback against a real SQLite file: analyse, search (FTS5 + filters),
// fetch one document, the actor graph of a selection, and a CSV export, with a library of N
// documents (the example article analysed once through the API, then stored N times with a
// distinct tag word each, straight into the database before the server starts).
// Usage: npm run build && node bench/web-api.mjs [documents=2000]
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { startServe } from '../dist/server/harness.js';
import { SqliteStore } from '../dist/store/sqlite.js';

const N = Number(process.argv[2] ?? 2000);
const text = readFileSync(new URL('../examples/opinion-piece.txt', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'slant-bench-api-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
async function time(n, f) {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f(i);
    ms.push(performance.now() - t);
  }
  return ms;
}
const ok = async (res) => {
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  return res.text();
};
const post = (url, body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

let srv = await startServe(dir);
await ok(await post(`${srv.url}/api/analyze`, { text: 'Warm-up text about Moscow and Beijing.' }));
const analyse = await time(10, async (i) => ok(await post(`${srv.url}/api/analyze`, { text: `${text}\n\nRun ${i}.` })));
const one = JSON.parse(await ok(await fetch(`${srv.url}/api/documents?pageSize=1`))).items[0].id;
const base = JSON.parse(await ok(await fetch(`${srv.url}/api/documents/${one}`))).result;
await srv.stop();

const store = new SqliteStore(join(dir, 'slant.db'));
const fill0 = performance.now();
for (let i = 0; i < N; i++) {
  const date = `20${String(10 + (i % 15)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-15`;
  await store.put({ ...base, text: `${base.text}\ntag${i} ${i % 7 === 0 ? 'pipeline' : 'corpus'}`, meta: { ...base.meta, title: `Copy ${i}`, date } });
}
const fillMs = performance.now() - fill0;
await store.close();

srv = await startServe(dir);
const words = ['Moscow', 'coalition', 'pipeline', '"strategic partners"', 'sanction*', 'tag1234'];
const search = await time(200, async (i) => ok(await fetch(`${srv.url}/api/documents?q=${encodeURIComponent(words[i % words.length])}&pageSize=20`)));
const filtered = await time(100, async (i) => ok(await fetch(`${srv.url}/api/documents?actor=RUS&from=2015&to=2020-06&sort=date&page=${1 + (i % 5)}`)));
const get = await time(200, async () => ok(await fetch(`${srv.url}/api/documents/${one}`)));
const graph = await time(5, async () => ok(await fetch(`${srv.url}/api/graph?q=pipeline`)));
const exp = await time(1, async () => ok(await fetch(`${srv.url}/api/export?format=csv`)));
await srv.stop();
rmSync(dir, { recursive: true, force: true });

let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
} catch {}
const graphDocs = Math.ceil(N / 7);
console.log(`HTTP API over loopback, ${N + 12} stored documents (commit ${commit}, ${cpus().length} cores ${cpus()[0]?.model ?? ''})`);
console.log('| request | runs | median (ms) | p95 (ms) |');
console.log('|---|---:|---:|---:|');
const row = (name, xs) => console.log(`| ${name} | ${xs.length} | ${median(xs).toFixed(1)} | ${p95(xs).toFixed(1)} |`);
row(`POST /api/analyze (${text.split(/\s+/).length}-word article)`, analyse);
row('GET /api/documents?q=… (FTS5, 20 per page)', search);
row('GET /api/documents?actor=&from=&to=&sort=date', filtered);
row('GET /api/documents/:id', get);
row(`GET /api/graph?q=… (${graphDocs} documents merged)`, graph);
row(`GET /api/export?format=csv (all ${N + 12})`, exp);
console.log(`(filling the store directly: ${(fillMs / N).toFixed(2)} ms per document)`);
