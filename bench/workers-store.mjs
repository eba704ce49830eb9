// What one queued document costs besides its analysis (issue 10), measured apart from the workers so
// that load from elsewhere on the machine does not blur it: CPU time, not wall time.
//
//   store: storeResult() for every pre-analysed document on a throwaway PostgreSQL — this process's
//          CPU and the server's (one connection, so each step's server CPU is its backend's), per step
//          (findKey, copyCandidates, copyTexts or get, putEntry). `--copies K` then stores K more
//          rounds of the same texts, each a near-copy of the earlier ones (one word added), to show
//          the cost of the copy checks as copies accumulate.
//   queue: pg-boss jobs carrying the same texts, fetched and acknowledged with no analysis, one job
//          at a time and in batches (the worker's own loop: fetch, then complete the batch).
//
// Usage: npm run build && nice -n 10 node bench/workers-store.mjs [--dir DIR] [--limit N] [--copies K] [--batches 1,8] [--dist DIR]
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import PgBoss from 'pg-boss';

const ROOT = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    // Another build to compare (e.g. an older commit's dist/ copied elsewhere).
    dist: { type: 'string', default: join(ROOT, 'dist') },
    dir: { type: 'string', default: '/work/shared/data/ptc/train/articles' },
    limit: { type: 'string' },
    copies: { type: 'string', default: '0' },
    batches: { type: 'string', default: '1,8' },
  },
});

const DIST = resolve(values.dist);
const { analyze } = await import(join(DIST, 'analyze.js'));
const { openPostgresStore } = await import(join(DIST, 'store/postgres.js'));
const { storeResult } = await import(join(DIST, 'corpus/ingest.js'));

const dir = resolve(values.dir);
let names = readdirSync(dir).filter((x) => /\.(txt|html?)$/i.test(x)).sort();
if (values.limit) names = names.slice(0, Number(values.limit));
const texts = names.map((x) => readFileSync(join(dir, x), 'utf8'));

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const HZ = 100;
const stat = (path) => {
  const f = readFileSync(path, 'utf8').split(') ')[1].split(' ');
  return { ppid: Number(f[1]), self: ((Number(f[11]) + Number(f[12])) / HZ) * 1000, children: ((Number(f[13]) + Number(f[14])) / HZ) * 1000 };
};

let t = cpuMs();
const results = [];
for (const [i, text] of texts.entries()) results.push(await analyze({ text, id: names[i] }));
const analysisMs = (cpuMs() - t) / texts.length;

const cluster = (cmd, arg) => {
  const r = spawnSync('bash', [join(ROOT, 'scripts/pg-cluster.sh'), cmd, ...(arg ? [arg] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pg-cluster ${cmd}: ${r.stderr.trim()}`);
  return r.stdout.trim();
};
const [base, clusterDir] = cluster('start').split(' ');
/** Every process of the cluster: the postmaster, its exited children, the live ones (ms). */
const serverMs = () => {
  const pid = Number(readFileSync(join(clusterDir, 'data/postmaster.pid'), 'utf8').split('\n')[0]);
  const pm = stat(`/proc/${pid}/stat`);
  let sum = pm.self + pm.children;
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const s = stat(`/proc/${p}/stat`);
      if (s.ppid === pid) sum += s.self;
    } catch {
      /* gone */
    }
  }
  return sum;
};
let dbSeq = 0;
async function freshDb() {
  const name = `wstore_${++dbSeq}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}
const f2 = (x) => x.toFixed(2);

try {
  console.log(`corpus: ${texts.length} documents from ${values.dir}; analysis (default pipeline, this process): ${f2(analysisMs)} ms CPU per document`);
  console.log(`load average at start: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);

  // --- store ---
  const store = await openPostgresStore(await freshDb(), { max: 1 });
  const backend = (await store.pool.query('SELECT pg_backend_pid() AS p')).rows[0].p;
  const backendMs = () => stat(`/proc/${backend}/stat`).self;
  const steps = {};
  for (const m of ['findKey', 'copyCandidates', 'copyTexts', 'get', 'putEntry']) {
    if (typeof store[m] !== 'function') continue;
    const orig = store[m].bind(store);
    store[m] = async (...a) => {
      const s0 = backendMs(), n0 = cpuMs();
      const r = await orig(...a);
      const e = (steps[m] ??= { calls: 0, server: 0, node: 0 });
      e.calls++;
      e.server += backendMs() - s0;
      e.node += cpuMs() - n0;
      return r;
    };
  }
  console.log('| round | documents | copies stored | client CPU ms/doc | PostgreSQL CPU ms/doc | of which: findKey | copyCandidates | copy texts | putEntry |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (let k = 0; k <= Number(values.copies); k++) {
    for (const e of Object.values(steps)) Object.assign(e, { calls: 0, server: 0, node: 0 });
    const n0 = cpuMs(), s0 = serverMs();
    let copies = 0;
    for (const [i, r] of results.entries()) {
      const out = await storeResult(store, k ? { ...r, text: `${r.text} again${k}` } : r, `raw:${k}:${i}`, `bench:${i}`);
      if ('copies' in out && out.copies > 0) copies++;
    }
    const n = results.length;
    const per = (m) => (steps[m] ? f2(steps[m].server / n) : '—');
    const texts = steps.copyTexts ? per('copyTexts') : per('get');
    console.log(`| ${k} | ${n} | ${copies} | ${f2((cpuMs() - n0) / n)} | ${f2((serverMs() - s0) / n)} | ${per('findKey')} | ${per('copyCandidates')} | ${texts} | ${per('putEntry')} |`);
  }
  await store.close();

  // --- queue ---
  console.log('\n| jobs per fetch | jobs | client CPU ms/job | PostgreSQL CPU ms/job |');
  console.log('|---|---|---|---|');
  for (const b of values.batches.split(',').map(Number)) {
    const url = await freshDb();
    const boss = new PgBoss({ connectionString: url, max: 4, supervise: false, schedule: false });
    await boss.start();
    await boss.createQueue('bench', { name: 'bench', retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 60, retentionDays: 1 });
    await boss.insert(texts.map((text, i) => ({ name: 'bench', data: { input: { text, id: names[i] }, raw: `raw:${i}`, origin: names[i] }, singletonKey: `raw:${i}` })));
    const n0 = cpuMs(), s0 = serverMs();
    let done = 0;
    for (;;) {
      const jobs = await boss.fetch('bench', { batchSize: b });
      if (jobs.length === 0) break;
      await boss.complete('bench', jobs.map((j) => j.id));
      done += jobs.length;
    }
    console.log(`| ${b} | ${done} | ${f2((cpuMs() - n0) / done)} | ${f2((serverMs() - s0) / done)} |`);
    await boss.stop({ graceful: false, wait: true, close: true });
  }
} finally {
  cluster('stop', clusterDir);
}
console.log(`\nload average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
