// How fast the Analyse page renders a 5,000-word article in Debian's Chromium (1366×768, headless).
// Two documents: the example article repeated to 5,000 words and analysed by the real pipeline,
// and the same text with ~1 technique span per 12 words (a quarter of them nested) stored directly,
// as a dense worst case. For each: N page loads; "render" is the synchronous DOM build of the page,
// "ready" is navigation start → article painted (app load, API fetches, JSON parse, render, paint).
// Usage: npm run build && node bench/web-render.mjs [runs=9]
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { startServe, launchChromium } from '../dist/server/harness.js';
import { SqliteStore } from '../dist/store/sqlite.js';
import { TECHNIQUES } from '../dist/techniques/types.js';

const runs = Number(process.argv[2] ?? 9);
const base = readFileSync(new URL('../examples/opinion-piece.txt', import.meta.url), 'utf8');
const paras = [];
let words = 0;
while (words < 5000) {
  for (const p of base.split(/\n\s*\n/)) {
    if (words >= 5000) break;
    paras.push(p.trim());
    words += p.split(/\s+/).filter(Boolean).length;
  }
}
const text = paras.join('\n\n');

// BENCH_DATA_DIR keeps the database for a look afterwards (default: a temporary directory, removed).
const dir = process.env.BENCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'slant-bench-web-'));
const srv0 = await startServe(dir);
const res = await fetch(`${srv0.url}/api/analyze`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, title: 'Bench: 5,000 words, real analysis' }) });
if (res.status !== 201) throw new Error(`analyze failed: ${res.status} ${await res.text()}`);
const real = await res.json();
await srv0.stop();

// Dense synthetic spans on the same text (code points = UTF-16 here: the text has no astral characters).
const dense = structuredClone(real.result);
dense.title = 'Bench: 5,000 words, dense spans';
dense.meta.title = 'Bench: 5,000 words, dense spans';
const wordRe = /\S+/g;
const starts = [];
for (let m; (m = wordRe.exec(text)); ) starts.push([m.index, m.index + m[0].length]);
dense.techniques = [];
for (let i = 0, k = 0; i + 6 < starts.length; i += 12, k++) {
  const len = 1 + (k % 6);
  const span = (a, b, t) => ({ technique: t, start: starts[a][0], end: starts[b][1], text: text.slice(starts[a][0], starts[b][1]), confidence: 0.5 + (k % 5) / 10, explanation: 'Synthetic span for the render benchmark.', component: 'bench' });
  dense.techniques.push(span(i, i + len - 1, TECHNIQUES[k % TECHNIQUES.length]));
  if (k % 4 === 0) dense.techniques.push(span(i, i + len + 1, TECHNIQUES[(k + 5) % TECHNIQUES.length]));
}
const store = new SqliteStore(join(dir, 'slant.db'));
const denseId = (await store.put(dense)).id;
await store.close();

const srv = await startServe(dir);
const { browser, close } = await launchChromium();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const [label, id, spans] of [['real analysis', real.id, real.result.techniques.length], ['dense spans', denseId, dense.techniques.length]]) {
  const render = [];
  const ready = [];
  for (let i = 0; i < runs + 1; i++) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${srv.url}/#/analyse/${id}`);
    await page.waitForSelector(`[data-rendered="${id}"]`, { timeout: 30_000 });
    const t = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r({ render: window.__slantRenderMs, ready: performance.now() }), 0))));
    if (i > 0) (render.push(t.render), ready.push(t.ready)); // the first load warms the server and disk cache
    await page.close();
  }
  rows.push({ label, words, spans, render: median(render), ready: median(ready), max: Math.max(...ready) });
}
await close();
await srv.stop();
if (!process.env.BENCH_DATA_DIR) rmSync(dir, { recursive: true, force: true });

let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
} catch {}
console.log(`Analyse page, 1366×768 headless Chromium, median of ${runs} loads (commit ${commit}, ${cpus().length} cores ${cpus()[0]?.model ?? ''})`);
console.log('| document | words | technique spans | render (ms) | navigation → painted (ms) | slowest (ms) |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.label} | ${r.words} | ${r.spans} | ${r.render.toFixed(1)} | ${r.ready.toFixed(0)} | ${r.max.toFixed(0)} |`);
