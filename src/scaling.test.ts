/**
 * Issue 16, fault 2: analysis time must grow linearly with the input. `Russia!!!! ` × 16,000
 * (176 KB) used to take 13.6 s and × 100,000 over 300 s (spans × rule hits, sentences × mentions,
 * edge evidence × events). Timing tests are fragile on a shared machine, so this compares CPU time
 * of the same pathological text at a quarter of the size and at full size (200 KB): linear work gives a ratio near 4, quadratic
 * near 16; the bound (9) leaves room for noise. The absolute bound is only a backstop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from './analyze.js';

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

async function cost(text: string): Promise<number> {
  const t0 = cpuSeconds();
  const r = await analyze(text);
  const spent = cpuSeconds() - t0;
  // Every component must have run: a skipped one (a language guess) would make this test vacuous.
  assert.deepEqual(r.skipped, []);
  return spent;
}

// [text repeated, description, size in bytes]: the second case is heavier per byte (events, graph).
const CASES = [
  ['Russia!!!! ', 'exclamations', 200_000],
  ['The shameful regime in Moscow attacked Kyiv again, officials said. ', 'a repeated sentence with actors, an event and loaded words', 100_000],
] as const;

for (const [unit, label, size] of CASES) {
  test(`${size / 1000} KB of ${label}: work grows linearly (CPU ratio to a quarter of it under 9)`, async () => {
    await analyze('Warm up: Russia and China met in Moscow.'); // models and dictionaries load once
    const small = await cost(unit.repeat(Math.round(size / 4 / unit.length)));
    const big = await cost(unit.repeat(Math.round(size / unit.length)));
    assert.ok(big < 60, `${size / 1000} KB took ${big.toFixed(1)} s of CPU`);
    assert.ok(big / Math.max(small, 0.05) < 9, `${size / 4000} KB: ${small.toFixed(2)} s, ${size / 1000} KB: ${big.toFixed(2)} s of CPU`);
  });
}
