import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActorDictionary } from './dictionary.js';

// Made-up people; real states and parties (general knowledge).
const d = ActorDictionary.default();
const codes = (t: string): string[] => d.find(t).map((m) => `${t.slice(m.start, m.end)}=${m.code}`);

test('a title before a state name is a person, not the state', () => {
  assert.deepEqual(d.resolve('President Holland')?.code, '---GOV');
});

test('a party word gives an unknown person a country (and a legislator)', () => {
  assert.equal(d.resolve('Democrat Jane Doakes')?.code, 'USALEG');
  assert.equal(d.resolve('Republican Senator Tom Fictus')?.code, 'USALEG');
  assert.ok(!codes('The Republican Party met.').some((c) => c.startsWith('Party')));
});

test('Georgia is the U.S. state when the text says so, the country otherwise', () => {
  assert.ok(codes('Georgia Governor Tom Fictus spoke in Atlanta.').some((c) => c.startsWith('Georgia') && c.includes('=USA')));
  assert.ok(codes('Russia and Georgia fought a war in 2008.').some((c) => c === 'Georgia=GEO'));
});

test("a state's security council is not the UN's", () => {
  assert.equal(d.resolve("Russia's Security Council")?.code, 'RUSGOV');
  assert.equal(d.resolve('the UN Security Council')?.code.slice(0, 6), 'IGOUNO');
});

test('media outlets are actors of their own names; two people with one code stay apart', async () => {
  const { analyze } = await import('../analyze.js');
  const r = await analyze('CNN and Fox News reported it. Democrat Jane Doakes and Democrat Tom Fictus disagreed.', { pipeline: ['sentences', 'meta', 'actors'] });
  const names = r.actors!.map((a) => `${a.code} ${a.name}`);
  assert.ok(names.includes('USAMED CNN') && names.includes('USAMED Fox News'), names.join(' | '));
  assert.ok(names.includes('USALEG Jane Doakes') && names.includes('USALEG Tom Fictus'), names.join(' | '));
});
