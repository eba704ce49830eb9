// The web app in Debian's Chromium (playwright-core, headless): analyse a pasted article, spans and
// tooltips, the graph, the library, a restart, and hostile markup pushed through every view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { assertClean, browserSkip, launchChromium, openPage, startServe, type ServeProcess } from './harness.js';
import { SqliteStore } from '../store/sqlite.js';
import { fixtureResult, FIXTURE_TEXT, HOSTILE } from './fixtures.js';

const skip = browserSkip();
const ARTICLE = readFileSync(fileURLToPath(new URL('../../examples/opinion-piece.txt', import.meta.url)), 'utf8');

let dir: string;
let srv: ServeProcess;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let fixtureId: string;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'slant-web-'));
  // A hand-made document goes straight into the database file the server will open.
  const store = new SqliteStore(join(dir, 'slant.db'));
  fixtureId = (await store.put(fixtureResult())).id;
  await store.close();
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

test('analyse a pasted article: spans, legend, tooltip, side panels', { skip }, async () => {
  const { page, problems } = await open('/');
  await page.fill('#text', ARTICLE);
  await page.fill('#title', 'Browser test article');
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-rendered]', { timeout: 30_000 });
  const id = await page.getAttribute('[data-rendered]', 'data-rendered');
  assert.ok(id);
  assert.equal(await page.locator('.doc-head h2').textContent(), 'Browser test article');
  const shown = (await page.locator('.article').innerText()).replace(/\s+/g, ' ');
  assert.ok(shown.includes('For months Washington has been pressuring Moscow'), shown.slice(0, 200));
  const result = await (await fetch(`${srv.url}/api/documents/${id}`)).json();
  assert.ok(result.result.actors.length > 0);
  assert.ok((await page.locator('ul.actors li').count()) === result.result.actors.length);
  // Every span shown by default is highlighted; the low-precision ones only after the toggle, in grey.
  const spans = result.result.techniques as Array<{ shown?: boolean }>;
  const n = spans.filter((t) => t.shown !== false).length;
  const low = spans.length - n;
  const legend = await page.locator('fieldset.legend legend').textContent();
  assert.equal(legend, `Techniques (${n} spans)`);
  assert.equal(await page.locator('ol.findings li').count(), Math.min(n, 30), 'the list shows 30 at first');
  if (low > 0) {
    await page.locator('input.show-low').check();
    assert.equal(await page.locator('ol.findings li').count(), Math.min(spans.length, 30));
    assert.ok((await page.locator('mark.span').count()) > 0);
    await page.locator('input.show-low').uncheck();
    assert.equal(await page.locator('ol.findings li').count(), Math.min(n, 30));
  } else assert.equal(await page.locator('input.show-low').count(), 0);
  if (n > 0) {
    await page.locator('mark.span[tabindex="0"]').first().hover();
    await page.waitForSelector('#tip:not([hidden])');
    assert.match((await page.locator('#tip').textContent()) ?? '', /confidence \d+%.*Why:/s);
  }
  await assertClean(page, problems);
  await page.close();
});

test('the fixture: exact nested spans after an emoji, tooltip by hover and keyboard, toggles', { skip }, async () => {
  const { page, problems } = await open(`/#/analyse/${fixtureId}`);
  await page.waitForSelector(`[data-rendered="${fixtureId}"]`);
  // Segments: "so-called " (Doubt), "“threat”" (Doubt + Loaded), "fantasy" (Loaded), the hostile script text.
  const marks = await page.locator('mark.span').allTextContents();
  assert.deepEqual(marks, ['so-called ', '“threat”', 'fantasy', HOSTILE[0]]);
  // The article shows the hostile markup as text.
  const text = await page.locator('.article').innerText();
  for (const h of HOSTILE) assert.ok(text.includes(h), h);
  // Hover the nested segment: two techniques, with definitions, confidence and why.
  await page.locator('mark.span', { hasText: '“threat”' }).hover();
  const tip = page.locator('#tip');
  await tip.waitFor({ state: 'visible' });
  const tipText = (await tip.textContent()) ?? '';
  assert.match(tipText, /Loaded language.*confidence 60%.*Scare quotes around a single word/s);
  assert.match(tipText, /Doubt.*confidence 80%/s);
  // Keyboard: Tab reaches the first span and shows its tooltip; Escape hides it.
  await page.mouse.move(0, 0);
  await page.locator('mark.span').first().focus();
  await tip.waitFor({ state: 'visible' });
  assert.match((await tip.textContent()) ?? '', /Doubt/);
  await page.keyboard.press('Escape');
  await tip.waitFor({ state: 'hidden' });
  // From the list of spans to the span: focus moves there and the tooltip opens.
  await page.locator('ol.findings button', { hasText: 'fantasy' }).click();
  await tip.waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'fantasy');
  assert.match((await tip.textContent()) ?? '', /An emotionally loaded word/);
  // Toggle Loaded_Language off: only Doubt and Name calling remain.
  await page.locator('input[data-technique="Loaded_Language"]').uncheck();
  assert.deepEqual(await page.locator('mark.span').allTextContents(), ['so-called “threat”', HOSTILE[0]]);
  // Side panels show hostile metadata as text; the javascript: address is not a link.
  const right = (await page.locator('aside.right').innerText()).replace(/\s+/g, ' ');
  assert.ok(right.includes("javascript:window.__pwned='url'"));
  assert.ok(right.includes(HOSTILE[4]!));
  for (const m of await page.locator('mark.span').all()) await m.hover();
  await assertClean(page, problems);
  await page.close();
});

test('actor system: signed edges, arrows, evidence on click, triads', { skip }, async () => {
  const { page, problems } = await open(`/#/graph/${fixtureId}`);
  await page.waitForSelector('svg.graph-svg');
  assert.equal(await page.locator('g.edge').count(), 3);
  assert.equal(await page.locator('g.edge path.edge-line[stroke="#1a7f37"]').count(), 1, 'one cooperation edge');
  assert.equal(await page.locator('g.edge path.edge-line[stroke="#cf222e"]').count(), 2, 'two conflict edges');
  assert.equal(await page.locator('g.edge path.edge-line[marker-end]').count(), 2, 'two directed edges');
  await page.locator('g.edge[data-edge="USA>CHN"]').click();
  const detail = (await page.locator('.edge-detail').innerText()).replace(/\s+/g, ' ');
  assert.ok(detail.includes('USA → CHN'));
  assert.ok(detail.includes('Washington also pressures Beijing.'));
  assert.ok(detail.includes(HOSTILE[3]!), 'evidence with markup shown as text');
  // Keyboard: focus an edge and press Enter.
  await page.locator('g.edge[data-edge="CHN~RUS"]').focus();
  await page.keyboard.press('Enter');
  assert.match(await page.locator('.edge-detail').innerText(), /CHN — RUS/);
  assert.match(await page.locator('aside.right').innerText(), /1 of 1 triads balanced/);
  await page.locator('g.node[data-node="USA"] circle').click();
  assert.match(await page.locator('.edge-detail').innerText(), /Portrayed as aggressor/);
  await assertClean(page, problems);
  await page.close();
});

test('library: search, filter, open, restart keeps the documents; docs page', { skip }, async () => {
  let { page, problems } = await open('/#/library');
  await page.waitForSelector('table.library');
  await page.fill('#q', 'pressuring Moscow');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => location.hash.includes('q=pressuring'));
  await page.waitForSelector('table.library tbody tr');
  const titles = await page.locator('table.library tbody td:nth-child(2) a').allTextContents();
  assert.ok(titles.includes('Browser test article'), titles.join('|'));
  await page.selectOption('#actor', 'USA');
  await page.click('form.search button[type=submit]');
  await page.waitForFunction(() => location.hash.includes('actor=USA'));
  await page.waitForSelector('table.library tbody tr');
  await assertClean(page, problems);
  await page.close();

  await srv.stop();
  srv = await startServe(dir);
  ({ page, problems } = await open('/#/library?q=fantasy'));
  await page.waitForSelector('table.library tbody tr');
  const after = await page.locator('table.library tbody td:nth-child(2) a').allTextContents();
  assert.ok(after.some((t) => t.startsWith('Fixture')), after.join('|'));
  await page.locator('table.library tbody td:nth-child(2) a', { hasText: 'Fixture' }).click();
  await page.waitForSelector(`[data-rendered="${fixtureId}"]`);
  await assertClean(page, problems);
  await page.close();

  ({ page, problems } = await open('/docs'));
  await page.waitForSelector('section.endpoint');
  assert.match(await page.locator('main').innerText(), /POST \/api\/analyze/);
  await assertClean(page, problems);
  await page.close();
});

test('upload several files at once; graph of a library search; delete from the library', { skip }, async () => {
  const { page, problems } = await open('/#/analyse');
  await page.setInputFiles('#files', [
    {
      name: 'lines.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(['{"text": "Cairo and Amman discussed water sharing on Monday.", "title": "Line A"}', '{"title": "no text here"}', '{"text": "Lima praised Quito for its help after the floods.", "date": "2020-02-02"}', ''].join('\n')),
    },
    { name: 'one.txt', mimeType: 'text/plain', buffer: Buffer.from('Paris and Berlin signed an energy treaty. Warsaw welcomed the treaty warmly.') },
    { name: 'two.html', mimeType: 'text/html', buffer: Buffer.from('<html><head><title>Uploaded page</title></head><body><article><p>Tokyo and Seoul held talks on fisheries and agreed to meet again in spring to finish the treaty.</p></article></body></html>') },
    { name: 'three.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ title: 'From JSON', date: '2021-03-04', text: 'Ankara criticised Athens over the treaty on maritime borders.' })) },
  ]);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-rendered]', { timeout: 30_000 });
  const items = await page.locator('ul.batch li').allInnerTexts();
  assert.equal(items.length, 6, items.join('|'));
  assert.deepEqual(
    items.map((t) => (/technique spans/.test(t) ? 'ok' : /E106/.test(t) ? 'E106' : t)),
    ['ok', 'E106', 'ok', 'ok', 'ok', 'ok'],
  );
  assert.match(items[0]!, /^lines\.jsonl line 1: Line A/);
  assert.match(items[4]!, /Uploaded page/);
  assert.equal(await page.locator('.doc-head h2').textContent(), 'From JSON');

  // The actor system of a library search covers all three documents.
  await page.goto(`${srv.url}/#/library?q=treaty`);
  await page.waitForSelector('table.library tbody tr');
  assert.equal(await page.locator('table.library tbody tr').count(), 3);
  assert.match((await page.getAttribute('a[download="slant-export.csv"]', 'href')) ?? '', /^\/api\/export\?q=treaty&format=csv$/);
  // Two picked by hand.
  await page.locator('input.pick').nth(0).check();
  await page.locator('input.pick').nth(1).check();
  await page.click('text=Actor system of 2 selected');
  await page.waitForSelector('svg.graph-svg, .page-graph > .note');
  assert.match(await page.locator('.scope').innerText(), /^2 documents/);
  await page.goBack();
  await page.waitForSelector('table.library tbody tr');
  await page.click('text=Actor system of these');
  await page.waitForSelector('svg.graph-svg, .page-graph > .note');
  assert.match(await page.locator('.scope').innerText(), /3 documents matching q=treaty/);
  // The corpus graph can be narrowed in place.
  await page.fill('#graph-q', 'Ankara');
  await page.click('form.graph-filters button[type=submit]');
  await page.waitForFunction(() => /Ankara|Document:/.test(document.querySelector('.scope')?.textContent ?? ''));
  assert.equal(await page.evaluate(() => location.hash), '#/graph?q=Ankara');

  // Delete one from the library (confirming the dialog).
  await page.goto(`${srv.url}/#/library?q=treaty`);
  await page.waitForSelector('table.library tbody tr');
  page.removeAllListeners('dialog');
  page.once('dialog', (d) => void d.accept());
  await page.locator('table.library tbody tr', { hasText: 'From JSON' }).locator('button.danger').click();
  await page.waitForFunction(() => document.querySelectorAll('table.library tbody tr').length === 2);
  assert.equal((await (await fetch(`${srv.url}/api/documents?q=treaty`)).json()).total, 2);
  await assertClean(page, problems);
  await page.close();
});

test('hostile text through the API and the CLI HTML report runs nothing', { skip }, async () => {
  const res = await fetch(`${srv.url}/api/analyze`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: FIXTURE_TEXT, title: HOSTILE[1] }) });
  assert.equal(res.status, 201);
  const { id } = (await res.json()) as { id: string };
  for (const [path, ready] of [
    [`/#/analyse/${id}`, '[data-rendered]'],
    [`/#/graph/${id}`, 'svg.graph-svg, .page-graph > .note'],
    ['/#/library?q=pwned', 'table.library, .table-host .note'],
  ] as const) {
    const { page, problems } = await open(path);
    await page.waitForSelector(ready);
    for (const m of await page.locator('mark.span, g.edge').all()) await m.hover({ force: true });
    await assertClean(page, problems);
    await page.close();
  }

  // The same report served by the API (its own CSP: no script at all).
  {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('dialog', (d) => {
      problems.push(d.message());
      void d.dismiss();
    });
    const res = await page.goto(`${srv.url}/api/documents/${id}/report`);
    assert.match(res?.headers()['content-security-policy'] ?? '', /^default-src 'none'; style-src 'unsafe-inline';/);
    for (const m of await page.locator('mark').all()) await m.hover({ force: true }).catch(() => undefined);
    const state = await page.evaluate(() => ({ pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null, injected: document.querySelectorAll('iframe, img[onerror], svg[onload], script').length, text: document.body.innerText }));
    assert.deepEqual([state.pwned, state.injected], [null, 0]);
    assert.ok(state.text.includes('<script>'));
    assert.deepEqual(problems, []);
    await page.close();
  }

  // `slant analyze --format html` on the same text, opened as a file.
  const work = mkdtempSync(join(tmpdir(), 'slant-report-'));
  try {
    const input = join(work, 'hostile.txt');
    const out = join(work, 'report.html');
    writeFileSync(input, FIXTURE_TEXT);
    const main = fileURLToPath(new URL('../cli/main.js', import.meta.url));
    const r = spawnSync(process.execPath, [main, 'analyze', input, '--format', 'html', '--out', out], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('dialog', (d) => {
      problems.push(d.message());
      void d.dismiss();
    });
    await page.goto(`file://${out}`);
    for (const m of await page.locator('mark, [title]').all()) await m.hover().catch(() => undefined);
    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      injected: document.querySelectorAll('iframe, img[onerror], svg[onload]').length,
      jsLinks: Array.from(document.querySelectorAll('a[href]')).filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
      text: document.body.innerText,
    }));
    assert.equal(state.pwned, null);
    assert.equal(state.injected, 0);
    assert.equal(state.jsLinks, 0);
    assert.ok(state.text.includes('<script>'), 'the markup is shown as text');
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
