import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActorDictionary, blindFilter } from './dictionary.js';
import { buildPlaces } from './convert-places.js';

// Made-up people (Jane Doakes, Tom Fictus, Jan Kowalczyk); real states, places and one real
// politician whose surname a made-up person shares (general knowledge, not from any evaluation set).
const d = ActorDictionary.default();
const golden = (t: string, date = '2022-05-05'): string =>
  d
    .find(t, { date, agents: 'attached' })
    .map((m) => `${t.slice(m.start, m.end)}=${m.code}`)
    .join(' | ');

test('a surname alone names the person named in full earlier, each person their own', () => {
  assert.equal(
    golden('Senator Jane Doakes met Senator Tom Fictus. Doakes said no. Fictus disagreed.'),
    'Senator Jane Doakes=---LEG | Senator Tom Fictus=---LEG | Doakes=---LEG | Fictus=---LEG',
  );
  const names = d.find('Senator Jane Doakes met Senator Tom Fictus. Doakes said no. Fictus disagreed.').map((m) => m.name);
  assert.equal(names[2], names[0]);
  assert.equal(names[3], names[1]);
  assert.notEqual(names[0], names[1]);
  // A surname nobody was named in full with stays unresolved; glued to another name it is someone else.
  assert.equal(golden('Doakes said no.'), '');
  assert.equal(golden('Senator Jane Doakes spoke. Anna Doakes did not.'), 'Senator Jane Doakes=---LEG');
});

test("a known politician's surname inside another person's name is not that politician", () => {
  // "Hunter" is an agent word (CVL), not a title: "Hunter Macron" is someone else, and so is "Macron" after it.
  assert.equal(golden('Hunter Macron spoke to reporters. Macron said he was innocent.'), '');
  // Named in full again, the surname is the politician's again.
  assert.equal(golden('Hunter Macron spoke. Emmanuel Macron arrived. Macron said no.'), 'Emmanuel Macron=FRAGOV | Macron=FRAGOV');
  assert.equal(golden('President Emmanuel Macron spoke. Macron said no.'), 'President Emmanuel Macron=FRAGOV | Macron=FRAGOV');
});

test('rank titles give the military sector; offices containing "General" stay offices', () => {
  assert.equal(d.resolve('General Jan Kowalczyk')?.code, '---MIL');
  assert.equal(d.resolve('Polish General Jan Kowalczyk')?.code, 'POLMIL');
  assert.equal(d.resolve('Admiral Jan Kowalczyk')?.code, '---MIL');
  assert.equal(d.resolve('the UN Secretary-General')?.code.slice(0, 6), 'IGOUNO');
  assert.ok(!golden('The general public was not told.').includes('MIL'));
});

test("a state organ named right after another state is that state's", () => {
  assert.equal(d.resolve('the Nigerian Senate')?.code, 'NGALEG');
  assert.equal(d.resolve("Peru's Congress")?.code, 'PERLEG');
  assert.equal(d.resolve('Congress')?.code, 'USALEG');
});

test('gazetteer places: provinces and cities give their country; Kosovo is XKX', () => {
  assert.equal(d.resolve('Rakhine rebels')?.code, 'MMRREB');
  assert.equal(d.resolve('Northern Territory health workers')?.country, 'AUS');
  assert.equal(d.resolve('Kosovo')?.code, 'XKX');
  assert.equal(d.resolve('Texas police')?.code, 'USACOP');
});

test('buildPlaces: shared names go to a much larger place or are dropped; words and given names are dropped', () => {
  const rows = [
    { city: 'Fooville', pop: 2_000_000, iso3: 'FRA', country: 'France', province: 'Barshire' },
    { city: 'Fooville', pop: 20_000, iso3: 'USA', country: 'United States' },
    { city: 'Twinton', pop: 300_000, iso3: 'GBR', country: 'United Kingdom' },
    { city: 'Twinton', pop: 200_000, iso3: 'USA', country: 'United States' },
    { city: 'Tinyplace', pop: 3_000, iso3: 'USA', country: 'United States' },
    { city: 'Orange', pop: 900_000, iso3: 'USA', country: 'United States' },
    { city: 'Doakes', pop: 900_000, iso3: 'USA', country: 'United States' },
  ];
  const people = 'leader\tname\tUSAGOV\tJane Doakes\tJane Doakes\n';
  const out = buildPlaces(rows, [people], new Set(['orange']), []);
  const lines = out.split('\n').filter((l) => l && !l.startsWith('#'));
  assert.deepEqual(lines, ['state\tplace\tFRA\tFrance\tBarshire|Fooville']);
});

test('blindFilter leaves out hand-written lines that name something in the given texts', () => {
  const file = '# comment\nleader\tname\tUSAGOV\tJane Doakes\tJane Doakes|Doakes\nleader\tname\tUSAGOV\tTom Fictus\tTom Fictus\n';
  const out = blindFilter(['What did Jane Doakes say?'])(file, false);
  assert.equal(out, '# comment\nleader\tname\tUSAGOV\tTom Fictus\tTom Fictus\n');
});

test('country names in other languages (CLDR) resolve; a given name that is one does not', () => {
  assert.equal(d.resolve('Allemagne')?.code, 'DEU');
  assert.equal(d.resolve('Россия')?.code, 'RUS');
  assert.equal(d.resolve('Salvador Dali'), null);
});

test("an organisation's name with a place inside is that place's country; a person's is not", () => {
  assert.equal(d.resolve('Doakes Health Alliance Northern Territory')?.country, 'AUS');
  assert.equal(d.resolve('Paris Fictus'), null);
  // An agent of unknown country is named after its sector, never after another entry.
  assert.equal(d.resolve('Fictus College')?.code, '---EDU');
  assert.equal(d.resolve('Fictus College')?.name, 'college');
  assert.equal(d.resolve('students at the University of Nairobi')?.name, 'Kenya (education)');
});

test("a party's actor never absorbs its opponent; rivals with one title stay apart in the result", async () => {
  const { analyze } = await import('../analyze.js');
  const r = await analyze('Democrats accused Republicans of lying. The Democratic Party said the Republican Party had failed. Senator Jane Doakes met Senator Tom Fictus. Doakes said the senator was wrong.', { pipeline: ['sentences', 'meta', 'actors'] });
  const byName = new Map(r.actors!.map((a) => [a.name, a.mentions.map((m) => m.text)]));
  assert.deepEqual(byName.get('Democratic Party'), ['Democrats', 'The Democratic Party']);
  assert.deepEqual(byName.get('Republican Party'), ['Republicans', 'the Republican Party']);
  const doakes = [...byName.entries()].find(([n]) => n.endsWith('Jane Doakes'))![1];
  const fictus = [...byName.entries()].find(([n]) => n.endsWith('Tom Fictus'))![1];
  assert.deepEqual(doakes, ['Senator Jane Doakes', 'Doakes']);
  assert.deepEqual(fictus, ['Senator Tom Fictus']);
});

test('an unknown full name before "of <organisation>" is its member; a shared surname names neither', () => {
  assert.equal(
    golden('Ana Fictus of the Labour Party met Tom Doakes, of the CIA. Doakes left.'),
    'Ana Fictus=GBRPTY | the Labour Party=GBRPTY | Tom Doakes=USASPY | the CIA=USASPY | Doakes=USASPY',
  );
  assert.equal(golden('The Prime Minister of the United Kingdom spoke. The Bank of England waited.'), 'Prime Minister of the United Kingdom=GBRGOV | England=GBR');
  // Two people named Fictus: "Fictus" alone is neither.
  assert.equal(golden('Senator Ana Fictus met Senator Ben Fictus. Fictus said no.'), 'Senator Ana Fictus=---LEG | Senator Ben Fictus=---LEG');
});

test('"President Holland": the person, also when named again by the surname and when bare agents are dropped', () => {
  assert.equal(golden('President Holland spoke. Holland agreed.'), 'President Holland=---GOV | Holland=---GOV');
  assert.equal(golden('Farmers in Holland protested.'), 'Farmers in Holland=NLDAGR');
});
