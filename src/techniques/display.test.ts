import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRight, mergeNested, modelPrecision, rulePrecisionOf, bandOf, cell, type PrecisionTable } from './display.js';
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
});

test('right: overlaps a gold span of the same technique by at least half of its own length', () => {
  const gold = [{ start: 10, end: 20, technique: 'Doubt' as Technique }];
  assert.equal(isRight(s(15, 25, 'Doubt', null), gold), true);
  assert.equal(isRight(s(16, 30, 'Doubt', null), gold), false);
  assert.equal(isRight(s(12, 18, 'Loaded_Language', null), gold), false);
});

test('precision lookup: small cells borrow from their rule / neighbouring bands', () => {
  const t: PrecisionTable = {
    command: '', commit: '', criterion: '',
    rules: { 'loaded.x': cell(100, 50), 'loaded.x:rare': cell(1, 1) },
    model: { Doubt: { all: cell(40, 10), bands: [cell(20, 2), cell(2, 2), cell(18, 6), cell(0, 0), cell(0, 0), cell(0, 0), cell(0, 0), cell(0, 0), cell(0, 0)] } },
  };
  const rare = rulePrecisionOf('loaded.x', 'loaded.x:rare', t)!;
  assert.ok(rare > 0.5 && rare < 0.6, String(rare)); // one hit barely moves the rule's 0.5
  assert.equal(rulePrecisionOf('unknown', 'unknown:x', t), null);
  assert.equal(bandOf(0.16), 1);
  assert.equal(modelPrecision('Doubt', 0.01, t), cell(20, 2).precision);
  assert.equal(modelPrecision('Doubt', 0.16, t), cell(40, 10).precision); // band 1 (2 hits) widened to bands 0–2
  assert.equal(modelPrecision('Slogans', 0.9, t), null);
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
  assert.ok(all.some((f) => f.technique === 'Doubt' && text.slice(f.start, f.end).includes('“reform”') && f.shown));
});
