// Benchmark of the actor recogniser: load time of the shipped dictionary (fresh processes) and
// matching speed on synthetic news-like text at two sizes (to show linear scaling).
// Usage: npm run build && node bench/actors.mjs [--runs 5] [--big]   (--big adds a ~50 MB text)
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const loadScript = `
const t0 = performance.now();
const { ActorDictionary } = await import('${new URL('../dist/actors/index.js', import.meta.url).href}');
const t1 = performance.now();
const c1 = process.cpuUsage();
ActorDictionary.default();
const t2 = performance.now();
const c2 = process.cpuUsage(c1);
console.log(JSON.stringify({ importMs: t1 - t0, loadMs: t2 - t1, loadCpuMs: (c2.user + c2.system) / 1000, heapMB: process.memoryUsage().heapUsed / 1e6 }));`;
const loads = [];
for (let i = 0; i < runs; i++) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', loadScript], { encoding: 'utf8' });
  loads.push(JSON.parse(r.stdout));
}

const { ActorDictionary } = await import('../dist/actors/index.js');
const dict = ActorDictionary.default();
const vocab = ['the', 'government', 'said', 'on', 'Tuesday', 'that', 'talks', 'with', 'officials', 'would', 'continue', 'in', 'a', 'statement', 'after', 'meeting', 'economic', 'pressure', 'and', 'security'];
const actors = ['China', 'Russia', 'the West', 'Western countries', 'Russian troops', 'Beijing', 'the US side', 'NATO', 'President Putin', 'European countries', 'Ukraine', 'the EU'];
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
function makeText(words) {
  const out = [];
  for (let i = 0; i < words; i++) {
    out.push(rnd() < 0.05 ? actors[Math.floor(rnd() * actors.length)] : vocab[Math.floor(rnd() * vocab.length)]);
    if (rnd() < 0.05) out.push('.');
  }
  return out.join(' ');
}
const rows = [];
for (const words of process.argv.includes('--big') ? [200_000, 2_000_000, 7_200_000] : [200_000, 2_000_000]) {
  const text = makeText(words);
  const times = [];
  const cpu = [];
  let n = 0;
  for (let i = 0; i < (words > 5_000_000 ? 1 : Math.max(3, Math.min(runs, 5))); i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    n = dict.find(text).length;
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const ms = median(times);
  const cpuMs = median(cpu);
  rows.push({ words, mb: text.length / 1e6, ms, cpuMs, mentions: n, wordsPerSec: words / (ms / 1000), cpuWordsPerSec: words / (cpuMs / 1000), mbPerSec: text.length / 1e6 / (ms / 1000) });
}
// resolve() on short phrases, as the event coder calls it
const phrases = ['Russian troops', 'Beijing', 'former President Obama', 'German Defense Minister', 'a group of tourists', 'Shanghai police', 'Zorbo Quillfeather'];
const t0 = performance.now();
const rc0 = process.cpuUsage();
let k = 0;
for (; k < 50000; k++) dict.resolve(phrases[k % phrases.length], '2022-05-05');
const resolvePerSec = k / ((performance.now() - t0) / 1000);
const rc = process.cpuUsage(rc0);
const resolveCpuPerSec = k / ((rc.user + rc.system) / 1e6);

console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
console.log(`dictionary: ${dict.actorCount} actor phrases, ${dict.agentCount} agent phrases`);
console.log(`load average: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (wall-clock figures are lower bounds on a busy machine; CPU time is steadier)`);
console.log(`load (median of ${runs} fresh processes): import ${median(loads.map((l) => l.importMs)).toFixed(0)} ms, dictionary ${median(loads.map((l) => l.loadMs)).toFixed(0)} ms (CPU ${median(loads.map((l) => l.loadCpuMs ?? NaN)).toFixed(0)} ms), heap ${median(loads.map((l) => l.heapMB)).toFixed(0)} MB`);
for (const r of rows) console.log(`find: ${r.words.toLocaleString('en')} words (${r.mb.toFixed(1)} MB): ${r.ms.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU, ${Math.round(r.wordsPerSec).toLocaleString('en')} words/s wall, ${Math.round(r.cpuWordsPerSec).toLocaleString('en')} words per CPU-second, ${r.mentions} mentions`);
console.log(`resolve: ${Math.round(resolvePerSec).toLocaleString('en')} phrases/s wall, ${Math.round(resolveCpuPerSec).toLocaleString('en')} per CPU-second`);
