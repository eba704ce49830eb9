// Corpus throughput (issue 15): the full default analysis, JSON results serialised, over a folder of
// articles — in one process on one thread, through `slant analyze <dir> -f json` with 1 and 2
// workers, and through `slant ingest` — printing articles/s, MB/s, peak memory (max RSS of the
// process, worker threads included) and the share of time per component.
//
// Usage: npm run build && nice -n 10 node bench/corpus.mjs [--dir DIR] [--repeat K] [--limit N]
//          [--runs R] [--modes inprocess,cli1,cli2,ingest1,ingest2] [--pipeline a,b,c] [--warmup W]
//          [--node-flags=--single-threaded]
// CLI modes also print the CPU seconds of each thread (Linux /proc): the main thread, the worker
// threads and V8's helper threads (garbage collection, compilation) — where a second worker's cost goes.
// --warmup W (in-process mode) analyses the articles W times untimed first: the steady state.
// The in-process run has the V8 young generation of the pool's workers (64 MB semi-spaces).
// On a shared machine wall-clock rates follow the load (and, with autogroup scheduling, a session
// gets the same CPU share with one worker or two); "articles per CPU-second" (user + system time
// of the process, all its threads) is what one idle core would do, and is printed beside them.
// Default folder: /work/shared/data/ptc/train/articles (371 articles, ~5 KB each). --repeat K lists
// each article K times (symbolic links in a temporary folder) for a longer, steadier run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, readFileSync } from 'node:fs';
import { threadSampler } from './threads.mjs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = new URL('..', import.meta.url).pathname;
const MAIN = join(ROOT, 'dist/cli/main.js');
const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '/work/shared/data/ptc/train/articles' },
    repeat: { type: 'string', default: '1' },
    limit: { type: 'string' },
    runs: { type: 'string', default: '3' },
    modes: { type: 'string', default: 'inprocess,cli1,cli2,ingest2' },
    pipeline: { type: 'string' },
    child: { type: 'boolean', default: false },
    // In-process mode: analyse the articles this many times untimed first (JIT, lazy dictionary
    // entries: ~4 s of CPU per process), so the figure is the steady state a long run reaches.
    warmup: { type: 'string', default: '0' },
    // Node options for the CLI runs, e.g. --node-flags=--single-threaded (space-separated).
    'node-flags': { type: 'string', default: '' },
  },
});

/** The article files (sorted), limited, repeated. */
function listFiles() {
  const dir = resolve(values.dir);
  let names = readdirSync(dir).filter((n) => /\.(txt|html?|json)(\.gz)?$/i.test(n)).sort();
  if (values.limit) names = names.slice(0, Number(values.limit));
  const files = names.map((n) => join(dir, n));
  const out = [];
  for (let k = 0; k < Number(values.repeat); k++) out.push(...files);
  return out;
}

if (values.child) {
  // In-process mode: one thread analyses every article, the result serialised as for -f json.
  const { analyze, toDoc } = await import(join(ROOT, 'dist/analyze.js'));
  const { loadInput } = await import(join(ROOT, 'dist/input/load.js'));
  const { createPipeline, DEFAULT_PIPELINE } = await import(join(ROOT, 'dist/registry.js'));
  const { toResult } = await import(join(ROOT, 'dist/result.js'));
  const names = values.pipeline ? values.pipeline.split(',') : DEFAULT_PIPELINE;
  const t0 = performance.now();
  const pipeline = await createPipeline(names);
  await analyze('Warm-up: the minister of France met officials in Berlin.', { pipeline: names }); // lazy data loads
  for (let w = 0; w < Number(values.warmup); w++) for (const f of listFiles()) pipeline.run(await toDoc({ ...(await loadInput(f)), id: f }));
  pipeline.takeTimings();
  const setupMs = performance.now() - t0;
  const timings = { load: 0, normalize: 0, result: 0, serialize: 0 };
  let bytes = 0;
  let docs = 0;
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  for (const f of listFiles()) {
    let t = performance.now();
    const input = await loadInput(f);
    const doc = await toDoc({ ...input, id: f });
    timings.normalize += performance.now() - t;
    pipeline.run(doc);
    t = performance.now();
    const result = toResult(doc, pipeline.names);
    const t2 = performance.now();
    bytes += Buffer.byteLength(JSON.stringify(result));
    timings.result += t2 - t;
    timings.serialize += performance.now() - t2;
    docs++;
  }
  const wallMs = performance.now() - t1;
  const cpu = process.cpuUsage(c1);
  for (const [k, v] of Object.entries(pipeline.takeTimings())) timings[k] = (timings[k] ?? 0) + v;
  delete timings.load; // loading counted with normalize here
  console.log(JSON.stringify({ docs, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, setupMs, timings, outBytes: bytes, maxRssKb: process.resourceUsage().maxRSS }));
  process.exit(0);
}

/** CPU seconds of the main thread, the analysing worker threads (the busiest `workers` others) and the rest (V8 helpers, libuv). */
function describeThreads(perThread, workers) {
  // The process doing the work (the busiest); other processes (a parent that re-ran itself) apart.
  const byPid = new Map();
  for (const t of perThread) byPid.set(t.pid, (byPid.get(t.pid) ?? 0) + t.cpu);
  const worker = [...byPid].sort((a, b) => b[1] - a[1])[0][0];
  const mine = perThread.filter((t) => t.pid === worker);
  const main = mine.find((t) => t.main)?.cpu ?? 0;
  const others = mine.filter((t) => !t.main).map((t) => t.cpu).sort((a, b) => b - a);
  const w = others.slice(0, workers);
  const rest = others.slice(workers).reduce((a, b) => a + b, 0);
  const parent = [...byPid].filter(([p]) => p !== worker).reduce((a, [, c]) => a + c, 0);
  return `main ${main.toFixed(2)}, workers ${w.map((x) => x.toFixed(2)).join(' + ')}, helpers ${rest.toFixed(2)}${byPid.size > 1 ? `, parent process ${parent.toFixed(2)}` : ''}`;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Run a command under /usr/bin/time; returns wall ms, max RSS (KB), CPU per thread and stderr. */
function timed(cmd, args) {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'MAXRSS %M CPU %U %S', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    const threads = threadSampler(child.pid, true);
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - t0;
      const perThread = threads.stop();
      const m = /MAXRSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(err);
      resolvePromise({ code, wallMs, maxRssKb: m ? Number(m[1]) : NaN, cpuMs: m ? (Number(m[2]) + Number(m[3])) * 1000 : NaN, err, perThread });
    });
  });
}

/** Per-component times from `--profile` output ("  name   1.23 s  12.3 %  ..."). */
function parseProfile(err) {
  const t = {};
  for (const m of err.matchAll(/^\s+(\S+)\s+([\d.]+) s\s+[\d.]+ %/gm)) t[m[1]] = Number(m[2]) * 1000;
  return t;
}

function shares(timings) {
  const total = Object.values(timings).reduce((a, b) => a + b, 0) || 1;
  return Object.entries(timings)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${((100 * v) / total).toFixed(1)}%`)
    .join(', ');
}

const files = listFiles();
const totalBytes = files.reduce((a, f) => a + statSync(f).size, 0);
let dir = resolve(values.dir);
let tmp = null;
if (Number(values.repeat) > 1 || values.limit) {
  // The CLI takes a folder: link the selected (repeated) files into a temporary one.
  tmp = mkdtempSync(join(tmpdir(), 'slant-bench-'));
  files.forEach((f, i) => symlinkSync(f, join(tmp, `${String(i).padStart(6, '0')}-${f.split('/').pop()}`)));
  dir = tmp;
}
console.log(`slant corpus benchmark — ${files.length} articles (${(totalBytes / 1e6).toFixed(2)} MB) from ${values.dir}${Number(values.repeat) > 1 ? ` ×${values.repeat}` : ''}`);
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} at start; ${values.runs} runs per mode, medians`);
if (values.pipeline) console.log(`pipeline: ${values.pipeline}`);

const modes = values.modes.split(',');
const rows = [];
for (const mode of modes) {
  const runs = [];
  for (let r = 0; r < Number(values.runs); r++) {
    if (mode === 'inprocess') {
      const args = [new URL(import.meta.url).pathname, '--child', '--dir', values.dir, '--repeat', values.repeat, '--warmup', values.warmup];
      if (values.limit) args.push('--limit', values.limit);
      if (values.pipeline) args.push('--pipeline', values.pipeline);
      const res = await new Promise((ok, ko) => {
        // The young generation the pool gives its workers (src/corpus/pool.ts: 192 MB = 64 MB semi-spaces).
        const c = spawn(process.execPath, ['--max-semi-space-size=64', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        c.stdout.on('data', (d) => (out += d));
        c.on('exit', (code) => (code === 0 ? ok(JSON.parse(out.trim().split('\n').pop())) : ko(new Error(`in-process run failed (${code})`))));
      });
      runs.push({ rate: (res.docs * 1000) / res.wallMs, perCpu: (res.docs * 1000) / res.cpuMs, mbs: totalBytes / 1e3 / res.wallMs, wallMs: res.wallMs, setupMs: res.setupMs, maxRssKb: res.maxRssKb, timings: res.timings });
    } else {
      const m = /^(cli|ingest)(\d+)$/.exec(mode);
      if (!m) throw new Error(`unknown mode ${mode}`);
      let args;
      let db = null;
      if (m[1] === 'cli') args = [MAIN, 'analyze', dir, '-f', 'json', '--workers', m[2], '--profile', ...(values.pipeline ? ['--pipeline', values.pipeline] : [])];
      else {
        db = mkdtempSync(join(tmpdir(), 'slant-bench-db-'));
        args = [MAIN, 'ingest', dir, '--db', join(db, 'corpus.db'), '--workers', m[2], '--quiet', ...(values.pipeline ? ['--pipeline', values.pipeline] : [])];
      }
      const res = await timed(process.execPath, [...values['node-flags'].split(' ').filter(Boolean), ...args]);
      if (db) rmSync(db, { recursive: true, force: true });
      if (res.code !== 0) {
        console.log(`${mode}: exit ${res.code}\n${res.err.split('\n').slice(-5).join('\n')}`);
        break;
      }
      runs.push({ rate: (files.length * 1000) / res.wallMs, perCpu: (files.length * 1000) / res.cpuMs, mbs: totalBytes / 1e3 / res.wallMs, wallMs: res.wallMs, maxRssKb: res.maxRssKb, timings: parseProfile(res.err), threads: res.perThread && describeThreads(res.perThread, Number(m[2])) });
    }
  }
  if (runs.length === 0) continue;
  const mid = runs.slice().sort((a, b) => a.rate - b.rate)[Math.floor(runs.length / 2)];
  const row = { mode, rate: median(runs.map((x) => x.rate)), all: runs.map((x) => x.rate.toFixed(0)).join('/'), mbs: median(runs.map((x) => x.mbs)), perCpu: median(runs.map((x) => x.perCpu)), rss: Math.max(...runs.map((x) => x.maxRssKb)) / 1024, setup: mid.setupMs, timings: mid.timings };
  rows.push(row);
  console.log(
    `${mode.padEnd(10)} ${row.rate.toFixed(1).padStart(7)} articles/s (runs ${row.all})  ${row.mbs.toFixed(2)} MB/s  ${row.perCpu.toFixed(1)} articles per CPU-second  peak RSS ${row.rss.toFixed(0)} MB` +
      (row.setup !== undefined ? `  (setup ${(row.setup / 1000).toFixed(2)} s, not counted)` : '  (wall clock, start-up included)'),
  );
  if (Object.keys(row.timings ?? {}).length) console.log(`           time per component: ${shares(row.timings)}`);
  if (mid.threads) console.log(`           CPU by thread (s): ${mid.threads}`);
}
const one = rows.find((r) => r.mode === 'cli1');
const two = rows.find((r) => r.mode === 'cli2');
if (one && two) {
  // Linux autogroup scheduling gives each session a fair share of the CPUs however many threads it
  // runs: on a busy machine two workers cannot get more CPU than one, so wall-clock scaling is only
  // meaningful on an idle machine. CPU per article says what two idle cores would do.
  console.log(`two workers / one worker: ${(two.rate / one.rate).toFixed(2)}× by wall clock; CPU per article with two workers ${(one.perCpu / two.perCpu).toFixed(2)}× one worker's; on two idle cores: ~${(2 * two.perCpu).toFixed(0)} articles/s with two workers (${((2 * two.perCpu) / one.perCpu).toFixed(2)}× one)`);
}
console.log(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (tmp) rmSync(tmp, { recursive: true, force: true });
