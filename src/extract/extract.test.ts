import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { extract, extractBytes } from './index.js';
import { decodeHtml } from './decode.js';
import { normalizeDate, dateInText, dateInUrl } from '../meta/dates.js';
import { scorePage, aggregate, tokens } from './score.js';
import { SlantError } from '../core/errors.js';

// A made-up news page with every kind of furniture the extractor must drop.
const PAGE = `<!doctype html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Harbour bridge reopens after repairs | The Riverside Courier</title>
<meta property="og:site_name" content="The Riverside Courier">
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta name="author" content="Mara Lind">
<link rel="canonical" href="/news/2021/03/04/harbour-bridge">
<script>window.tracking = { page: "article" };</script>
<style>.x { color: red }</style>
</head><body>
<div id="cookie-banner"><p>We use cookies to improve your experience. Accept all cookies to continue reading.</p></div>
<nav class="top-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main>
<article>
<header>
<h1>Harbour bridge reopens after repairs</h1>
<p class="standfirst">The crossing was closed for eleven weeks while engineers replaced its cables.</p>
<p class="byline">By Mara Lind</p>
<time datetime="2021-03-04T09:30:00+01:00">4 March 2021</time>
</header>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a> <a href="#">Email</a></div>
<div class="article-body">
<p>The old harbour bridge reopened to traffic on Thursday morning, two weeks later than the city had promised when the work began in December.</p>
<figure><img src="bridge.jpg" alt=""><figcaption>Workers on the bridge deck in January. Photo: Courier staff</figcaption></figure>
<p>Engineers replaced all twenty-four suspension cables, the first full replacement since the bridge was built, and repainted the steel towers.</p>
<h2>What changed</h2>
<ul>
<li>A wider footpath on the eastern side, separated from the road by a barrier.</li>
<li>New lighting along the whole span, switched on at dusk.</li>
</ul>
<blockquote><p>"We are relieved it is finally open, because the detour added an hour to every delivery," said a local baker.</p></blockquote>
<div class="related-articles"><h3>Related</h3><ul><li><a href="/a">Council approves the new budget for next year</a></li><li><a href="/b">Ferry timetable changes in the spring season</a></li></ul></div>
<p>The council said the final bill would be published next month, once the contractors had submitted their accounts for the extra fortnight of work.</p>
<p>Advertisement</p>
</div>
</article>
<section id="comments"><h3>3 comments</h3><p>Finally! I have been waiting for this since the winter and the detour was terrible every single day.</p></section>
</main>
<aside class="sidebar"><h3>Most read</h3><p><a href="/c">Storm warning issued for the coast this weekend as winds pick up</a></p></aside>
<footer><p>© 2021 The Riverside Courier. All rights reserved. Contact us at the newsroom for corrections and complaints.</p></footer>
</body></html>`;

const BODY = [
  'The old harbour bridge reopened to traffic on Thursday morning, two weeks later than the city had promised when the work began in December.',
  'Engineers replaced all twenty-four suspension cables, the first full replacement since the bridge was built, and repainted the steel towers.',
  'What changed',
  'A wider footpath on the eastern side, separated from the road by a barrier.',
  'New lighting along the whole span, switched on at dusk.',
  '"We are relieved it is finally open, because the detour added an hour to every delivery," said a local baker.',
  'The council said the final bill would be published next month, once the contractors had submitted their accounts for the extra fortnight of work.',
].join('\n\n');

test('news page: body keeps paragraphs, sub-heading, list and quote; drops furniture', () => {
  const r = extract(PAGE, { url: 'https://courier.example/news/2021/03/04/harbour-bridge' });
  assert.equal(r.body, BODY);
  assert.equal(r.title, 'Harbour bridge reopens after repairs');
  assert.equal(r.byline, 'Mara Lind');
  assert.equal(r.date, '2021-03-04T09:30:00+01:00');
  assert.equal(r.dateSource, 'time-element');
  assert.equal(r.siteName, 'The Riverside Courier');
  assert.equal(r.canonicalUrl, 'https://courier.example/news/2021/03/04/harbour-bridge');
  assert.equal(r.language, 'en');
  assert.deepEqual(r.credits, []);
  assert.equal(r.warning, undefined);
});

test('JSON-LD: datePublished, author and headline win; articleBody used when the DOM has less', () => {
  const ld = {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', name: 'Valley Post' },
      {
        '@type': 'NewsArticle',
        headline: 'Library extends its opening hours',
        datePublished: '2022-06-01T08:00:00+02:00',
        author: [{ '@type': 'Person', name: 'Ines Roth' }, { '@type': 'Person', name: 'Tom Berg' }],
        publisher: { '@type': 'Organization', name: 'Valley Post' },
        articleBody:
          'The town library will open until nine in the evening from July onwards, the council decided on Tuesday after a petition by students.\nThe change costs about forty thousand a year, paid from the culture budget, and will be reviewed after twelve months.',
      },
    ],
  };
  const html = `<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head>
<body><div id="app">Loading…</div></body></html>`;
  const r = extract(html);
  assert.equal(r.title, 'Library extends its opening hours');
  assert.equal(r.byline, 'Ines Roth, Tom Berg');
  assert.equal(r.date, '2022-06-01T08:00:00+02:00');
  assert.equal(r.dateSource, 'json-ld');
  assert.equal(r.siteName, 'Valley Post');
  assert.match(r.body, /^The town library will open until nine/);
  assert.match(r.body, /reviewed after twelve months\.$/);
});

test('dates: meta tag, URL and text fallbacks; UTC timestamp one day after the URL day', () => {
  const para = '<p>The regional parliament voted on the new water law after a debate that lasted most of the afternoon and evening.</p>';
  const meta = extract(`<html><head><meta property="article:published_time" content="2020-02-03T10:00:00Z"></head><body>${para}</body></html>`);
  assert.deepEqual([meta.date, meta.dateSource], ['2020-02-03T10:00:00Z', 'meta:article:published_time']);
  const url = extract(`<html><body>${para}</body></html>`, { url: 'https://news.example/2020/02/03/water-law' });
  assert.deepEqual([url.date, url.dateSource], ['2020-02-03', 'url']);
  const late = extract(`<html><head><meta property="article:published_time" content="2020-02-04T02:30:00Z"></head><body>${para}</body></html>`, {
    url: 'https://news.example/2020/02/03/water-law',
  });
  assert.deepEqual([late.date, late.dateSource], ['2020-02-03', 'url']);
  const shown = extract(`<html><head><meta property="article:published_time" content="2020-02-04T03:00:00Z"></head><body><time datetime="2020-02-04T03:00:00Z">Feb. 3, 2020 10:00 pm EST</time>${para}</body></html>`);
  assert.deepEqual([shown.date, shown.dateSource], ['2020-02-03', 'time-element']);
  const text = extract(`<html><body><p class="meta">Published March 5, 2019</p><article>${para}${para}</article></body></html>`);
  assert.deepEqual([text.date, text.dateSource], ['2019-03-05', 'text']);
});

test('date helpers', () => {
  assert.equal(normalizeDate('2019-11-19T13:03:00.000+0100'), '2019-11-19T13:03:00+01:00');
  assert.equal(normalizeDate('20191119'), '2019-11-19');
  assert.equal(normalizeDate('Tue, 19 Nov 2019 13:03:00 GMT'), '2019-11-19');
  assert.equal(normalizeDate('2019-02-30'), null);
  assert.equal(normalizeDate('not a date'), null);
  assert.equal(dateInText('Updated: Nov. 19th, 2019 at 9:00')?.date, '2019-11-19');
  assert.equal(dateInText('19. November 2019')?.date, '2019-11-19');
  assert.equal(dateInText('on 19/11/2019')?.date, '2019-11-19');
  assert.equal(dateInText('on 05/06/2019'), null); // ambiguous day/month
  assert.equal(dateInUrl('https://x.example/2019/nov/19/story'), '2019-11-19');
  assert.equal(dateInUrl('https://x.example/news/20191119-story.html'), '2019-11-19');
  assert.equal(dateInUrl('https://x.example/news/story-1234567'), null);
  // Long runs of digits and month-like words do not make the patterns backtrack.
  const t0 = performance.now();
  dateInText('1'.repeat(100_000) + ' november '.repeat(10_000));
  assert.ok(performance.now() - t0 < 2000);
});

test('embedded tweets quoted by the article stay in the body', () => {
  const html = `<html><body><article>
<p>Residents reacted quickly on social media after the mayor announced that the summer festival would move to the old stadium.</p>
<div class="social-media-embed"><blockquote class="twitter-tweet"><p>Moving the festival to the stadium is the best news this year</p>— A Resident (@resident) May 2, 2021</blockquote></div>
<p>Others worried about parking near the stadium, which has only a few hundred spaces for a crowd of several thousand visitors.</p>
</article></body></html>`;
  assert.match(extract(html).body, /Moving the festival to the stadium is the best news this year/);
});

test('language falls back to <html lang> for short pages; credits come from the body text', () => {
  const html = `<html lang="de"><body><article><p>Kurz.</p></article></body></html>`;
  assert.equal(extract(html).language, 'de');
  const credited = `<html><body><article><p>The ministry confirmed the figures on Monday, according to Reuters, and said a full report would follow within a week.</p></article></body></html>`;
  const r = extract(credited);
  assert.ok(r.credits.some((c) => /reuters/i.test(c.name)), JSON.stringify(r.credits));
});

// ---- bytes: gzip, charsets ----

const ARTICLE = '<p>Комитет собрался во вторник и после долгих дебатов согласился опубликовать полный доклад в следующем месяце.</p>';
/** Windows-1251 bytes for ASCII + Cyrillic А..я, ё (enough for these tests). */
function cp1251(s: string): Buffer {
  return Buffer.from([...s].map((ch) => {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
    if (c === 0x451) return 0xb8;
    throw new Error(`no cp1251 byte for ${ch}`);
  }));
}

test('charsets: meta charset, Content-Type, BOM, and sniffing without a declaration', () => {
  const declared = cp1251(`<html><head><meta charset="windows-1251"></head><body>${ARTICLE}</body></html>`);
  assert.match(extractBytes(declared).body, /^Комитет собрался/);
  assert.equal(decodeHtml(declared).charsetSource, 'meta');
  const undeclared = cp1251(`<html lang="ru"><body>${ARTICLE}</body></html>`);
  assert.match(extractBytes(undeclared).body, /^Комитет собрался/);
  const header = cp1251(`<html><body>${ARTICLE}</body></html>`);
  assert.equal(decodeHtml(header, 'text/html; charset=windows-1251').charsetSource, 'content-type');
  assert.match(extractBytes(header, { contentType: 'text/html; charset=windows-1251' }).body, /^Комитет/);
  const bare = cp1251(`<html><body>${ARTICLE}</body></html>`);
  assert.match(extractBytes(bare).body, /^Комитет/); // byte statistics
  const latin = Buffer.from('<html><body><p>Le comité a décidé de publier le rapport complet le mois prochain, après un long débat à huis clos.</p></body></html>', 'latin1');
  assert.match(extractBytes(latin).body, /comité a décidé/);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<html><body>${ARTICLE}</body></html>`, 'utf16le')]);
  assert.match(extractBytes(utf16).body, /^Комитет/);
  const gz = gzipSync(Buffer.from(`<html><body>${ARTICLE}</body></html>`));
  assert.match(extractBytes(gz).body, /^Комитет/);
});

function throwsCode(fn: () => unknown, code: number, re: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof SlantError && err.code === code && re.test(err.message) && !err.message.includes('\n'));
}

test('bad input: truncated gzip, PDF, image → one-line errors', () => {
  const big = gzipSync(Buffer.from(`<html><body><p>${randomBytes(20000).toString('hex')}</p></body></html>`));
  throwsCode(() => extractBytes(big.subarray(0, big.length >> 1)), 104, /not valid gzip/);
  throwsCode(() => extractBytes(Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n')), 102, /PDF/);
  throwsCode(() => extractBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), 102, /PNG/);
  throwsCode(() => extractBytes(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16])), 102, /JPEG/);
  throwsCode(() => extractBytes(Buffer.from([1, 0, 2, 0, 3, 0, 0, 0, 5, 0, 0, 9])), 102, /binary/);
});

test('bad input: empty, all-script and markup-free pages give an empty body with a reason', () => {
  const empty = extractBytes(Buffer.alloc(0));
  assert.deepEqual([empty.body, empty.warning], ['', 'the page is empty']);
  const scripts = extract(`<html><head><script>var a = 1;</script></head><body><script>${'document.write("x");'.repeat(1000)}</script><noscript>Enable JavaScript</noscript></body></html>`);
  assert.equal(scripts.body, '');
  assert.match(scripts.warning!, /only scripts/);
  assert.match(extract('<'.repeat(10_000)).warning!, /no article text|no HTML/);
});

test('bad input: unclosed-tag floods stay linear (no rescanning)', () => {
  for (const flood of ['<a '.repeat(200_000), '<div class="'.repeat(100_000), '<body '.repeat(200_000), '<!--'.repeat(200_000), '<script>'.repeat(100_000)]) {
    const t0 = performance.now();
    const r = extract(flood);
    assert.equal(r.body, '');
    assert.ok(performance.now() - t0 < 3000, `${flood.slice(0, 12)}: ${performance.now() - t0} ms`);
  }
});

test('bad input: 20 MB page and 100,000 nested elements finish quickly with bounded work', () => {
  const para = '<p>The committee met on Tuesday and agreed, after a long debate, to publish the full report next month.</p>';
  let t0 = performance.now();
  const huge = extractBytes(Buffer.from(`<html><body><article>${para.repeat(200_000)}</article></body></html>`));
  assert.ok(huge.body.startsWith('The committee met'));
  assert.match(huge.warning!, /cut at/);
  assert.ok(performance.now() - t0 < 15_000);
  t0 = performance.now();
  const deep = extract(`<html><body>${'<div>'.repeat(100_000)}${para}${'</div>'.repeat(100_000)}</body></html>`);
  assert.ok(deep.body.startsWith('The committee met'), deep.body.slice(0, 80));
  assert.match(deep.warning!, /nested deeper/);
  const unclosed = extract(`<html><body>${'<span><div><table><tr><td>'.repeat(30_000)}${para}`);
  assert.ok(unclosed.body.includes('The committee met'));
  assert.ok(performance.now() - t0 < 5_000, `took ${performance.now() - t0} ms`);
});

// ---- metric ----

test('metric: shingles of \\w+ tokens, per-page P/R, means, harmonic F1', () => {
  assert.deepEqual(tokens("It's 20°C — naïve café_2"), ['It', 's', '20', 'C', 'naïve', 'café_2']);
  assert.deepEqual(scorePage('a b c d e', 'a b c d e'), { precision: 1, recall: 1 });
  // gold shingles: abcd, bcde; pred: abcd, bcdx → tp 1, fp 1, fn 1
  const s = scorePage('a b c d e', 'a b c d x');
  assert.deepEqual(s, { precision: 0.5, recall: 0.5 });
  assert.deepEqual(scorePage('', ''), { precision: 1, recall: 1 });
  assert.deepEqual(scorePage('a b c d', ''), { precision: 0, recall: 0 });
  // fewer than 4 tokens: one shingle of all of them
  assert.deepEqual(scorePage('a b', 'a b'), { precision: 1, recall: 1 });
  const agg = aggregate([{ precision: 1, recall: 0.5 }, { precision: 0.5, recall: 0.5 }]);
  assert.equal(agg.precision, 0.75);
  assert.equal(agg.recall, 0.5);
  assert.equal(agg.f1, 0.6);
});

test('teaser cards beside the article, table rows as lines, a nested <body> from a CMS fragment', () => {
  const para = (s: string) => `<p>${s}</p>`;
  const teaser = (t: string, d: string) => `<li class="card"><h5><a href="/x">${t}</a></h5><div class="summary">${d}</div></li>`;
  const html = `<html><body><div class="page"><div class="story"><body class="fragment">
${para('The city council approved the new cycling plan on Monday after three hours of debate and a narrow vote of nine to seven.')}
${para('The plan adds forty kilometres of protected lanes over five years and removes parking on two of the busiest streets.')}
<table><tr><th>Street</th><th>Lanes</th></tr><tr class="row player-12"><td>Harbour Road</td><td>2</td></tr><tr><td>Mill Lane</td><td>1</td></tr></table>
${para('Opponents said shops would lose customers, while cycling groups called the vote a first step rather than a solution.')}
</body></div>
<ul class="more-list">
${teaser('Bakery wins regional prize', 'The family bakery on the market square has won the regional bread prize for the third year running, judges said.')}
${teaser('Storm closes coastal road', 'The coastal road will stay closed until Friday while crews clear fallen trees and repair the damaged sea wall.')}
${teaser('School opens new library', 'Pupils moved into the new library this week, which was paid for by a local foundation and built in eight months.')}
</ul></div></body></html>`;
  const r = extract(html);
  assert.equal(
    r.body,
    [
      'The city council approved the new cycling plan on Monday after three hours of debate and a narrow vote of nine to seven.',
      'The plan adds forty kilometres of protected lanes over five years and removes parking on two of the busiest streets.',
      'Street Lanes',
      'Harbour Road 2',
      'Mill Lane 1',
      'Opponents said shops would lose customers, while cycling groups called the vote a first step rather than a solution.',
    ].join('\n\n'),
  );
});

test('metadata clean-up: twice-encoded entities, bylines with dates and handles, title and site name', async () => {
  const { cleanByline, decodeEntities } = await import('./meta.js');
  assert.equal(decodeEntities('&#8216;Quoted&#8217; &amp; &#x201C;more&#x201D;&nbsp;text'), '‘Quoted’ & “more” text');
  assert.equal(cleanByline('By Jane Doe @janedoe Nov 18, 2019 at 9:24 pm ET'), 'Jane Doe');
  assert.equal(cleanByline('JANE DOE NOVEMBER 20, 2019 10:43'), 'JANE DOE');
  assert.equal(cleanByline('Jane Doe | Updated 3 hours ago'), 'Jane Doe');
  assert.equal(cleanByline('https://www.facebook.com/janedoe'), null);
  const page = (title: string) => extract(`<html><head><title>${title}</title></head><body><p>Text.</p></body></html>`);
  assert.deepEqual([page('Flood closes the valley road | Valley Post').title, page('Flood closes the valley road | Valley Post').siteName], ['Flood closes the valley road', 'Valley Post']);
  assert.equal(page('Die elektronische Patientenakte (ePA) – der lange Weg').title, 'Die elektronische Patientenakte (ePA) – der lange Weg');
  const ld = extract(`<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Caf&amp;eacute; &#8216;reopens&#8217;"}</script></head><body></body></html>`);
  assert.equal(ld.title, 'Café ‘reopens’');
});

test('safety net: an article whose only wrapper has furniture names is still found', () => {
  const html = `<html><body><div class="related-sidebar"><p>The committee met on Tuesday and agreed, after a long debate, to publish the full report next month.</p></div><div class="menu"><a href="/">Home</a></div></body></html>`;
  assert.equal(extract(html).body, 'The committee met on Tuesday and agreed, after a long debate, to publish the full report next month.');
});

test('bad input: oversize pages and gzip bombs are refused; tiny-element floods are cut', () => {
  throwsCode(() => extractBytes(Buffer.alloc(33 * 1024 * 1024, 0x20)), 103, /limit is 32 MB/);
  throwsCode(() => extractBytes(gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20))), 103, /unpacks to more than 32 MB/);
  const t0 = performance.now();
  const flood = extract('<p>a</p>'.repeat(900_000));
  assert.match(flood.warning!, /cut after 300000 tags/);
  assert.ok(performance.now() - t0 < 10_000);
});
