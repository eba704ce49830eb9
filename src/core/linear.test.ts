import { test } from 'node:test';
import assert from 'node:assert/strict';
import { solveLinear } from './linear.js';

test('solveLinear solves a system that needs pivoting', () => {
  // 0·x + 2y = 4 ; 3x + y = 5  →  x = 1, y = 2 (the first pivot is zero without row exchange)
  const x = solveLinear([[0, 2], [3, 1]], [4, 5]);
  assert.ok(Math.abs(x[0]! - 1) < 1e-12 && Math.abs(x[1]! - 2) < 1e-12, String(x));
});

test('solveLinear gives a column with no pivot weight 0 instead of an infinity', () => {
  const x = solveLinear([[2, 0], [0, 0]], [4, 0]);
  assert.deepEqual(x, [2, 0]);
});

test('solveLinear matches a known 3×3 solution', () => {
  const A = [[4, 1, 2], [1, 5, 1], [2, 1, 6]];
  const want = [1, -2, 3];
  const b = A.map((row) => row.reduce((s, v, j) => s + v * want[j]!, 0));
  solveLinear(A, b).forEach((v, i) => assert.ok(Math.abs(v - want[i]!) < 1e-9));
});
