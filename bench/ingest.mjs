// Ingest throughput (issue 9): `slant ingest <dir>` into a fresh SQLite corpus against
// `slant analyze <dir> -f json` on the same articles, each with 1 and 2 workers. Prints documents/s
// (wall clock), documents per CPU-second (user + system of the process and its threads, what one idle
// core would do), and peak memory. Ingest does more than analyse — keys, near-copy signature, LSH
// lookup and a transactional write per document — and must not be slower.
//
// Usage: npm run build && nice -n 10 node bench/ingest.mjs [--dir DIR] [--limit N] [--runs R] [--workers 1,2]
// Default folder: /work/shared/data/ptc/train/articles (371 articles). Medians over R runs (default 1).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = new URL('..', import.meta.url).pathname;
const MAIN = join(ROOT, 'dist/cli/main.js');
const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '/work/shared/data/ptc/train/articles' },
    limit: { type: 'string' },
    runs: { type: 'string', default: '1' },
    workers: { type: 'string', default: '1,2' },
  },
});

const tmp = mkdtempSync(join(tmpdir(), 'slant-bench-ingest-'));
let dir = resolve(values.dir);
let names = readdirSync(dir).filter((n) => /\.(txt|html?|json)$/i.test(n)).sort();
if (values.limit) {
  // A subset: symbolic links in a temporary folder, so both commands read the same files.
  const { symlinkSync, mkdirSync } = await import('node:fs');
  const sub = join(tmp, 'subset');
  mkdirSync(sub);
  names = names.slice(0, Number(values.limit));
  for (const n of names) symlinkSync(join(dir, n), join(sub, n));
  dir = sub;
}

/** Run a command under /usr/bin/time: wall ms, CPU ms, max RSS. */
function timed(args) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'TIME %M %U %S', process.execPath, MAIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      const m = /TIME (\d+) ([\d.]+) ([\d.]+)/.exec(err);
      resolvePromise({ code, wallMs, maxRssKb: m ? Number(m[1]) : NaN, cpuMs: m ? (Number(m[2]) + Number(m[3])) * 1000 : NaN, err });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} at start`);
console.log(`${names.length} articles from ${values.dir}; ${values.runs} run(s) per mode, medians\n`);
console.log('mode                 docs/s   docs/CPU-s   peak MB   stored');
try {
  for (const w of values.workers.split(',').map(Number)) {
    // Runs interleaved (analyze, ingest, analyze, ...): on a shared machine both modes see the same load.
    const rows = { analyze: [], ingest: [] };
    let stored = '';
    for (let r = 0; r < Number(values.runs); r++) {
      for (const mode of ['analyze', 'ingest']) {
        const out = join(tmp, `out-${mode}-${w}-${r}`);
        const args = mode === 'analyze' ? ['analyze', dir, '-f', 'json', '--workers', String(w), '-o', `${out}.jsonl`] : ['ingest', dir, '--db', out, '--workers', String(w), '-q'];
        const res = await timed(args);
        if (res.code !== 0) throw new Error(`${mode} exited ${res.code}: ${res.err.slice(-500)}`);
        if (mode === 'ingest') stored = /(\d+) ingested/.exec(res.err)?.[1] ?? '?';
        rows[mode].push({ rate: (names.length * 1000) / res.wallMs, perCpu: (names.length * 1000) / res.cpuMs, rss: res.maxRssKb / 1024 });
        rmSync(out, { recursive: true, force: true });
        rmSync(`${out}.jsonl`, { force: true });
      }
    }
    for (const mode of ['analyze', 'ingest']) {
      const x = rows[mode];
      const label = `${mode} --workers ${w}`.padEnd(20);
      console.log(`${label} ${median(x.map((y) => y.rate)).toFixed(2).padStart(6)}   ${median(x.map((y) => y.perCpu)).toFixed(2).padStart(10)}   ${median(x.map((y) => y.rss)).toFixed(0).padStart(7)}   ${mode === 'ingest' ? stored : ''}`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`\nload average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
