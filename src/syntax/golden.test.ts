// The shipped model on hand-written sentences (fixtures/golden.conllu holds their correct analyses):
// the arcs that later components rely on must come out right, and the component's layers must be
// consistent with the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Doc } from '../core/document.js';
import { readConllu, writeConllu } from './conllu.js';
import { defaultModel } from './model.js';
import { parse, reparse, sentenceTrees, syntaxResult } from './index.js';
import { splitSentences } from '../sentences/index.js';

const gold = readConllu(readFileSync(new URL('./fixtures/golden.conllu', import.meta.url), 'utf8'));

function arcs(i: number): Array<[string, string, string]> {
  const s = gold[i]!;
  const a = defaultModel().analyze(s.words.map((w) => w.form));
  return s.words.map((w, k) => [w.form, a.head[k] === 0 ? 'ROOT' : s.words[a.head[k]! - 1]!.form, a.deprel[k]!]);
}

const has = (got: Array<[string, string, string]>, want: [string, string, string]): void =>
  assert.ok(got.some((g) => g[0] === want[0] && g[1] === want[1] && g[2] === want[2]), `${want.join(' ← ')} not in ${JSON.stringify(got)}`);

test('golden: quotation with attribution (the quote is the ccomp of "said")', () => {
  const got = arcs(1);
  has(got, ['said', 'ROOT', 'root']);
  has(got, ['minister', 'said', 'nsubj']);
  has(got, ['accept', 'said', 'ccomp']);
  has(got, ['deal', 'accept', 'obj']);
  has(got, ['We', 'accept', 'nsubj']);
  has(got, ['not', 'accept', 'advmod']);
  has(got, ['Tuesday', 'said', 'obl']);
});

test('golden: negated conditional', () => {
  const got = arcs(2);
  has(got, ['follow', 'ROOT', 'root']);
  has(got, ['succeed', 'follow', 'advcl']);
  has(got, ['If', 'succeed', 'mark']);
  has(got, ['not', 'succeed', 'advmod']);
  has(got, ['talks', 'succeed', 'nsubj']);
  has(got, ['sanctions', 'follow', 'nsubj']);
});

test('golden: sentence with a non-projective gold tree parses to a well-formed tree', () => {
  const got = arcs(0);
  has(got, ['scheduled', 'ROOT', 'root']);
  has(got, ['hearing', 'scheduled', 'nsubj:pass']);
  has(got, ['is', 'scheduled', 'aux:pass']);
  assert.equal(got.filter((g) => g[2] === 'root').length, 1);
});

test('--input-format conllu keeps tokens, comments and MISC, and replaces the annotations', () => {
  const stripped = gold.map((s) => ({ ...s, words: s.words.map((w) => ({ ...w, upos: '_', xpos: '_', lemma: '_', head: -1, deprel: '_' })) }));
  const out = reparse(defaultModel(), readConllu(writeConllu(stripped)));
  const again = readConllu(writeConllu(out));
  assert.deepEqual(again.map((s) => s.comments), gold.map((s) => s.comments));
  assert.deepEqual(again.map((s) => s.words.map((w) => [w.form, w.misc])), gold.map((s) => s.words.map((w) => [w.form, w.misc])));
  for (const s of again) {
    assert.equal(s.words.filter((w) => w.head === 0).length, 1);
    for (const w of s.words) assert.ok(w.upos !== '_' && w.lemma !== '_' && w.head >= 0 && w.head <= s.words.length && w.deprel !== '_');
  }
  assert.equal(writeConllu(reparse(defaultModel(), again)), writeConllu(again), 'parsing is deterministic');
});

test('parse component: tokens and syntax layers, sentenceTrees', () => {
  const text = 'The minister didn’t resign. 北京 said 😀 "no" — Lavrov, Russia’s foreign minister, denied it.';
  const doc = new Doc(text, { language: 'en' });
  doc.setLayer('sentences', splitSentences(text).map((s) => ({ ...s, component: 'sentences', confidence: 1, reason: '', data: {} })));
  const out = parse.annotate(doc);
  doc.setLayer('tokens', out.spans!.tokens!);
  doc.setLayer('syntax', out.spans!.syntax!);
  const toks = doc.spans('tokens');
  toks.forEach((t, i) => {
    assert.equal(t.data.index, i);
    assert.ok(doc.textOf(t).trim().length > 0);
  });
  assert.deepEqual(toks.slice(0, 6).map((t) => doc.textOf(t)), ['The', 'minister', 'did', 'n’t', 'resign', '.']);
  const trees = sentenceTrees(doc);
  assert.equal(trees.length, 2);
  for (const s of trees) {
    assert.equal(s.tokens.filter((t) => t.head === -1).length, 1);
    for (const t of s.tokens) if (t.head >= 0) assert.ok(s.tokens[t.head - s.first]!.children.includes(t.index));
  }
  const resign = trees[0]!.tokens.find((t) => t.text === 'resign')!;
  assert.equal(resign.deprel, 'root');
  assert.equal(resign.lemma, 'resign');
  assert.deepEqual(resign.children.map((c) => toks[c]!.data.deprel).sort(), ['advmod', 'aux', 'nsubj', 'punct']);
  // JSON form: code-point offsets (the Chinese characters and the emoji shift UTF-16 offsets)
  const json = syntaxResult(doc);
  const second = json[1]!.tokens;
  const emoji = second.find((t) => t.text === '😀')!;
  assert.equal(emoji.end - emoji.start, 1);
  assert.equal([...text].slice(emoji.start, emoji.end).join(''), '😀');
  const lavrov = second.find((t) => t.text === 'Lavrov')!;
  assert.equal([...text].slice(lavrov.start, lavrov.end).join(''), 'Lavrov');
  // not English: empty layers rather than a blind parse
  const fr = new Doc('Le ministre a démissionné hier soir.', { language: 'fr' });
  assert.deepEqual(parse.annotate(fr).spans, { tokens: [], syntax: [] });
});
