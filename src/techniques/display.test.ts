import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agreementOf, withAgreement, isRight, mergeNested, modelPrecision, rulePrecisionOf, cell, fitPrecisionModel, isShownPrecision, chooseThresholds, wilsonLower, NEVER, type PrecisionTable } from './display.js';
import { detectAll } from './index.js';
import type { Technique } from './types.js';

const s = (start: number, end: number, technique: Technique, precision: number | null, id = '') => ({ start, end, technique, precision, id });

test('merge: nested and duplicate spans of one technique become the most precise one', () => {
  const got = mergeNested([
    s(0, 40, 'Loaded_Language', 0.2, 'model'),
    s(10, 20, 'Loaded_Language', 0.6, 'rule inside'),
    s(10, 20, 'Loaded_Language', 0.6, 'duplicate'),
    s(10, 20, 'Doubt', 0.1, 'other technique'),
    s(35, 60, 'Loaded_Language', 0.5, 'partial overlap'),
    s(70, 80, 'Loaded_Language', 0.3, 'apart'),
  ]);
  assert.deepEqual(got.map((x) => x.id), ['rule inside', 'other technique', 'partial overlap', 'apart']);
  // ties: the earlier in the list (model spans come first)
  assert.deepEqual(mergeNested([s(0, 9, 'Doubt', 0.4, 'a'), s(0, 9, 'Doubt', 0.4, 'b')]).map((x) => x.id), ['a']);
  // a hidden span never swallows a shown one, whatever their precision
  const hiddenOuter = { ...s(0, 40, 'Loaded_Language', 0.7, 'hidden model span'), shown: false };
  const shownInner = { ...s(10, 20, 'Loaded_Language', 0.5, 'shown rule hit'), shown: true };
  assert.deepEqual(mergeNested([hiddenOuter, shownInner]).map((x) => x.id), ['shown rule hit']);
});

test('right: overlaps a gold span of the same technique by at least half of its own length', () => {
  const gold = [{ start: 10, end: 20, technique: 'Doubt' as Technique }];
  assert.equal(isRight(s(15, 25, 'Doubt', null), gold), true);
  assert.equal(isRight(s(16, 30, 'Doubt', null), gold), false);
  assert.equal(isRight(s(12, 18, 'Loaded_Language', null), gold), false);
});

test('precision lookup: small rule keys borrow from their rule; the model regression by technique and confidence', () => {
  const t: PrecisionTable = {
    command: '', commit: '', criterion: '',
    rules: { 'loaded.x': cell(100, 50), 'loaded.x:rare': cell(1, 1) },
    model: { lambda: 1, weights: [], byTechnique: {} },
    thresholds: { 'model:Doubt': 0.55, 'rule:loaded.x': NEVER },
  };
  const rare = rulePrecisionOf('loaded.x', 'loaded.x:rare', t)!;
  assert.ok(rare > 0.5 && rare < 0.6, String(rare)); // one hit barely moves the rule's 0.5
  assert.equal(rulePrecisionOf('unknown', 'unknown:x', t), null);
  const span = (technique: Technique, confidence: number) => ({ technique, confidence, chars: 20, ruleAgrees: false });
  assert.equal(modelPrecision(span('Doubt', 0.5), t), null); // never fitted
  // held-out spans: Doubt right when confident, Slogans mostly right
  const rows = [];
  for (let i = 0; i < 200; i++) rows.push({ x: span('Doubt', 0.1 + (i % 8) / 10), right: i % 8 >= 5 });
  for (let i = 0; i < 50; i++) rows.push({ x: span('Slogans', 0.5), right: i % 5 !== 0 });
  t.model.weights = fitPrecisionModel(rows, 1);
  const lo = modelPrecision(span('Doubt', 0.15), t)!, hi = modelPrecision(span('Doubt', 0.75), t)!;
  assert.ok(lo < 0.2 && hi > 0.6, `${lo} ${hi}`);
  assert.ok(Math.abs(modelPrecision(span('Slogans', 0.5), t)! - 0.8) < 0.1);
  // shown: at least 0.4 and the group's threshold
  assert.equal(isShownPrecision(0.5, 'model:Doubt', t), false);
  assert.equal(isShownPrecision(0.56, 'model:Doubt', t), true);
  assert.equal(isShownPrecision(0.45, 'model:Slogans', t), true);
  assert.equal(isShownPrecision(0.35, 'model:Slogans', t), false);
  assert.equal(isShownPrecision(0.99, 'rule:loaded.x', t), false);
  assert.equal(isShownPrecision(null, 'model:Slogans', t), false);
});

test('display thresholds: the lowest step whose spans were right often enough, luck discounted', () => {
  const items = [
    ...Array.from({ length: 40 }, (_, i) => ({ group: 'a', p: 0.42, right: i < 16 })), // 40% right at 0.4
    ...Array.from({ length: 40 }, (_, i) => ({ group: 'a', p: 0.52, right: i < 32 })), // 80% right at 0.5
    ...Array.from({ length: 5 }, (_, i) => ({ group: 'b', p: 0.9, right: i < 3 })), // three out of five: not evidence of 0.6
    { group: 'c', p: null, right: true },
  ];
  const th = chooseThresholds(items);
  assert.equal(th.a, 0.45); // the 0.52 spans: 80% right
  assert.equal(th.b, NEVER);
  assert.equal(th.c, undefined);
  assert.ok(wilsonLower(6, 10) < 0.6 && wilsonLower(60, 80) > 0.6);
});

test('detect: every finding carries rule, measured precision and shown; no nested duplicates of a technique', () => {
  const text = 'The so-called “reform” is a disgraceful sham, a sham and a charade. Shameful!';
  const all = detectAll(text);
  for (const f of all) {
    assert.equal(f.rule === null, f.component === 'techniques.model');
    assert.ok(f.precision === null || (f.precision >= 0 && f.precision <= 1));
    assert.equal(typeof f.shown, 'boolean');
  }
  for (const a of all) for (const b of all) if (a !== b && a.technique === b.technique) assert.ok(!(a.start >= b.start && a.end <= b.end), `${a.start}-${a.end} in ${b.start}-${b.end}`);
  // the scare quote is listed, but hidden: on PTC such quotes are rarely marked as doubt
  assert.ok(all.some((f) => f.technique === 'Doubt' && text.slice(f.start, f.end).includes('“reform”') && !f.shown));
});

test('quotation marks that are not doubt are not listed: handles, titles of works, words of a named speaker', () => {
  const doubt = (text: string) => detectAll(text).filter((f) => f.component === 'techniques.rules' && f.technique === 'Doubt').map((f) => text.slice(f.start, f.end));
  assert.deepEqual(doubt('Critics replied to “@ministry_press” within minutes of the post going up.'), []);
  assert.deepEqual(doubt('She read the book “Winter Harvest Tales” on the long train journey home.'), []);
  assert.deepEqual(doubt('The envoy said the talks were “productive” and left the hall after lunch.'), []);
  assert.deepEqual(doubt('Officials praised the “progress” on the new bridge across the valley.'), ['“progress”']);
});

test('rule precision by agreement with the model: same technique, another, none', () => {
  const model = [
    { start: 0, end: 10, technique: 'Loaded_Language' as Technique },
    { start: 20, end: 30, technique: 'Doubt' as Technique },
  ];
  const hit = (start: number, end: number) => ({ start, end, technique: 'Loaded_Language' as Technique });
  assert.equal(agreementOf(hit(2, 5), model), 'same');
  assert.equal(agreementOf(hit(25, 40), model), 'other');
  assert.equal(agreementOf(hit(10, 20), model), 'none');
  assert.equal(agreementOf(hit(10, 20), []), 'none');
  const t = { agreement: [0, 1, 1, 0.5] }; // identity on the key's logit, plus a bonus when the model agrees
  assert.equal(withAgreement(0.5, 'none', t), 0.5);
  assert.ok(withAgreement(0.5, 'same', t)! > withAgreement(0.5, 'other', t)!);
  assert.equal(withAgreement(0.5, null, t), 0.5); // unknown (the model did not run): the key's precision
  assert.equal(withAgreement(null, 'same', t), null);
  assert.equal(withAgreement(0.3, 'same', {}), 0.3);
});
