import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc, type Span } from '../core/document.js';
import type { ActorMention } from '../actors/types.js';
import { graphComponent, graphOf } from './component.js';
import '../techniques/types.js';

const mention = (start: number, end: number, code: string, name: string): Span<ActorMention> => ({
  start, end, component: 'actors', confidence: 1, reason: 'test', data: { code, name, type: 'state', country: code.slice(0, 3), sector: null, via: 'name' },
});

test('125,000 mentions of one actor do not overflow the stack (issue 16, fault 4)', () => {
  const text = 'Russia. '.repeat(125_000);
  const d = new Doc(text);
  const spans: Span<ActorMention>[] = [];
  for (let i = 0; i < 125_000; i++) spans.push(mention(i * 8, i * 8 + 6, 'RUS', 'Russia'));
  d.setLayer('actors', spans);
  const g = graphOf(d);
  assert.deepEqual(g.nodes.map((n) => [n.code, n.mentions]), [['RUS', 125_000]]);
});

test('framing: techniques in the sentences that name an actor, government folded into its state', () => {
  const text = 'Gondor lied shamefully. Arnor waited. The Gondorian government is a disgrace.';
  const d = new Doc(text, { id: 'd1' });
  d.setLayer('sentences', [
    { start: 0, end: 23, component: 's', confidence: 1, reason: '', data: {} },
    { start: 24, end: 37, component: 's', confidence: 1, reason: '', data: {} },
    { start: 38, end: text.length, component: 's', confidence: 1, reason: '', data: {} },
  ]);
  d.setLayer('actors', [mention(0, 6, 'GON', 'Gondor'), mention(24, 29, 'ARN', 'Arnor'), mention(42, 61, 'GONGOV', 'Gondorian government')]);
  const t = (start: number, end: number, confidence = 0.9): Span<{ technique: 'Loaded_Language' }> => ({ start, end, component: 't', confidence, reason: '', data: { technique: 'Loaded_Language' } });
  d.setLayer('techniques', [t(12, 22), t(68, 76), t(30, 36, 0.1)]);
  const out = graphComponent.annotate(d).spans!.graph!;
  assert.equal(out.length, 1);
  const nodes = out[0]!.data.nodes;
  const gon = nodes.find((n) => n.code === 'GON')!;
  assert.equal(gon.mentions, 2);
  assert.deepEqual(gon.portrayal.framing?.map((f) => [f.technique, f.count, f.evidence.map((e) => e.text)]), [['Loaded_Language', 2, ['shamefully', 'disgrace']]]);
  assert.equal(nodes.find((n) => n.code === 'ARN')!.portrayal.framing, undefined); // below the confidence floor
});
