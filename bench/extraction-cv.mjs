// Held-out estimate of extraction F1: the body-scoring weights are tuned on one random half of the
// benchmark pages and scored on the other (2 folds × 10 splits), so the figure does not reward
// tuning to the very pages it is scored on. Two ways of tuning are scored:
//   best      — the weights with the highest F1 on the tuning half;
//   smoothed  — the weights whose grid neighbourhood (themselves and one step along each weight)
//               has the highest mean F1 on the tuning half: a flat optimum, less fitted to a page or two.
// Each page is parsed once; only the body choice is re-run per weight setting.
//   node bench/extraction-cv.mjs [html-dir] [ground-truth.json] [splits]      (after npm run build)
import { readFileSync, readdirSync } from 'node:fs';

const dir = process.argv[2] ?? new URL('../../shared/data/extraction/html/', import.meta.url).pathname;
const truth = process.argv[3] ?? new URL('../../shared/data/extraction/ground-truth.json', import.meta.url).pathname;
const splits = Number(process.argv[4] ?? 10);
const { decodeHtml, prepare, bodyOf } = await import('../dist/extract/index.js');
const { DEFAULT_PARAMS } = await import('../dist/extract/body.js');
const { scorePage, aggregate } = await import('../dist/extract/score.js');

const gt = JSON.parse(readFileSync(truth, 'utf8'));
const files = readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort();
const pages = files.map((f) => {
  const id = f.replace('.html.gz', '');
  return { id, prepared: prepare(decodeHtml(readFileSync(dir + '/' + f)).html, gt[id]?.url) };
});
const grid = { minGood: [40, 60, 80, 100], maxGoodLinkDensity: [0.3, 0.5], lambda: [0.6, 1, 1.5], shortWeight: [0, 0.3, 0.6], dropLinkDensity: [0.4, 0.5, 0.65, 0.8] };
const keys = Object.keys(grid);
let combos = [{}];
for (const [k, vs] of Object.entries(grid)) combos = combos.flatMap((c) => vs.map((v) => ({ ...c, [k]: v })));
const t0 = process.cpuUsage();
const results = combos.map((c) => {
  const params = { ...DEFAULT_PARAMS, ...c };
  return { c, rows: pages.map((p) => scorePage(gt[p.id].articleBody, bodyOf(p.prepared, params).body)) };
});
const cpu = process.cpuUsage(t0);

// Grid neighbours: one step along one weight.
const index = new Map(results.map((r, i) => [JSON.stringify(r.c), i]));
const neighbours = results.map((r) => {
  const out = [];
  for (const k of keys) {
    const vs = grid[k], j = vs.indexOf(r.c[k]);
    for (const jj of [j - 1, j + 1]) if (jj >= 0 && jj < vs.length) out.push(index.get(JSON.stringify({ ...r.c, [k]: vs[jj] })));
  }
  return out;
});

const select = {
  best: (score) => results.reduce((a, b) => (score(b) > score(a) ? b : a)),
  smoothed: (score) => {
    const s = results.map((r, i) => (score(r) + neighbours[i].reduce((t, n) => t + score(results[n]), 0)) / (1 + neighbours[i].length));
    return results[s.indexOf(Math.max(...s))];
  },
};

let seed = 1;
const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const held = { best: [], smoothed: [] };
for (let rep = 0; rep < splits; rep++) {
  const fold = pages.map(() => (rand() < 0.5 ? 0 : 1));
  for (const k of [0, 1]) {
    const train = (r) => aggregate(r.rows.filter((_, i) => fold[i] === k)).f1;
    const test = (r) => aggregate(r.rows.filter((_, i) => fold[i] !== k)).f1;
    for (const how of Object.keys(select)) {
      const chosen = select[how](train);
      held[how].push(test(chosen));
      console.log(JSON.stringify({ rep, fold: k, how, tuned: chosen.c, trainF1: +train(chosen).toFixed(4), heldOutF1: +test(chosen).toFixed(4) }));
    }
  }
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const full = (r) => aggregate(r.rows).f1;
const shipped = results.find((r) => keys.every((k) => r.c[k] === DEFAULT_PARAMS[k]));
console.log(`pages ${pages.length}, weight combinations ${combos.length}, splits ${splits} × 2 folds, body choice ${((cpu.user + cpu.system) / 1e6).toFixed(0)} CPU-s`);
console.log(`shipped defaults ${JSON.stringify(keys.map((k) => DEFAULT_PARAMS[k]))}: full-set F1 ${shipped ? full(shipped).toFixed(4) : '(not on the grid)'}`);
for (const how of Object.keys(select)) {
  const all = select[how](full);
  console.log(`${how}: mean held-out F1 ${mean(held[how]).toFixed(4)} (sd ${sd(held[how]).toFixed(4)} over ${held[how].length} halves); chosen on all pages: ${JSON.stringify(all.c)} → full-set F1 ${full(all).toFixed(4)}`);
}
// One weight at a time around the shipped defaults (full set).
for (const k of keys) {
  const row = grid[k].map((v) => {
    const r = results.find((x) => keys.every((kk) => x.c[kk] === (kk === k ? v : DEFAULT_PARAMS[kk])));
    return `${v} → ${r ? full(r).toFixed(4) : '?'}`;
  });
  console.log(`  ${k}: ${row.join(', ')}`);
}
