import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findRuleHits, shownHits, ruleConfidence, shownByDefault, isShown } from './rules.js';
import { SEEDLIKE, EMOJI } from './fixtures/articles.js';
import { TECHNIQUE_INFO } from './definitions.js';
import { TECHNIQUES, type Technique } from './types.js';
import { Doc } from '../core/document.js';
import { techniqueRules } from './rules.js';

const golden = (text: string, hits = shownHits(text)) => hits.map((h) => `${h.start}-${h.end} ${h.technique} ${h.key} ${JSON.stringify(text.slice(h.start, h.end))}`);

test('rules: seed-like constructions (golden)', () => {
  assert.deepEqual(golden(SEEDLIKE), [
    '28-35 Loaded_Language loaded.delusion:fantasy "Fantasy"',
    '75-84 Loaded_Language loaded.hype:hyping up "hyping up"',
    '89-107 Doubt so-called-quote "so-called “threat”"',
    '99-107 Doubt scare-quotes:so-called "“threat”"',
    '140-156 Doubt scare-quotes:phrase "“grand alliance”"',
    '183-199 Loaded_Language loaded.delusion:wishful thinking "wishful thinking"',
    '236-246 Flag-Waving flag.nation:our nation "Our nation"',
    '268-281 Loaded_Language loaded.hype:fearmongering "fearmongering"',
  ]);
});

test('rules: every hit explains itself and has a confidence in [0, 1]', () => {
  for (const h of findRuleHits(SEEDLIKE)) {
    assert.ok(h.explanation.length > 20 && !h.explanation.includes('{'), h.explanation);
    const c = ruleConfidence(h);
    assert.ok(c >= 0 && c <= 1);
  }
});

test('rules: absolute claims and repetition are found (as features)', () => {
  const keys = findRuleHits(SEEDLIKE).map((h) => `${h.key} ${JSON.stringify(SEEDLIKE.slice(h.start, h.end))}`);
  assert.ok(keys.includes('absolute-claim:never "will never succeed"'), keys.join('\n'));
  assert.ok(keys.includes('absolute-claim:never "can never become a reality"'), keys.join('\n'));
  const rep = findRuleHits(EMOJI).filter((h) => h.rule === 'repeated-phrase').map((h) => EMOJI.slice(h.start, h.end));
  assert.deepEqual(rep, ['Stop the toll', 'Stop the toll']);
});

test('rules component: spans on the doc, UTF-16 offsets, reasons name the rule', () => {
  const doc = new Doc(EMOJI);
  const spans = techniqueRules.annotate(doc).spans!.techniques!;
  for (const s of spans) {
    assert.equal(s.component, 'techniques.rules');
    assert.match(s.reason, /\(rule [^)]+\)$/);
  }
  const texts = spans.map((s) => `${s.data.technique} ${doc.textOf(s)}`);
  // the mayor's own words, quoted after a reporting verb: not doubt, so not listed
  assert.ok(!texts.includes('Doubt “modest fee”'), texts.join('\n'));
  assert.ok(texts.includes('Loaded_Language sham'), texts.join('\n'));
  assert.ok(texts.includes('Loaded_Language disgraceful'), texts.join('\n'));
});

test('rules: bounded on hostile input (long quote runs, one huge line)', () => {
  const t0 = Date.now();
  findRuleHits('“'.repeat(50_000) + 'a'.repeat(50_000) + ' so-called '.repeat(5_000));
  findRuleHits('word '.repeat(200_000));
  assert.ok(Date.now() - t0 < 5000);
});

test('definitions: one per technique', () => {
  assert.deepEqual(Object.keys(TECHNIQUE_INFO).sort(), [...TECHNIQUES].sort());
  for (const t of TECHNIQUES) assert.ok(TECHNIQUE_INFO[t].definition.length > 20);
});

test('scare quotes: handles, titles, quotations with a speaker and cued quotes get their own kind', () => {
  const kinds = (text: string) => findRuleHits(text).filter((h) => h.rule === 'scare-quotes').map((h) => `${h.key} ${text.slice(h.start, h.end)}`);
  assert.deepEqual(kinds('Readers flooded the mayor’s account “@harbour_mayor” with replies.'), ['scare-quotes:handle “@harbour_mayor”']);
  assert.deepEqual(kinds('Her new novel “Winter Over Lisbon” sold well in the harbour town.'), ['scare-quotes:title “Winter Over Lisbon”']);
  assert.deepEqual(kinds('The council later described the plan as “a bold step” in its newsletter.'), ['scare-quotes:reported “a bold step”']);
  assert.deepEqual(kinds('Pundits keep hyping up the news of “the harbour crisis” every week.'), ['scare-quotes:cued “the harbour crisis”']);
  assert.deepEqual(kinds('The so-called “reform” changed nothing at the harbour.'), ['scare-quotes:so-called “reform”']);
  assert.deepEqual(kinds('The “reform” changed nothing at the harbour.'), ['scare-quotes:word “reform”']);
  // a direct quotation with a speaker next to it, or a long one, is no scare quote at all
  assert.deepEqual(kinds('The mayor said: “we will build it”. Then she left.'), []);
  assert.deepEqual(kinds('“We will build it,” the mayor told reporters.'), []);
  assert.deepEqual(kinds('Then came “we will build the new harbour wall before the winter storms” and applause.'), []);
});

test('scare quotes: handles, titles and reported words are not listed; the others are listed but hidden (PTC rarely marks them as doubt)', () => {
  const listed = (text: string) => findRuleHits(text).filter((h) => h.rule === 'scare-quotes').map((h) => `${isShown(h)} ${shownByDefault(h)}`);
  assert.deepEqual(listed('Her new novel “Winter Over Lisbon” sold well in the harbour town.'), ['false false']);
  assert.deepEqual(listed('Readers flooded the mayor’s account “@harbour_mayor” with replies.'), ['false false']);
  assert.deepEqual(listed('The council later described the plan as “a bold step” in its newsletter.'), ['false false']);
  assert.deepEqual(listed('The so-called “reform” changed nothing at the harbour.'), ['true false']);
});

test('rules component: a hit is measured by its agreement with the declared techniques.modelSpans layer, never by module state', () => {
  const text = 'The plan is a fantasy, and everyone can see the sham for what it is.';
  const hit = findRuleHits(text).find((h) => h.key === 'loaded.delusion:fantasy')!;
  assert.ok(hit, 'fixture: the rule fires');
  const precisionWith = (layer: Array<{ start: number; end: number; technique: Technique }> | null): number => {
    const doc = new Doc(text);
    if (layer) doc.setLayer('techniques.modelSpans', layer.map((s) => ({ ...s, component: 'techniques.model', confidence: 0.5, reason: 'test', data: { technique: s.technique } })));
    const out = techniqueRules.annotate(doc).spans!.techniques!;
    return out.find((s) => s.start === hit.start)!.data.precision!;
  };
  const none = precisionWith(null); // the model did not run: the key's own precision
  assert.equal(none, ruleConfidence(hit));
  const same = precisionWith([{ start: hit.start, end: hit.end, technique: 'Loaded_Language' }]);
  const other = precisionWith([{ start: hit.start, end: hit.end, technique: 'Doubt' }]);
  const absent = precisionWith([]);
  assert.ok(same > other && other > absent, `${same} > ${other} > ${absent}`);
  // the same text read again without the layer is not measured against the earlier doc's model spans
  assert.equal(precisionWith(null), none);
  assert.ok(techniqueRules.reads?.includes('techniques.modelSpans'));
});
