import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeSentence, type Mention } from './coder.js';
import { loadDefaultLexicon } from './lexicon.js';
import { parseIdioms } from './coder/idioms.js';

// Made-up sentences with made-up states; a tiny finder marks the names.
const NAMES: Record<string, string> = { Arnor: 'ARN', Gondor: 'GON', Rohan: 'ROH', Washington: 'USA' };
function find(text: string): Mention[] {
  const out: Mention[] = [];
  for (const [k, c] of Object.entries(NAMES)) for (let i = text.indexOf(k); i >= 0; i = text.indexOf(k, i + 1)) out.push({ start: i, end: i + k.length, code: c });
  return out.sort((a, b) => a.start - b.start);
}
const lex = loadDefaultLexicon();
const code = (s: string): string[] => codeSentence(s, 0, s.length, find(s), lex).map((e) => `${e.source}>${e.target} ${e.code}`);

test('idioms code no event (or their own code)', () => {
  assert.deepEqual(code('Arnor shot itself in the foot when it courted Gondor.').filter((e) => e.startsWith('ARN>GON 1') || e.startsWith('ARN>GON 2')), []);
  assert.deepEqual(code('Arnor calls the shots in Gondor.'), []);
  assert.deepEqual(code('Arnor took a closer look at Gondor.'), []);
  assert.deepEqual(code('Arnor paid tribute to Gondor.'), ['ARN>GON 051']);
  assert.deepEqual(code('Arnor struck a deal with Gondor.'), ['ARN>GON 057']);
  // The literal use still codes.
  assert.deepEqual(code('Arnor struck Gondor.').map((e) => e.slice(0, 9)), ['ARN>GON 1']);
});

test('a verb form inside a proper name is no verb; title-case headlines still code', () => {
  assert.deepEqual(code('Rohan told the Washington Free Beacon that it backs Arnor.').filter((e) => e.includes('USA')), []);
  assert.deepEqual(code('Arnor Attacks Gondor Over Border Dispute').map((e) => e.slice(0, 9)), ['ARN>GON 1']);
});

test('idiom data: bad lines are refused with the line', () => {
  assert.throws(() => parseIdioms('shoot the messenger\t-\n'), /bad line/);
  const t = parseIdioms('hit the road\t-\tWiktionary: hit the road\n');
  assert.ok(t.has('hitting') && t.has('hits') && t.has('hit'));
});
