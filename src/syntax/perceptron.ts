/**
 * Averaged perceptron over hashed features. Training keeps dense rows (one per feature seen in an
 * update, `classes` weights each) plus the running sums for averaging; `freeze()` turns it into a
 * sparse, quantised model (int16 weights, rows keep only their non-zero classes) that scores by
 * adding a few entries per feature — small on disk and fast.
 */
import { HashIndex } from './hash.js';

export class PerceptronTrainer {
  readonly classes: number;
  private index = new HashIndex(1 << 16);
  private w: Float32Array;
  /** Sum of (time × update): averaged weight = w - u / time. */
  private u: Float64Array;
  private rows = 0;
  private time = 1;

  constructor(classes: number) {
    this.classes = classes;
    this.w = new Float32Array(1 << 16);
    this.u = new Float64Array(1 << 16);
  }

  /** Current (not averaged) scores. */
  score(feats: Uint32Array, n: number, out: Float32Array): void {
    const C = this.classes;
    out.fill(0, 0, C);
    for (let f = 0; f < n; f++) {
      const row = this.index.get(feats[f]!);
      if (row < 0) continue;
      const base = row * C;
      for (let c = 0; c < C; c++) out[c]! += this.w[base + c]!;
    }
  }

  /** Count one training instance (advances the averaging clock). */
  tick(): void {
    this.time++;
  }

  update(feats: Uint32Array, n: number, gold: number, guess: number): void {
    if (gold === guess) return;
    const C = this.classes;
    const t = this.time;
    for (let f = 0; f < n; f++) {
      const base = this.row(feats[f]!) * C;
      this.w[base + gold]! += 1;
      this.u[base + gold]! += t;
      this.w[base + guess]! -= 1;
      this.u[base + guess]! -= t;
    }
  }

  private row(key: number): number {
    let r = this.index.get(key);
    if (r >= 0) return r;
    r = this.rows++;
    const need = this.rows * this.classes;
    if (need > this.w.length) {
      let cap = this.w.length * 2;
      while (cap < need) cap *= 2;
      const w = new Float32Array(cap);
      w.set(this.w);
      const u = new Float64Array(cap);
      u.set(this.u);
      this.w = w;
      this.u = u;
    }
    this.index.set(key, r);
    return r;
  }

  /** Averaged, quantised, pruned copy. Weights whose |value| rounds below `minQ` are dropped. */
  freeze(minQ = 1): SparseModel {
    const C = this.classes;
    const t = this.time;
    const avg = new Float32Array(this.rows * C);
    let max = 0;
    for (let i = 0; i < avg.length; i++) {
      const a = this.w[i]! - this.u[i]! / t;
      avg[i] = a;
      if (Math.abs(a) > max) max = Math.abs(a);
    }
    const scale = max > 0 ? 32000 / max : 1;
    const keyOf = new Uint32Array(this.rows);
    const { keys, vals } = this.index;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) keyOf[vals[i]!] = keys[i]!;
    const outKeys: number[] = [];
    const start: number[] = [0];
    const cls: number[] = [];
    const val: number[] = [];
    for (let r = 0; r < this.rows; r++) {
      const before = cls.length;
      for (let c = 0; c < C; c++) {
        const q = Math.round(avg[r * C + c]! * scale);
        if (Math.abs(q) >= minQ) {
          cls.push(c);
          val.push(q);
        }
      }
      if (cls.length > before) {
        outKeys.push(keyOf[r]!);
        start.push(cls.length);
      }
    }
    return new SparseModel(C, Uint32Array.from(outKeys), Uint32Array.from(start), Uint8Array.from(cls), Int16Array.from(val));
  }
}

/** Frozen model: for feature row r, classes cls[start[r]..start[r+1]) with int16 weights. */
export class SparseModel {
  readonly index: HashIndex;
  constructor(
    readonly classes: number,
    readonly keys: Uint32Array,
    readonly start: Uint32Array,
    readonly cls: Uint8Array,
    readonly val: Int16Array,
  ) {
    this.index = new HashIndex(keys.length);
    for (let i = 0; i < keys.length; i++) this.index.set(keys[i]!, i);
  }

  score(feats: Uint32Array, n: number, out: Int32Array): void {
    out.fill(0, 0, this.classes);
    const { start, cls, val, index } = this;
    for (let f = 0; f < n; f++) {
      const r = index.get(feats[f]!);
      if (r < 0) continue;
      const e = start[r + 1]!;
      for (let j = start[r]!; j < e; j++) out[cls[j]!]! += val[j]!;
    }
  }

  get entries(): number {
    return this.cls.length;
  }
}
