/**
 * WARC and WARC.gz web archives (warcio): every response (or resource) record holding an HTML page
 * becomes a record, read one at a time, so multi-GB archives stream in bounded memory.
 */
import { WARCParser } from 'warcio';
import { createReadStream } from 'node:fs';
import { decodeHtml } from '../../extract/decode.js';
import { errorLine } from '../../core/errors.js';
import { MAX_RECORD, type ReadItem, type ReaderOptions } from './types.js';

export async function* readWarc(file: string, opts: ReaderOptions): AsyncGenerator<ReadItem> {
  const parser = new WARCParser(createReadStream(file, { highWaterMark: 1 << 16 }));
  let n = 0;
  while (true) {
    if (opts.signal?.aborted) return;
    let record;
    const offset = parser.offset;
    try {
      record = await parser.parse();
    } catch (err) {
      // The parser cannot find the next record after a broken one: report where and stop this file.
      yield { kind: 'error', place: { file, offset, record: n + 1 }, error: `malformed WARC record: ${(err as Error).message.split('\n')[0]}; the rest of the file is skipped` };
      return;
    }
    if (!record) return;
    n++;
    const place = { file, offset: parser.offset, record: n };
    const type = record.warcType;
    if (type !== 'response' && type !== 'resource') continue;
    const contentType = (type === 'response' ? record.httpHeaders?.headers.get('content-type') : record.warcContentType) ?? '';
    if (!/html|xml/i.test(contentType)) continue;
    if (type === 'response') {
      const status = Number(record.httpHeaders?.statusCode ?? 0);
      if (status < 200 || status >= 300) continue;
    }
    const length = Number(record.warcHeader('Content-Length') ?? 0);
    if (length > MAX_RECORD) {
      yield { kind: 'error', place, error: `record of ${length} bytes is over the ${MAX_RECORD >> 20} MB limit; skipped` };
      continue;
    }
    try {
      const body = Buffer.from(await record.readFully(true));
      const html = decodeHtml(body, contentType).html;
      yield { kind: 'record', place, html, url: record.warcTargetURI ?? undefined, date: undefined };
    } catch (err) {
      yield { kind: 'error', place, error: errorLine(err) };
    }
  }
}
