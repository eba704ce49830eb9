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

  /** Add `delta` to the weight of class `cls` for each feature (the global updates of beam training). */
  add(feats: Uint32Array, from: number, to: number, cls: number, delta: number): void {
    const C = this.classes;
    const dt = delta * this.time;
    for (let f = from; f < to; f++) {
      const base = this.row(feats[f]!) * C;
      this.w[base + cls]! += delta;
      this.u[base + cls]! += dt;
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

/** 16-bit fingerprint (never 0) of a key, from a hash independent of the slot index. */
function fingerprint(key: number): number {
  return Math.imul(key ^ (key >>> 15), 0x2c1b3c6d) >>> 16 || 1;
}

/**
 * Frozen model: for feature row r, classes cls[start[r]..start[r+1]) with int16 weights. For
 * scoring, rows are laid out for few cache misses: an open-addressing table of [key, start·256 +
 * count] pairs, and each row's entries packed as (class << 16 | weight) next to each other.
 * Scoring is bound by memory latency (the tables are megabytes, every feature a random access),
 * so lookups are done in phases that issue their loads together (about 1.4x faster).
 */
export class SparseModel {
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly packed: Int32Array;
  /**
   * Models with at most 3 classes (the parser's moves) keep the weights in the slot, 8 bytes:
   * [fingerprint << 16 | w0, w1 << 16 | w2], where the fingerprint is 16 bits of a second hash of
   * the key. Half the memory of storing the key, so more of the table stays in cache; an absent
   * feature matches a stored one with probability 2^-16 per probe, which costs nothing measurable.
   */
  private readonly inline: Int32Array | null;
  private slotBuf = new Int32Array(128);
  /** Keeps the touching loads of scoreInline from being optimised away. */
  sink = 0;

  constructor(
    readonly classes: number,
    readonly keys: Uint32Array,
    readonly start: Uint32Array,
    readonly cls: Uint8Array,
    readonly val: Int16Array,
  ) {
    let slots = 1024;
    while (slots * 0.7 < keys.length) slots *= 2;
    this.mask = slots - 1;
    if (classes <= 3) {
      const t = new Int32Array(slots * 2);
      const w = [0, 0, 0];
      for (let r = 0; r < keys.length; r++) {
        const key = keys[r]! | 0;
        const fp = fingerprint(key);
        let i = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
        while (t[2 * i] !== 0 && t[2 * i]! >>> 16 !== fp) i = (i + 1) & this.mask;
        // two keys with the same slot chain and fingerprint share the slot (weights add, clamped)
        w[0] = (t[2 * i]! << 16) >> 16;
        w[1] = t[2 * i + 1]! >> 16;
        w[2] = (t[2 * i + 1]! << 16) >> 16;
        for (let j = start[r]!; j < start[r + 1]!; j++) w[cls[j]!] = Math.max(-32768, Math.min(32767, w[cls[j]!]! + val[j]!));
        t[2 * i] = (fp << 16) | (w[0]! & 0xffff);
        t[2 * i + 1] = (w[1]! << 16) | (w[2]! & 0xffff);
      }
      this.inline = t;
      this.table = new Int32Array(0);
      this.packed = new Int32Array(0);
      return;
    }
    this.inline = null;
    this.table = new Int32Array(slots * 2);
    const packed = new Int32Array(cls.length);
    for (let j = 0; j < cls.length; j++) packed[j] = (cls[j]! << 16) | (val[j]! & 0xffff);
    this.packed = packed;
    for (let r = 0; r < keys.length; r++) {
      const key = keys[r]! | 0;
      let i = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
      while (this.table[2 * i] !== 0 && this.table[2 * i] !== key) i = (i + 1) & this.mask;
      this.table[2 * i] = key;
      // [key, start·256 + count]; a row with one entry keeps it in the slot instead (sign bit set,
      // class << 16 | weight): one memory access instead of two
      const j = start[r]!;
      this.table[2 * i + 1] = start[r + 1]! - j === 1 ? 0x80000000 | (cls[j]! << 16) | (val[j]! & 0xffff) : j * 256 + (start[r + 1]! - j);
    }
  }

  score(feats: Uint32Array, n: number, out: Int32Array): void {
    if (this.inline) return this.scoreInline(this.inline, feats, n, out);
    out.fill(0, 0, this.classes);
    const { table, mask, packed } = this;
    // touch the slots first (see scoreInline), then look up
    const slot = this.slotBuf.length >= n ? this.slotBuf : (this.slotBuf = new Int32Array(n));
    let touch = 0;
    for (let f = 0; f < n; f++) {
      const i = (Math.imul(feats[f]! | 0, 0x9e3779b1) >>> 0) & mask;
      slot[f] = i;
      touch |= table[2 * i]!;
    }
    // probe; rows with several entries are noted (and their entries touched) and added last
    let rows = 0;
    for (let f = 0; f < n; f++) {
      const key = feats[f]! | 0;
      let i = slot[f]!;
      for (;;) {
        const k = table[2 * i]!;
        if (k === key) {
          const sc = table[2 * i + 1]!;
          if (sc < 0) {
            out[(sc >>> 16) & 0x7fff]! += (sc << 16) >> 16;
            break;
          }
          slot[rows++] = sc;
          touch |= packed[sc >>> 8]!;
          break;
        }
        if (k === 0) break;
        i = (i + 1) & mask;
      }
    }
    this.sink = touch;
    for (let r = 0; r < rows; r++) {
      const sc = slot[r]!;
      const s0 = sc >>> 8;
      const e = s0 + (sc & 255);
      for (let j = s0; j < e; j++) {
        const p = packed[j]!;
        out[p >>> 16]! += (p << 16) >> 16;
      }
    }
  }

  private scoreInline(t: Int32Array, feats: Uint32Array, n: number, out: Int32Array): void {
    const mask = this.mask;
    let a = 0;
    let b = 0;
    let c = 0;
    // First touch every slot with no branch on what is loaded, so the cache misses overlap
    // instead of waiting for each other; then probe (the table is memory-bound, not compute-bound).
    const slot = this.slotBuf.length >= n ? this.slotBuf : (this.slotBuf = new Int32Array(n));
    let touch = 0;
    for (let f = 0; f < n; f++) {
      const i = (Math.imul(feats[f]! | 0, 0x9e3779b1) >>> 0) & mask;
      slot[f] = i;
      touch |= t[2 * i]!;
    }
    this.sink = touch;
    for (let f = 0; f < n; f++) {
      const key = feats[f]! | 0;
      const fp = fingerprint(key);
      let i = slot[f]!;
      for (;;) {
        const x = t[2 * i]!;
        if (x >>> 16 === fp) {
          const y = t[2 * i + 1]!;
          a += (x << 16) >> 16;
          b += y >> 16;
          c += (y << 16) >> 16;
          break;
        }
        if (x === 0) break;
        i = (i + 1) & mask;
      }
    }
    out[0] = a;
    out[1] = b;
    out[2] = c;
  }

  get entries(): number {
    return this.cls.length;
  }
}
