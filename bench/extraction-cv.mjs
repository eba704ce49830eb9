// Held-out estimate of extraction F1: the body-scoring weights are tuned on one random half of the
// benchmark pages and scored on the other (2 folds × 5 splits), so the figure does not reward
// tuning to the very pages it is scored on.
//   node bench/extraction-cv.mjs [html-dir] [ground-truth.json]      (after npm run build)
import { readFileSync, readdirSync } from 'node:fs';

const dir = process.argv[2] ?? new URL('../../shared/data/extraction/html/', import.meta.url).pathname;
const truth = process.argv[3] ?? new URL('../../shared/data/extraction/ground-truth.json', import.meta.url).pathname;
const { extractBytes } = await import('../dist/extract/index.js');
const { DEFAULT_PARAMS } = await import('../dist/extract/body.js');
const { scorePage, aggregate } = await import('../dist/extract/score.js');

const gt = JSON.parse(readFileSync(truth, 'utf8'));
const pages = readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort().map((f) => [f.replace('.html.gz', ''), readFileSync(dir + '/' + f)]);
const grid = { minGood: [40, 60, 80, 100], maxGoodLinkDensity: [0.3, 0.5], lambda: [0.6, 1, 1.5], shortWeight: [0, 0.3, 0.6], dropLinkDensity: [0.4, 0.5, 0.65, 0.8] };
let combos = [{}];
for (const [k, vs] of Object.entries(grid)) combos = combos.flatMap((c) => vs.map((v) => ({ ...c, [k]: v })));
const results = combos.map((c) => {
  const params = { ...DEFAULT_PARAMS, ...c };
  return { c, rows: pages.map(([id, buf]) => scorePage(gt[id].articleBody, extractBytes(buf, { params }).body)) };
});

let seed = 1;
const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const runs = [];
for (let rep = 0; rep < 5; rep++) {
  const fold = pages.map(() => (rand() < 0.5 ? 0 : 1));
  for (const k of [0, 1]) {
    const train = (rows) => aggregate(rows.filter((_, i) => fold[i] === k)).f1;
    const test = (rows) => aggregate(rows.filter((_, i) => fold[i] !== k)).f1;
    const best = results.reduce((a, b) => (train(b.rows) > train(a.rows) ? b : a));
    runs.push({ rep, fold: k, tuned: best.c, trainF1: +train(best.rows).toFixed(4), heldOutF1: +test(best.rows).toFixed(4) });
  }
}
for (const r of runs) console.log(JSON.stringify(r));
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`pages ${pages.length}, weight combinations ${combos.length}`);
console.log(`mean held-out F1 of weights tuned on the other half: ${mean(runs.map((r) => r.heldOutF1)).toFixed(4)}`);
