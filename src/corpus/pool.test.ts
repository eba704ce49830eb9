import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPool } from './pool.js';
import type { AnalysisResult } from '../result.js';

// A light pipeline: these tests are about the pool, not the analyses (and stay fast).
const PIPELINE = ['sentences', 'techniques.rules'];
const TEXT = 'The president of France met the chancellor of Germany in Paris. They agreed to support Ukraine.';

test('pool: analyze returns a result, errors keep their number, results are parsed from bytes', async () => {
  const pool = createPool({ workers: 1, pipeline: PIPELINE });
  try {
    const r = await pool.analyze({ text: TEXT, id: 'a' });
    assert.equal(r.text, TEXT);
    assert.equal(r.id, 'a');
    await assert.rejects(pool.analyze('   '), (e: Error & { code?: number }) => e.code === 101);
    const out = await pool.render(TEXT, { format: 'text', profile: true });
    assert.match(out.bytes.toString('utf8'), /France|Germany/);
    assert.ok(out.timings && 'sentences' in out.timings && 'techniques.rules' in out.timings && 'result' in out.timings, JSON.stringify(out.timings));
    assert.deepEqual(r.components, PIPELINE);
  } finally {
    await pool.close();
  }
});

test('pool: a document over its time limit is stopped (E413) and the worker is replaced', async () => {
  const pool = createPool({ workers: 1, pipeline: PIPELINE });
  try {
    await assert.rejects(pool.analyze(TEXT.repeat(200), { timeoutMs: 1 }), (e: Error & { code?: number }) => e.code === 413);
    const r = await pool.analyze(TEXT);
    assert.equal(r.text, TEXT);
    const ac = new AbortController();
    const p = pool.analyze(TEXT.repeat(200), { signal: ac.signal });
    ac.abort();
    await assert.rejects(p, (e: Error & { code?: number }) => e.code === 417);
  } finally {
    await pool.close();
  }
});

test('pool: more pending than workers + maxQueue is refused with E416', async () => {
  const pool = createPool({ workers: 1, maxQueue: 1, pipeline: PIPELINE });
  try {
    const a = pool.analyze(TEXT);
    const b = pool.analyze(TEXT);
    await assert.rejects(pool.analyze(TEXT), (e: Error & { code?: number }) => e.code === 416);
    await Promise.all([a, b]);
  } finally {
    await pool.close();
  }
});

test('pool: analyzeStream yields in input order with errors in place, loading files in the worker', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'slant-pool-'));
  const paths = ['one', 'two', 'three'].map((n, i) => {
    const p = join(dir, `${n}.txt`);
    writeFileSync(p, `${TEXT} Article ${i}.`);
    return p;
  });
  const inputs = [{ load: paths[0]! }, { text: '' }, { load: paths[1]! }, { load: join(dir, 'missing.txt') }, { load: paths[2]! }];
  const pool = createPool({ workers: 2, pipeline: PIPELINE });
  try {
    const seen: string[] = [];
    for await (const item of pool.analyzeStream(inputs, { inFlight: 2 })) {
      if (item.error) seen.push(`${item.index} E${item.error.code}`);
      else {
        const r = JSON.parse(item.bytes!.toString('utf8')) as AnalysisResult;
        assert.ok(item.bytes!.toString('utf8').endsWith('}\n'));
        seen.push(`${item.index} ${r.id}`);
      }
    }
    assert.deepEqual(seen, [`0 ${paths[0]}`, '1 E101', `2 ${paths[1]}`, '3 E105', `4 ${paths[2]}`]);
    const unordered = [];
    for await (const item of pool.analyzeStream(inputs, { ordered: false })) unordered.push(item.index);
    assert.deepEqual(unordered.sort(), [0, 1, 2, 3, 4]);
  } finally {
    await pool.close();
  }
});

test('pool: analyzeStream pulls inputs only a bounded window ahead of what it has yielded', async () => {
  const pool = createPool({ workers: 2, pipeline: PIPELINE });
  let pulled = 0;
  let yielded = 0;
  let maxAhead = 0;
  async function* inputs() {
    for (let i = 0; i < 30; i++) {
      pulled++;
      maxAhead = Math.max(maxAhead, pulled - yielded);
      yield { text: `${TEXT} Item ${i}.`, id: String(i) };
    }
  }
  try {
    for await (const item of pool.analyzeStream(inputs(), { inFlight: 3, format: 'json' })) {
      assert.equal(item.id, String(yielded));
      yielded++;
    }
    assert.equal(yielded, 30);
    assert.ok(maxAhead <= 4, `pulled ${maxAhead} ahead`); // 3 in flight + the one being pulled
  } finally {
    await pool.close();
  }
});
