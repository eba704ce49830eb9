import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestSplit } from './balance.js';

/** A signed graph with two planted camps: pairs inside a camp +, across −; `flip` pairs get the wrong sign. */
function planted(n: number, density: number, flip: (i: number, j: number) => boolean) {
  const codes = Array.from({ length: n }, (_, i) => `X${String(i).padStart(3, '0')}`);
  const camp = (i: number): number => (i * 7) % 3 === 0 ? 1 : 0;
  const pairs = new Map<string, { sign: 1 | -1 }>();
  let r = 1;
  const rand = (): number => ((r = (r * 48271) % 2147483647) / 2147483647);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j !== i + 1 && rand() > density) continue; // a chain keeps the graph connected
      const same = camp(i) === camp(j);
      pairs.set(`${codes[i]}|${codes[j]}`, { sign: same !== flip(i, j) ? 1 : -1 });
    }
  }
  return { codes, pairs, camp };
}

test('balance: exact on small groups (an unbalanced triangle costs one pair), mirror split fixed', () => {
  const pairs = new Map<string, { sign: 1 | -1 }>([['A|B', { sign: 1 }], ['B|C', { sign: 1 }], ['A|C', { sign: -1 }]]);
  const s = bestSplit(['A', 'B', 'C'], pairs, new Map());
  assert.equal(s.cost, 1);
  assert.equal(s.exact, true);
  assert.equal(s.side.get('C'), 0); // the last code of a free group stays in camp 0
  const two = bestSplit(['A', 'B', 'C', 'D', 'E'], new Map([...pairs, ['D|E', { sign: -1 }]]), new Map([['E', 0]]));
  assert.equal(two.cost, 1);
  assert.deepEqual([two.side.get('D'), two.side.get('E')], [1, 0]);
});

test('balance: a large balanced graph is split without a single disagreeing pair, deterministically', () => {
  const { codes, pairs, camp } = planted(300, 0.03, () => false);
  const s = bestSplit(codes, pairs, new Map());
  assert.equal(s.exact, false);
  assert.equal(s.cost, 0);
  const first = s.side.get(codes[0]!);
  codes.forEach((c, i) => assert.equal(s.side.get(c) === first, camp(i) === camp(0), c));
  assert.deepEqual([...bestSplit(codes, pairs, new Map()).side], [...s.side]);
});

test('balance: local search honours fixed actors and stays near the planted split under noise', () => {
  const { codes, pairs } = planted(200, 0.05, (i, j) => (i * 31 + j * 17) % 23 === 0);
  const wrong = [...pairs.values()].length; // an upper bound
  // Fixed as planted, but in the camp numbers the free search would not choose (0 ↔ 1).
  const fixed = new Map<string, 0 | 1>([[codes[0]!, 0], [codes[3]!, 0], [codes[1]!, 1]]);
  const s = bestSplit(codes, pairs, fixed);
  assert.deepEqual([s.side.get(codes[0]!), s.side.get(codes[3]!), s.side.get(codes[1]!)], [0, 0, 1]);
  const noisy = [...pairs.keys()].filter((k) => {
    const [a, b] = k.split('|').map((c) => Number(c.slice(1)));
    return (a! * 31 + b! * 17) % 23 === 0;
  }).length;
  assert.ok(s.cost <= noisy && s.cost < wrong, `cost ${s.cost}, planted ${noisy}`);
});
