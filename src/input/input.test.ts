import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize } from './normalize.js';
import { decodeText, fromBytes, fromJson } from './load.js';
import { SlantError } from '../core/errors.js';
import { Doc } from '../core/document.js';

const code = (n: number) => (e: unknown) => e instanceof SlantError && e.code === n;

test('normalize: golden repairs of scraped, machine-translated text', () => {
  const raw = 'Title line!\n\n2022-05-05 0 By\n\nThe  news of “an invasion”.However, the SIDE.Some said.”United front” is fantasy.\u00A0End.  \n';
  const { text, edits } = normalize(raw);
  assert.equal(text, 'Title line!\n\nThe news of “an invasion”. However, the SIDE. Some said. “United front” is fantasy. End.');
  assert.deepEqual(edits.map((e) => e.kind), ['header-residue', 'spaces', 'missing-space', 'missing-space', 'quote', 'spaces', 'spaces']);
});

test('normalize: every unedited character maps back to the same character in the original', () => {
  const raw = 'A  b.C “d”.E\r\nf\u200Bg   h';
  const { text, edits } = normalize(raw);
  const doc = new Doc(text, {}, raw, edits);
  for (let i = 0; i < text.length; i++) {
    if (edits.some((e) => i >= e.start && i < e.end)) continue;
    assert.equal(raw[doc.toOriginal(i)], text[i], `offset ${i}`);
  }
});

test('normalize: abbreviations and decimals are left alone', () => {
  assert.equal(normalize('The U.S.Army and e.g.Foo cost 3.5 bn.').text, 'The U.S.Army and e.g.Foo cost 3.5 bn.');
});

test('normalize: mojibake and doubled quotes are repaired', () => {
  assert.equal(normalize('It isnâ€™t ""fine"".').text, 'It isn’t "fine".');
});

test('normalize: bounded on pathological input', () => {
  const evil = '.'.repeat(200000) + '”'.repeat(50000) + 'a '.repeat(100000);
  const t0 = Date.now();
  normalize(evil);
  assert.ok(Date.now() - t0 < 20000);
});

test('decode: UTF-8, BOMs, UTF-16 without BOM, windows-1251, windows-1252', () => {
  assert.equal(decodeText(Buffer.from('中国 😀'), 'x'), '中国 😀');
  assert.equal(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x68, 0x69]), 'x'), 'hi');
  assert.equal(decodeText(Buffer.from('hello world', 'utf16le'), 'x'), 'hello world');
  const cyr = Buffer.from(new Uint8Array([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x20, 0xec, 0xe8, 0xf0]));
  assert.equal(decodeText(Buffer.concat(Array(10).fill(Buffer.concat([cyr, Buffer.from(' ')]))), 'x').slice(0, 10), 'Привет мир');
  assert.equal(decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]), 'x'), 'café ok');
});

test('decode: invalid UTF-8 with no clear encoding fails with E104', () => {
  assert.throws(() => decodeText(Buffer.from([0x68, 0x20, 0xc3, 0x28, 0x20, 0xff, 0x20, 0x80]), 'bad.txt'), code(104));
});

test('load: binary files, empty files and unreadable text are refused', () => {
  assert.throws(() => fromBytes(Buffer.from('%PDF-1.4 xxxx'), 'a.txt'), code(102));
  assert.throws(() => fromBytes(Buffer.alloc(0), 'a.txt'), code(101));
  assert.throws(() => fromBytes(Buffer.from([0, 1, 2, 3, 0, 0, 0, 9, 0, 0]), 'a.bin'), code(102));
  assert.throws(() => fromBytes(Buffer.from('   \n\t '), 'a.txt'), code(101));
});

test('load: JSON input with metadata; wrong shapes name the field', () => {
  const input = fromBytes(Buffer.from(JSON.stringify({ text: 'Body.', title: 'T', date: '2021-02-03', url: 'https://x.test/a', source: 'X' })), 'a.json');
  assert.deepEqual(input, { text: 'Body.', title: 'T', date: '2021-02-03', url: 'https://x.test/a', source: 'X' });
  assert.throws(() => fromJson('{"text": 5}', 'b.json'), (e: unknown) => e instanceof SlantError && /field "text" must be a string/.test(e.message));
  assert.throws(() => fromJson('{"txt": "x"}', 'b.json'), code(106));
  assert.throws(() => fromJson('{oops', 'b.json'), code(106));
  // Issue 16, fault 6: a date that is not one never reaches meta; a written-out one becomes ISO.
  assert.throws(() => fromJson('{"text": "x", "date": "not-a-date-at-all"}', 'c.json'), (e: unknown) => e instanceof SlantError && e.code === 106 && /field "date" is not a date/.test(e.message));
  assert.throws(() => fromJson('{"text": "x", "title": {"a": 1}}', 'c.json'), (e: unknown) => e instanceof SlantError && /field "title" must be a string, not an object/.test(e.message));
  assert.equal(fromJson('{"text": "x", "date": "3 March 2024"}', 'd.json').date, '2024-03-03');
});

test('load: an article after 100,000 blank lines is not refused as empty (issue 16, fault 5)', () => {
  const input = fromBytes(Buffer.from('\n'.repeat(100_000) + 'Russia and China signed a treaty.'), 'blank.txt');
  assert.ok(input.text?.endsWith('signed a treaty.'));
  assert.throws(() => fromBytes(Buffer.from('\n'.repeat(100_000) + '...'), 'blank.txt'), code(101));
});

test('load: HTML is recognised by extension or markup', () => {
  const a = fromBytes(Buffer.from('<!doctype html><html><body><p>Hi</p></body></html>'), 'page.txt');
  assert.ok(a.html && a.html.includes('<p>Hi</p>'));
});

test('normalize: 100,000 blank lines before a text and spaces after it, in linear time (issue 16, fault 5)', () => {
  const t0 = process.hrtime.bigint();
  const n = normalize('\n'.repeat(100_000) + 'Russia and China signed a treaty.' + ' \n'.repeat(50_000));
  assert.equal(n.text, 'Russia and China signed a treaty.');
  assert.ok(Number(process.hrtime.bigint() - t0) / 1e9 < 5); // the trailing /\s+$/ took 37 s on this
});
