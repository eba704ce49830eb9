// Benchmark: what the narratives component (narratives + roles) adds to `slant analyze` time.
// Runs the default pipeline with and without 'narratives' on the bundled example and on a longer
// text (the example repeated), alternating, and reports medians; plus the models' load time.
// Usage: npm run build && node bench/narratives.mjs [--runs 15] [--no-parse]
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const { createPipeline, DEFAULT_PIPELINE } = await import('../dist/registry.js');
const { toDoc } = await import('../dist/analyze.js');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = process.argv.includes('--no-parse') ? DEFAULT_PIPELINE.filter((n) => n !== 'parse') : DEFAULT_PIPELINE;

const t0 = performance.now();
const { loadNarrativeModel, loadRoleModel } = await import('../dist/narratives/index.js');
loadNarrativeModel();
loadRoleModel();
const loadMs = performance.now() - t0;

const withN = await createPipeline(base);
const without = await createPipeline(base.filter((n) => n !== 'narratives'));
const example = readFileSync(new URL('../examples/opinion-piece.txt', import.meta.url), 'utf8');
// A short article (the first sentences, ~700 characters, cut at a sentence end): fixed per-article costs weigh most here.
const short = example.slice(0, example.indexOf('. ', 650) + 1 || 700);
const texts = { 'short article (opinion piece, first ~700 characters)': short, 'opinion piece': example, 'opinion piece ×4 (a long article)': Array(4).fill(example).join('\n\n'), 'opinion piece ×20': Array(20).fill(example).join('\n\n') };
const rows = [];
for (const [name, text] of Object.entries(texts)) {
  const a = [];
  const b = [];
  const ac = [];
  const bc = [];
  for (let i = 0; i < runs + 2; i++) {
    for (const [p, into, cpuInto] of i % 2 ? [[withN, a, ac], [without, b, bc]] : [[without, b, bc], [withN, a, ac]]) {
      const doc = await toDoc(text);
      const c = process.cpuUsage();
      const s = performance.now();
      p.run(doc);
      const wall = performance.now() - s;
      const cu = process.cpuUsage(c);
      if (i >= 2) into.push(wall), cpuInto.push((cu.user + cu.system) / 1000); // two warm-up rounds
    }
  }
  const w = median(a);
  const wo = median(b);
  const wc = median(ac);
  const woc = median(bc);
  rows.push({ text: name, chars: text.length, withoutMs: wo.toFixed(1), withMs: w.toFixed(1), addedPct: (((w - wo) / wo) * 100).toFixed(1), cpu: `${woc.toFixed(1)} → ${wc.toFixed(1)} (${(((wc - woc) / woc) * 100).toFixed(1)} %)` });
}
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}, ${runs} runs, medians; pipeline: ${base.join(',')}`);
console.log(`models load: ${loadMs.toFixed(0)} ms (narratives + roles, once per process)`);
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (CPU time is less sensitive to other processes than wall time)`);
console.log('| text | characters | analyze without narratives (ms) | with narratives (ms) | added | CPU ms without → with (added) |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.text} | ${r.chars} | ${r.withoutMs} | ${r.withMs} | ${r.addedPct} % | ${r.cpu} |`);
