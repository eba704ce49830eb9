// Screenshots for the README: docs/screenshots/analyse.png and graph.png at 1366×768, taken in
// Debian's Chromium from a fresh `slant serve` with one article analysed.
// Usage: npm run build && node scripts/screenshots.mjs [article.txt] [--out DIR] [--hover TEXT]
//   article.txt defaults to examples/opinion-piece.txt; the text is read at run time, never copied.
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServe, launchChromium } from '../dist/server/harness.js';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outDir = resolve(outAt >= 0 ? args.splice(outAt, 2)[1] : new URL('../docs/screenshots/', import.meta.url).pathname);
// --hover TEXT: the highlighted span whose text this is gets the tooltip in the picture.
const hoverAt = args.indexOf('--hover');
const hoverText = hoverAt >= 0 ? args.splice(hoverAt, 2)[1] : null;
const article = args[0] ?? new URL('../examples/opinion-piece.txt', import.meta.url).pathname;
mkdirSync(outDir, { recursive: true });

const dir = mkdtempSync(join(tmpdir(), 'slant-shots-'));
const srv = await startServe(dir);
const { browser, close } = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  // Paste the article into the form, as a user would.
  await page.goto(`${srv.url}/#/analyse`);
  await page.fill('#text', readFileSync(article, 'utf8'));
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-rendered]', { timeout: 60_000 });
  const id = await page.getAttribute('[data-rendered]', 'data-rendered');
  // Hover a span near the top so the tooltip shows in the picture.
  const marks = page.locator('mark.span[tabindex="0"]');
  const chosen = hoverText ? page.locator('mark.span', { hasText: hoverText }).first() : marks.nth(1);
  if ((await chosen.count()) > 0) await chosen.hover();
  await page.screenshot({ path: join(outDir, 'analyse.png') });

  await page.goto(`${srv.url}/#/graph/${id}`);
  await page.waitForSelector('svg.graph-svg, .page-graph > .note');
  const edges = page.locator('g.edge');
  // The strongest edge (the group's own box can be zero-sized: click its line).
  if (await edges.count()) await edges.first().locator('path.edge-line').first().click({ force: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(outDir, 'graph.png') });
  console.log(`wrote ${join(outDir, 'analyse.png')} and ${join(outDir, 'graph.png')}`);
} finally {
  await close();
  await srv.stop();
  rmSync(dir, { recursive: true, force: true });
}
