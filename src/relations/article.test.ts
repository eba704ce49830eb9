import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../analyze.js';

// A short article written for this test: standing relations, acts, a quote, a negation, a future.
const ARTICLE = `Old friends, new doubts

China and Russia are strategic partners. There is deep mistrust between Russia and Japan.
Japan accused Russia of violating the agreement on Monday. "Japan will never attack China," the minister said.
Russia did not make concessions to Japan. Germany praised Japan for its restraint.`;

test('analyze(): events with qualifiers and the signed actor graph of a short article', async () => {
  const r = await analyze(ARTICLE, { pipeline: ['sentences', 'meta', 'actors', 'relations', 'events', 'graph'] });
  const ev = (r.events ?? []).map((e) => `${e.source}>${e.target} ${e.cameo}${e.negated ? ' neg' : ''}${e.modality !== 'asserted' ? ' ' + e.modality : ''}${e.attribution.kind !== 'author' ? ' ' + e.attribution.kind : ''}${e.symmetric ? ' sym' : ''}`);
  for (const want of ['CHN>RUS 050 sym', 'RUS>JPN 110 sym', 'JPN>RUS 112', 'JPN>CHN 190 neg future quoted', 'RUS>JPN 080 neg', 'DEU>JPN 051']) {
    assert.ok(ev.includes(want), `missing ${want} in ${ev.join(' | ')}`);
  }
  const g = r.graph!;
  const sign = (a: string, b: string): number | undefined => g.edges.find((e) => (e.source === a && e.target === b) || (!e.directed && e.source === b && e.target === a))?.sign;
  assert.equal(sign('CHN', 'RUS'), 1);
  assert.equal(sign('RUS', 'JPN'), -1);
  assert.equal(sign('DEU', 'JPN'), 1);
  // Evidence offsets are code points into r.text.
  const cps = Array.from(r.text);
  for (const e of g.edges) for (const ref of e.evidence) assert.equal(cps.slice(ref.start, ref.end).join(''), ref.text);
});
