import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ece, overlapScore, parseLabelLines, readPtc, scoreFLC, scoreSI } from './ptc.js';
import { SlantError } from '../core/errors.js';
import { EMOJI } from './fixtures/articles.js';

function ptcDir(articles: Record<string, string>, labels: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slant-ptc-'));
  mkdirSync(join(dir, 'articles'));
  mkdirSync(join(dir, 'labels', 'tc'), { recursive: true });
  for (const [id, text] of Object.entries(articles)) writeFileSync(join(dir, 'articles', `article${id}.txt`), text);
  for (const [id, body] of Object.entries(labels)) writeFileSync(join(dir, 'labels', 'tc', `article${id}.task-flc-tc.labels`), body);
  return dir;
}

test('ptc: label offsets are code points, converted to UTF-16 on reading', () => {
  // "disgraceful sham" sits after an emoji and two CJK characters: code points and UTF-16 differ by one.
  const cpStart = [...EMOJI].join('').indexOf('disgraceful') - 1; // UTF-16 index minus the emoji's extra unit
  const cpAt = [...EMOJI].findIndex((_, i) => [...EMOJI].slice(i, i + 11).join('') === 'disgraceful');
  assert.equal(cpAt, cpStart);
  const dir = ptcDir({ '1': EMOJI }, { '1': `1\tLoaded_Language\t${cpAt}\t${cpAt + 16}\n` });
  const [a] = readPtc(dir);
  assert.equal(a!.text.slice(a!.gold[0]!.start, a!.gold[0]!.end), 'disgraceful sham');
});

test('ptc: bad label lines name the line', () => {
  const dir = ptcDir({ '1': 'Short text.' }, {});
  const [a] = readPtc(dir);
  const byId = new Map([['1', a!]]);
  const err = (content: string) => {
    try {
      parseLabelLines(content, byId, 'template.txt', true);
    } catch (e) {
      return (e as SlantError).line();
    }
    return 'no error';
  };
  assert.equal(err('1\t?\t0\t5\n2\t?\t0\t3\n'), 'E302 template.txt line 2: unknown article id "2"');
  assert.equal(err('1\t?\t0\t50\n'), 'E302 template.txt line 1: span 0-50 is past the end of article 1 (11 code points)');
  assert.equal(err('1\tNope\t0\t5\n'), 'E302 template.txt line 1: unknown technique "Nope"');
  assert.equal(err('1\t?\t5\t2\n'), 'E302 template.txt line 1: end 2 is not after start 5');
  assert.equal(err('1\t?\t0\n'), 'E302 template.txt line 1: expected id<TAB>technique<TAB>start<TAB>end, got 3 field(s)');
});

test('ptc: an article with no text is an error naming the file', () => {
  const dir = ptcDir({ '1': 'Text.', '2': '  \n' }, {});
  assert.throws(() => readPtc(dir), /article2\.txt: article has no text/);
});

test('metrics: SI overlap credit as in the official scorer', () => {
  // gold [0,10); predicted [5,15): P = 5/10, R = 5/10
  assert.deepEqual(overlapScore([{ pred: [[5, 15]], gold: [[0, 10]] }]), { p: 0.5, r: 0.5, f: 0.5, nPred: 1, nGold: 1 });
  // overlapping predictions are merged first: [0,6) + [4,10) = [0,10) → perfect
  const si = scoreSI([{ id: 'a', technique: 'Doubt', start: 0, end: 10 }], [{ id: 'a', technique: 'Doubt', start: 0, end: 6 }, { id: 'a', technique: 'Slogans', start: 4, end: 10 }], ['a']);
  assert.equal(si.f, 1);
  // FLC: the same spans with the wrong technique earn nothing
  const flc = scoreFLC([{ id: 'a', technique: 'Doubt', start: 0, end: 10 }], [{ id: 'a', technique: 'Slogans', start: 0, end: 10 }]);
  assert.equal(flc.all.f, 0);
  assert.equal(flc.byTechnique.get('Doubt')!.r, 0);
});

test('metrics: expected calibration error', () => {
  assert.equal(ece([{ confidence: 0.95, correct: true }, { confidence: 0.95, correct: true }]), 0.050000000000000044);
  assert.equal(ece([{ confidence: 0.25, correct: false }, { confidence: 0.25, correct: true }]), 0.25);
});
