#!/usr/bin/env node
// CPU time per component in steady state (issue 15): the default pipeline over a folder of
// articles, several passes in one process, `process.cpuUsage()` around each component (CPU, not
// wall clock: a loaded machine inflates wall time). The first pass warms up (JIT, lazy dictionary
// entries); the last pass is reported. With --dist DIR, another build is measured the same way
// in the same process, alternately (a fair comparison on a shared machine).
//
// Usage: npm run build && nice -n 10 node bench/components.mjs [--dir DIR] [--limit N] [--passes 3]
//          [--pipeline a,b,c] [--dist /tmp/wt-<rev>]
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '/work/shared/data/ptc/train/articles' },
    limit: { type: 'string' },
    passes: { type: 'string', default: '3' },
    pipeline: { type: 'string' },
    dist: { type: 'string' },
  },
});
const roots = [new URL('..', import.meta.url).pathname, ...(values.dist ? [values.dist] : [])];
let names = readdirSync(values.dir).filter((n) => /\.txt$/i.test(n)).sort();
if (values.limit) names = names.slice(0, Number(values.limit));
const texts = names.map((n) => readFileSync(join(values.dir, n), 'utf8'));
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

const builds = [];
for (const root of roots) {
  const { toDoc } = await import(join(root, 'dist/analyze.js'));
  const { createPipeline, DEFAULT_PIPELINE } = await import(join(root, 'dist/registry.js'));
  const { toResult } = await import(join(root, 'dist/result.js'));
  const pipeline = await createPipeline(values.pipeline ? values.pipeline.split(',') : DEFAULT_PIPELINE);
  builds.push({ root, toDoc, toResult, pipeline, acc: {}, total: 0 });
}

/** One pass over the articles; the components run as Pipeline.run runs them, timed one by one. */
async function pass(b) {
  b.acc = {};
  const t0 = cpu();
  for (const text of texts) {
    let c = cpu();
    const doc = await b.toDoc({ text });
    let c2 = cpu();
    b.acc.normalize = (b.acc.normalize ?? 0) + c2 - c;
    c = c2;
    for (const comp of b.pipeline.components) {
      const out = comp.annotate(doc);
      for (const [key, spans] of Object.entries(out.spans ?? {})) doc.setLayer(key, [...(doc.has(key) ? doc.spans(key) : []), ...spans]);
      for (const [f, v] of Object.entries(out.meta ?? {})) if (doc.meta[f] == null) doc.meta[f] = v;
      c2 = cpu();
      b.acc[comp.name] = (b.acc[comp.name] ?? 0) + c2 - c;
      c = c2;
    }
    JSON.stringify(b.toResult(doc, b.pipeline.names));
    c2 = cpu();
    b.acc['result+json'] = (b.acc['result+json'] ?? 0) + c2 - c;
  }
  b.total = cpu() - t0;
}

for (let p = 0; p < Number(values.passes); p++) for (const b of builds) await pass(b);
console.log(`${texts.length} articles from ${values.dir}; pass ${values.passes} of ${values.passes}; load average ${loadavg()[0].toFixed(1)}`);
for (const b of builds) {
  console.log(`${b.root}: ${((texts.length * 1000) / b.total).toFixed(1)} articles per CPU-second`);
  console.log('  ms CPU per article: ' + Object.entries(b.acc).map(([k, v]) => `${k} ${(v / texts.length).toFixed(2)}`).join(', '));
}
