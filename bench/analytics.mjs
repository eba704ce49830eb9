// Corpus analytics speed (issue 9): timelines, an outlet profile, graph slices, story groups and the
// W3C export over a synthetic corpus of stored-result-shaped documents (generated words, so the
// numbers do not depend on the analysis pipeline). Prints the median of R runs, wall time and CPU
// time (user + system of this process) per operation, and the peak RSS.
//
// Usage: npm run build && nice -n 10 node bench/analytics.mjs [--docs 2000] [--runs 3]
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { timeline, graphSlices } from '../dist/corpus/timeline.js';
import { outletProfile } from '../dist/corpus/outlet.js';
import { storyGroups } from '../dist/corpus/similarity/index.js';
import { w3c } from '../dist/corpus/export.js';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '2000' }, runs: { type: 'string', default: '3' } } });
const N = Number(values.docs);
const RUNS = Number(values.runs);

// Deterministic generator: each story (3 documents) shares a block of rarer words and names.
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const vocab = Array.from({ length: 20000 }, (_, i) => `w${i.toString(36)}q`);
const names = Array.from({ length: 2000 }, (_, i) => `Name${i.toString(36)}`);
const codes = ['USA', 'RUS', 'CHN', 'IRN', 'UKR', 'DEU', 'FRA', 'GBR'];
const techniques = ['Loaded_Language', 'Doubt', 'Name_Calling-Labeling', 'Exaggeration-Minimisation'];
const ref = { start: 0, end: 4, text: 'w0q ' };
const docs = [];
for (let i = 0; i < N; i++) {
  const story = Math.floor(i / 3);
  const words = [];
  for (let k = 0; k < 300; k++) words.push(rnd() < 0.25 ? vocab[(story * 101 + k) % 20000] : vocab[Math.floor(rnd() ** 3 * 20000)]);
  for (let k = 0; k < 8; k++) words.splice(Math.floor(rnd() * words.length), 0, names[(story * 17 + k) % 2000]);
  const text = words.join(' ') + '.';
  const day = 1 + (story % 28);
  const a = codes[story % 8], b = codes[(story + 3) % 8];
  docs.push({
    id: `d${i}`,
    result: {
      schemaVersion: '1', id: `d${i}`, text,
      meta: { title: words.slice(0, 8).join(' '), date: `2024-${String(1 + (story % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}`, dateSource: null, byline: null, language: 'en', url: null, canonicalUrl: null, siteName: null, source: `Outlet ${i % 25}`, credits: [] },
      sentences: [],
      actors: [a, b].map((code) => ({ code, name: code, type: 'country', country: code, sector: null, mentions: [ref, ref] })),
      relations: [],
      events: [{ source: a, target: b, cameo: '040', description: 'consult', goldstein: 1, quad: 1, evidence: ref, trigger: ref, sourceMention: ref, targetMention: ref, confidence: 0.8, explanation: '' }],
      graph: { nodes: [], edges: [], triads: [], balance: { triads: 0, balanced: 0, frustration: null, camps: null }, realignments: [] },
      techniques: Array.from({ length: 3 }, (_, k) => ({ technique: techniques[(i + k) % 4], start: k * 4, end: k * 4 + 3, text: text.slice(k * 4, k * 4 + 3), confidence: 0.5, explanation: '', component: 'bench' })),
      normalization: [],
      components: [],
    },
  });
}

async function drain(it) {
  let n = 0;
  for await (const c of it) n += c.length;
  return n;
}

const ops = {
  'timeline by outlet (week)': () => timeline(docs, { by: 'outlet', interval: 'week' }),
  'timeline by technique (month)': () => timeline(docs, { by: 'technique', interval: 'month' }),
  'timeline by pair (month)': () => timeline(docs, { by: 'pair', interval: 'month' }),
  'outlet profile': () => outletProfile(docs, 'Outlet 3'),
  'graph slices (month)': () => graphSlices(docs, { interval: 'month' }),
  'story groups': () => storyGroups(docs),
  'W3C export': () => drain(w3c(docs)),
};

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${N} documents, ${RUNS} runs; ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('operation'.padEnd(32), 'wall ms'.padStart(9), 'cpu ms'.padStart(9));
let peak = 0;
for (const [name, fn] of Object.entries(ops)) {
  const wall = [];
  const cpu = [];
  for (let r = 0; r < RUNS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  console.log(name.padEnd(32), median(wall).toFixed(0).padStart(9), median(cpu).toFixed(0).padStart(9));
}
console.log(`peak RSS ${(peak / 1e6).toFixed(0)} MB`);
