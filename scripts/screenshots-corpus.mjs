// Screenshots of the corpus pages for the README: docs/screenshots/corpus-timeline.png,
// outlet.png, copies.png and graph-slider.png at 1366×768, taken in Debian's Chromium from a fresh
// `slant serve` over a small generated corpus: the repository's own fixture texts (src/server/
// fixtures.ts) analysed once, then stored as dated items of five invented outlets over a year, a
// few of them republished by another outlet with a credit line (so there are copy families).
// Usage: npm run build && node scripts/screenshots-corpus.mjs [--out DIR]
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServe, launchChromium } from '../dist/server/harness.js';
import { CORPUS_RECORDS } from '../dist/server/fixtures.js';
import { openCorpus } from '../dist/corpus/index.js';
import { analyze } from '../dist/analyze.js';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outDir = resolve(outAt >= 0 ? args[outAt + 1] : new URL('../docs/screenshots/', import.meta.url).pathname);
mkdirSync(outDir, { recursive: true });

const OUTLETS = ['Alpha News', 'Beta Daily', 'Gamma Wire', 'Delta Post', 'Epsilon Times'];
const dir = mkdtempSync(join(tmpdir(), 'slant-shots-corpus-'));
const corpus = await openCorpus(dir);
const analysed = [];
for (const r of CORPUS_RECORDS) analysed.push(await analyze({ text: r.text, title: r.title }));
for (let month = 0; month < 12; month++) {
  for (let o = 0; o < OUTLETS.length; o++) {
    const n = (month * 7 + o * 3) % (analysed.length + 2);
    if (n >= analysed.length) continue; // some outlets skip some months
    const base = analysed[n];
    const date = `2022-${String(month + 1).padStart(2, '0')}-${String(3 + o * 5).padStart(2, '0')}`;
    const text = `${base.text}\n\nFiled ${date} (${OUTLETS[o]}, item ${month}-${o}).`;
    await corpus.add({ ...base, text, meta: { ...base.meta, title: `${base.meta.title} (${OUTLETS[o]})`, date, source: OUTLETS[o], url: `https://${OUTLETS[o].toLowerCase().replace(/\s+/g, '-')}.example/${month}-${o}` } }, 'screenshots');
  }
}
await corpus.close();

const srv = await startServe(dir);
const { browser, close } = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  await page.goto(`${srv.url}/#/corpus?by=technique&interval=month`);
  await page.waitForSelector('#tl-chart[data-drawn]', { timeout: 60_000 });
  await page.locator('section.timeline').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(outDir, 'corpus-timeline.png') });

  await page.goto(`${srv.url}/#/outlet/${encodeURIComponent('Alpha News')}`);
  await page.waitForSelector('#outlet-summary', { timeout: 60_000 });
  await page.screenshot({ path: join(outDir, 'outlet.png') });

  await page.goto(`${srv.url}/#/copies`);
  await page.waitForSelector('table.families a, .note', { timeout: 60_000 });
  if (await page.locator('table.families a').count()) {
    await page.locator('table.families a').first().click();
    await page.waitForSelector('.side-by-side', { timeout: 60_000 });
  }
  await page.screenshot({ path: join(outDir, 'copies.png') });

  await page.goto(`${srv.url}/#/graph`);
  await page.waitForSelector('#time-slider', { timeout: 60_000 });
  await page.locator('#time-slider').fill('5');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(outDir, 'graph-slider.png') });
  console.log(`wrote corpus-timeline.png, outlet.png, copies.png, graph-slider.png in ${outDir}`);
} finally {
  await close();
  await srv.stop();
  rmSync(dir, { recursive: true, force: true });
}
