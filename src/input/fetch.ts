/**
 * Fetch one web page safely: http(s) only, bounded size and time, redirects followed by hand so
 * that every hop is checked, and loopback/private/link-local addresses refused (the name is
 * resolved first and the connection pinned to the checked address, so DNS cannot switch it).
 * `allowPrivate` or SLANT_ALLOW_PRIVATE_URLS=1 lifts the address check (tests, intranets).
 */
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import zlib from 'node:zlib';
import type { LookupFunction } from 'node:net';
import { E, fail, SlantError } from '../core/errors.js';

export interface FetchOptions {
  allowPrivate?: boolean;
  /** Largest body accepted, after decompression (default 10 MB). */
  maxBytes?: number;
  /** Whole request, redirects included (default 15 s). */
  timeoutMs?: number;
}

export interface Fetched {
  body: Buffer;
  contentType: string;
  finalUrl: string;
}

const MAX_REDIRECTS = 5;

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96],
  ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 32],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part counts as two). */
function groups6(address: string): number[] | null {
  let a = address.toLowerCase().replace(/%.*$/, '');
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (v4) {
    const b = v4.slice(1).map(Number);
    a = a.slice(0, v4.index) + `${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head, tail] = a.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail === undefined ? [] : tail ? tail.split(':') : [];
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const all = [...h, ...Array<string>(Math.max(0, fill)).fill('0'), ...t].map((g) => parseInt(g, 16));
  return all.length === 8 && all.every((g) => g >= 0 && g <= 0xffff) ? all : null;
}

/**
 * The IPv4 address an IPv6 address carries, in the forms that reach it: IPv4-compatible ::/96,
 * IPv4-mapped ::ffff:0:0/96, IPv4-translated ::ffff:0:0:0/96 and 6to4 2002::/16.
 */
function embeddedIPv4(g: number[]): string | null {
  const v4 = (hi: number, lo: number): string => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zero = (from: number, to: number): boolean => g.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && (g[5] === 0 || g[5] === 0xffff)) return v4(g[6]!, g[7]!);
  if (zero(0, 4) && g[4] === 0xffff && g[5] === 0) return v4(g[6]!, g[7]!);
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!);
  return null;
}

/** True for loopback, private, link-local, multicast, reserved and documentation addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const g = groups6(address);
    if (!g) return true;
    // IPv4-compatible ::/96 is deprecated (RFC 4291) and reaches IPv4 hosts on some stacks: refused whole.
    if (g.slice(0, 6).every((x) => x === 0)) return true;
    const v4 = embeddedIPv4(g);
    if (v4 && blocked.check(v4, 'ipv4')) return true;
    return blocked.check(address, 'ipv6');
  }
  return true;
}

function privateAllowed(opts: FetchOptions): boolean {
  return opts.allowPrivate === true || process.env.SLANT_ALLOW_PRIVATE_URLS === '1';
}

/** Resolve the host and check every address; returns the address to connect to. */
async function resolveChecked(url: URL, allowPrivate: boolean): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addrs: { address: string; family: number }[];
  if (isIP(host)) addrs = [{ address: host, family: isIP(host) }];
  else {
    try {
      addrs = await lookup(host, { all: true });
    } catch (err) {
      fail(E.URL_FAILED, `cannot resolve ${host} (${(err as NodeJS.ErrnoException).code ?? 'DNS error'})`);
    }
  }
  if (!addrs.length) fail(E.URL_FAILED, `cannot resolve ${host}`);
  if (!allowPrivate) {
    const bad = addrs.find((a) => isPrivateAddress(a.address));
    if (bad)
      fail(E.URL_FORBIDDEN, `${host} resolves to ${bad.address}, a private or local address; refused (set SLANT_ALLOW_PRIVATE_URLS=1 to allow)`);
  }
  return addrs[0]!;
}

function checkScheme(url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(E.URL_FORBIDDEN, `only http(s) URLs can be fetched, not "${url.protocol}"`);
  if (url.username || url.password) fail(E.URL_FORBIDDEN, 'URLs with a user name or password are refused');
}

interface Hop {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(url: URL, pinned: { address: string; family: number }, maxBytes: number, signal: AbortSignal): Promise<Hop> {
  const mod = url.protocol === 'https:' ? https : http;
  // Connect to the address we checked, whatever DNS says now.
  const pinnedLookup: LookupFunction = (_host, options, cb) => {
    if ((options as { all?: boolean }).all) (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else cb(null, pinned.address, pinned.family);
  };
  return new Promise<Hop>((resolve, reject) => {
    const req = mod.request(
      url,
      {
        method: 'GET',
        lookup: pinnedLookup,
        signal,
        headers: {
          'user-agent': 'slant/0.1 (+article analysis)',
          accept: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          resolve({ status, headers: res.headers, body: Buffer.alloc(0) });
          return;
        }
        const declared = Number(res.headers['content-length']);
        const enc = String(res.headers['content-encoding'] ?? '').toLowerCase();
        if (!enc && declared > maxBytes) {
          res.destroy();
          reject(new SlantError(E.INPUT_TOO_LARGE, `${url.href} is ${declared} bytes; the limit is ${maxBytes}`));
          return;
        }
        let stream: NodeJS.ReadableStream = res;
        if (enc === 'gzip' || enc === 'x-gzip') stream = res.pipe(zlib.createGunzip());
        else if (enc === 'deflate') stream = res.pipe(zlib.createInflate());
        else if (enc === 'br') stream = res.pipe(zlib.createBrotliDecompress());
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            res.destroy();
            reject(new SlantError(E.INPUT_TOO_LARGE, `${url.href} is larger than ${maxBytes} bytes; refused`));
            return;
          }
          chunks.push(c);
        });
        stream.on('end', () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks) }));
        stream.on('error', (err: Error) => reject(new SlantError(E.URL_FAILED, `${url.href}: ${err.message.split('\n')[0]}`)));
        res.on('error', (err: Error) => reject(new SlantError(E.URL_FAILED, `${url.href}: ${err.message.split('\n')[0]}`)));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (signal.aborted) reject(new SlantError(E.URL_FAILED, `${url.href}: timed out`));
      else reject(new SlantError(E.URL_FAILED, `${url.href}: ${err.code ?? err.message.split('\n')[0]}`));
    });
    req.end();
  });
}

export async function fetchUrl(url: string, opts: FetchOptions = {}): Promise<Fetched> {
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const allowPrivate = privateAllowed(opts);
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    fail(E.URL_FAILED, `not a valid URL: ${url.slice(0, 200)}`);
  }
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      checkScheme(current);
      const pinned = await resolveChecked(current, allowPrivate);
      if (ac.signal.aborted) fail(E.URL_FAILED, `${current.href}: timed out after ${timeoutMs} ms`);
      const res = await request(current, pinned, maxBytes, ac.signal);
      if (res.status >= 300 && res.status < 400) {
        const loc = res.headers.location;
        if (!loc) fail(E.URL_FAILED, `${current.href}: redirect (HTTP ${res.status}) without a Location`);
        current = new URL(loc, current);
        continue;
      }
      if (res.status >= 400) fail(E.URL_FAILED, `${current.href}: HTTP ${res.status}`);
      return { body: res.body, contentType: String(res.headers['content-type'] ?? ''), finalUrl: current.href };
    }
    fail(E.URL_FAILED, `${url}: more than ${MAX_REDIRECTS} redirects`);
  } catch (err) {
    if (err instanceof SlantError) throw err;
    if (ac.signal.aborted) fail(E.URL_FAILED, `${current.href}: timed out after ${timeoutMs} ms`);
    fail(E.URL_FAILED, `${current.href}: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    clearTimeout(timer);
  }
}
