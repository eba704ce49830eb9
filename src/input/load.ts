/**
 * From what a user names (a file, a URL, `-` for standard input) to an `Input` for analyze():
 * sniff the kind (HTML, JSON, plain text), decode the bytes, and refuse what is not an article
 * (binary files, oversize input, undecodable text) with one clear line.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { checkRecord, type InputRecord as Input } from './record.js';
import { MAX_INPUT_BYTES } from '../core/limits.js';
import { E, fail } from '../core/errors.js';
import { binaryKind, decodeHtml, gunzipBounded } from '../extract/decode.js';

/** Largest input we read (bytes; src/core/limits.ts). HTML pages can be big; the text inside them is what counts. */
export { MAX_INPUT_BYTES };

export interface LoadOptions {
  /** Force a text encoding (a WHATWG label such as windows-1251). */
  encoding?: string;
  /** Allow URLs that resolve to loopback/private addresses. */
  allowPrivate?: boolean;
}

export async function loadInput(arg: string, opts: LoadOptions = {}): Promise<Input> {
  if (arg === '-') return fromBytes(await readStdin(), 'standard input', opts);
  if (/^https?:\/\//i.test(arg)) return fromUrl(arg, opts);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) fail(E.URL_FORBIDDEN, `only http(s) URLs can be fetched, not "${arg.split(':')[0]}:"`);
  let size: number;
  try {
    const st = await stat(arg);
    if (st.isDirectory()) fail(E.BAD_ARGUMENT, `${arg} is a directory; give a file (or several)`);
    size = st.size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') fail(E.FILE_NOT_FOUND, `no such file: ${arg}`);
    if ((err as NodeJS.ErrnoException).code === 'EACCES') fail(E.FILE_NOT_FOUND, `cannot read ${arg}: permission denied`);
    throw err;
  }
  if (size > MAX_INPUT_BYTES) fail(E.INPUT_TOO_LARGE, `${arg} is ${mb(size)} MB; the limit is ${mb(MAX_INPUT_BYTES)} MB per document`);
  return fromBytes(await readFile(arg), arg, opts);
}

async function fromUrl(url: string, opts: LoadOptions): Promise<Input> {
  const { fetchUrl } = await import('./fetch.js');
  const page = await fetchUrl(url, { allowPrivate: opts.allowPrivate, maxBytes: MAX_INPUT_BYTES });
  const ct = page.contentType.toLowerCase();
  if (ct.includes('json')) return fromJson(decodeText(page.body, url, opts.encoding), url);
  if (ct.startsWith('text/plain')) return { text: decodeText(page.body, url, opts.encoding), url: page.finalUrl };
  if (ct && !ct.includes('html') && !ct.includes('xml') && !ct.startsWith('text/')) fail(E.BINARY_INPUT, `${url} returned ${ct.split(';')[0]}, not an article`);
  return { html: decodeHtml(page.body, page.contentType).html, url: page.finalUrl };
}

/** Sniff bytes into an Input: JSON by extension or shape, HTML by extension or markup, else text. */
export function fromBytes(bytes: Buffer, name: string, opts: LoadOptions = {}): Input {
  let buf = bytes;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipBounded(buf, name);
  if (buf.length > MAX_INPUT_BYTES) fail(E.INPUT_TOO_LARGE, `${name} is ${mb(buf.length)} MB; the limit is ${mb(MAX_INPUT_BYTES)} MB per document`);
  if (buf.length === 0) fail(E.EMPTY_INPUT, `${name} is empty`);
  const ext = extname(name.replace(/\.gz$/i, '')).toLowerCase();
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return { html: decodeHtml(buf).html };
  const text = decodeText(buf, name, opts.encoding);
  const head = text.trimStart().slice(0, 1000);
  if (ext === '.json' || (head.startsWith('{') && text.trimEnd().endsWith('}'))) return fromJson(text, name);
  if (/^(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*<html)/i.test(head)) return { html: decodeHtml(buf).html };
  // The whole text: an article after 100,000 blank lines is still an article (one linear scan).
  if (!/[\p{L}\p{N}]/u.test(text)) fail(E.EMPTY_INPUT, `${name} holds no readable text`);
  return { text };
}

/** `{text, title, date, url, source}` (html instead of text is accepted too). */
export function fromJson(json: string, name: string): Input {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch (err) {
    fail(E.BAD_JSON, `${name} is not valid JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(E.BAD_JSON, `${name}: expected a JSON object with a "text" field`);
  const input = checkRecord(v as Record<string, unknown>, name, E.BAD_JSON);
  if (input.text === undefined && input.html === undefined) fail(E.BAD_JSON, `${name}: expected a "text" (or "html") field`);
  return input;
}

/** Bytes of plain text → string: BOM, then UTF-8, then a legacy encoding only when the evidence is clear. */
export function decodeText(buf: Buffer, name: string, encoding?: string): string {
  if (encoding) {
    try {
      return new TextDecoder(encoding).decode(buf);
    } catch {
      fail(E.BAD_ARGUMENT, `unknown encoding "${encoding}"`);
    }
  }
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return new TextDecoder('utf-8').decode(buf.subarray(3));
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  const utf16 = utf16WithoutBom(buf);
  if (utf16) return new TextDecoder(utf16).decode(buf);
  const kind = binaryKind(buf);
  if (kind) fail(E.BINARY_INPUT, `${name} is ${kind}, not text`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    const legacy = guessLegacy(buf);
    if (legacy) return new TextDecoder(legacy).decode(buf);
    fail(E.BAD_ENCODING, `${name} is not valid UTF-8 and its encoding could not be determined (give --encoding, e.g. windows-1251)`);
  }
}

/** ASCII text in UTF-16 has a NUL in every other byte. */
function utf16WithoutBom(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length & ~1, 4096);
  if (n < 8) return null;
  let even = 0, odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) even++;
    if (buf[i + 1] === 0) odd++;
  }
  if (odd > n * 0.4 && even < n * 0.05) return 'utf-16le';
  if (even > n * 0.4 && odd < n * 0.05) return 'utf-16be';
  return null;
}

/**
 * A legacy single-byte or CJK encoding, chosen only when the bytes read as words in it: Cyrillic
 * windows-1251 (high bytes are mostly letters), CJK multi-byte encodings that decode without error
 * into mostly CJK characters, or windows-1252 where each high byte sits inside a word.
 */
function guessLegacy(buf: Buffer): string | null {
  const sample = buf.subarray(0, 65536);
  for (const enc of ['gb18030', 'shift_jis', 'euc-kr', 'big5']) {
    try {
      const s = new TextDecoder(enc, { fatal: true }).decode(sample);
      const cjk = (s.match(/[\u3040-\u30FF\u4E00-\u9FFF\uAC00-\uD7AF]/g) ?? []).length;
      const high = (s.match(/[^\x00-\x7F]/g) ?? []).length;
      if (high > 10 && cjk / high > 0.9) return enc;
    } catch {
      // not this encoding
    }
  }
  let high = 0, letters = 0, inWord = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b < 0x80) continue;
    high++;
    if (b >= 0xc0) letters++;
    const prev = sample[i - 1] ?? 0x20, next = sample[i + 1] ?? 0x20;
    const isLetter = (x: number): boolean => (x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a) || x >= 0xc0;
    const isSpace = (x: number): boolean => x === 0x20 || x === 0x0a || x === 0x2e || x === 0x2c;
    // ’ “ ” – — between words or spaces, or an accented letter touching a letter.
    if ((b >= 0x91 && b <= 0x97 && (isLetter(prev) || isSpace(prev) || isLetter(next))) || (b >= 0xc0 && (isLetter(prev) || isLetter(next)))) inWord++;
  }
  if (high === 0) return null;
  if (high > 20 && letters / high > 0.9 && high / sample.length > 0.3) return 'windows-1251';
  return inWord / high > 0.9 ? 'windows-1252' : null;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_INPUT_BYTES) fail(E.INPUT_TOO_LARGE, `standard input is over ${mb(MAX_INPUT_BYTES)} MB; the limit is ${mb(MAX_INPUT_BYTES)} MB per document`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function mb(n: number): string {
  return (n / 1048576).toFixed(1).replace(/\.0$/, '');
}
