import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv, csvRecords } from './csv.js';
import { datesIn, profileOf, frequencies, pairFeatures, MEASURES, FEATURES, stem, storyView } from './features.js';
import { storyGroups, storySimilarity, loadModel } from './index.js';
import { fitRidge, predictRidge, nestedRidgePredictions, pearson, folds } from './model.js';
import type { AnalysisResult } from '../../result.js';
import { SlantError } from '../../core/errors.js';

test('CSV: quoted fields with commas, quotes and newlines; errors name the line', () => {
  const rows = [...parseCsv('a,b,c\n1,"x, ""y""\nz",3\r\n\n4,,6\n')].map((r) => [r.line, r.cells]);
  assert.deepEqual(rows, [
    [1, ['a', 'b', 'c']],
    [2, ['1', 'x, "y"\nz', '3']],
    [5, ['4', '', '6']],
  ]);
  assert.throws(() => [...parseCsv('a\n"open')], (e: unknown) => e instanceof SlantError && /line 2/.test(e.message));
  assert.throws(() => [...csvRecords('a,b\n1\n')], /line 2: 1 fields/);
  assert.throws(() => [...parseCsv('"abcdef"', { maxField: 3 })], /longer than 3/);
});

test('a long article is seen as its beginning and end, without splitting words or surrogate pairs', () => {
  const long = 'Start ' + 'word '.repeat(600) + 'middle ' + 'word '.repeat(200) + 'End';
  const v = storyView(long);
  assert.ok(v.startsWith('Start ') && v.endsWith(' End') && !v.includes('middle') && v.length <= 2001);
  assert.ok(v.split(/\s+/).every((w) => ['Start', 'word', 'End', ''].includes(w)));
  const cjk = storyView('😀'.repeat(1500));
  assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(cjk));
  assert.equal(storyView('short text'), 'short text');
});

test('dates and stems', () => {
  const { days, years } = datesIn('Talks began on March 3, 2021 and ended 5 March. A 2019 report.');
  assert.deepEqual(days.map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)).sort(), ['2021-03-03', '2021-03-05']);
  assert.deepEqual([...years].sort(), [2019, 2021]);
  assert.equal(stem('sanctions'), 'sanction');
  assert.equal(stem('sanctioned'), 'sanction');
});

function doc(id: string, text: string, extra: Partial<AnalysisResult> = {}): { id: string; result: AnalysisResult } {
  return {
    id,
    result: {
      schemaVersion: '1',
      id,
      text,
      meta: { title: null, date: null, dateSource: null, byline: null, language: 'en', url: null, canonicalUrl: null, siteName: null, source: null, credits: [] },
      sentences: [],
      actors: [],
      relations: [],
      events: [],
      graph: { nodes: [], edges: [], triads: [], balance: { triads: 0, balanced: 0, frustration: null, camps: null }, realignments: [] },
      techniques: [],
      normalization: [],
      components: [],
      ...extra,
    } as AnalysisResult,
  };
}

const FLOOD_A = 'Floods hit Riverton. Heavy rain flooded the town of Riverton on Tuesday, and mayor Ada Quill ordered the old bridge closed while rescuers searched the valley.';
const FLOOD_B = 'Riverton bridge closed as floodwaters rise. Mayor Ada Quill closed the old bridge in Riverton after heavy rain; rescuers spent Tuesday searching the flooded valley.';
const CHESS = 'Chess prodigy wins title. A twelve-year-old player won the national chess championship in Lowmarsh, beating the defending champion in a long endgame.';
const BAKE = 'Bakery festival returns. The annual bread festival came back to Eastcombe with sourdough contests, a parade of ovens and music until midnight.';

test('the same story scores higher than a different one; features are bounded', () => {
  const same = storySimilarity(doc('a', FLOOD_A), doc('b', FLOOD_B));
  const other = storySimilarity(doc('a', FLOOD_A), doc('c', CHESS));
  assert.ok(same.score > other.score, `${same.score} > ${other.score}`);
  assert.ok(same.score >= 0 && same.score <= 1 && other.score >= 0 && other.score <= 1);
  assert.deepEqual(Object.keys(same.measures), [...MEASURES]);
  const ps = [FLOOD_A, FLOOD_B, CHESS].map((t, i) => profileOf(String(i), { text: t, meta: { title: null, date: null } }));
  for (const v of pairFeatures(ps[0]!, ps[1]!, frequencies(ps))) assert.ok(v >= 0 && v <= 1.0000001);
});

test('story groups join the two flood reports and leave the rest alone', () => {
  const docs = [doc('a', FLOOD_A), doc('c', CHESS), doc('b', FLOOD_B), doc('d', BAKE), doc('e', CHESS.replace('Lowmarsh', 'Highmarsh') + ' 🎉 冠军')];
  const groups = storyGroups(docs, { threshold: 0.5 });
  const sets = groups.map((g) => g.members.map((m) => m.id).sort().join());
  assert.ok(sets.includes('a,b'), JSON.stringify(sets));
  assert.ok(sets.includes('c,e'), JSON.stringify(sets));
  assert.ok(!sets.some((s) => s.includes('d')));
});

test('a document bridging two stories does not chain them into one group; dates far apart are never grouped', () => {
  const MIX = 'Floods hit Riverton as mayor Ada Quill closed the old bridge. A twelve-year-old player won the national chess championship in Lowmarsh, beating the defending champion.';
  const CHESS2 = 'Lowmarsh chess final. The twelve-year-old won the national championship in Lowmarsh after a long endgame against the defending champion.';
  const docs = [doc('a', FLOOD_A), doc('b', FLOOD_B), doc('m', MIX), doc('c', CHESS), doc('c2', CHESS2)];
  // The bridging document links to both sides above the threshold; single link would merge all five.
  const sets = storyGroups(docs, { threshold: 0.6 }).map((g) => g.members.map((m) => m.id).sort().join());
  assert.deepEqual(sets.sort(), ['a,b,m', 'c,c2']);
  const dated = (id: string, text: string, date: string): ReturnType<typeof doc> => {
    const d = doc(id, text);
    d.result.meta.date = date;
    return d;
  };
  assert.deepEqual(storyGroups([dated('a', FLOOD_A, '2024-01-01'), dated('b', FLOOD_B, '2024-03-01')], { threshold: 0.4 }), []);
  assert.equal(storyGroups([dated('a', FLOOD_A, '2024-01-01'), dated('b', FLOOD_B, '2024-01-03')], { threshold: 0.4 }).length, 1);
});

test('ridge: recovers a linear rule; nested CV predictions correlate; folds are balanced', () => {
  const X = Array.from({ length: 40 }, (_, i) => [i / 40, ((i * 7) % 11) / 11]);
  const y = X.map(([a, b]) => 2 * a! - b! + 0.5);
  const m = fitRidge(X, y, 0.001, ['a', 'b']);
  assert.ok(Math.abs(predictRidge(m, [0.5, 0.5]) - 1) < 0.01);
  const { pred } = nestedRidgePredictions(X, y, 5, 1, ['a', 'b']);
  assert.ok(pearson(pred, y) > 0.99);
  const f = folds(11, 5, 3);
  const sizes = [0, 1, 2, 3, 4].map((k) => f.filter((x) => x === k).length);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
});

test('near-copies score at least as high as a rewritten report (the model is monotone)', () => {
  const copy = storySimilarity(doc('a', FLOOD_A), doc('x', FLOOD_A.replace('Tuesday', 'Wednesday')));
  const same = storySimilarity(doc('a', FLOOD_A), doc('b', FLOOD_B));
  assert.ok(copy.score >= same.score && copy.score > 0.8, `${copy.score} vs ${same.score}`);
});

test('the shipped model matches the feature list', () => {
  const m = loadModel();
  assert.ok(m.weights.every((w) => w >= 0));
  assert.equal(m.weights.length, FEATURES.length);
  assert.ok(m.cv.pearson >= 0.8);
});
