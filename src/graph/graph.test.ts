import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGraph, eventWeight, mergeGraphs, realign, type GraphEvent } from './index.js';
import { renderGraphSvg, renderGraphText } from './render.js';

let pos = 0;
/** A hand-made event: quad from the code's root, Goldstein given; each gets its own sentence. */
function ev(source: string, target: string, cameo: string, goldstein: number, extra: Partial<GraphEvent> = {}): GraphEvent {
  const r = Number(cameo.slice(0, 2));
  const quad = (r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4) as 1 | 2 | 3 | 4;
  const start = (pos += 10);
  return {
    source, target, cameo, description: '', goldstein, quad, negated: false, modality: 'asserted',
    attribution: { kind: 'author', code: null, text: null }, stance: 'reported-event', via: 'verb',
    evidence: { start, end: start + 5, text: `s${start}` }, trigger: { start, end: start + 1 }, ...extra,
  };
}
/** Mutual statement: both directions with the same trigger. */
function mutual(a: string, b: string, cameo: string, g: number): GraphEvent[] {
  const e1 = ev(a, b, cameo, g);
  return [e1, { ...e1, source: b, target: a }];
}
const actors = ['CHN', 'RUS', 'USA', 'WST'].map((code, i) => ({ code, name: code, type: 'state', mentions: 10 - i }));

test('event weights: sign from quad class, size from Goldstein, damped by negation and modality', () => {
  assert.equal(eventWeight({ quad: 1, goldstein: 3.5, negated: false, modality: 'asserted' }), 0.35);
  assert.equal(eventWeight({ quad: 4, goldstein: -7, negated: false, modality: 'asserted' }), -0.7);
  assert.equal(eventWeight({ quad: 1, goldstein: 3.4, negated: true, modality: 'asserted' }).toFixed(2), '-0.17');
  assert.equal(eventWeight({ quad: 3, goldstein: 0, negated: false, modality: 'future' }), -0.05);
});

// The seed article's system, in miniature.
const seedLike = [
  ...mutual('CHN', 'RUS', '050', 3.5),
  ...mutual('CHN', 'RUS', '051', 3.4),
  ev('USA', 'RUS', '170', -7),
  ...mutual('WST', 'RUS', '110', -2),
  ev('WST', 'RUS', '022', 3.4, { modality: 'hypothetical' }),
  ev('WST', 'CHN', '111', -2),
];

test('graph: signed weighted edges, mutual edges undirected, repetition adds weight', () => {
  const g = buildGraph(actors, seedLike, 'doc1');
  const edges = g.edges.map((e) => `${e.source}${e.directed ? '>' : '~'}${e.target} ${e.sign > 0 ? '+' : '-'}${e.weight} n=${e.count} ${e.cameo.join(',')}`);
  assert.deepEqual(edges, ['USA>RUS -0.7 n=1 170', 'CHN~RUS +0.69 n=2 050,051', 'RUS~WST -0.2 n=1 110', 'WST>CHN -0.2 n=1 111', 'WST>RUS +0.17 n=1 022']);
  assert.equal(g.edges[1]!.evidence.length, 2);
  assert.equal(g.edges[1]!.evidence[0]!.doc, 'doc1');
  const rus = g.nodes.find((n) => n.code === 'RUS')!;
  assert.deepEqual(rus.portrayal.asTarget, { cooperative: 3, conflictual: 2 });
  assert.equal(g.nodes.find((n) => n.code === 'USA')!.portrayal.role, 'aggressor');
});

test('triads: Cartwright–Harary balance on pair signs', () => {
  const g = buildGraph(actors, seedLike);
  // WST–RUS: −0.2 + 0.17 → −; CHN–RUS +; WST–CHN −  → (+)(−)(−) balanced.
  assert.deepEqual(g.triads.map((t) => `${t.actors.join('')} ${t.signs.join(',')} ${t.balanced}`), ['CHNRUSWST 1,-1,-1 true']);
  assert.equal(g.balance.balanced, 1);
  assert.equal(g.balance.frustration, 0);
});

test('realignment: what WST+RUS against CHN would need, against what the text asserts', () => {
  const g = buildGraph(actors, seedLike);
  const r = realign(g, [['WST', 'RUS'], ['CHN']]);
  assert.deepEqual(r.changes.map((c) => `${c.a}-${c.b} ${c.current}->${c.required} ev=${c.evidence.length}`), ['WST-RUS -1->1 ev=2', 'RUS-CHN 1->-1 ev=2']);
  assert.deepEqual(r.placement, { USA: 1 }); // USA, hostile to Russia, falls on China's side
  assert.equal(r.otherChanges.length, 0);
  assert.match(r.summary, /WST\+RUS vs CHN would need 2 changes/);
  assert.ok(g.realignments.some((x) => x.label === 'CHN+RUS vs WST') === false); // already asserted → not listed
});

test('minimal changes on an unbalanced triangle of friends with one enemy pair', () => {
  const evs = [...mutual('A', 'B', '050', 3.5), ...mutual('B', 'C', '050', 3.5), ...mutual('A', 'C', '111', -2)];
  const g = buildGraph([], evs);
  assert.equal(g.triads[0]!.balanced, false);
  assert.equal(g.balance.frustration, 1);
});

test('mergeGraphs adds up counts and scores and recomputes balance', () => {
  const g1 = buildGraph(actors, seedLike, 'd1');
  const g2 = buildGraph(actors, [ev('USA', 'RUS', '170', -7), ...mutual('WST', 'RUS', '050', 3.5), ...mutual('WST', 'RUS', '050', 3.5)], 'd2');
  const m = mergeGraphs([g1, g2]);
  const usaRus = m.edges.find((e) => e.source === 'USA' && e.target === 'RUS')!;
  assert.equal(usaRus.count, 2);
  assert.equal(usaRus.weight, 1.4);
  assert.deepEqual([...new Set(usaRus.evidence.map((r) => r.doc))], ['d1', 'd2']);
  assert.equal(m.nodes.find((n) => n.code === 'CHN')!.mentions, 20);
  // WST–RUS now +: (−0.2 + 0.17 + 0.7) → the triad CHN/RUS/WST becomes unbalanced (+,+,−).
  assert.equal(m.triads.find((t) => t.actors.includes('WST') && t.actors.includes('CHN'))!.balanced, false);
  assert.deepEqual(mergeGraphs([]).edges, []);
});

test('renderers: escaped SVG with colours, arrows and widths; text drawing', () => {
  const evil = buildGraph([{ code: 'X<1>', name: '<script>alert("x")</script>', type: 'state', mentions: 2 }], [ev('X<1>', 'RUS', '190', -10)]);
  const svg = renderGraphSvg(evil);
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.ok(!svg.includes('<script>'));
  assert.ok(svg.includes('&lt;script&gt;'));
  assert.ok(svg.includes('marker-end="url(#arrow-neg)"'));
  assert.ok(svg.includes('#cf222e'));
  const txt = renderGraphText(buildGraph(actors, seedLike));
  assert.match(txt, /CHN ◀═+▶ RUS/);
  assert.match(txt, /USA ━+▶ RUS/);
  assert.match(txt, /Triads: 1 of 1 balanced/);
  assert.equal(renderGraphText(buildGraph([], [])), 'Actor system: no actors found.\n');
  assert.match(renderGraphSvg(buildGraph([], [])), /No relations between actors found/);
});

test('framing: techniques in the sentences naming an actor are part of its portrayal and merge', () => {
  const framed = [{ code: 'CHN', name: 'China', type: 'state', mentions: 3, framing: [{ technique: 'Loaded_Language', count: 2, evidence: [{ start: 0, end: 7, text: 'fantasy' }] }] }];
  const g = buildGraph(framed, [], 'd1');
  assert.match(g.nodes[0]!.portrayal.summary, /Loaded Language \(2\)/);
  assert.equal(g.nodes[0]!.portrayal.framing![0]!.evidence[0]!.doc, 'd1');
  const m = mergeGraphs([g, buildGraph(framed, [], 'd2')]);
  assert.equal(m.nodes[0]!.portrayal.framing![0]!.count, 4);
});
