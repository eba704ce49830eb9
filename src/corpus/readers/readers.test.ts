import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource, detectFormat, type ReadItem } from './index.js';
import { ARTICLES, atom, html, rss, warc, writeFixtures } from '../fixtures.js';

async function collect(it: AsyncIterable<ReadItem>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function temp(): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'slant-readers-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('formats are detected from the extension and the first bytes', async () => {
  const t = temp();
  try {
    const f = await writeFixtures(t.dir);
    assert.equal(await detectFormat(f.folder), 'folder');
    assert.equal(await detectFormat(f.jsonl), 'jsonl');
    assert.equal(await detectFormat(f.rss), 'feed');
    assert.equal(await detectFormat(f.atom), 'feed');
    assert.equal(await detectFormat(f.warc), 'warc');
    assert.equal(await detectFormat(f.csv), 'csv');
    writeFileSync(join(t.dir, 'list.txt'), '# pages\nhttps://a.example/1\nhttps://a.example/2\n');
    assert.equal(await detectFormat(join(t.dir, 'list.txt')), 'urls');
    writeFileSync(join(t.dir, 'map.xml'), '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.example/</loc></url></urlset>');
    assert.equal(await detectFormat(join(t.dir, 'map.xml')), 'sitemap');
    await assert.rejects(detectFormat(join(t.dir, 'notes.md')), (e: { code?: number }) => e.code === 110);
    await assert.rejects(detectFormat(join(t.dir, 'missing.jsonl')), (e: { code?: number }) => e.code === 105);
  } finally {
    t.done();
  }
});

test('folder (recursive, .txt and .html.gz), JSON Lines with mapped fields and a malformed line', async () => {
  const t = temp();
  try {
    const f = await writeFixtures(t.dir);
    const folder = await collect(readSource(f.folder));
    assert.deepEqual(folder.map((x) => x.place.file.slice(f.folder.length)), ['/a.json', '/c.txt', '/nested/b.html.gz']);
    assert.ok(folder[0]!.kind === 'record' && folder[0]!.date === '2026-03-02');
    assert.ok(folder[1]!.kind === 'record' && folder[1]!.text?.startsWith('Night trains'));
    assert.ok(folder[2]!.kind === 'record' && folder[2]!.html?.includes('wind turbines'));
    const lines = await collect(readSource(f.jsonl));
    assert.equal(lines.length, 2);
    const [rec, bad] = lines;
    assert.ok(rec!.kind === 'record');
    assert.equal(rec!.title, ARTICLES[2]!.title);
    assert.equal(rec!.url, ARTICLES[2]!.url, '"link" maps to url');
    assert.equal(rec!.date, '2026-02-20', '"published" maps to date');
    assert.equal(rec!.source, 'Town News', '"outlet" maps to source');
    assert.ok(bad!.kind === 'error');
    assert.deepEqual(bad!.place, { file: f.jsonl, line: 2 });
  } finally {
    t.done();
  }
});

test('CSV: column mapping, a malformed row reported with its line, the rest read', async () => {
  const t = temp();
  try {
    const path = join(t.dir, 'a.csv');
    writeFileSync(path, 'headline,story,when\n"One","First story text.",2026-01-01\n"Two","a row with a cell too many",2026-01-02,extra\n"Three","Third story text.",2026-01-03\n');
    const items = await collect(readSource(path, { columns: { title: 'headline', text: 'story', date: 'when' } }));
    const recs = items.filter((x) => x.kind === 'record');
    const errs = items.filter((x) => x.kind === 'error');
    assert.deepEqual(recs.map((r) => r.kind === 'record' && r.title), ['One', 'Three']);
    assert.equal(errs.length, 1);
    assert.equal(errs[0]!.place.line, 3);
    assert.ok(recs[1]!.kind === 'record' && recs[1]!.date === '2026-01-03');
  } finally {
    t.done();
  }
});

test('RSS with full content, Atom, a malformed item skipped with its line', async () => {
  const t = temp();
  try {
    const path = join(t.dir, 'feed.xml');
    writeFileSync(path, rss([{ ...ARTICLES[0]!, text: ARTICLES[0]!.text + '\n' + ARTICLES[1]!.text }], true, '<item><title>Broken <b></title></item>\n<item><title>Only a title</title></item>'));
    const items = await collect(readSource(path, { fetch: false }));
    assert.equal(items.length, 3);
    const [full, broken, empty] = items;
    assert.ok(full!.kind === 'record' && full!.html?.includes('grain terminal') && full!.url === ARTICLES[0]!.url && full!.source === 'Test Feed');
    assert.ok(broken!.kind === 'error' && /malformed/.test(broken!.error), JSON.stringify(broken));
    assert.equal(broken!.place.record, 2);
    assert.ok(empty!.kind === 'error' && /no content/.test(empty!.error));
    const atomPath = join(t.dir, 'atom.xml');
    writeFileSync(atomPath, atom([ARTICLES[1]!, ARTICLES[2]!]));
    const entries = await collect(readSource(atomPath, { fetch: false }));
    assert.deepEqual(entries.map((e) => e.kind === 'record' && e.url), [ARTICLES[1]!.url, ARTICLES[2]!.url]);
    assert.ok(entries[0]!.kind === 'record' && entries[0]!.date?.startsWith('2026-03-05'));
  } finally {
    t.done();
  }
});

test('a feed of summaries: the link is fetched (or the summary kept with fetch off)', async () => {
  const t = temp();
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html(ARTICLES[1]!));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const port = (server.address() as { port: number }).port;
    const path = join(t.dir, 'summaries.rss');
    writeFileSync(path, rss([{ ...ARTICLES[1]!, url: `http://127.0.0.1:${port}/wind` }], false));
    const fetched = await collect(readSource(path, { allowPrivate: true }));
    assert.ok(fetched[0]!.kind === 'record' && fetched[0]!.html?.includes('guest houses'), 'the page behind the link');
    assert.equal(fetched[0]!.kind === 'record' && fetched[0]!.title, ARTICLES[1]!.title);
    const kept = await collect(readSource(path, { fetch: false }));
    assert.ok(kept[0]!.kind === 'record' && !kept[0]!.html?.includes('guest houses') && kept[0]!.html?.includes('six mountain villages'));
  } finally {
    server.close();
    t.done();
  }
});

test('WARC and WARC.gz: HTML responses only, with their URLs; a truncated file reports the broken record', async () => {
  const t = temp();
  try {
    for (const gzip of [false, true]) {
      const path = join(t.dir, gzip ? 'c.warc.gz' : 'c.warc');
      writeFileSync(path, await warc([ARTICLES[0]!, ARTICLES[1]!], gzip));
      const items = await collect(readSource(path));
      assert.deepEqual(items.map((x) => x.kind === 'record' && x.url), [ARTICLES[0]!.url, ARTICLES[1]!.url]);
      assert.ok(items[0]!.kind === 'record' && items[0]!.html?.includes('grain terminal'));
      assert.ok(items[1]!.place.offset! > 0);
    }
    const bytes = await warc([ARTICLES[0]!, ARTICLES[1]!], false);
    const path = join(t.dir, 'bad.warc');
    writeFileSync(path, Buffer.concat([bytes.subarray(0, bytes.length - 200), Buffer.from('\r\n\r\nWARC/1.1\r\nnonsense\r\n\r\n')]));
    const items = await collect(readSource(path));
    assert.ok(items.some((x) => x.kind === 'record'));
    assert.ok(items.length >= 1);
  } finally {
    t.done();
  }
});

test('a sitemap (with a nested index) and a URL list: every page fetched; a bad line reported', async () => {
  const t = temp();
  const server = createServer((req, res) => {
    const port = (server.address() as { port: number }).port;
    if (req.url === '/sitemap-index.xml') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://127.0.0.1:${port}/sitemap-news.xml</loc></sitemap></sitemapindex>`);
    } else if (req.url === '/sitemap-news.xml') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>http://127.0.0.1:${port}/a</loc><news:news><news:publication_date>2026-03-02</news:publication_date><news:title>From the sitemap</news:title></news:news></url><url><loc>http://127.0.0.1:${port}/b</loc><lastmod>2026-03-05</lastmod></url></urlset>`);
    } else if (req.url?.startsWith('/a') || req.url === '/b') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html(req.url.startsWith('/a') ? ARTICLES[0]! : ARTICLES[1]!));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const port = (server.address() as { port: number }).port;
    const index = join(t.dir, 'sitemap.xml');
    writeFileSync(index, `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://127.0.0.1:${port}/sitemap-news.xml</loc></sitemap></sitemapindex>`);
    const pages = await collect(readSource(index, { allowPrivate: true }));
    assert.deepEqual(pages.map((p) => p.kind === 'record' && p.url), [`http://127.0.0.1:${port}/a`, `http://127.0.0.1:${port}/b`]);
    assert.ok(pages[0]!.kind === 'record' && pages[0]!.title === 'From the sitemap' && pages[0]!.date === '2026-03-02');
    assert.ok(pages[1]!.kind === 'record' && pages[1]!.html?.includes('wind turbines'));
    const list = join(t.dir, 'urls.txt');
    writeFileSync(list, `# to read\nhttp://127.0.0.1:${port}/a\nhttp://127.0.0.1:${port}/b\nhttp://127.0.0.1:${port}/a?utm_source=x\nnot a url\nhttp://127.0.0.1:${port}/missing\n`);
    const items = await collect(readSource(list, { allowPrivate: true }));
    assert.deepEqual(items.map((x) => [x.kind, x.place.line]), [['record', 2], ['record', 3], ['record', 4], ['error', 5], ['error', 6]]);
    assert.ok(items[4]!.kind === 'error' && /HTTP 404/.test(items[4]!.error));
  } finally {
    server.close();
    t.done();
  }
});
