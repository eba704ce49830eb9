// The Jobs panel of the corpus page in Debian's Chromium (issue 10): on a PostgreSQL corpus it shows
// the queue and follows it (a document enqueued while the page is open appears within seconds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, launchChromium } from './harness.js';
import { startServer, type RunningServer } from './app.js';
import { openCorpus } from '../corpus/index.js';
import { enqueue } from '../corpus/queue.js';
import { pgTestDatabase } from '../store/pg-harness.js';

const skipBrowser = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;

test('the Jobs panel shows the PostgreSQL queue and refreshes', { timeout: 120_000 }, async (t) => {
  if (skipBrowser) {
    assert.ok(!process.env.SLANT_REQUIRE_BROWSER, skipBrowser);
    return t.skip(skipBrowser);
  }
  const db = await pgTestDatabase();
  if ('skip' in db) return t.skip(db.skip);
  const dir = mkdtempSync(join(tmpdir(), 'slant-web-jobs-'));
  let srv: RunningServer | null = null;
  let close: (() => Promise<void>) | null = null;
  const add = async (name: string, text: string): Promise<void> => {
    const file = join(dir, name);
    writeFileSync(file, text);
    const corpus = await openCorpus(db.url);
    try {
      assert.equal((await enqueue(corpus, [file])).enqueued, 1);
    } finally {
      await corpus.close();
    }
  };
  try {
    await add('first.txt', 'The ferry to Lindby was cancelled because of the storm on Friday.');
    srv = await startServer({ dataDir: join(dir, 'data'), database: db.url, port: 0, warmUp: false });
    const launched = await launchChromium();
    close = launched.close;
    const page = await launched.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv.url}/#/corpus`);
    await page.waitForSelector('#jobs-panel');
    assert.equal(await page.textContent('#jobs-panel [data-jobs="queued"]'), '1');
    assert.equal(await page.textContent('#jobs-panel [data-jobs="done"]'), '0');
    assert.match((await page.textContent('#jobs-panel [data-jobs="rate"]')) ?? '', /^0\.00 documents\/s$/);
    // Enqueued while the page is open: the panel follows within a refresh or two.
    await add('second.txt', 'Engineers inspected the harbour crane after the storm and found no damage.');
    await page.waitForFunction(() => document.querySelector('#jobs-panel [data-jobs="queued"]')?.textContent === '2', undefined, { timeout: 15_000 });
    assert.deepEqual(errors, []);
  } finally {
    await close?.();
    await srv?.close();
    await db.done();
    rmSync(dir, { recursive: true, force: true });
  }
});
