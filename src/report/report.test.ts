import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml, renderText } from './index.js';
import { cutSegments, segments } from './segments.js';
import { SCHEMA_VERSION, type AnalysisResult } from '../result.js';
import { buildGraph } from '../graph/index.js';

function result(text: string, techniques: AnalysisResult['techniques'] = []): AnalysisResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: null,
    text,
    meta: { title: '<b>T</b>', date: null, dateSource: null, byline: null, language: 'en', url: 'javascript:alert(1)', canonicalUrl: null, siteName: null, source: null, credits: [] },
    sentences: [],
    actors: [{ code: 'X<y>', name: '<img src=x onerror=alert(1)>', type: 'state', country: null, sector: null, mentions: [{ start: 0, end: 1, text: '<', via: 'name' }] }],
    relations: [],
    events: [],
    graph: buildGraph([], []),
    techniques,
    normalization: [],
    components: [],
  };
}

const tech = (start: number, end: number, text: string, technique: AnalysisResult['techniques'][number]['technique'] = 'Loaded_Language') => ({
  technique, start, end, text, confidence: 0.5, explanation: 'because <script>alert(2)</script>', component: 'test',
});

test('segments: overlapping spans cut the text at every boundary', () => {
  const r = result('abcdefgh', [tech(1, 5, 'bcde'), tech(3, 7, 'defg', 'Doubt')]);
  assert.deepEqual(segments(r).map((s) => [s.start, s.end, s.active]), [[0, 1, []], [1, 3, [0]], [3, 5, [0, 1]], [5, 7, [1]], [7, 8, []]]);
});

test('segments: the sweep gives what checking every span for every segment gives (random nested and overlapping spans)', () => {
  let seed = 7;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  for (let round = 0; round < 50; round++) {
    const length = 5 + rnd(40);
    const spans = Array.from({ length: rnd(12) }, () => {
      const a = rnd(length), b = a + 1 + rnd(length - a);
      return { start: a, end: Math.min(b, length) };
    });
    const points = [...new Set([0, length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
    const byLength = spans.map((_, i) => i).sort((a, b) => spans[b]!.end - spans[b]!.start - (spans[a]!.end - spans[a]!.start));
    const slow = points.slice(0, -1).map((start, k) => {
      const end = points[k + 1]!;
      return {
        start,
        end,
        active: byLength.filter((i) => spans[i]!.start <= start && spans[i]!.end >= end),
        opens: byLength.filter((i) => spans[i]!.start === start),
        closes: byLength.filter((i) => spans[i]!.end === end).reverse(),
      };
    });
    assert.deepEqual(cutSegments(length, spans), slow);
  }
});

test('segments: 20,000 spans in linear time (issue 16: the report segmenter was segments × spans)', () => {
  const spans = Array.from({ length: 20_000 }, (_, i) => ({ start: i * 11, end: i * 11 + 6 }));
  const t0 = process.hrtime.bigint();
  const out = cutSegments(220_000, spans);
  assert.equal(out.length, 40_000);
  assert.ok(Number(process.hrtime.bigint() - t0) / 1e9 < 5); // the old one took minutes at this size
});

test('segments: code-point offsets with emoji', () => {
  const r = result('😀ab😀', [tech(1, 3, 'ab')]);
  assert.deepEqual(segments(r).map((s) => [s.start, s.end]), [[0, 1], [1, 3], [3, 4]]);
});

test('html report: hostile article text and metadata are escaped, nothing executable', () => {
  const text = '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a> <style>*{display:none}</style>';
  const html = renderHtml(result(text, [tech(0, 8, '<script>')]), { definitions: { Loaded_Language: 'Words with <b>emotion</b>.' } });
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img/i);
  assert.doesNotMatch(html, /<a href="javascript/i);
  assert.doesNotMatch(html, /<style>\*/);
  assert.match(html, /alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(html, /default-src 'none'/);
});

test('text report: numbered spans in the text, golden lines', () => {
  const out = renderText(result('It is a fantasy.', [tech(8, 15, 'fantasy')]));
  assert.match(out, /\[1\] Loaded_Language 0\.50  “fantasy”/);
  assert.match(out, /It is a \[fantasy\]¹\./);
});

test('reports show the spans worth showing unless asked for all; JSON keeps every span', async () => {
  const { renderReportText, renderReportHtml } = await import('./index.js');
  const r = result('Sheer madness, they said.', [
    { ...tech(0, 13, 'Sheer madness'), shown: true },
    { ...tech(15, 19, 'they', 'Doubt'), shown: false, explanation: 'a weak guess' },
  ]);
  const text = renderReportText(r);
  assert.match(text, /TECHNIQUES \(1\)/);
  assert.doesNotMatch(text, /a weak guess/);
  assert.match(renderReportText(r, { all: true }), /TECHNIQUES \(2\)[\s\S]*a weak guess/);
  assert.doesNotMatch(renderReportHtml(r), /a weak guess/);
  assert.match(renderReportHtml(r, { all: true }), /a weak guess/);
  assert.equal(r.techniques.length, 2, 'the result itself is not changed');
});

test('html report: sentence trees (--include syntax) as collapsed details with an escaped SVG arc diagram', () => {
  const text = 'Lavrov <b>denied</b> it.';
  const tok = (start: number, end: number, upos: string, head: number, deprel: string) => ({ start, end, text: text.slice(start, end), upos, xpos: '_', lemma: '_', head, deprel });
  const r: AnalysisResult = {
    ...result(text),
    syntax: [{ start: 0, end: text.length, tokens: [tok(0, 6, 'PROPN', 2, 'nsubj'), tok(7, 10, 'X', 2, 'punct'), tok(10, 16, 'VERB', -1, 'root'), tok(16, 20, 'X', 2, 'punct'), tok(21, 23, 'PRON', 2, 'obj'), tok(23, 24, 'PUNCT', 2, 'punct')] }],
  };
  const html = renderHtml(r);
  assert.match(html, /<h2>Sentence trees<\/h2>/);
  assert.equal((html.match(/<details>/g) ?? []).length, 1);
  assert.match(html, /<summary>1\. Lavrov &lt;b&gt;denied&lt;\/b&gt; it\.<\/summary>/);
  const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
  assert.equal((svg.match(/class="arc"/g) ?? []).length, 5, 'one arc per word but the root');
  for (const rel of ['nsubj', 'obj', 'root']) assert.match(svg, new RegExp(`class="rel">${rel}<`));
  assert.match(svg, />&lt;b&gt;</);
  assert.doesNotMatch(html, /<b>denied/);
  assert.doesNotMatch(renderHtml(result(text)), /Sentence trees/, 'no section without syntax');
});
