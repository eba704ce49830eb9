// Benchmark of the persuasion-technique model: load time (fresh processes), `detect` and `classify`
// throughput (articles/s, spans/s) on one core, and peak memory (RSS). Medians of several runs.
// Usage: npm run build && node bench/techniques.mjs [--data <ptc-dir>] [--runs 5]
// Without --data it uses the PTC training split when present, else synthetic articles.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { existsSync } from 'node:fs';

const arg = (name, dflt) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : dflt);
const runs = Number(arg('--runs', 5));
const data = arg('--data', new URL('../../shared/data/ptc/train', import.meta.url).pathname); // ../shared beside the checkout
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dist = (p) => new URL(`../dist/techniques/${p}`, import.meta.url).href;

// Model load in fresh processes: import of the code, then reading and unpacking the weights.
const loadScript = `
const t0 = performance.now();
const { loadDefaultModel } = await import('${dist('index.js')}');
const t1 = performance.now();
loadDefaultModel();
const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, loadMs: t2 - t1, rssMB: process.memoryUsage().rss / 1e6 }));`;
const loads = [];
for (let i = 0; i < runs; i++) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', loadScript], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  loads.push(JSON.parse(r.stdout));
}

const { loadDefaultModel, detectAll } = await import(dist('index.js'));
const { prepare } = await import(dist('features.js'));
const model = loadDefaultModel();

let articles;
let source;
if (existsSync(`${data}/articles`)) {
  const { readPtc } = await import(dist('ptc.js'));
  articles = readPtc(data);
  source = `${articles.length} PTC articles from ${data}`;
} else {
  const words = ['the', 'government', 'said', 'so-called', '“threat”', 'never', 'our', 'nation', 'shameful', 'talks', 'with', 'officials', 'would', 'continue', 'in', 'a', 'statement', 'after', 'meeting', 'pressure'];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  articles = Array.from({ length: 300 }, (_, k) => {
    const text = Array.from({ length: 60 }, () => Array.from({ length: 15 }, () => words[Math.floor(rnd() * words.length)]).join(' ') + '.').join(' ');
    return { id: String(k), text, gold: [] };
  });
  source = '300 synthetic articles (60 sentences each)';
}
const chars = articles.reduce((s, a) => s + a.text.length, 0);

// Wall time and CPU time of this thread: on a shared machine the CPU time is the fairer "one core" figure.
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
function timeDetect() {
  const t0 = performance.now(), c0 = cpu();
  let spans = 0;
  for (const a of articles) spans += detectAll(a.text, model).length; // what `slant techniques detect` runs
  return { s: (performance.now() - t0) / 1000, cpu: cpu() - c0, spans };
}
function timeClassify() {
  const t0 = performance.now(), c0 = cpu();
  let spans = 0;
  for (const a of articles) {
    if (!a.gold.length) continue;
    spans += model.classifyAll(prepare(a.text), a.gold).length;
  }
  return { s: (performance.now() - t0) / 1000, cpu: cpu() - c0, spans };
}

// Pathological input: one phrase repeated 16,000 times (80,000 tokens, 16,000 spans), one cold run.
function timePathological() {
  const text = 'Russia!!!! '.repeat(16000);
  const c0 = cpu();
  const n = detectAll(text, model).length;
  return { cpu: cpu() - c0, n };
}
const patho = timePathological();

timeDetect(); // warm-up (JIT)
const detect = Array.from({ length: runs }, timeDetect);
const classify = Array.from({ length: runs }, timeClassify);
const d = median(detect.map((x) => x.s)), dc = median(detect.map((x) => x.cpu));
const c = median(classify.map((x) => x.s)), cc = median(classify.map((x) => x.cpu));
const nClassified = classify[0].spans;
const rows = [
  ['machine', `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, one thread`],
  ['input', `${source}, ${(chars / 1e6).toFixed(2)} M characters`],
  ['model load (fresh process)', `${median(loads.map((l) => l.loadMs)).toFixed(0)} ms to read the weights + ${median(loads.map((l) => l.importMs)).toFixed(0)} ms to import the code`],
  ['detect (wall clock)', `${(articles.length / d).toFixed(0)} articles/s, ${(detect[0].spans / d).toFixed(0)} spans/s (${detect[0].spans} spans)`],
  ['detect (per CPU second)', `${(articles.length / dc).toFixed(0)} articles/s, ${(detect[0].spans / dc).toFixed(0)} spans/s`],
  ['classify (wall clock)', nClassified ? `${(articles.length / c).toFixed(0)} articles/s, ${(nClassified / c).toFixed(0)} spans/s (${nClassified} spans)` : 'no labelled spans in the input'],
  ['classify (per CPU second)', nClassified ? `${(articles.length / cc).toFixed(0)} articles/s, ${(nClassified / cc).toFixed(0)} spans/s` : '-'],
  ['pathological input', `'Russia!!!! ' × 16000: detect ${(patho.cpu * 1000).toFixed(0)} ms CPU, first run (${patho.n} spans)`],
  ['load average at the end', loadavg().map((x) => x.toFixed(1)).join(' ') + ` (${cpus().length} cores; above ${cpus().length} the wall-clock figures are shared)`],
  ['peak memory (RSS)', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (after loading the articles and the model)`],
];
console.log(`bench/techniques.mjs — medians of ${runs} runs`);
for (const [k, v] of rows) console.log(`${k.padEnd(28)} ${v}`);
