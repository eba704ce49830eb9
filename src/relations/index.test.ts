import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc, type Span } from '../core/document.js';
import { Pipeline } from '../core/pipeline.js';
import { sentences } from '../sentences/index.js';
import type { ActorMention } from '../actors/types.js';
import { toResult } from '../result.js';
import { eventsComponent, relationsComponent } from './index.js';
import { graphComponent } from '../graph/component.js';

const CODES: Record<string, [string, string | null]> = { Arnor: ['ARN', 'ARN'], Gondor: ['GON', 'GON'], 'Gondorian government': ['GONGOV', 'GON'], officials: ['---GOV', null], '🚀Rohan': ['ROH', 'ROH'] };

/** A document with sentences and a hand-made actors layer (the actors component is tested elsewhere). */
function doc(text: string): Doc {
  const d = new Doc(text);
  d.setLayer('sentences', sentences.annotate(d).spans!.sentences!);
  const spans: Span<ActorMention>[] = [];
  for (const [name, [code, country]] of Object.entries(CODES)) {
    let i = text.indexOf(name);
    while (i >= 0) {
      spans.push({ start: i, end: i + name.length, component: 'actors', confidence: 1, reason: 'test', data: { code, name, type: 'state', country, sector: null, via: 'name' } });
      i = text.indexOf(name, i + name.length);
    }
  }
  d.setLayer('actors', spans);
  return d;
}

test('relations: co-mentioned pairs per sentence with counts; same-state and agent pairs left out', () => {
  const d = doc('Arnor and Gondor met. The Gondorian government and Gondor agreed, officials said. Arnor praised Gondor.');
  const out = relationsComponent.annotate(d).spans!.relations!;
  assert.deepEqual(out.map((s) => `${s.data.source}-${s.data.target}#${s.data.count} ${d.textOf(s).slice(0, 12)}`), ['ARN-GON#1 Arnor and Go', 'ARN-GON#2 Arnor praise']);
});

test('events component and result: code-point offsets, explanation, graph', () => {
  const text = '🚀Rohan attacked Arnor. Arnor and Gondor are strategic partners.';
  const d = doc(text);
  new Pipeline([relationsComponent, eventsComponent, graphComponent], ['sentences', 'actors']).run(d);
  const r = toResult(d, ['sentences', 'actors', 'relations', 'events', 'graph']);
  const ev = r.events!.map((e) => `${e.source}>${e.target} ${e.cameo} ${e.trigger.text}@${e.trigger.start}`);
  assert.deepEqual(ev, ['ROH>ARN 190 attacked@7', 'ARN>GON 050 partners@54']);
  assert.equal(r.events![1]!.symmetric, true); // a mutual relation is stored once
  const cps = Array.from(r.text);
  for (const e of r.events!) {
    assert.equal(cps.slice(e.trigger.start, e.trigger.end).join(''), e.trigger.text);
    assert.equal(cps.slice(e.evidence.start, e.evidence.end).join(''), e.evidence.text);
    assert.match(e.explanation, /CAMEO/);
  }
  const g = r.graph!;
  assert.deepEqual(g.edges.map((e) => `${e.source}${e.directed ? '>' : '~'}${e.target} ${e.sign}`), ['ROH>ARN -1', 'ARN~GON 1']);
  assert.deepEqual(g.triads, []); // ROH–GON is not stated: no closed triad
  assert.deepEqual(g.nodes.map((n) => n.code).sort(), ['ARN', 'GON', 'ROH']);
});
