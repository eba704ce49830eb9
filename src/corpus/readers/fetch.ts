/** Fetch one page for a record, through the project's safe fetch (src/input: private addresses refused, sizes bounded). */
import { loadInput } from '../../input/load.js';
import { errorLine } from '../../core/errors.js';
import type { InputRecord } from '../../analyze.js';
import type { Place, ReadItem, ReaderOptions } from './types.js';

export async function fetchRecord(url: string, place: Place, opts: ReaderOptions, known: Partial<InputRecord> = {}): Promise<ReadItem> {
  if (opts.fetch === false) return { kind: 'error', place, error: `${url}: not fetched (--no-fetch)` };
  try {
    const page = await loadInput(url, { allowPrivate: opts.allowPrivate });
    // What the feed or sitemap says (title, date) is kept where the page has nothing better.
    return { kind: 'record', place, id: known.id, text: page.text, html: page.html, byline: page.byline, title: known.title ?? page.title, date: known.date ?? page.date, source: known.source ?? page.source, url: page.url ?? url };
  } catch (err) {
    return { kind: 'error', place, error: errorLine(err) };
  }
}
