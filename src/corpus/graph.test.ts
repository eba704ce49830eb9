import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildActorGraph, edgeKey } from './graph.js';
import { fixtureResult } from '../server/fixtures.js';
import type { AnalysisResult } from '../result.js';

test('one document: its own signed graph, evidence labelled with the document', () => {
  const g = buildActorGraph([{ id: 'd1', result: fixtureResult() }]);
  assert.equal(g.basis, 'events');
  assert.deepEqual(g.edges.map(edgeKey).sort(), ['CHN~RUS', 'USA>CHN', 'USA>RUS']);
  assert.ok(g.edges.every((e) => e.evidence.every((r) => r.doc === 'd1')));
  assert.deepEqual(g.documents, [{ id: 'd1', title: fixtureResult().meta.title }]);
  assert.equal(g.balance.balanced, 1);
});

test('two documents merge: counts add up, evidence keeps both documents', () => {
  const g = buildActorGraph([
    { id: 'a', result: fixtureResult() },
    { id: 'b', result: fixtureResult() },
  ]);
  const e = g.edges.find((x) => edgeKey(x) === 'USA>RUS')!;
  assert.equal(e.count, 2);
  assert.deepEqual([...new Set(e.evidence.map((r) => r.doc))].sort(), ['a', 'b']);
  assert.equal(g.nodes.find((n) => n.code === 'CHN')!.mentions, 6);
});

test('no coded events: co-mentioned pairs become unsigned edges', () => {
  // A document stored before results carried events and a graph.
  const r = { ...fixtureResult(), graph: undefined, events: undefined } as unknown as AnalysisResult;
  const g = buildActorGraph([{ id: 'x', result: r }]);
  assert.equal(g.basis, 'co-mentions');
  assert.deepEqual(
    g.edges.map((e) => [edgeKey(e), e.sign, e.count]),
    [['CHN~RUS', 0, 1]],
  );
  assert.deepEqual(g.nodes.map((n) => n.code).sort(), ['CHN', 'RUS', 'USA']);
  assert.equal(g.triads.length, 0);
});

test('coded events are attached to the edge they support, mutual ones once', () => {
  const r = fixtureResult();
  const ev = (source: string, target: string) => ({
    source,
    target,
    cameo: '112',
    description: 'Accuse',
    goldstein: -2,
    quad: 3,
    negated: false,
    modality: 'asserted',
    attribution: { kind: 'author', code: null, text: null },
    stance: 'characterisation',
    evidence: { start: 0, end: 5, text: 'x' },
    explanation: 'because',
  });
  (r as unknown as { events: unknown[] }).events = [ev('USA', 'RUS'), ev('CHN', 'RUS'), ev('RUS', 'CHN'), ev('RUS', 'UKR')];
  const g = buildActorGraph([{ id: 'd', result: r }]);
  assert.equal(g.events['USA>RUS']?.length, 1);
  assert.equal(g.events['CHN~RUS']?.length, 1, 'A→B and B→A on one sentence and code: shown once');
  assert.equal(g.events['RUS>UKR'], undefined, 'no edge, no entry');
  assert.equal(g.events['USA>RUS']![0]!.attribution, 'author');
});
