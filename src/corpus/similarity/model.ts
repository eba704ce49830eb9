/**
 * The model that turns pair features into one story similarity: ridge regression on standardised
 * features (closed form, a handful of weights), plus the cross-validation helpers used to choose
 * features and the penalty. Small enough to read in the shipped JSON.
 */
import { seededRandom as rng } from '../../core/random.js';
import { solveLinear } from '../../core/linear.js';
export interface RidgeModel {
  kind: 'ridge';
  features: string[];
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  lambda: number;
  /** true when every weight was kept ≥ 0 (more overlap never lowers the score). */
  nonNegative?: boolean;
}

export function fitRidge(X: number[][], y: number[], lambda: number, features: string[], nonNegative = false): RidgeModel {
  const d = X[0]?.length ?? 0;
  const n = X.length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, r) => s + r[j]!, 0) / n);
  const scale = Array.from({ length: d }, (_, j) => Math.sqrt(X.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n) || 1);
  const Z = X.map((r) => r.map((v, j) => (v - mean[j]!) / scale[j]!));
  const ym = y.reduce((a, b) => a + b, 0) / n;
  const A = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => Z.reduce((s, r) => s + r[i]! * r[j]!, 0) + (i === j ? lambda : 0)));
  const b = Array.from({ length: d }, (_, i) => Z.reduce((s, r, k) => s + r[i]! * (y[k]! - ym), 0));
  const weights = nonNegative ? nonNegativeSolve(A, b) : solveLinear(A, b);
  return { kind: 'ridge', features, mean, scale, weights, bias: ym, lambda, ...(nonNegative ? { nonNegative } : {}) };
}

/**
 * Minimise ½wᵀAw − bᵀw subject to w ≥ 0 by cyclic coordinate descent (A is positive definite with
 * the ridge term, so this converges); a bounded number of sweeps.
 */
function nonNegativeSolve(A: number[][], b: number[]): number[] {
  const d = b.length;
  const w = new Array<number>(d).fill(0);
  for (let sweep = 0; sweep < 2000; sweep++) {
    let moved = 0;
    for (let j = 0; j < d; j++) {
      let g = b[j]!;
      for (let k = 0; k < d; k++) if (k !== j) g -= A[j]![k]! * w[k]!;
      const next = Math.max(0, g / A[j]![j]!);
      moved = Math.max(moved, Math.abs(next - w[j]!));
      w[j] = next;
    }
    if (moved < 1e-10) break;
  }
  return w;
}

export function predictRidge(m: RidgeModel, x: number[]): number {
  let s = m.bias;
  for (let j = 0; j < m.weights.length; j++) s += m.weights[j]! * ((x[j]! - m.mean[j]!) / m.scale[j]!);
  return s;
}

export function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa && sbb ? sab / Math.sqrt(saa * sbb) : 0;
}

export { seededRandom as rng } from '../../core/random.js';

/** Fold number of each of n items (shuffled with the seed, sizes differ by at most one). */
export function folds(n: number, k: number, seed: number): number[] {
  const r = rng(seed);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  const f = new Array<number>(n);
  idx.forEach((item, pos) => (f[item] = pos % k));
  return f;
}

export const LAMBDAS = [0.1, 1, 3, 10, 30, 100];

/** Out-of-fold predictions of a ridge whose penalty is chosen by an inner CV on each training part. */
export function nestedRidgePredictions(X: number[][], y: number[], k: number, seed: number, features: string[], lambdas = LAMBDAS, nonNegative = false): { pred: number[]; chosen: number[] } {
  const f = folds(X.length, k, seed);
  const pred = new Array<number>(X.length).fill(0);
  const chosen: number[] = [];
  for (let fold = 0; fold < k; fold++) {
    const tr = X.map((_, i) => i).filter((i) => f[i] !== fold);
    const Xtr = tr.map((i) => X[i]!);
    const ytr = tr.map((i) => y[i]!);
    let best = lambdas[0]!;
    let bestR = -Infinity;
    for (const l of lambdas) {
      const inner = cvPredictions(Xtr, ytr, k, seed + 1000 + fold, (a, b) => fitRidge(a, b, l, features, nonNegative));
      const r = pearson(inner, ytr);
      if (r > bestR) {
        bestR = r;
        best = l;
      }
    }
    chosen.push(best);
    const m = fitRidge(Xtr, ytr, best, features, nonNegative);
    for (let i = 0; i < X.length; i++) if (f[i] === fold) pred[i] = predictRidge(m, X[i]!);
  }
  return { pred, chosen };
}

export function cvPredictions(X: number[][], y: number[], k: number, seed: number, fit: (X: number[][], y: number[]) => RidgeModel): number[] {
  const f = folds(X.length, k, seed);
  const pred = new Array<number>(X.length).fill(0);
  for (let fold = 0; fold < k; fold++) {
    const tr = X.map((_, i) => i).filter((i) => f[i] !== fold);
    const m = fit(
      tr.map((i) => X[i]!),
      tr.map((i) => y[i]!),
    );
    for (let i = 0; i < X.length; i++) if (f[i] === fold) pred[i] = predictRidge(m, X[i]!);
  }
  return pred;
}
