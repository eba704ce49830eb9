import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { ActorDictionary, indexActorTsv, loadActorTsv } from './dictionary.js';

// Invented entries (no third-party text): two states, a leader with dated roles, a bloc.
const TSV = [
  '# type\tvia\tcodes\tname\tphrases',
  'state\tname\tELD\tEldoria\tEldoria|Republic of Eldoria~|the Eldorian Republic',
  'state\tdemonym\tELD\tEldoria\tEldorian~',
  'state\tname\tMRV\tMarvonia\tMarvonia|Marvonian Federation',
  'leader\tname\tELDGOV@20100101-20200101 ELDELI@20200102-\tOrin Vale\tOrin Vale|President Vale',
  'bloc\tname\tWST\tthe Northern Pact\tNorthern Pact|the Northern Pact~',
  'organisation\tname\tIGOELDMRV\tEldo-Marvonian Council\tEldo Marvonian Council|EMC',
].join('\n');
const TEXT = 'Eldoria and the Republic of Eldoria’s envoys met Marvonian Federation officials. Orin Vale spoke for the Northern Pact; the EMC said Eldorians agree.';

function found(d: ActorDictionary): string {
  return JSON.stringify(d.find(TEXT, { date: '2015-06-01' }));
}

test('an actor file loads the same from its index (as npm run build writes it) as from its text', () => {
  const plain = new ActorDictionary();
  loadActorTsv(plain, TSV);
  const indexed = new ActorDictionary();
  loadActorTsv(indexed, TSV, JSON.parse(JSON.stringify(indexActorTsv(TSV))));
  assert.equal(found(indexed), found(plain));
  assert.equal(indexed.actorCount, plain.actorCount);
  assert.match(found(plain), /"code":"ELDGOV"/);
  assert.match(found(plain), /"code":"WST"/);
});

test('a stale index (the file changed since the build) is ignored', () => {
  const edited = TSV.replace('Eldoria\tEldoria|', 'Eldoria\tEldoria|Eldorian Realm|');
  const stale = indexActorTsv(TSV);
  const d = new ActorDictionary();
  loadActorTsv(d, edited, stale);
  const fresh = new ActorDictionary();
  loadActorTsv(fresh, edited);
  assert.equal(found(d), found(fresh));
  assert.equal(d.actorCount, fresh.actorCount);
});

test('the build wrote the shipped actor files\u2019 indexes, and the shipped dictionary uses them', () => {
  for (const f of ['extra-actors.tsv', 'extra-leaders.tsv', 'actors.tsv']) assert.ok(existsSync(new URL(`./data/${f}.index.json`, import.meta.url)), `${f}.index.json missing (npm run build)`);
  const d = ActorDictionary.default();
  assert.ok(d.actorCount > 30000);
});
