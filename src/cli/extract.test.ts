import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const MAIN = new URL('../cli/main.js', import.meta.url).pathname;
const run = (...argv: string[]) => spawnSync(process.execPath, [MAIN, ...argv], { encoding: 'utf8', timeout: 30_000 });

const page = (title: string, paras: string[]) =>
  `<html><head><title>${title}</title></head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>${paras.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
const A = ['The river rose by two metres overnight and several roads near the old mill were closed by the police.', 'Volunteers filled sandbags until the early morning, and the water began to fall again at noon on Sunday.'];
const B = ['A new bakery opened in the market square, selling bread made with flour from a mill in the next valley.'];

test('slant extract: file, folder (JSON lines), --benchmark map; eval extraction scores it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slant-extract-'));
  try {
    writeFileSync(join(dir, 'a.html.gz'), gzipSync(page('Flood', A)));
    writeFileSync(join(dir, 'b.html'), page('Bakery', B));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const one = run('extract', join(dir, 'b.html'));
    assert.equal(one.status, 0, one.stderr);
    const r = JSON.parse(one.stdout) as { title: string; body: string };
    assert.equal(r.title, 'Bakery');
    assert.equal(r.body, B[0]);

    const lines = run('extract', dir);
    assert.equal(lines.status, 0, lines.stderr);
    assert.deepEqual(lines.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id), ['a', 'b']);

    const bench = run('extract', dir, '--benchmark');
    assert.equal(bench.status, 0, bench.stderr);
    assert.deepEqual(JSON.parse(bench.stdout), { a: { articleBody: A.join('\n\n') }, b: { articleBody: B[0] } });

    writeFileSync(join(dir, 'truth.json'), JSON.stringify({ a: { articleBody: A.join('\n') }, b: { articleBody: 'Something else entirely that the page never says at all.' } }));
    const ev = run('eval', 'extraction', '--html', dir, '--truth', join(dir, 'truth.json'), '--json');
    assert.equal(ev.status, 0, ev.stderr);
    const e = JSON.parse(ev.stdout) as { precision: number; recall: number; f1: number; worst: { id: string }[] };
    assert.equal(e.precision, 0.5);
    assert.equal(e.recall, 0.5);
    assert.equal(e.worst[0]!.id, 'b');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('slant extract: bad input gives one line on stderr and a non-zero exit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slant-extract-'));
  try {
    writeFileSync(join(dir, 'doc.html'), Buffer.from('%PDF-1.4\n'));
    for (const [argv, re] of [
      [['extract', join(dir, 'doc.html')], /^slant: E102 input is a PDF document/],
      [['extract', join(dir, 'missing.html')], /^slant: E105 no such file/],
      [['extract', 'ftp://example.invalid/x'], /^slant: E108 only http/],
      [['eval', 'extraction', '--html', dir], /^slant: E110 /],
    ] as const) {
      const r = run(...argv);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(r.stdout, '');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('slant extract <url>: fetched from a loopback server only with --allow-private', async () => {
  const { createServer } = await import('node:http');
  const { spawn } = await import('node:child_process');
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page('Flood', A));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/story`;
  const runAsync = (...argv: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const env = { ...process.env };
      delete env.SLANT_ALLOW_PRIVATE_URLS;
      const child = spawn(process.execPath, [MAIN, ...argv], { env });
      let stdout = '', stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      const timer = setTimeout(() => child.kill(), 20_000);
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr });
      });
    });
  try {
    const ok = await runAsync('extract', url, '--allow-private');
    assert.equal(ok.status, 0, ok.stderr);
    const r = JSON.parse(ok.stdout) as { url: string; body: string; charset: string };
    assert.equal(r.url, url);
    assert.equal(r.body, A.join('\n\n'));
    assert.equal(r.charset, 'utf-8 (content-type)');
    const refused = await runAsync('extract', url);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^slant: E108 127\.0\.0\.1 resolves to 127\.0\.0\.1, a private or local address/);
  } finally {
    server.close();
  }
});
