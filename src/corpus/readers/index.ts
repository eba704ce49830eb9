/**
 * From what a user names to a stream of input records: a folder, a JSON Lines / CSV / WARC / feed /
 * sitemap / URL-list file, or the URL of a feed or sitemap. The format is told by the extension and,
 * for XML and .txt, by the first bytes.
 */
import { stat } from 'node:fs/promises';
import { walk } from './folder.js';
import { openFile } from './stream.js';
import { E, fail } from '../../core/errors.js';
import { readCsv } from './csv.js';
import { readFeed } from './feed.js';
import { readFile, readFolder } from './folder.js';
import { readJsonl } from './jsonl.js';
import { readSitemap } from './sitemap.js';
import { head } from './stream.js';
import { readUrlList } from './urls.js';
import { readWarc } from './warc.js';
import type { ReadItem, ReaderOptions } from './types.js';

export * from './types.js';
export { parseColumnMap } from './fields.js';

export const FORMATS = ['folder', 'file', 'jsonl', 'csv', 'feed', 'sitemap', 'warc', 'urls'] as const;
export type Format = (typeof FORMATS)[number];

export async function detectFormat(source: string): Promise<Format> {
  if (/^https?:\/\//i.test(source)) {
    return /sitemap[^/]*\.xml(\.gz)?$/i.test(source) ? 'sitemap' : 'feed';
  }
  const st = await stat(source).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') fail(E.FILE_NOT_FOUND, `no such file or folder: ${source}`);
    fail(E.FILE_NOT_FOUND, `cannot read ${source}: ${err.code ?? err.message}`);
  });
  if (st.isDirectory()) return 'folder';
  const name = source.toLowerCase().replace(/\.gz$/, '');
  if (/\.(jsonl|ndjson)$/.test(name)) return 'jsonl';
  if (/\.(csv|tsv)$/.test(name)) return 'csv';
  if (/\.(warc|arc)$/.test(name)) return 'warc';
  if (/\.(rss|atom)$/.test(name)) return 'feed';
  if (/\.(urls|list)$/.test(name)) return 'urls';
  if (/\.(xml|txt)$/.test(name) || !/\.\w+$/.test(name)) {
    const start = (await head(source)).replace(/^\uFEFF/, '').trimStart();
    if (/^WARC\/\d/.test(start)) return 'warc';
    if (start.startsWith('<')) {
      if (/<(urlset|sitemapindex)[\s>]/.test(start)) return 'sitemap';
      if (/<(rss|feed|rdf:RDF)[\s>]/.test(start)) return 'feed';
    }
    if (name.endsWith('.txt') && isUrlList(start)) return 'urls';
  }
  if (/\.(txt|html?|xhtml|json)$/.test(name)) return 'file';
  fail(E.BAD_ARGUMENT, `${source}: unknown input format (a folder, .jsonl, .csv, .tsv, .warc(.gz), RSS/Atom .xml, sitemap .xml, a URL list, or an article file)`);
}

/** Most non-empty, non-comment lines of the sample are URLs (a stray bad line is reported later). */
function isUrlList(sample: string): boolean {
  const rows = sample.split('\n').slice(0, -1).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return rows.length > 0 && rows.filter((l) => /^https?:\/\/\S+$/i.test(l)).length >= 0.8 * rows.length;
}

export async function* readSource(source: string, opts: ReaderOptions = {}, format?: Format): AsyncGenerator<ReadItem> {
  switch (format ?? (await detectFormat(source))) {
    case 'folder':
      return yield* readFolder(source, opts);
    case 'file':
      return yield await readFile(source);
    case 'jsonl':
      return yield* readJsonl(source, opts);
    case 'csv':
      return yield* readCsv(source, opts);
    case 'feed':
      return yield* readFeed(source, opts);
    case 'sitemap':
      return yield* readSitemap(source, opts);
    case 'warc':
      return yield* readWarc(source, opts);
    case 'urls':
      return yield* readUrlList(source, opts);
  }
}

/** Largest file whose records are counted up front (for an ETA); bigger ones are not. */
const COUNT_LIMIT = 1 << 30;

/**
 * How many records a source holds, when that is cheap to know (folders, JSON Lines, CSV: files or
 * lines counted); null otherwise (feeds, WARC, URLs), and then no ETA is shown.
 */
export async function countRecords(source: string, format?: Format): Promise<number | null> {
  const f = format ?? (await detectFormat(source));
  if (f === 'file') return 1;
  if (f === 'folder') {
    let n = 0;
    for await (const _ of walk(source)) n++;
    return n;
  }
  if (f !== 'jsonl' && f !== 'csv' && f !== 'urls') return null;
  if ((await stat(source)).size > COUNT_LIMIT) return null;
  let lines = 0;
  let last = 10;
  for await (const chunk of (await openFile(source)) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    last = chunk[chunk.length - 1] ?? 10;
  }
  if (last !== 10) lines++;
  return f === 'csv' ? Math.max(0, lines - 1) : lines;
}
