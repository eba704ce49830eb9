/** A plain list of URLs, one per line (# comments and blank lines ignored); each page is fetched. */
import { fetchRecord } from './fetch.js';
import { lines, openFile } from './stream.js';
import type { ReadItem, ReaderOptions } from './types.js';

export async function* readUrlList(file: string, opts: ReaderOptions): AsyncGenerator<ReadItem> {
  for await (const line of lines(await openFile(file), 10_000)) {
    if (opts.signal?.aborted) return;
    const place = { file, line: line.n };
    const url = line.text.trim();
    if (!url || url.startsWith('#')) continue;
    if (line.tooLong || !/^https?:\/\/\S+$/i.test(url)) {
      yield { kind: 'error', place, error: 'not an http(s) URL' };
      continue;
    }
    yield await fetchRecord(url, place, opts);
  }
}
