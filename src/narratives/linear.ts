/**
 * Small linear models for small data: L2-regularised logistic regression over sparse vectors,
 * fitted by full-batch accelerated gradient descent (deterministic, no seed needed). With 140
 * articles a strong penalty matters more than the optimiser.
 */

/** A sparse vector: parallel arrays of feature indices and values. */
export interface Sparse {
  idx: number[];
  val: number[];
}

export function dot(w: ArrayLike<number>, x: Sparse): number {
  let s = 0;
  for (let i = 0; i < x.idx.length; i++) s += w[x.idx[i]!]! * x.val[i]!;
  return s;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export interface BinaryModel {
  w: Float64Array;
  b: number;
}

export interface FitOptions {
  /** L2 penalty (per example: the loss is the mean log-loss plus l2/2·|w|²). */
  l2: number;
  iterations?: number;
  /** Weight of positive examples relative to negatives (class balance). */
  positiveWeight?: number;
}

/** Binary logistic regression. */
export function fitBinary(xs: readonly Sparse[], ys: readonly number[], dim: number, opts: FitOptions): BinaryModel {
  const n = xs.length;
  const iters = opts.iterations ?? 150;
  const pw = opts.positiveWeight ?? 1;
  // Step size from the Lipschitz bound of the mean log-loss: max |x|² / 4 + l2.
  let maxNorm = 0;
  for (const x of xs) {
    let s = 1; // bias
    for (const v of x.val) s += v * v;
    if (s > maxNorm) maxNorm = s;
  }
  const lip = (Math.max(1, pw) * maxNorm) / 4 + opts.l2;
  const step = 1 / lip;
  let w = new Float64Array(dim);
  let b = 0;
  let vw = new Float64Array(dim); // Nesterov look-ahead point
  let vb = 0;
  let t = 1;
  const g = new Float64Array(dim);
  let wsum = 0;
  for (let i = 0; i < n; i++) wsum += ys[i] ? pw : 1;
  for (let it = 0; it < iters; it++) {
    g.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const cw = ys[i] ? pw : 1;
      const r = (cw * (sigmoid(dot(vw, x) + vb) - ys[i]!)) / wsum;
      for (let k = 0; k < x.idx.length; k++) g[x.idx[k]!] += r * x.val[k]!;
      gb += r;
    }
    const nw = new Float64Array(dim);
    for (let j = 0; j < dim; j++) nw[j] = vw[j]! - step * (g[j]! + opts.l2 * vw[j]!);
    const nb = vb - step * gb;
    const tn = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const mom = (t - 1) / tn;
    const nvw = new Float64Array(dim);
    for (let j = 0; j < dim; j++) nvw[j] = nw[j]! + mom * (nw[j]! - w[j]!);
    vb = nb + mom * (nb - b);
    w = nw;
    b = nb;
    vw = nvw;
    t = tn;
  }
  return { w, b };
}

export function predictBinary(m: BinaryModel, x: Sparse): number {
  return sigmoid(dot(m.w, x) + m.b);
}

/** Platt scaling: fit p = σ(a·s + c) on held-out scores s (logits) and labels. */
export function fitPlatt(scores: readonly number[], ys: readonly number[]): { a: number; c: number } {
  let a = 1;
  let c = 0;
  const n = scores.length;
  if (n === 0) return { a, c };
  // Platt's smoothed targets keep a and c finite when the data separate.
  const pos = ys.filter((y) => y).length;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (n - pos + 2);
  // A weak prior towards the identity (a=1, c=0) keeps Newton's steps bounded on tiny or separable data.
  const lambda = 1;
  for (let it = 0; it < 300; it++) {
    let ga = lambda * (a - 1);
    let gc = lambda * c;
    let haa = lambda;
    let hac = 0;
    let hcc = lambda;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(a * scores[i]! + c);
      const tgt = ys[i] ? hi : lo;
      const r = p - tgt;
      const s = scores[i]!;
      ga += r * s;
      gc += r;
      const h = p * (1 - p);
      haa += h * s * s;
      hac += h * s;
      hcc += h;
    }
    const det = haa * hcc - hac * hac;
    if (Math.abs(det) < 1e-12) break;
    const cap = (x: number): number => Math.max(-2, Math.min(2, x));
    const da = cap((hcc * ga - hac * gc) / det);
    const dc = cap((haa * gc - hac * ga) / det);
    a -= da;
    c -= dc;
    if (Math.abs(da) + Math.abs(dc) < 1e-9) break;
  }
  return { a, c };
}

export function logit(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
}

/** Folds by index, deterministic: item i goes to fold (permutation position) mod k. */
export function folds(n: number, k: number, seed = 1): number[] {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const out = new Array<number>(n);
  order.forEach((item, pos) => (out[item] = pos % k));
  return out;
}
