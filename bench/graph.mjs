// Graph balance at corpus scale (issue 15): balance + realignments of a merged graph of 500 actors
// and 5,000 edges, and the local search checked against the exact method on graphs small enough.
// Usage: npm run build && node bench/graph.mjs [--actors 500] [--edges 5000] [--runs 5] [--checks 300]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildGraph, finish, mergeGraphs, realign } from '../dist/graph/index.js';
import { bestSplit } from '../dist/graph/balance.js';
import { seededRandom as mulberry } from '../dist/core/random.js';

const { values } = parseArgs({ options: { actors: { type: 'string', default: '500' }, edges: { type: 'string', default: '5000' }, runs: { type: 'string', default: '5' }, checks: { type: 'string', default: '300' } } });
const A = Number(values.actors);
const M = Number(values.edges);
const RUNS = Number(values.runs);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Documents of a few events each between actors drawn by popularity (Zipf), two planted camps, 15 % noise. */
function corpusGraphs(seed) {
  const rand = mulberry(seed);
  const codes = Array.from({ length: A }, (_, i) => `A${String(i).padStart(3, '0')}`);
  const camp = codes.map(() => (rand() < 0.5 ? 0 : 1));
  const zipf = codes.map((_, i) => 1 / (i + 1) ** 0.6);
  const total = zipf.reduce((a, b) => a + b, 0);
  const cum = [];
  zipf.reduce((a, b, i) => (cum[i] = a + b / total), 0);
  const pick = () => {
    const r = rand();
    let lo = 0, hi = A - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const pairs = new Set();
  const graphs = [];
  let pos = 0;
  while (pairs.size < M) {
    const events = [];
    const actors = new Map();
    for (let k = 0; k < 4; k++) {
      const i = pick();
      let j = pick();
      if (i === j) j = (j + 1 + Math.floor(rand() * (A - 1))) % A;
      const friendly = (camp[i] === camp[j]) !== rand() < 0.15;
      const start = (pos += 10);
      events.push({
        source: codes[i], target: codes[j], cameo: friendly ? '050' : '111', description: '', goldstein: friendly ? 3.5 : -2, quad: friendly ? 1 : 3,
        negated: false, modality: 'asserted', attribution: { kind: 'author', code: null, text: null }, stance: 'reported-event', via: 'verb',
        evidence: { start, end: start + 5, text: 'x' }, trigger: { start, end: start + 1 },
      });
      for (const c of [i, j]) actors.set(codes[c], { code: codes[c], name: codes[c], type: 'state', mentions: 1 });
      pairs.add(i < j ? `${i}|${j}` : `${j}|${i}`);
    }
    graphs.push(buildGraph([...actors.values()], events, `d${graphs.length}`));
  }
  return graphs;
}

console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores)`);
const graphs = corpusGraphs(42);
const tMerge = [], tFinish = [], tRealign = [], cMerge = [], cFinish = [];
// CPU time of this thread beside wall time: on a shared machine the wall clock follows the load.
const cpuMs = (c) => (c.user + c.system) / 1000;
let merged;
for (let r = 0; r < RUNS; r++) {
  let t = performance.now();
  let c = process.cpuUsage();
  merged = mergeGraphs(graphs);
  tMerge.push(performance.now() - t);
  cMerge.push(cpuMs(process.cpuUsage(c)));
  t = performance.now();
  c = process.cpuUsage();
  const again = finish(merged.nodes, merged.edges); // signs, triads, balance, realignments
  tFinish.push(performance.now() - t);
  cFinish.push(cpuMs(process.cpuUsage(c)));
  t = performance.now();
  const top = again.nodes.slice(0, 3).map((n) => n.code);
  realign(again, [[top[0], top[1]], [top[2]]]);
  tRealign.push(performance.now() - t);
}
const undirectedPairs = new Set(merged.edges.map((e) => (e.source < e.target ? `${e.source}|${e.target}` : `${e.target}|${e.source}`))).size;
console.log(`merged graph: ${merged.nodes.length} actors, ${merged.edges.length} edges (${undirectedPairs} actor pairs) from ${graphs.length} documents`);
console.log(`  mergeGraphs (incl. balance + 3 realignments): median ${median(tMerge).toFixed(0)} ms wall, ${median(cMerge).toFixed(0)} ms CPU over ${RUNS} runs`);
console.log(`  balance + 3 realignments alone (finish):     median ${median(tFinish).toFixed(0)} ms wall, ${median(cFinish).toFixed(0)} ms CPU`);
console.log(`  one more realign():                           median ${median(tRealign).toFixed(0)} ms`);
console.log(`  frustration ${merged.balance.frustration}; camps ${merged.balance.camps[0].length} / ${merged.balance.camps[1].length}; realignments ${merged.realignments.length}`);

// Local search against the exact method (Gray-code enumeration) on random signed graphs.
const CHECKS = Number(values.checks);
const rand = mulberry(7);
let same = 0, equalCost = 0, gapSum = 0, gapMax = 0, n = 0, exactMs = 0, localMs = 0;
for (let t = 0; t < CHECKS; t++) {
  const size = 13 + Math.floor(rand() * 10); // 13..22 actors: beyond the default exact size
  const codes = Array.from({ length: size }, (_, i) => `C${String(i).padStart(2, '0')}`);
  const density = 0.15 + rand() * 0.6;
  const noise = rand() * 0.5; // 0 = perfectly balanced, 0.5 = random signs
  const camp = codes.map(() => (rand() < 0.5 ? 0 : 1));
  const pairs = new Map();
  for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) if (rand() < density) pairs.set(`${codes[i]}|${codes[j]}`, { sign: (camp[i] === camp[j]) !== rand() < noise ? 1 : -1 });
  const used = [...new Set([...pairs.keys()].flatMap((k) => k.split('|')))].sort();
  const fixed = t % 3 === 0 && used.length > 3 ? new Map([[used[0], 0], [used[1], 1], [used[2], 0]]) : new Map();
  let s = performance.now();
  const ex = bestSplit(used, pairs, fixed, { exactMax: 26 });
  exactMs += performance.now() - s;
  s = performance.now();
  const h = bestSplit(used, pairs, fixed, { exactMax: 0 });
  localMs += performance.now() - s;
  n++;
  if (h.cost === ex.cost) equalCost++;
  if (JSON.stringify([...h.side].sort()) === JSON.stringify([...ex.side].sort())) same++;
  const gap = h.cost - ex.cost;
  if (gap < 0) throw new Error('local search beat the exact method: a bug');
  gapSum += gap;
  gapMax = Math.max(gapMax, gap);
}
console.log(`local search vs exact on ${n} random signed graphs of 13–22 actors (density 0.15–0.75, sign noise 0–50 %, a third with 3 fixed actors):`);
console.log(`  same frustration index: ${equalCost} (${((100 * equalCost) / n).toFixed(1)} %); identical camps: ${same}; mean gap ${(gapSum / n).toFixed(3)} pairs, max gap ${gapMax}`);
console.log(`  time: exact ${(exactMs / n).toFixed(1)} ms/graph, local search ${(localMs / n).toFixed(2)} ms/graph`);
