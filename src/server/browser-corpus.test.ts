// The corpus pages in Debian's Chromium (playwright-core, headless): ingest a file from the browser
// with progress, the timeline chart, copies side by side, an outlet profile, the graph's time
// slider — with hostile markup in a title and an outlet name, which must run nowhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { assertClean, browserSkip, launchChromium, openPage, startServe, type ServeProcess } from './harness.js';
import { CORPUS_RECORDS, HOSTILE } from './fixtures.js';

const skip = browserSkip();
const RECORDS = [
  ...CORPUS_RECORDS,
  { text: 'Cairo and Amman discussed water sharing on Monday, and both praised the talks.', title: `Water talks ${HOSTILE[1]}`, date: '2022-05-21', source: `Delta ${HOSTILE[0]}` },
];

let dir: string;
let srv: ServeProcess;
let browser: Browser;
let closeBrowser: () => Promise<void>;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'slant-web-corpus-'));
  srv = await startServe(dir);
  ({ browser, close: closeBrowser } = await launchChromium());
});

after(async () => {
  if (skip) return;
  await closeBrowser?.();
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const open = (path: string) => openPage(browser, srv.url + path);

test('corpus page: ingest a JSON Lines file from the browser with progress; the timeline as a chart', { skip }, async () => {
  const { page, problems } = await open('/#/corpus');
  await page.waitForSelector('form.ingest');
  const content = [...RECORDS.map((r) => JSON.stringify(r)), '{"title": "no text"}', '{broken'].join('\n') + '\n';
  await page.setInputFiles('#ingest-file', { name: 'records.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(content) });
  await page.click('form.ingest button[type=submit]');
  await page.waitForSelector('#ingest-status[data-done]', { timeout: 90_000 });
  assert.equal(await page.getAttribute('#ingest-status', 'data-done'), 'done');
  assert.match((await page.textContent('#ingest-status')) ?? '', /^Done: read 7 · stored 5 · already stored 0 · with copies 1 · errors 2/);
  assert.equal(await page.locator('ul.ingest-errors li').count(), 2);
  assert.match((await page.locator('ul.ingest-errors li').first().textContent()) ?? '', /records\.jsonl:\d/);

  // The timeline (reloaded: it reads the corpus as it is now).
  await page.goto(`${srv.url}/#/corpus?by=outlet&interval=month`);
  await page.waitForSelector('#tl-chart[data-drawn]');
  assert.equal(await page.locator('#tl-chart canvas').count(), 1, 'uPlot draws on a canvas');
  assert.match((await page.textContent('#tl-summary')) ?? '', /^5 documents · 4 series/);
  const rows = await page.locator('table.timeline-table tbody th').allTextContents();
  assert.deepEqual(rows.sort(), ['Alpha News', 'Beta Daily', `Delta ${HOSTILE[0]}`, 'Gamma Wire'].sort());
  // Another measure: by technique per week.
  await page.selectOption('#tl-by', 'technique');
  await page.waitForFunction(() => location.hash.includes('by=technique'));
  await page.waitForSelector('#tl-summary');
  await assertClean(page, problems);
  await page.close();
});

test('copies page: families, who copies whom, earliest and copy side by side', { skip }, async () => {
  const { page, problems } = await open('/#/copies');
  await page.waitForSelector('table.families tbody tr');
  assert.equal(await page.locator('table.families tbody tr').count(), 1);
  assert.match((await page.locator('table.republication tbody tr').first().innerText()).replace(/\s+/g, ' '), /Alpha News Beta Daily 1/);
  await page.locator('table.families a').first().click();
  await page.waitForSelector('.side-by-side');
  assert.match((await page.locator('.copy-earliest h2').textContent()) ?? '', /Moscow and Beijing sign gas deal/);
  assert.match((await page.locator('.copy-copy h2').textContent()) ?? '', /Gas deal: Russia and China seal pact/);
  // The dropped paragraph is struck through on the left, the added credit line marked on the right.
  assert.match((await page.locator('.copy-earliest del').allTextContents()).join(' '), /Analysts in Kyiv warned/);
  assert.match((await page.locator('.copy-copy ins').allTextContents()).join(' '), /Part of this report was provided by Alpha News/);
  assert.ok((await page.locator('section.changes h3').allTextContents()).includes('Headline'));
  await assertClean(page, problems);
  await page.close();
});

test('outlet page: techniques, words and actors against the rest; hostile outlet names stay text', { skip }, async () => {
  const { page, problems } = await open(`/#/outlet/${encodeURIComponent('Alpha News')}`);
  await page.waitForSelector('#outlet-summary');
  assert.match((await page.textContent('#outlet-summary')) ?? '', /^2 documents \(\d+ words\) against 3 from other outlets/);
  assert.ok((await page.locator('#outlet-actors tbody tr').count()) > 0);
  assert.ok((await page.locator('#outlet-overused tbody tr').count()) > 0);
  assert.match((await page.locator('#outlet-copied-by').innerText()).replace(/\s+/g, ' '), /Beta Daily 1/);
  // The hostile outlet is a menu entry like any other, shown as text.
  const options = await page.locator('#outlet-pick option').allTextContents();
  assert.ok(options.some((o) => o.startsWith(`Delta ${HOSTILE[0]}`)), options.join('|'));
  await page.selectOption('#outlet-pick', `Delta ${HOSTILE[0]}`);
  await page.waitForFunction(() => document.querySelector('#outlet-summary')?.textContent?.startsWith('1 documents'));
  await assertClean(page, problems);
  await page.close();
});

test('corpus graph: the time slider redraws the graph month by month', { skip }, async () => {
  const { page, problems } = await open('/#/graph');
  await page.waitForSelector('svg.graph-svg');
  await page.waitForSelector('#time-slider');
  assert.equal(await page.textContent('#time-label'), 'All dates');
  assert.equal(await page.getAttribute('#time-slider', 'max'), '3');
  await page.locator('#time-slider').fill('0');
  await page.waitForFunction(() => document.querySelector('#time-label')?.textContent?.startsWith('2022-03'));
  assert.equal(await page.textContent('#time-label'), '2022-03: 2 documents');
  const march = await page.locator('svg.graph-svg [data-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
  assert.ok(march.includes('RUS') && march.includes('CHN'), march.join(','));
  await page.locator('#time-slider').fill('1');
  await page.waitForFunction(() => document.querySelector('#time-label')?.textContent?.startsWith('2022-04'));
  const april = await page.locator('svg.graph-svg [data-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
  assert.ok(!april.includes('RUS'), `April has no Russia: ${april.join(',')}`);
  await assertClean(page, problems);
  await page.close();
});
