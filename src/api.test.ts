import { test } from 'node:test';
import assert from 'node:assert/strict';
// Self-reference by package name: what a user of the library writes.
import { analyze, analyzeMany, analyzeParallel, isBatchError, SCHEMA_VERSION, cpSlice, SlantError, E } from 'slant';

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

test('analyze() given wrong types: typed one-line errors (E111), bad values never reach meta (issue 16, fault 6)', async () => {
  const bad = async (input: unknown, pattern: RegExp, options?: unknown): Promise<void> => {
    await assert.rejects(analyze(input as string, options as undefined), (e: unknown) => e instanceof SlantError && e.code === E.BAD_INPUT && pattern.test(e.message) && !e.message.includes('\n'));
  };
  await bad(5, /input must be a string or an object .* not a number/);
  await bad(null, /not null/);
  await bad(['text'], /not an array/);
  await bad({ text: 'Russia spoke.', date: 5 }, /field "date" must be a string, not a number/);
  await bad({ text: 'Russia spoke.', title: { a: 1 } }, /field "title" must be a string, not an object/);
  await bad({ text: 'Russia spoke.', date: 'not-a-date-at-all' }, /field "date" is not a date/);
  await bad('Russia spoke.', /options.pipeline must be an array/, { pipeline: 'sentences' });
  const r = await analyze({ text: 'Russia spoke.', date: '3 March 2024' });
  assert.equal(r.meta.date, '2024-03-03');
});

test('an article after 100,000 blank lines is analysed (issue 16, fault 5)', async () => {
  const r = await analyze('\n'.repeat(100_000) + 'Russia and China signed a treaty.');
  assert.ok(r.actors.some((a) => a.code === 'RUS'));
});
