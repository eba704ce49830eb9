// Workers through the PostgreSQL job queue (issue 10): on a throwaway local cluster, a corpus is
// enqueued with `slant ingest --queue`, then analysed by 1 and (on a fresh database) 2 `slant worker`
// processes; then 2 workers again, one killed with SIGKILL mid-run and restarted, after which every
// enqueued document must be stored exactly once (counted in the store: documents, distinct texts).
//
// Rate = documents / (last job completed − first job started), read from pg-boss's own timestamps;
// the speed-up of 2 workers over 1 is the ratio of the medians over interleaved runs (default three
// of each: 1,2,1,2,1,2, then the SIGKILL run), so a burst of load from elsewhere hits both alike.
// CPU per document is measured in the steady state (between 10 % and 90 % of the jobs done) from
// /proc: the workers' main threads (job queue, near-copy signature, storing), their analysis
// threads, their helper threads (V8's compiler and GC, libuv) and the PostgreSQL server (every
// process of the cluster). "Cores busy" = that CPU over the same wall time: what one worker needs from the
// machine, which bounds what two can gain on two cores.
// Each worker runs in its own session (setsid), like a systemd service or a separate machine: the
// kernel's autogroup scheduler otherwise gives all processes of one session one share of the CPUs,
// so two workers started from one shell could never beat one on a shared machine. Each such group
// is set to nice 10 (as `nice -n 10` for the whole bench would be) so the bench stays polite.
//
// Usage: npm run build && nice -n 10 node bench/workers.mjs [--dir DIR | --generate N] [--limit N]
//          [--pipeline LIST] [--lease SEC] [--runs 1,2,1,2,1,2,kill] [--node-flags=FLAGS (default --single-threaded)]
// Default corpus: /work/shared/data/ptc/train/articles (371 articles). Needs Debian's postgresql.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const ROOT = new URL('..', import.meta.url).pathname;
const MAIN = join(ROOT, 'dist/cli/main.js');
const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '/work/shared/data/ptc/train/articles' },
    generate: { type: 'string' },
    limit: { type: 'string' },
    pipeline: { type: 'string' },
    lease: { type: 'string', default: '20' },
    runs: { type: 'string', default: '1,2,1,2,1,2,kill' },
    // Flags for the worker processes' node. Default: --single-threaded, as docs/team.md starts
    // workers (V8 without helper threads: one core per worker); --node-flags= for the plain node.
    'node-flags': { type: 'string', default: '--single-threaded' },
  },
});

/** Worker processes not yet exited (killed with the bench when it is interrupted). */
const live = new Set();
const tmp = mkdtempSync(join(tmpdir(), 'slant-bench-workers-'));

/** The corpus folder: the given one (optionally its first N files), or N generated articles. */
function corpusDir() {
  if (values.generate) {
    const n = Number(values.generate);
    const dir = join(tmp, 'generated');
    mkdirSync(dir);
    const who = ['The minister', 'A spokesman for the council', 'The opposition leader', 'Local officials', 'The union', 'Critics'];
    const what = ['announced new rules on housing', 'rejected the budget plan', 'warned of a looming crisis', 'praised the agreement with neighbours', 'blamed foreign agents for the unrest', 'promised lower taxes'];
    const where = ['in Berlin', 'in Madrid', 'in the capital', 'after a long debate', 'on Tuesday', 'at a press conference'];
    for (let i = 0; i < n; i++) {
      const lines = [`Report number ${i}: ${who[i % 6]} ${what[(i >> 1) % 6]}`, ''];
      for (let s = 0; s < 12; s++) lines.push(`${who[(i + s) % 6]} ${what[(i * 7 + s) % 6]} ${where[(i + 3 * s) % 6]}, item ${i}-${s}. This is outrageous, said one observer, and everyone knows it.`);
      writeFileSync(join(dir, `gen${String(i).padStart(6, '0')}.txt`), lines.join('\n'));
    }
    return { dir, count: n };
  }
  let dir = resolve(values.dir);
  let names = readdirSync(dir).filter((x) => /\.(txt|html?|json)$/i.test(x)).sort();
  if (values.limit) {
    const sub = join(tmp, 'subset');
    mkdirSync(sub);
    names = names.slice(0, Number(values.limit));
    for (const x of names) symlinkSync(join(dir, x), join(sub, x));
    dir = sub;
  }
  return { dir, count: names.length };
}

function cluster(cmd, arg) {
  const r = spawnSync('bash', [join(ROOT, 'scripts/pg-cluster.sh'), cmd, ...(arg ? [arg] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pg-cluster ${cmd}: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

async function query(url, sql, params = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

let dbSeq = 0;
async function freshDb(base) {
  const name = `bench_${++dbSeq}`;
  await query(base, `CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

function run(args) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`slant ${args[0]} exited ${r.status}: ${r.stderr.slice(-500)}`);
  return r;
}

const HZ = 100; // clock ticks per second in /proc/*/stat (USER_HZ)
function statOf(path) {
  const f = readFileSync(path, 'utf8').split(') ')[1].split(' ');
  return { ppid: Number(f[1]), self: (Number(f[11]) + Number(f[12])) / HZ, children: (Number(f[13]) + Number(f[14])) / HZ };
}

/** CPU seconds of each thread of one worker process (`pid` is the main thread). */
function workerCpu(pid) {
  const threads = new Map();
  try {
    for (const t of readdirSync(`/proc/${pid}/task`)) threads.set(Number(t), statOf(`/proc/${pid}/task/${t}/stat`).self);
  } catch {
    /* exited */
  }
  return { pid, threads };
}

/**
 * Steady-state CPU of the workers between two snapshots: main threads; the analysis threads (in
 * each process the busiest thread besides the main one: the pool's one worker thread); and the
 * helpers (every other thread: V8's compiler and GC threads, libuv's).
 */
function threadDelta(from, to) {
  let main = 0, analysis = 0, helpers = 0;
  for (const [i, b] of to.entries()) {
    const a = from[i];
    if (!a || a.pid !== b.pid) continue;
    const d = [];
    for (const [tid, c] of b.threads) {
      const x = c - (a.threads.get(tid) ?? 0);
      if (tid === b.pid) main += x;
      else d.push(x);
    }
    d.sort((x, y) => y - x);
    analysis += d[0] ?? 0;
    helpers += d.slice(1).reduce((u, v) => u + v, 0);
  }
  return { main, analysis, helpers };
}

/** A worker in its own session (own scheduler group, nice 10) under /usr/bin/time for its peak RSS. */
function startWorker(url) {
  const args = ['-f', 'TIME %M %U %S', process.execPath, ...values['node-flags'].split(/\s+/).filter(Boolean), MAIN, 'worker', '--db', url, '--concurrency', '1', '-q'];
  if (values.pipeline) args.push('--pipeline', values.pipeline);
  const child = spawn('/usr/bin/time', args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  live.add(child);
  child.on('exit', () => live.delete(child));
  try {
    writeFileSync(`/proc/${child.pid}/autogroup`, '10');
  } catch {
    /* no autogroup: the inherited nice applies */
  }
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise((res) => child.on('exit', (code, signal) => {
    const m = /TIME (\d+) ([\d.]+) ([\d.]+)/.exec(err);
    res({ code, signal, rssKb: m ? Number(m[1]) : NaN, cpuS: m ? Number(m[2]) + Number(m[3]) : NaN, err });
  }));
  // SIGKILL takes the whole session; SIGTERM goes to the worker itself so /usr/bin/time reports.
  const node = () => Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)[0]);
  const cpu = () => {
    try {
      return workerCpu(node());
    } catch {
      return { pid: 0, threads: new Map() };
    }
  };
  return { child, exited, cpu, kill: (sig) => (sig === 'SIGKILL' ? process.kill(-child.pid, sig) : process.kill(node(), sig)) };
}

/** Jobs by state and the first start / last completion, from pg-boss's tables (job + archive). */
async function progress(client) {
  const { rows } = await client.query(
    `SELECT state, count(*)::int AS n, min(started_on) AS first, max(completed_on) AS last
       FROM (SELECT state, started_on, completed_on FROM pgboss.job WHERE name = 'slant-analyze'
             UNION ALL SELECT state, started_on, completed_on FROM pgboss.archive WHERE name = 'slant-analyze') j
      GROUP BY state`,
  );
  const by = Object.fromEntries(rows.map((r) => [r.state, r]));
  const first = rows.map((r) => r.first).filter(Boolean).sort((a, b) => a - b)[0];
  return { done: by.completed?.n ?? 0, failed: by.failed?.n ?? 0, pending: rows.filter((r) => !['completed', 'failed', 'cancelled'].includes(r.state)).reduce((a, r) => a + r.n, 0), first, last: by.completed?.last };
}

async function stored(url) {
  const [r] = await query(url, `SELECT count(*)::int AS docs, count(DISTINCT md5(result->>'text'))::int AS texts FROM documents`);
  const [k] = await query(url, `SELECT count(*)::int AS keys FROM document_keys WHERE key LIKE 'text:%'`);
  return { ...r, textKeys: k.keys };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds used so far by the PostgreSQL server: the postmaster, its exited backends and the live ones but `skip` (the bench's own polling connection). */
function pgCpu(skip = -1) {
  try {
    const pid = Number(readFileSync(join(clusterDir, 'data/postmaster.pid'), 'utf8').split('\n')[0]);
    const pm = statOf(`/proc/${pid}/stat`);
    let sum = pm.self + pm.children;
    for (const p of readdirSync('/proc')) {
      if (!/^\d+$/.test(p)) continue;
      try {
        const s = statOf(`/proc/${p}/stat`);
        if (s.ppid === pid && Number(p) !== skip) sum += s.self;
      } catch {
        /* gone */
      }
    }
    return sum;
  } catch {
    return NaN;
  }
}

/** Everything's CPU so far, for steady-state differences. */
function snapshot(procs, done, skip) {
  return { at: performance.now(), done, workers: procs.map((p) => p.cpu()), pg: pgCpu(skip) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function benchRun(base, dir, count, workers, killOne) {
  const url = await freshDb(base);
  const pgBefore = pgCpu();
  const enq = run(['ingest', dir, '--db', url, '--queue', '--lease', values.lease, '-q']);
  const enqueued = Number(/(\d+) enqueued/.exec(enq.stderr)?.[1] ?? NaN);
  // One connection for the polling (a connection per poll would cost the server a process start each time).
  const poll = new pg.Client({ connectionString: url });
  await poll.connect();
  const pollPid = (await poll.query('SELECT pg_backend_pid() AS p')).rows[0].p;
  const started = performance.now();
  const procs = Array.from({ length: workers }, () => startWorker(url));
  const finished = [];
  let killed = false;
  let p;
  const deadline = Date.now() + 3 * 3600_000;
  let from = null, to = null;
  for (;;) {
    await sleep(250);
    p = await progress(poll);
    // Steady state: from 10 % to 90 % done (not across the SIGKILL, whose worker's CPU is lost with it).
    if (!killOne && !from && p.done >= enqueued * 0.1) from = snapshot(procs, p.done, pollPid);
    if (!killOne && from && !to && p.done >= enqueued * 0.9) to = snapshot(procs, p.done, pollPid);
    if (killOne && !killed && p.done >= Math.floor(enqueued / 3)) {
      // Kill the second worker outright while it holds a job, then start a new one in its place.
      procs[1].kill('SIGKILL');
      finished.push(await procs[1].exited);
      procs[1] = startWorker(url);
      killed = true;
      console.error(`  killed one worker at ${p.done}/${enqueued} done; restarted it`);
    }
    if (p.pending === 0 && p.done + p.failed >= enqueued) break;
    if (Date.now() > deadline) throw new Error('run took over 3 hours');
  }
  const wall = (performance.now() - started) / 1000;
  await poll.end();
  for (const w of procs) w.kill('SIGTERM');
  for (const w of procs) finished.push(await w.exited);
  await sleep(500); // the backends of the stopped workers exit
  const pgSeconds = pgCpu() - pgBefore;
  const s = await stored(url);
  const seconds = (p.last - p.first) / 1000;
  let steady = null;
  if (from && to && to.done > from.done) {
    const n = to.done - from.done;
    const wallS = (to.at - from.at) / 1000;
    const t = threadDelta(from.workers, to.workers);
    const ms = (x) => (x / n) * 1000;
    steady = { docs: n, rate: n / wallS, main: ms(t.main), analysis: ms(t.analysis), helpers: ms(t.helpers), pg: ms(to.pg - from.pg) };
    steady.busy = ((steady.main + steady.analysis + steady.helpers + steady.pg) / 1000) * steady.rate;
  }
  return { workers, killOne, enqueued, done: p.done, failed: p.failed, seconds, wall, rate: p.done / seconds, steady, rssMb: Math.max(...finished.map((f) => f.rssKb).filter(Number.isFinite)) / 1024, cpu: finished.reduce((a, f) => a + (f.cpuS || 0), 0), pgSeconds, ...s };
}

const { dir, count } = corpusDir();
const [base, clusterDir] = cluster('start').split(' ');
// Interrupted: the workers' sessions and the cluster go too.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const c of live) {
      try {
        process.kill(-c.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    cluster('stop', clusterDir);
    rmSync(tmp, { recursive: true, force: true });
    process.exit(130);
  });
}
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}; shared with other sessions — load average ${load()} at start`);
console.log(`corpus: ${count} documents from ${values.generate ? `--generate ${values.generate}` : values.dir}${values.pipeline ? `; --pipeline ${values.pipeline}` : '; default pipeline'}; lease ${values.lease} s${values['node-flags'] ? `; workers run as node ${values['node-flags']}` : ''}\n`);
const results = [];
try {
  for (const mode of values.runs.split(',')) {
    const r = await benchRun(base, dir, count, mode === '1' ? 1 : 2, mode === 'kill');
    results.push(r);
    console.error(`  run ${mode}: ${r.done} done in ${r.seconds.toFixed(1)} s; load ${load()}`);
  }
} finally {
  cluster('stop', clusterDir);
  rmSync(tmp, { recursive: true, force: true });
}
const ones = results.filter((r) => r.workers === 1 && !r.killOne);
const twos = results.filter((r) => r.workers === 2 && !r.killOne);
const base1 = ones.length ? median(ones.map((r) => r.rate)) : NaN;
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');
console.log('| run | workers | enqueued | stored (distinct texts; text keys) | failed jobs | seconds | docs/s | steady docs/s | CPU ms/doc: worker main thread | analysis thread | helper threads | PostgreSQL | cores busy | peak RSS per worker |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
results.forEach((r, i) => {
  const label = r.killOne ? '2, one SIGKILLed + restarted' : String(r.workers);
  const st = r.steady;
  console.log(`| ${i + 1} | ${label} | ${r.enqueued} | ${r.docs} (${r.texts}; ${r.textKeys}) | ${r.failed} | ${r.seconds.toFixed(1)} | ${r.rate.toFixed(2)} | ${st ? st.rate.toFixed(2) : '—'} | ${st ? f1(st.main) : '—'} | ${st ? f1(st.analysis) : '—'} | ${st ? f1(st.helpers) : '—'} | ${st ? f1(st.pg) : '—'} | ${st ? st.busy.toFixed(2) : '—'} | ${r.rssMb.toFixed(0)} MB |`);
});
if (ones.length && twos.length) {
  const m2 = median(twos.map((r) => r.rate));
  const s1 = median(ones.filter((r) => r.steady).map((r) => r.steady.rate));
  const s2 = median(twos.filter((r) => r.steady).map((r) => r.steady.rate));
  const cpu = (rs, k) => median(rs.filter((r) => r.steady).map((r) => r.steady[k]));
  console.log(`\nmedians over ${ones.length} runs of 1 worker and ${twos.length} of 2 (interleaved):`);
  console.log(`  docs/s (first job started → last completed): 1 worker ${base1.toFixed(2)}, 2 workers ${m2.toFixed(2)} → speed-up ${(m2 / base1).toFixed(2)}×`);
  console.log(`  steady docs/s (10 % → 90 % done):            1 worker ${s1.toFixed(2)}, 2 workers ${s2.toFixed(2)} → speed-up ${(s2 / s1).toFixed(2)}×`);
  for (const [label, rs] of [['1 worker ', ones], ['2 workers', twos]]) {
    console.log(`  CPU per document, ${label}: worker main thread ${f1(cpu(rs, 'main'))} ms, analysis thread ${f1(cpu(rs, 'analysis'))} ms, helper threads ${f1(cpu(rs, 'helpers'))} ms, PostgreSQL ${f1(cpu(rs, 'pg'))} ms; cores busy ${cpu(rs, 'busy').toFixed(2)}`);
  }
}
const kill = results.find((r) => r.killOne);
if (kill) console.log(`\nSIGKILL run: ${kill.docs === kill.enqueued && kill.texts === kill.docs && kill.textKeys === kill.docs ? 'every document stored exactly once' : 'MISMATCH'} (${kill.enqueued} enqueued, ${kill.docs} stored, ${kill.texts} distinct texts, ${kill.textKeys} text keys, ${kill.failed} failed jobs)`);
console.log(`load average at the end: ${load()} (uptime: ${spawnSync('uptime', { encoding: 'utf8' }).stdout.trim()})`);
