/**
 * Linear models over hashed binary features, trained with AdaGrad and a seeded shuffle so a training
 * run is reproducible bit for bit. Examples are stored packed (one Int32Array of feature indices
 * plus offsets) so 300k token examples fit in a few tens of megabytes.
 */
import { seededRandom as rng } from '../core/random.js';

export { seededRandom as rng } from '../core/random.js';

export function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** Packed sparse examples: features of example k are idx[off[k]..off[k+1]). */
export class Examples {
  private idx: Int32Array = new Int32Array(1 << 16);
  private n = 0;
  readonly off: number[] = [0];
  readonly labels: number[] = [];
  readonly weights: number[] = [];

  add(features: ArrayLike<number>, label: number, weight = 1): void {
    if (this.n + features.length > this.idx.length) {
      const grown = new Int32Array(Math.max(this.idx.length * 2, this.n + features.length));
      grown.set(this.idx.subarray(0, this.n));
      this.idx = grown;
    }
    for (let i = 0; i < features.length; i++) this.idx[this.n++] = features[i]!;
    this.off.push(this.n);
    this.labels.push(label);
    this.weights.push(weight);
  }

  get size(): number {
    return this.labels.length;
  }

  features(k: number): Int32Array {
    return this.idx.subarray(this.off[k]!, this.off[k + 1]!);
  }
}

export interface TrainOptions {
  epochs: number;
  lr: number;
  l2: number;
  seed: number;
}

/** Binary logistic regression: weights over `dim` buckets. */
export function trainBinary(ex: Examples, dim: number, o: TrainOptions, subset?: number[]): Float32Array {
  const w = new Float32Array(dim);
  const g2 = new Float32Array(dim).fill(1e-6);
  const rand = rng(o.seed);
  const order = subset ? [...subset] : Array.from({ length: ex.size }, (_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffle(order, rand);
    for (const k of order) {
      const f = ex.features(k);
      let z = 0;
      for (let i = 0; i < f.length; i++) z += w[f[i]!]!;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - ex.labels[k]!) * ex.weights[k]!;
      for (let i = 0; i < f.length; i++) {
        const j = f[i]!;
        const gj = g + o.l2 * w[j]!;
        g2[j]! += gj * gj;
        w[j]! -= (o.lr * gj) / Math.sqrt(g2[j]!);
      }
    }
  }
  return w;
}

export function scoreBinary(w: Float32Array, f: ArrayLike<number>): number {
  let z = 0;
  for (let i = 0; i < f.length; i++) z += w[f[i]!]!;
  return z;
}

/** Multinomial logistic regression: weights laid out [bucket * classes + class]. */
export function trainSoftmax(ex: Examples, dim: number, classes: number, o: TrainOptions, subset?: number[]): Float32Array {
  const w = new Float32Array(dim * classes);
  const g2 = new Float32Array(dim * classes).fill(1e-6);
  const rand = rng(o.seed);
  const order = subset ? [...subset] : Array.from({ length: ex.size }, (_, i) => i);
  const p = new Float64Array(classes);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffle(order, rand);
    for (const k of order) {
      const f = ex.features(k);
      softmaxInto(w, f, classes, p);
      const y = ex.labels[k]!;
      const wt = ex.weights[k]!;
      for (let i = 0; i < f.length; i++) {
        const base = f[i]! * classes;
        for (let c = 0; c < classes; c++) {
          const j = base + c;
          const gj = (p[c]! - (c === y ? 1 : 0)) * wt + o.l2 * w[j]!;
          g2[j]! += gj * gj;
          w[j]! -= (o.lr * gj) / Math.sqrt(g2[j]!);
        }
      }
    }
  }
  return w;
}

export function softmaxInto(w: Float32Array, f: ArrayLike<number>, classes: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < f.length; i++) {
    const base = f[i]! * classes;
    for (let c = 0; c < classes; c++) out[c]! += w[base + c]!;
  }
  let max = -Infinity;
  for (let c = 0; c < classes; c++) max = Math.max(max, out[c]!);
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < classes; c++) out[c]! /= sum;
  return out;
}

/** Platt scaling: p = σ(a·x + b), fitted by Newton-free gradient descent on log loss (1-D, cheap). */
export interface Platt {
  a: number;
  b: number;
}

export function fitPlatt(xs: number[], ys: boolean[]): Platt {
  let a = 0, b = 0;
  const n = xs.length;
  if (n === 0) return { a: 1, b: 0 };
  const loss = (a: number, b: number) => {
    let l = 0;
    for (let i = 0; i < n; i++) {
      const z = a * xs[i]! + b;
      l += ys[i] ? Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }
    return l;
  };
  // Newton's method with backtracking on the 2-parameter log loss, starting from p = 0.5.
  let current = loss(a, b);
  for (let it = 0; it < 100; it++) {
    let ga = 0, gb = 0, haa = 1e-6, hab = 0, hbb = 1e-6;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(a * xs[i]! + b)));
      const d = p - (ys[i] ? 1 : 0);
      const h = Math.max(p * (1 - p), 1e-9);
      ga += d * xs[i]!; gb += d;
      haa += h * xs[i]! * xs[i]!; hab += h * xs[i]!; hbb += h;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1, next = loss(a - da, b - db);
    while (next > current && step > 1e-4) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > current) break;
    a -= step * da; b -= step * db;
    const done = current - next < 1e-9 * n;
    current = next;
    if (done) break;
  }
  return { a, b };
}

export function platt(c: Platt, x: number): number {
  return 1 / (1 + Math.exp(-(c.a * x + c.b)));
}

/** The logit of a probability, clipped so 0 and 1 stay finite. */
export function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}
