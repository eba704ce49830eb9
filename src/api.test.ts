import { test } from 'node:test';
import assert from 'node:assert/strict';
// Self-reference by package name: what a user of the library writes.
import { analyze, analyzeMany, analyzeParallel, isBatchError, SCHEMA_VERSION, cpSlice } from 'slant';

const ARTICLE = 'A headline for the test\n\n2021-06-01\n\nMoscow and Beijing praised each other.Critics called it a fantasy 😀 of so-called “partners”.\nSource: Xinhua';

test('analyze(text) returns the documented JSON shape', async () => {
  const r = await analyze(ARTICLE);
  assert.equal(r.schemaVersion, SCHEMA_VERSION);
  assert.equal(r.meta.date, '2021-06-01');
  assert.equal(r.meta.title, 'A headline for the test');
  assert.deepEqual(r.meta.credits.map((c) => c.code), ['xinhua']);
  assert.ok(r.text.includes('each other. Critics'));
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r, 'plain JSON data');
  for (const s of r.sentences) assert.ok(cpSlice(r.text, s.start, s.end).length > 0);
});

test('analyze({text, date, title}) keeps metadata given with the input', async () => {
  const r = await analyze({ text: ARTICLE, date: '2020-01-02', title: 'Given', source: 'feed' });
  assert.equal(r.meta.date, '2020-01-02');
  assert.equal(r.meta.dateSource, null);
  assert.equal(r.meta.title, 'Given');
  assert.equal(r.meta.source, 'feed');
});

test('analyzeMany streams results in order; analyzeParallel uses worker threads', async () => {
  const texts = ['Russia spoke.', 'China answered.', 'The EU listened.'];
  const many: string[] = [];
  for await (const r of analyzeMany(texts)) many.push(r.text);
  assert.deepEqual(many, texts);
  const par: string[] = [];
  for await (const r of analyzeParallel([...texts, ''], { workers: 2 })) par.push(isBatchError(r) ? `error ${r.error.slice(0, 4)}` : r.text);
  assert.deepEqual(par, [...texts, 'error E101']);
});
