/** XML sitemaps (urlset; news sitemaps too) and sitemap indexes: each page URL is fetched and extracted. */
import { errorLine } from '../../core/errors.js';
import { fetchRecord } from './fetch.js';
import { openSource } from './stream.js';
import { child, elements, text } from './xml.js';
import type { ReadItem, ReaderOptions } from './types.js';

const MAX_NESTING = 2;

export async function* readSitemap(source: string, opts: ReaderOptions, depth = 0): AsyncGenerator<ReadItem> {
  let stream: AsyncIterable<Buffer | string>;
  try {
    stream = await openSource(source, opts);
  } catch (err) {
    yield { kind: 'error', place: { file: source }, error: errorLine(err) };
    return;
  }
  for await (const el of elements(stream, ['url', 'sitemap'])) {
    if (opts.signal?.aborted) return;
    const place = { file: source, line: el.line, record: el.n };
    if (!el.value) {
      yield { kind: 'error', place, error: el.error ?? 'unreadable entry' };
      continue;
    }
    const loc = text(child(el.value, 'loc'));
    if (!loc || !/^https?:\/\//i.test(loc)) {
      yield { kind: 'error', place, error: 'entry without an http(s) <loc>' };
      continue;
    }
    // A sitemap index lists sitemaps: <sitemap><loc>.
    if (el.name === 'sitemap') {
      if (depth >= MAX_NESTING) yield { kind: 'error', place, error: `sitemaps nested deeper than ${MAX_NESTING}; ${loc} skipped` };
      else if (opts.fetch === false) yield { kind: 'error', place, error: `${loc}: not fetched (--no-fetch)` };
      else yield* readSitemap(loc, opts, depth + 1);
      continue;
    }
    const news = child(el.value, 'news') as Record<string, unknown> | undefined;
    const title = news && typeof news === 'object' ? text(child(news, 'title')) : undefined;
    const date = (news && typeof news === 'object' ? text(child(news, 'publication_date')) : undefined) ?? text(child(el.value, 'lastmod'));
    yield await fetchRecord(loc, place, opts, { title, date });
  }
}

