// Workers through the PostgreSQL job queue (issue 10): on a throwaway local cluster, a corpus is
// enqueued with `slant ingest --queue`, then analysed by 1 and (on a fresh database) 2 `slant worker`
// processes; then 2 workers again, one killed with SIGKILL mid-run and restarted, after which every
// enqueued document must be stored exactly once (counted in the store: documents, distinct texts).
//
// Rate = documents / (last job completed − first job started), read from pg-boss's own timestamps.
// Each worker runs in its own session (setsid), like a systemd service or a separate machine: the
// kernel's autogroup scheduler otherwise gives all processes of one session one share of the CPUs,
// so two workers started from one shell could never beat one on a shared machine. Each such group
// is set to nice 10 (as `nice -n 10` for the whole bench would be) so the bench stays polite.
//
// Usage: npm run build && nice -n 10 node bench/workers.mjs [--dir DIR | --generate N] [--limit N]
//          [--pipeline LIST] [--lease SEC] [--runs 1,2,kill]
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
    runs: { type: 'string', default: '1,2,kill' },
  },
});

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

/** A worker in its own session (own scheduler group, nice 10) under /usr/bin/time for its peak RSS. */
function startWorker(url) {
  const args = ['-f', 'TIME %M %U %S', process.execPath, MAIN, 'worker', '--db', url, '--concurrency', '1', '-q'];
  if (values.pipeline) args.push('--pipeline', values.pipeline);
  const child = spawn('/usr/bin/time', args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
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
  return { child, exited, kill: (sig) => (sig === 'SIGKILL' ? process.kill(-child.pid, sig) : process.kill(node(), sig)) };
}

/** Jobs by state and the first start / last completion, from pg-boss's tables (job + archive). */
async function progress(url) {
  const rows = await query(
    url,
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

/** CPU seconds used so far by the PostgreSQL server: the postmaster and its exited backends (the workers' connections close at exit). */
function pgCpu() {
  try {
    const pid = readFileSync(join(clusterDir, 'data/postmaster.pid'), 'utf8').split('\n')[0];
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100; // utime stime cutime cstime, in ticks
  } catch {
    return NaN;
  }
}

async function benchRun(base, dir, count, workers, killOne) {
  const url = await freshDb(base);
  const pgBefore = pgCpu();
  const enq = run(['ingest', dir, '--db', url, '--queue', '--lease', values.lease, '-q']);
  const enqueued = Number(/(\d+) enqueued/.exec(enq.stderr)?.[1] ?? NaN);
  const started = performance.now();
  const procs = Array.from({ length: workers }, () => startWorker(url));
  const finished = [];
  let killed = false;
  let p;
  const deadline = Date.now() + 3 * 3600_000;
  for (;;) {
    await sleep(1000);
    p = await progress(url);
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
  for (const w of procs) w.kill('SIGTERM');
  for (const w of procs) finished.push(await w.exited);
  await sleep(500); // the backends of the stopped workers exit
  const pgSeconds = pgCpu() - pgBefore;
  const s = await stored(url);
  const seconds = (p.last - p.first) / 1000;
  return { workers, killOne, enqueued, done: p.done, failed: p.failed, seconds, wall, rate: p.done / seconds, rssMb: Math.max(...finished.map((f) => f.rssKb).filter(Number.isFinite)) / 1024, cpu: finished.reduce((a, f) => a + (f.cpuS || 0), 0), pgSeconds, ...s };
}

const { dir, count } = corpusDir();
const [base, clusterDir] = cluster('start').split(' ');
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}; shared with other sessions — load average ${load()} at start`);
console.log(`corpus: ${count} documents from ${values.generate ? `--generate ${values.generate}` : values.dir}${values.pipeline ? `; --pipeline ${values.pipeline}` : '; default pipeline'}; lease ${values.lease} s\n`);
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
const one = results.find((r) => r.workers === 1 && !r.killOne);
console.log('| workers | enqueued | stored (distinct texts) | seconds | docs/s | speed-up | peak RSS per worker | CPU s (all workers) | docs per CPU-s | PostgreSQL CPU s |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const label = r.killOne ? '2, one SIGKILLed + restarted' : String(r.workers);
  console.log(`| ${label} | ${r.enqueued} | ${r.docs} (${r.texts}; text keys ${r.textKeys}) | ${r.seconds.toFixed(1)} | ${r.rate.toFixed(2)} | ${one ? (r.rate / one.rate).toFixed(2) + '×' : '—'} | ${r.rssMb.toFixed(0)} MB | ${r.cpu.toFixed(0)}${r.killOne ? ' (without the killed one)' : ''} | ${r.killOne ? '—' : (r.done / r.cpu).toFixed(1)} | ${r.pgSeconds.toFixed(1)} |`);
}
const kill = results.find((r) => r.killOne);
if (kill) console.log(`\nSIGKILL run: ${kill.docs === kill.enqueued && kill.texts === kill.docs ? 'every document stored exactly once' : 'MISMATCH'} (${kill.enqueued} enqueued, ${kill.docs} stored, ${kill.texts} distinct texts, ${kill.failed} failed jobs)`);
console.log(`load average at the end: ${load()} (uptime: ${spawnSync('uptime', { encoding: 'utf8' }).stdout.trim()})`);
