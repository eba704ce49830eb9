/**
 * Bytes of a web page → a JavaScript string: gunzip when gzipped, refuse binary files (PDF,
 * images, archives), then pick the character set the way browsers do: BOM, then the HTTP
 * Content-Type, then `<meta charset>` in the first bytes, then sniffing (valid UTF-8, else a
 * legacy code page chosen from `<html lang>`).
 */
import { gunzipSync } from 'node:zlib';
import { E, fail } from '../core/errors.js';

import { MAX_INPUT_BYTES } from '../core/limits.js';

/** Pages bigger than this (after gunzip) are refused: no news article needs more (src/core/limits.ts). */
export const MAX_PAGE_BYTES = MAX_INPUT_BYTES;

export interface Decoded {
  html: string;
  /** The WHATWG encoding label used. */
  charset: string;
  /** Where the charset came from: 'bom', 'content-type', 'meta', 'sniff-utf8', 'sniff-lang', 'default'. */
  charsetSource: string;
}

const MAGIC: [string, number[]][] = [
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a ZIP archive (or Office document)', [0x50, 0x4b, 0x03, 0x04]],
  ['a WebP/RIFF file', [0x52, 0x49, 0x46, 0x46]],
  ['a 7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf]],
  ['an ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
];

function startsWith(buf: Uint8Array, sig: number[]): boolean {
  if (buf.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (buf[i] !== sig[i]) return false;
  return true;
}

/** Gunzip (bounded), or fail with a one-line reason when the data is truncated or corrupt. */
export function gunzipBounded(buf: Buffer, what = 'input'): Buffer {
  try {
    return gunzipSync(buf, { maxOutputLength: MAX_PAGE_BYTES });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|too large/i.test((err as Error).message))
      fail(E.INPUT_TOO_LARGE, `${what} unpacks to more than ${MAX_PAGE_BYTES >> 20} MB`);
    fail(E.BAD_ENCODING, `${what} is not valid gzip (truncated or corrupt: ${(err as Error).message.split('\n')[0]})`);
  }
}

/** Name of the binary format when `buf` is one, else null. */
export function binaryKind(buf: Uint8Array): string | null {
  for (const [name, sig] of MAGIC) if (startsWith(buf, sig)) return name;
  // UTF-16 pages carry NULs legitimately; their BOM is checked before this is called.
  const n = Math.min(buf.length, 4096);
  let nul = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) nul++;
  return nul > 0 && nul >= n / 64 ? 'a binary file' : null;
}

const LABEL = /^[a-z0-9._:-]{1,40}$/i;

function known(label: string | undefined | null): string | null {
  if (!label) return null;
  const l = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!LABEL.test(l)) return null;
  try {
    // TextDecoder knows every WHATWG label (utf-8, windows-1251, shift_jis, gb18030, ...).
    const enc = new TextDecoder(l).encoding;
    // Browsers treat a declared UTF-16 in a byte-oriented page as UTF-8 (there is no BOM here).
    return enc.startsWith('utf-16') ? 'utf-8' : enc;
  } catch {
    return null;
  }
}

/** charset= from a Content-Type header value. */
export function charsetFromContentType(ct: string | undefined | null): string | null {
  const m = ct ? /charset\s*=\s*["']?([^;"'\s]+)/i.exec(ct) : null;
  return known(m?.[1]);
}

/** `<meta charset>` or `<meta http-equiv content="...charset=">` in the first 8 KB (as browsers). */
function charsetFromMeta(head: string): string | null {
  const re = /<meta\b[^>]{0,400}>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(head))) {
    const tag = m[0];
    const a = /\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i.exec(tag);
    if (a) {
      const enc = known(a[1]);
      if (enc) return enc;
    }
  }
  return null;
}

const LANG_CODEPAGE: Record<string, string> = {
  ru: 'windows-1251', uk: 'windows-1251', bg: 'windows-1251', sr: 'windows-1251', mk: 'windows-1251', be: 'windows-1251',
  pl: 'iso-8859-2', cs: 'windows-1250', sk: 'windows-1250', hu: 'windows-1250', hr: 'windows-1250', sl: 'windows-1250', ro: 'windows-1250',
  el: 'windows-1253', tr: 'windows-1254', he: 'windows-1255', ar: 'windows-1256', fa: 'windows-1256',
  lt: 'windows-1257', lv: 'windows-1257', et: 'windows-1257', vi: 'windows-1258', th: 'windows-874',
  zh: 'gb18030', ja: 'shift_jis', ko: 'euc-kr',
};

function isUtf8(buf: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/** Cyrillic text in windows-1251 is mostly bytes 0xC0–0xFF; Western text in windows-1252 rarely is. */
function looksCyrillic1251(buf: Uint8Array): boolean {
  let high = 0, upper = 0;
  const n = Math.min(buf.length, 65536);
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b >= 0x80) {
      high++;
      if (b >= 0xc0) upper++;
    }
  }
  return high > 20 && upper / high > 0.9 && high / n > 0.05;
}

/**
 * Decode page bytes. `contentType` is the HTTP header when the page was fetched.
 * Fails (one line) for binary files and oversize input; never throws for odd text.
 */
export function decodeHtml(input: Buffer, contentType?: string | null): Decoded {
  let buf = input;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipBounded(buf, 'page');
  if (buf.length > MAX_PAGE_BYTES) fail(E.INPUT_TOO_LARGE, `page is ${(buf.length / 1048576).toFixed(1)} MB; the limit is ${MAX_PAGE_BYTES >> 20} MB`);
  // BOMs decide (before the binary check: UTF-16 text has NUL bytes).
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) return { html: new TextDecoder('utf-8').decode(buf.subarray(3)), charset: 'utf-8', charsetSource: 'bom' };
  if (startsWith(buf, [0xff, 0xfe])) return { html: new TextDecoder('utf-16le').decode(buf.subarray(2)), charset: 'utf-16le', charsetSource: 'bom' };
  if (startsWith(buf, [0xfe, 0xff])) return { html: new TextDecoder('utf-16be').decode(buf.subarray(2)), charset: 'utf-16be', charsetSource: 'bom' };
  const kind = binaryKind(buf);
  if (kind) fail(E.BINARY_INPUT, `input is ${kind}, not an HTML page`);
  const decode = (enc: string): string => new TextDecoder(enc).decode(buf);
  const fromHeader = charsetFromContentType(contentType);
  if (fromHeader) return { html: decode(fromHeader), charset: fromHeader, charsetSource: 'content-type' };
  const head = buf.subarray(0, 8192).toString('latin1');
  const fromMeta = charsetFromMeta(head);
  // A page declaring a legacy charset but valid as UTF-8 with non-ASCII bytes was almost surely re-saved as UTF-8.
  if (fromMeta && (fromMeta === 'utf-8' || !hasHighBytes(buf) || !isUtf8(buf)))
    return { html: decode(fromMeta), charset: fromMeta, charsetSource: 'meta' };
  if (isUtf8(buf)) return { html: decode('utf-8'), charset: 'utf-8', charsetSource: fromMeta ? 'sniff-utf8' : 'sniff-utf8' };
  const lang = /<html\b[^>]{0,300}?\blang\s*=\s*["']?([a-z]{2})/i.exec(head)?.[1]?.toLowerCase();
  const byLang = lang ? LANG_CODEPAGE[lang] : undefined;
  if (byLang) return { html: decode(byLang), charset: byLang, charsetSource: 'sniff-lang' };
  if (looksCyrillic1251(buf)) return { html: decode('windows-1251'), charset: 'windows-1251', charsetSource: 'sniff-bytes' };
  return { html: decode('windows-1252'), charset: 'windows-1252', charsetSource: 'default' };
}

function hasHighBytes(buf: Uint8Array): boolean {
  for (let i = 0; i < buf.length; i++) if (buf[i]! >= 0x80) return true;
  return false;
}
