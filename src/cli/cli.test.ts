import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readFileSync, truncateSync, closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpSlice } from '../core/text.js';
import { SCHEMA_VERSION, type AnalysisResult } from '../result.js';

const MAIN = new URL('./main.js', import.meta.url).pathname;
const FIXTURE = new URL('../fixtures/partners.txt', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'slant-cli-'));

function slant(args: string[], input?: string) {
  // The timeout is a hang guard, not a speed test: anything bounded finishes far inside it.
  const r = spawnSync(process.execPath, [MAIN, ...args], { input, encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A bad-input failure: non-zero exit, exactly one line on stderr with an error code, no stack. */
function assertOneLineError(r: { code: number | null; err: string; out: string }, pattern: RegExp) {
  assert.notEqual(r.code, 0);
  assert.equal(r.out, '');
  const lines = r.err.trim().split('\n');
  assert.equal(lines.length, 1, r.err);
  assert.match(lines[0]!, /^slant: E\d{3} /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(r.err, /\n\s+at /);
}

test('help lists commands, each command has its own help', () => {
  const r = slant(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.out, /analyze\s+Analyse articles/);
  assert.match(slant(['analyze', '--help']).out, /--format FMT/);
});

test('analyze --format json: the documented contract on a fixture article', () => {
  const r = slant(['analyze', FIXTURE, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as AnalysisResult;
  assert.equal(j.schemaVersion, SCHEMA_VERSION);
  assert.equal(j.meta.date, '2023-03-14');
  assert.equal(j.meta.title, 'Why the so-called “coalition against Beijing” will never work');
  assert.deepEqual(j.meta.credits.map((c) => c.code), ['huanqiu']);
  assert.ok(j.text.includes('espionage”. Yet the US side'), 'glued sentences repaired');
  assert.ok(!j.text.includes('12 By'), 'header residue removed');
  // Every span's text is the code-point slice of text.
  for (const t of j.techniques) assert.equal(t.text, cpSlice(j.text, t.start, t.end));
  for (const a of j.actors) for (const m of a.mentions) assert.equal(m.text, cpSlice(j.text, m.start, m.end));
  for (const rel of j.relations) assert.equal(rel.evidence.text, cpSlice(j.text, rel.evidence.start, rel.evidence.end));
  for (const e of j.normalization) assert.ok(e.start <= e.end && e.originalStart <= e.originalEnd);
});

test('analyze: offsets count code points with emoji and Chinese text', () => {
  const r = slant(['analyze', '-', '-f', 'json'], '🙂🙂 中国 said “hello”.Then Russia 🙂 answered.\n');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as AnalysisResult;
  for (const s of j.sentences) assert.ok(s.end <= [...j.text].length);
  for (const t of j.techniques) assert.equal(t.text, cpSlice(j.text, t.start, t.end));
  for (const a of j.actors) for (const m of a.mentions) assert.equal(m.text, cpSlice(j.text, m.start, m.end));
});

test('analyze: text and html reports', () => {
  const t = slant(['analyze', FIXTURE]);
  assert.equal(t.code, 0, t.err);
  assert.match(t.out, /date 2023-03-14 \(text\)/);
  assert.match(t.out, /credits: Huanqiu \/ Global Times \(state media, CHN\)/);
  const out = join(dir, 'report.html');
  const h = slant(['analyze', FIXTURE, '-f', 'html', '-o', out]);
  assert.equal(h.code, 0, h.err);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /Content-Security-Policy/);
});

test('analyze: several files become JSON lines, a bad one is reported and the rest kept', () => {
  const a = join(dir, 'a.txt'), b = join(dir, 'b.txt'), bad = join(dir, 'c.txt');
  writeFileSync(a, 'Russia and China signed a deal.');
  writeFileSync(b, 'The EU criticised Iran.');
  writeFileSync(bad, Buffer.from([0, 1, 2, 0, 0, 0, 0, 5, 0, 0]));
  const r = slant(['analyze', a, bad, b, '-f', 'json', '--workers', '2']);
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as AnalysisResult);
  assert.deepEqual(lines.map((l) => l.id), [a, b]);
  assert.match(r.err, /c\.txt: E102/);
});

test('bad input: clear one-line errors, non-zero exit, no stack trace, no partial output', () => {
  assertOneLineError(slant(['analyze', join(dir, 'missing.txt')]), /no such file/);
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '');
  assertOneLineError(slant(['analyze', empty]), /E101 .*empty/);
  const bin = join(dir, 'img.txt');
  writeFileSync(bin, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(100)]));
  assertOneLineError(slant(['analyze', bin]), /E102 .*PNG/);
  const huge = join(dir, 'huge.txt');
  closeSync(openSync(huge, 'w'));
  truncateSync(huge, 50 * 1024 * 1024);
  assertOneLineError(slant(['analyze', huge]), /E103 .*50 MB/);
  const invalid = join(dir, 'invalid.txt');
  writeFileSync(invalid, Buffer.from([0x68, 0x20, 0xc3, 0x28, 0x20, 0xff, 0x20, 0x80]));
  assertOneLineError(slant(['analyze', invalid]), /E104 .*not valid UTF-8/);
  assertOneLineError(slant(['analyze', FIXTURE, '--format', 'pdf']), /E110 .*--format/);
  assertOneLineError(slant(['analyze', FIXTURE, '--bogus']), /E110/);
  assertOneLineError(slant(['analyze', 'ftp://example.test/x']), /E108/);
  assertOneLineError(slant(['analyze', 'http://127.0.0.1:9/']), /E10[78]/);
  // Issue 16, fault 7: IPv4-compatible and IPv4-translated forms of loopback.
  assertOneLineError(slant(['analyze', 'http://[::127.0.0.1]:9/']), /E108 .*private or local address/);
  assertOneLineError(slant(['analyze', 'http://[::ffff:0:127.0.0.1]:9/']), /E108 .*private or local address/);
  const outFile = join(dir, 'never.json');
  assertOneLineError(slant(['analyze', empty, '-f', 'json', '-o', outFile]), /E101/);
  assert.equal(existsSync(outFile), false);
});

test('bad input: scripts-only HTML and pathological text finish without hanging', () => {
  const scripts = join(dir, 'scripts.html');
  writeFileSync(scripts, '<html><body>' + '<script>while(true){}</script>'.repeat(2000) + '</body></html>');
  const r = slant(['analyze', scripts]);
  assert.notEqual(r.code, null, 'process finished');
  if (r.code !== 0) assertOneLineError(r, /E1\d\d/);
  const evil = join(dir, 'evil.txt');
  writeFileSync(evil, 'a'.repeat(300_000) + '!' + '“'.repeat(20_000) + ' (('.repeat(20_000) + 'x.'.repeat(100_000));
  const e = slant(['analyze', evil, '-f', 'json']);
  assert.equal(e.code, 0, e.err);
});
