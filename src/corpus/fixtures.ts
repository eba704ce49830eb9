/**
 * Test fixtures written for slant (fictional news, no third-party text): small articles, and files
 * in every ingest format generated into a temporary folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const ARTICLES = [
  {
    title: 'Harbour city opens new grain terminal',
    date: '2026-03-02',
    url: 'https://harbour-times.example/2026/03/grain-terminal',
    text: `The port authority of Veldra opened a new grain terminal on Monday, doubling the amount of wheat the harbour can load each day.
The terminal cost about forty million euros and took three years to build, the authority said in a statement.
Farmers from the northern plains have waited for the project since a storm destroyed the old silos two winters ago.
"We can now fill a bulk carrier in a single shift," the harbour master told reporters at the opening ceremony.
Critics in the city council argue that the dredging needed for larger ships will harm the fishing grounds near the river mouth.
The authority promised an independent study of the estuary before any further dredging begins next spring.
Shipping companies expect exports to rise by a quarter this year if the rail link to the plains is repaired on time.
The regional government will pay for half of the rail repairs, with the rest coming from a loan agreed with two private banks.`,
  },
  {
    title: 'Mountain villages vote on wind farm plan',
    date: '2026-03-05',
    url: 'https://valley-post.example/news/wind-farm-vote',
    text: `Residents of six mountain villages will vote on Sunday on a plan to build twenty wind turbines along the eastern ridge.
Supporters say the farm would bring jobs and cheaper electricity to an area that has lost half its young people in a decade.
Opponents fear the turbines will drive away the hikers who fill the guest houses every summer.
A local teacher who leads the campaign against the plan said the villages were promised a share of the profits that never came last time.
The energy company behind the project has offered to fund a new school bus and repair the road to the valley.
Polls suggest the vote will be close, with many older residents still undecided a few days before the ballot.`,
  },
  {
    title: 'Library reopens after flood repairs',
    date: '2026-02-20',
    url: 'https://town-news.example/library-reopens',
    text: `The central library in Ostmark reopened on Thursday after eight months of repairs following the river flood last summer.
Volunteers dried and catalogued more than ten thousand books that had been moved to a sports hall during the emergency.
The reading room now sits on the first floor, above the level the water reached, and the children's corner has doubled in size.`,
  },
  {
    title: 'Night trains return to the coast line',
    date: '2026-03-08',
    url: 'https://rail-journal.example/night-trains',
    text: `Night trains will run again between the capital and the southern coast from May, the rail operator announced on Tuesday.
The service was cut twelve years ago when the old sleeper cars were retired, and tourism groups have campaigned for its return ever since.
Tickets go on sale next month, with a cheaper fare for students and pensioners.`,
  },
];

/** A republished copy of ARTICLES[0]: new headline, a boilerplate line, a credit line, one paragraph dropped, scare quotes added. */
export function republishedCopy(): { title: string; text: string; date: string; url: string } {
  const lines = ARTICLES[0]!.text.split('\n');
  lines.splice(4, 1); // the critics' paragraph is dropped
  lines[2] = lines[2]!.replace('the project', 'the "project"');
  return {
    title: 'Veldra doubles its wheat loading capacity',
    date: '2026-03-04',
    url: 'https://aggregator.example/item/88123',
    text: ['Share this story', ...lines, 'This article was originally published by Harbour Times.'].join('\n'),
  };
}

/** A partial copy: about a third of ARTICLES[0] framed by commentary of its own. */
export function partialCopy(): { title: string; text: string; date: string; url: string } {
  const lines = ARTICLES[0]!.text.split('\n');
  return {
    title: 'Opinion: who really gains from the grain terminal?',
    date: '2026-03-06',
    url: 'https://opinion-blog.example/grain-terminal-gains',
    text: [
      'Every new piece of harbour infrastructure comes with promises, and this week was no exception.',
      'Here is how the local paper described the opening:',
      ...lines.slice(0, 3),
      'Those numbers sound impressive, but nobody has yet explained who will maintain the terminal once the ribbon is cut.',
      'The farmers deserve better answers than a press release and a photo opportunity.',
    ].join('\n'),
  };
}

/** A different article on the same topic (the terminal), written independently: not a copy. */
export function sameTopic(): { title: string; text: string; date: string; url: string } {
  return {
    title: 'Fishermen worry about harbour dredging',
    date: '2026-03-03',
    url: 'https://coast-weekly.example/fishermen-dredging',
    text: `Fishermen in Veldra say plans to deepen the harbour channel for the grain terminal could ruin their catch.
Boats that work the estuary brought in record hauls of sole last season, and the cooperative fears the sediment will smother the beds.
The port authority says a study will be commissioned, but the fishermen want it published before a single machine arrives.
Some families have fished the river mouth for four generations and see the terminal as a project for outsiders.`,
  };
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function html(a: { title: string; text: string; date?: string; url?: string }): string {
  const body = a.text.split('\n').map((p) => `<p>${esc(p)}</p>`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(a.title)}</title>${a.date ? `<meta property="article:published_time" content="${a.date}">` : ''}${a.url ? `<link rel="canonical" href="${a.url}">` : ''}</head><body><article><h1>${esc(a.title)}</h1>\n${body}</article></body></html>`;
}

/** An RSS 2.0 feed; `full` puts each article in content:encoded, otherwise only a one-line summary. */
export function rss(items: ReadonlyArray<{ title: string; text: string; date: string; url: string }>, full: boolean, extra = ''): string {
  const it = items
    .map((a) => `<item><title>${esc(a.title)}</title><link>${esc(a.url)}</link><pubDate>${new Date(a.date).toUTCString()}</pubDate><description>${esc(a.text.split('\n')[0]!)}</description>${full ? `<content:encoded><![CDATA[${a.text.split('\n').map((p) => `<p>${p}</p>`).join('')}]]></content:encoded>` : ''}</item>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test Feed</title><link>https://feed.example/</link>\n${it}\n${extra}</channel></rss>\n`;
}

export function atom(items: ReadonlyArray<{ title: string; text: string; date: string; url: string }>): string {
  const entries = items
    .map((a) => `<entry><title>${esc(a.title)}</title><link rel="alternate" href="${esc(a.url)}"/><id>${esc(a.url)}</id><published>${a.date}T08:00:00Z</published><content type="html">${esc(a.text.split('\n').map((p) => `<p>${p}</p>`).join(''))}</content></entry>`)
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Test</title>\n${entries}\n</feed>\n`;
}

/** A WARC (gzipped per record when `gzip`) with one response record per article, plus a request and a non-HTML response. */
export async function warc(items: ReadonlyArray<{ title: string; text: string; date: string; url: string }>, gzip: boolean): Promise<Buffer> {
  const { WARCRecord, WARCSerializer } = await import('warcio');
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const add = async (url: string, type: 'response' | 'request', contentType: string, body: string): Promise<void> => {
    const record = WARCRecord.create(
      { url, date: '2026-03-10T10:00:00Z', type, warcVersion: 'WARC/1.1', httpHeaders: type === 'response' ? { 'Content-Type': contentType } : { Host: 'example' }, statusline: type === 'response' ? 'HTTP/1.1 200 OK' : 'GET / HTTP/1.1' },
      (async function* () {
        yield enc.encode(body);
      })(),
    );
    parts.push(await WARCSerializer.serialize(record, { gzip }));
  };
  for (const a of items) {
    await add(a.url, 'request', '', '');
    await add(a.url, 'response', 'text/html; charset=utf-8', html(a));
  }
  await add('https://img.example/logo.png', 'response', 'image/png', 'PNG');
  return Buffer.concat(parts);
}

/** Every format in a folder: returns the paths. Each article appears in exactly one source. */
export async function writeFixtures(dir: string): Promise<{ folder: string; jsonl: string; rss: string; atom: string; warc: string; csv: string; all: typeof ARTICLES }> {
  const all = [...ARTICLES, republishedCopy(), partialCopy(), sameTopic()];
  const folder = join(dir, 'folder');
  mkdirSync(join(folder, 'nested'), { recursive: true });
  // The original with its date (.json), an HTML page (gzipped, in a subfolder) and a plain text file.
  writeFileSync(join(folder, 'a.json'), JSON.stringify({ title: all[0]!.title, text: all[0]!.text, date: all[0]!.date, url: all[0]!.url }));
  writeFileSync(join(folder, 'nested', 'b.html.gz'), gzipSync(html(all[1]!)));
  writeFileSync(join(folder, 'c.txt'), `${all[3]!.title}\n\n${all[3]!.text}\n`);
  writeFileSync(join(dir, 'notes.md'), 'not an article');
  const jsonl = join(dir, 'items.jsonl');
  writeFileSync(jsonl, [JSON.stringify({ title: all[2]!.title, body: all[2]!.text, published: all[2]!.date, link: all[2]!.url, outlet: 'Town News' }), '{"title": broken', ''].join('\n'));
  const rssPath = join(dir, 'feed.xml');
  writeFileSync(rssPath, rss([all[4]!], true));
  const atomPath = join(dir, 'atom.xml');
  writeFileSync(atomPath, atom([all[5]!]));
  const warcPath = join(dir, 'crawl.warc.gz');
  writeFileSync(warcPath, await warc([all[6]!], true));
  const csv = join(dir, 'empty.csv');
  writeFileSync(csv, 'headline,story\n');
  return { folder, jsonl, rss: rssPath, atom: atomPath, warc: warcPath, csv, all };
}
