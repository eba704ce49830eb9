import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ngecCountry, evaluateActors } from './actors.js';
import { ActorDictionary } from '../actors/dictionary.js';

const main = new URL('../cli/main.js', import.meta.url).pathname;
const run = (args: string[], input?: string) => spawnSync(process.execPath, [main, ...args], { input, encoding: 'utf8' });

test('slant actors resolve: JSON for a phrase, JSONL on stdin, one-line errors', () => {
  const r = run(['actors', 'resolve', '--date', '2022-05-05', 'Russian troops']);
  assert.equal(r.status, 0);
  assert.deepEqual(JSON.parse(r.stdout), { code: 'RUSMIL', country: 'RUS', sector: 'MIL', name: 'Russia (military)' });
  const j = run(['actors', 'resolve', '--jsonl'], '{"id":"a","text":"Beijing","date":"2022-05-05"}\n{"id":"b","text":"nobody here"}\n');
  assert.equal(j.status, 0);
  assert.deepEqual(j.stdout.trim().split('\n').map((l) => JSON.parse(l).code), ['CHNGOV', null]);
  const bad = run(['actors', 'resolve', '--date', '5 May', 'Russia']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^slant: E110 --date must be YYYY-MM-DD/);
  // A bad line is reported and the rest goes on; written-out dates are read.
  const badJson = run(['actors', 'resolve', '--jsonl'], '{"id":1,\n{"id":2,"text":"Beijing","date":"3 March 2019"}\n{"id":3,"text":"Beijing","date":"soon"}\n');
  assert.match(badJson.stderr, /^slant: E106 line 1: not valid JSON/);
  assert.match(badJson.stderr, /line 3: "date" not read/);
  assert.equal(badJson.status, 1);
  assert.deepEqual(badJson.stdout.trim().split('\n').map((l) => JSON.parse(l).code ?? JSON.parse(l).error.slice(0, 4)), ['E106', 'CHNGOV', 'E106']);
  assert.match(run(['eval', 'actors', '--gold', '/nonexistent.json']).stderr, /^slant: E105/);
});

test('eval actors scoring rules on a tiny case list', () => {
  assert.equal(ngecCountry('IGOUNOJUDICJ', null), 'UNO');
  assert.equal(ngecCountry('IGOEUREEC', null), 'EUR');
  assert.equal(ngecCountry('IGOWSTNAT', null), 'IGO');
  assert.equal(ngecCountry('NGOHRIAMN', null), '');
  const cases = [
    { test: 'a', method: 'agent_to_code', args: ['Ukrainian farmers'], expect: { country: 'UKR', code_1: 'AGR' } },
    { test: 'b', method: 'agent_to_code', args: ['Zorbo Quillfeather'], expect: { code: { Is: 'None' } } },
    { test: 'c', method: 'search_nat', args: ['a Narnian ship'], expect: { cc: 'NRN', text: '' } },
    { test: 'd', method: 'query_wiki', args: ['Nato'], expect: { title: 'NATO' } },
  ];
  const r = evaluateActors(cases, ActorDictionary.default());
  assert.deepEqual(r.country, [2, 3]);
  assert.deepEqual(r.sector, [1, 1]);
  assert.deepEqual(r.code, [1, 1]);
});

test('eval actors --blind leaves out hand-written names the cases contain; --half scores alternate cases', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'slant-actors-'));
  const gold = join(dir, 'cases.json');
  // "the Global South" is only in the hand-written extra-actors.tsv (GLS); "Ukrainian farmers" needs none of it.
  writeFileSync(gold, JSON.stringify([
    { test: 'a', method: 'agent_to_code', args: ['Ukrainian farmers'], expect: { country: 'UKR', code_1: 'AGR' } },
    { test: 'b', method: 'agent_to_code', args: ['the Global South'], expect: { country: 'GLS' } },
  ]));
  assert.match(run(['eval', 'actors', '--gold', gold]).stdout, /country accuracy 1\.000 \(2\/2\)/);
  assert.match(run(['eval', 'actors', '--gold', gold, '--blind']).stdout, /country accuracy 0\.500 \(1\/2\)/);
  assert.match(run(['eval', 'actors', '--gold', gold, '--blind', '--half', '0']).stdout, /country accuracy 1\.000 \(1\/1\)/);
  assert.match(run(['eval', 'actors', '--gold', gold, '--half', '2']).stderr, /^slant: E\d+ --half must be 0 or 1/);
});
