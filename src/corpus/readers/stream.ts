/** Streaming helpers shared by readers: open a file (gunzipping .gz), split lines with a length cap. */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { fetchUrl } from '../../input/fetch.js';
import { MAX_RECORD, type ReaderOptions } from './types.js';

/** A local file, or an http(s) URL fetched through the safe fetch (size-capped), as a byte stream. */
export async function openSource(source: string, opts: ReaderOptions): Promise<AsyncIterable<Buffer | string>> {
  if (!/^https?:\/\//i.test(source)) return openFile(source);
  return Readable.from([(await fetchUrl(source, { allowPrivate: opts.allowPrivate, maxBytes: MAX_RECORD })).body]);
}

/** A file as a byte stream; gzip is detected by its magic bytes, not only the name. */
export async function openFile(path: string): Promise<Readable> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const s = createReadStream(path, { start: 0, end: 1 });
    const parts: Buffer[] = [];
    s.on('data', (c) => parts.push(c as Buffer));
    s.on('end', () => resolve(Buffer.concat(parts)));
    s.on('error', reject);
  });
  const raw = createReadStream(path, { highWaterMark: 1 << 16 });
  return head[0] === 0x1f && head[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
}

export interface Line {
  /** 1-based line number. */
  n: number;
  text: string;
  /** The line was longer than the cap; `text` is empty. */
  tooLong: boolean;
}

/** Lines of a UTF-8 stream, each at most `cap` characters (longer ones are flagged, not kept). */
export async function* lines(stream: AsyncIterable<Buffer | string>, cap = MAX_RECORD): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let skipping = false;
  let n = 0;
  for await (const chunk of stream) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = text.indexOf('\n')) >= 0) {
      n++;
      const part = text.slice(0, nl);
      text = text.slice(nl + 1);
      if (skipping || pending.length + part.length > cap) yield { n, text: '', tooLong: true };
      else yield { n, text: stripCr(pending + part), tooLong: false };
      pending = '';
      skipping = false;
    }
    if (!skipping) {
      pending += text;
      if (pending.length > cap) {
        pending = '';
        skipping = true;
      }
    }
  }
  pending += decoder.decode();
  if (skipping) yield { n: n + 1, text: '', tooLong: true };
  else if (pending.length) yield { n: n + 1, text: stripCr(pending), tooLong: false };
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

/** The first bytes of a file as text, for sniffing its format. */
export async function head(path: string, bytes = 4096): Promise<string> {
  const stream = await openFile(path);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of stream as AsyncIterable<Buffer>) {
    parts.push(c);
    size += c.length;
    if (size >= bytes) break;
  }
  stream.destroy();
  return Buffer.concat(parts).subarray(0, bytes).toString('utf8');
}
