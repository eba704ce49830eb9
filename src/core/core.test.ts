import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodePoints, cpSlice } from './text.js';
import { Doc, type Span } from './document.js';
import { Pipeline, type Component } from './pipeline.js';
import { SlantError } from './errors.js';
import { tokenize } from './tokens.js';

test('code points: emoji and Chinese map both ways', () => {
  const s = 'a😀b 中国🇨🇳 c';
  const cp = new CodePoints(s);
  assert.equal(cp.length, [...s].length);
  // 'b' is UTF-16 index 3, code point 2
  assert.equal(cp.cp(3), 2);
  assert.equal(cp.u16(2), 3);
  assert.equal(cpSlice(s, 4, 6), '中国');
  assert.equal(cp.slice(6, 8), '🇨🇳');
  assert.equal(cp.cp(s.length), cp.length);
});

test('code points: ASCII takes the identity fast path', () => {
  const cp = new CodePoints('plain text');
  assert.equal(cp.cp(5), 5);
  assert.equal(cp.u16(5), 5);
});

const span = (start: number, end: number): Span<Record<string, never>> => ({ start, end, component: 'x', confidence: 1, reason: 'r', data: {} });

test('pipeline: order is checked when built', () => {
  const needs: Component = { name: 'needs', requires: ['sentences'], assigns: [], annotate: () => ({}) };
  assert.throws(() => new Pipeline([needs]), (e: unknown) => e instanceof SlantError && e.code === 201 && /requires "sentences"/.test(e.message));
  const gives: Component = { name: 'gives', requires: [], assigns: ['sentences'], annotate: () => ({ spans: { sentences: [span(0, 2)] } }) };
  const p = new Pipeline([gives, needs]);
  assert.deepEqual(p.names, ['gives', 'needs']);
});

test('pipeline: a component may only return what it assigns', () => {
  const rogue: Component = { name: 'rogue', requires: [], assigns: [], annotate: () => ({ spans: { sentences: [span(0, 1)] } }) };
  assert.throws(() => new Pipeline([rogue]).run(new Doc('ab')), /does not assign/);
});

test('pipeline: metadata given with the input wins over inferred metadata', () => {
  const guess: Component = { name: 'guess', requires: [], assigns: ['meta.date', 'meta.language'], annotate: () => ({ meta: { date: '2000-01-01', language: 'en' } }) };
  const doc = new Pipeline([guess]).run(new Doc('text', { date: '2022-05-05' }));
  assert.equal(doc.meta.date, '2022-05-05');
  assert.equal(doc.meta.language, 'en');
});

test('doc: layers sort spans and map offsets back through edits', () => {
  const doc = new Doc('ab. Cd', {}, 'ab.Cd', [{ start: 3, end: 4, originalStart: 3, originalEnd: 3, kind: 'missing-space' }]);
  doc.setLayer('sentences', [span(4, 6), span(0, 3)]);
  assert.deepEqual(doc.spans('sentences').map((s) => s.start), [0, 4]);
  assert.equal(doc.toOriginal(4), 3);
  assert.equal(doc.toOriginal(2), 2);
});

test('tokenizer: words with inner apostrophes and hyphens, punctuation apart', () => {
  const t = tokenize('China’s “anti-China” U.S. stance!');
  assert.deepEqual(t.map((x) => x.text), ['China’s', '“', 'anti-China', '”', 'U.S', '.', 'stance', '!']);
  assert.equal(t[0]!.norm, "china's");
});

test('sentencesAt: the sentences overlapping a range, by binary search', () => {
  const text = 'One. Two two. Three three three.';
  const d = new Doc(text);
  const sent = (start: number, end: number) => ({ start, end, component: 's', confidence: 1, reason: '', data: {} as Record<string, never> });
  d.setLayer('sentences', [sent(0, 4), sent(5, 13), sent(14, 32)]);
  const at = (a: number, b: number): string[] => d.sentencesAt(a, b).map((s) => d.textOf(s));
  assert.deepEqual(at(0, 3), ['One.']);
  assert.deepEqual(at(3, 7), ['One.', 'Two two.']);
  assert.deepEqual(at(4, 5), []); // the space between two sentences
  assert.deepEqual(at(10, 40), ['Two two.', 'Three three three.']);
  assert.deepEqual(at(32, 33), []);
});

test('tokenize: the whole text twice gives equal tokens, and changing the returned array changes nothing', async () => {
  const { tokenize } = await import('./tokens.js');
  const text = 'Russia’s envoy met 😀 officials in Kyiv. “Never,” he said.';
  const a = tokenize(text);
  const copy = JSON.stringify(a);
  a.pop();
  a.reverse();
  assert.equal(JSON.stringify(tokenize(text)), copy);
  assert.deepEqual(tokenize(text, 0, 6).map((t) => t.text), ['Russia']);
  assert.equal(tokenize(text).find((t) => t.text === '😀')?.word, false);
  assert.equal(tokenize(text)[0]!.norm, "russia's");
});

test('doc.tokens: one tokenisation per document, and tokensIn equals tokenising the range again', () => {
  const text = 'Mr. Li said 中俄 talks "ended" 🙂. The U.S.-led bloc’s reply came at 3.5 p.m.! Next.';
  const doc = new Doc(text);
  assert.deepEqual(doc.tokens, tokenize(text));
  assert.equal(doc.tokens, doc.tokens); // computed once
  for (const [s, e] of [[0, 32], [33, 76], [77, text.length], [3, 11]] as const) {
    assert.deepEqual(doc.tokensIn(s, e), tokenize(text, s, e), text.slice(s, e));
  }
  assert.deepEqual(doc.tokensIn(5, 5), []);
  assert.deepEqual(doc.tokensIn(0, 2).map((t) => t.text), ['Mr']); // a token cut by the range is left out
});
