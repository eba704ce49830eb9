import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodePoints } from '../core/text.js';
import { analyze } from '../analyze.js';
import { prepare, spanContexts } from './features.js';
import { TechniqueModel, detectScore } from './model.js';
import { platt } from './linear.js';
import { loadDefaultModel } from './index.js';
import { trainFinal } from './evaluate.js';
import { DEFAULT_CONFIG } from './train.js';
import { TECHNIQUES, type Technique } from './types.js';
import type { Article } from './ptc.js';
import { EMOJI, LOADED, PLAIN, SEEDLIKE } from './fixtures/articles.js';

/** Gold spans by phrase, for the tiny training set. */
function article(id: string, text: string, gold: Array<[Technique, string]>): Article {
  return {
    id,
    text,
    cps: new CodePoints(text),
    gold: gold.map(([technique, phrase]) => {
      const start = text.indexOf(phrase);
      assert.ok(start >= 0, phrase);
      return { technique, start, end: start + phrase.length };
    }),
  };
}

const TINY = [
  article('1', SEEDLIKE, [['Loaded_Language', 'Fantasy'], ['Doubt', 'so-called “threat”'], ['Loaded_Language', 'wishful thinking'], ['Exaggeration,Minimisation', 'can never become a reality'], ['Flag-Waving', 'Our nation deserves better'], ['Thought-terminating_Cliches', 'Enough is enough!']]),
  article('2', EMOJI, [['Doubt', '“modest fee”'], ['Loaded_Language', 'disgraceful sham'], ['Appeal_to_fear-prejudice', 'will destroy our way of life'], ['Slogans', 'Stop the toll!'], ['Repetition', 'Stop the toll! Stop the toll!']]),
  article('3', PLAIN, []),
  article('4', LOADED, [['Loaded_Language', 'sham'], ['Loaded_Language', 'charade'], ['Bandwagon,Reductio_ad_hitlerum', 'Everyone knows the outcome was decided in advance.'], ['Loaded_Language', 'Shameful!']]),
];
const CFG = { ...DEFAULT_CONFIG, siBits: 12, tcBits: 10, siEpochs: 3, tcEpochs: 5, folds: 2 };

test('model: training is seeded and reproducible; the file round-trips', () => {
  const a = trainFinal(TINY, CFG).serialize();
  const b = trainFinal(TINY, CFG).serialize();
  assert.ok(a.equals(b), 'two runs with the same seed give the same bytes');
  const m = TrainedRoundTrip(a);
  assert.equal(m.header.format, 'slant-techniques');
  assert.equal(m.si.length, 1 << 12);
});

function TrainedRoundTrip(buf: Buffer): TechniqueModel {
  const path = `${process.env.TMPDIR ?? '/tmp'}/slant-tiny-${process.pid}.bin.gz`;
  return writeAndLoad(path, buf);
}
import { writeFileSync, rmSync } from 'node:fs';
function writeAndLoad(path: string, buf: Buffer): TechniqueModel {
  writeFileSync(path, buf);
  try {
    return TechniqueModel.load(path);
  } finally {
    rmSync(path, { force: true });
  }
}

test('model: tiny trained model detects on its own fixtures (golden)', () => {
  const m = trainFinal(TINY, CFG);
  const p = prepare(SEEDLIKE);
  const got = m.classifyAll(p, TINY[0]!.gold).map((x) => x.technique);
  assert.deepEqual(got, TINY[0]!.gold.map((g) => g.technique));
});

test('model: the shipped model finds spans with valid offsets, techniques, confidences, explanations', () => {
  const m = loadDefaultModel();
  for (const text of [SEEDLIKE, EMOJI, LOADED]) {
    const found = m.detect(prepare(text));
    assert.ok(found.length > 0);
    for (const d of found) {
      assert.ok(d.start >= 0 && d.end <= text.length && d.start < d.end);
      assert.ok((TECHNIQUES as readonly string[]).includes(d.technique));
      assert.ok(d.confidence > 0 && d.confidence < 1);
      assert.match(d.explanation, /^The trained model reads this as .+ \(\d+% likely right\), .+\.$/);
    }
  }
  assert.deepEqual(m.detect(prepare(PLAIN)).filter((d) => d.confidence > 0.5), []);
});

test('pipeline: the seed-like article gets the promised technique spans, offsets in code points', async () => {
  const r = await analyze(SEEDLIKE, { pipeline: ['sentences', 'techniques.model', 'techniques.rules'] });
  const cp = new CodePoints(r.text);
  for (const t of r.techniques) assert.equal(cp.slice(t.start, t.end), t.text);
  const has = (technique: string, text: string) => r.techniques.some((t) => t.technique === technique && t.text === text);
  // "so-called “threat”" and its nested scare quote merge into one span
  // listed, but hidden by default: PTC rarely marks such quotes as doubt (measured precision below 0.4)
  assert.ok(r.techniques.some((t) => t.technique === 'Doubt' && t.text.includes('“threat”') && !t.shown), 'scare-quoted threat, listed');
  assert.equal(r.techniques.filter((t) => t.technique === 'Doubt' && t.text.includes('“threat”')).length, 1, 'merged');
  assert.ok(has('Loaded_Language', 'wishful thinking'));
  assert.ok(has('Loaded_Language', 'Fantasy'));
  const emoji = await analyze(EMOJI, { pipeline: ['sentences', 'techniques.model', 'techniques.rules'] });
  const ecp = new CodePoints(emoji.text);
  for (const t of emoji.techniques) assert.equal(ecp.slice(t.start, t.end), t.text);
  assert.ok(emoji.techniques.some((t) => t.text === 'sham'));
  // after the model, rule spans say how their precision depends on the model's agreement
  const rule = emoji.techniques.find((t) => t.text === 'sham' && t.rule !== null);
  assert.match(rule?.explanation ?? '', /when the model (marks|gives|does not mark)/);
});

test('detect: spans repeated many times are classified once, with the same results as one by one', () => {
  const m = loadDefaultModel();
  const text = `${'Traitors! '.repeat(300)}The shameful deal is a sham. ${'Stop the toll! '.repeat(200)}${LOADED}`;
  const p = prepare(text);
  const got = m.detect(p);
  assert.ok(got.length > 100);
  const spans = m.spans(p);
  const ctx = spanContexts(p, spans);
  assert.equal(got.length, spans.length);
  spans.forEach((s, i) => {
    const c = m.classify(p, s.start, s.end, ctx[i]);
    const technique = c.ranked[0]!.technique;
    const confidence = platt(m.header.calibration.detect, detectScore(s.score, c.ranked[0]!.p));
    assert.deepEqual([got[i]!.technique, got[i]!.confidence, got[i]!.explanation], [technique, confidence, m.explain(p, s.start, s.end, technique, confidence, ctx[i])]);
  });
});

test('features: parts of speech from the lexicon, guessed for unknown words; word clusters for common words', () => {
  const p = prepare('The senator’s corrupt cronies quickly glorbified Zorblax, 42 times!');
  const pos = (w: string) => {
    const i = p.tokens.findIndex((t) => t.text === w);
    assert.ok(i >= 0, w);
    return { pos: p.pos[i]!, cl: p.cl[i]! };
  };
  // indices into UPOS: ADJ 1, ADV 3, DET 6, NOUN 8, NUM 9, PROPN 12, PUNCT 13, VERB 16
  assert.equal(pos('The').pos, 6);
  assert.equal(pos('senator’s').pos, 8); // one token with its possessive; not in the lexicon, lower case: a noun
  assert.equal(pos('corrupt').pos, 1);
  assert.equal(pos('quickly').pos, 3);
  assert.equal(pos('glorbified').pos, 16); // not in the lexicon: -ed reads as a verb
  assert.equal(pos('Zorblax').pos, 12); // unknown and capitalised: a proper noun
  assert.equal(pos('42').pos, 9);
  assert.equal(pos('!').pos, 13);
  assert.ok(pos('The').cl > 0 && pos('corrupt').cl > 0 && pos('quickly').cl > 0);
  assert.equal(pos('Zorblax').cl, 0);
});
