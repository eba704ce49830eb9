// fetchUrl against a server on 127.0.0.1 only: no other address is ever contacted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { fetchUrl, isPrivateAddress } from './fetch.js';
import { SlantError } from '../core/errors.js';

const PAGE = '<html><body><p>Hello from the test server.</p></body></html>';
let server: http.Server;
let base = '';

before(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    } else if (path === '/gzip') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.from(PAGE)));
    } else if (path === '/redirect') {
      res.writeHead(302, { location: '/page' });
      res.end();
    } else if (path === '/loop') {
      res.writeHead(302, { location: '/loop' });
      res.end();
    } else if (path === '/to-file') {
      res.writeHead(302, { location: 'file:///etc/passwd' });
      res.end();
    } else if (path === '/big') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('x'.repeat(200_000));
    } else if (path === '/slow') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>');
      setTimeout(() => res.end('</html>'), 3000).unref();
    } else {
      res.writeHead(404);
      res.end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

async function rejectsWith(p: Promise<unknown>, code: number, re: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => err instanceof SlantError && err.code === code && re.test(err.message) && !err.message.includes('\n'));
}

test('fetches a page, follows redirects, decodes gzip (allowPrivate for the local server)', async () => {
  const page = await fetchUrl(`${base}/page`, { allowPrivate: true });
  assert.equal(page.body.toString(), PAGE);
  assert.equal(page.contentType, 'text/html; charset=utf-8');
  const moved = await fetchUrl(`${base}/redirect`, { allowPrivate: true });
  assert.equal(moved.finalUrl, `${base}/page`);
  assert.equal(moved.body.toString(), PAGE);
  assert.equal((await fetchUrl(`${base}/gzip`, { allowPrivate: true })).body.toString(), PAGE);
});

test('refuses loopback and private addresses unless allowed', async () => {
  const saved = process.env.SLANT_ALLOW_PRIVATE_URLS;
  delete process.env.SLANT_ALLOW_PRIVATE_URLS;
  try {
    await rejectsWith(fetchUrl(`${base}/page`), 108, /private or local address/);
    await rejectsWith(fetchUrl('http://localhost:9/x'), 108, /private or local/);
    await rejectsWith(fetchUrl('http://[::1]:9/x'), 108, /private or local/);
    process.env.SLANT_ALLOW_PRIVATE_URLS = '1';
    assert.equal((await fetchUrl(`${base}/page`)).body.toString(), PAGE);
  } finally {
    if (saved === undefined) delete process.env.SLANT_ALLOW_PRIVATE_URLS;
    else process.env.SLANT_ALLOW_PRIVATE_URLS = saved;
  }
  for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '100.64.0.1'])
    assert.equal(isPrivateAddress(a), true, a);
  for (const a of ['93.184.216.34', '2606:4700::1111', '8.8.8.8']) assert.equal(isPrivateAddress(a), false, a);
});

test('IPv6 forms that carry an IPv4 address are checked as that address (issue 16, fault 7)', async () => {
  // IPv4-compatible ::/96, IPv4-mapped, IPv4-translated ::ffff:0:0/96, 6to4, written dotted or in hex.
  for (const a of ['::127.0.0.1', '::7f00:1', '::ffff:7f00:1', '::ffff:0:127.0.0.1', '::ffff:0:7f00:1', '0:0:0:0:0:ffff:0a00:0001', '::ffff:0:10.0.0.1', '2002:7f00:1::1', '2002:a9fe:a9fe::', '::8.8.8.8', '64:ff9b:1::1', '2001:0:4136:e378::1', 'fec0::1'])
    assert.equal(isPrivateAddress(a), true, a);
  for (const a of ['::ffff:8.8.8.8', '::ffff:0:8.8.8.8', '2002:808:808::1', '2a00:1450:4001::200e']) assert.equal(isPrivateAddress(a), false, a);
  // What the URL parser makes of them (it rewrites the dotted part in hex) is refused before any connection.
  await rejectsWith(fetchUrl('http://[::127.0.0.1]:9/'), 108, /private or local/);
  await rejectsWith(fetchUrl('http://[::ffff:0:127.0.0.1]:9/'), 108, /private or local/);
});

test('only http(s); every redirect hop is checked; limits on size, time and redirects', async () => {
  await rejectsWith(fetchUrl('ftp://127.0.0.1/x', { allowPrivate: true }), 108, /only http/);
  await rejectsWith(fetchUrl('file:///etc/passwd'), 108, /only http/);
  await rejectsWith(fetchUrl(`${base}/to-file`, { allowPrivate: true }), 108, /only http/);
  await rejectsWith(fetchUrl(`${base}/loop`, { allowPrivate: true }), 107, /redirects/);
  await rejectsWith(fetchUrl(`${base}/big`, { allowPrivate: true, maxBytes: 10_000 }), 103, /limit|larger/);
  await rejectsWith(fetchUrl(`${base}/slow`, { allowPrivate: true, timeoutMs: 300 }), 107, /timed out/);
  await rejectsWith(fetchUrl(`${base}/missing`, { allowPrivate: true }), 107, /HTTP 404/);
  await rejectsWith(fetchUrl('not a url'), 107, /not a valid URL/);
  await rejectsWith(fetchUrl('http://user:pw@127.0.0.1/', { allowPrivate: true }), 108, /user name/);
});
