/**
 * 30-bit hashing for features (30 bits so every hash is a small integer in V8 and is never boxed
 * on its way through the feature code). Features are never built as strings: each token's atoms (word,
 * suffixes, shape) are hashed once, and a feature is a template id mixed with a few atom hashes.
 * Key 0 is reserved (empty slot in the tables), so hashes are never 0.
 */

/** FNV-1a over the UTF-16 units of s[start, end), without allocating a substring. */
export function hashRange(s: string, start: number, end: number, lower = false): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = s.charCodeAt(i);
    if (lower && c >= 65 && c <= 90) c += 32;
    else if (lower && c > 127) c = s[i]!.toLowerCase().charCodeAt(0);
    h = Math.imul(h ^ c, 0x01000193);
  }
  return (h ^ (h >>> 30)) & MASK;
}

export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

const MASK = 0x3fffffff;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & MASK;
}

/**
 * Feature key from a template id and one to four atoms: multiply-xor rounds, one finaliser. Never 0.
 */
export function f1(t: number, a: number): number {
  return fmix(Math.imul(Math.imul(t + 1, 0x9e3779b1) ^ a, 0x01000193)) || 1;
}
export function f2(t: number, a: number, b: number): number {
  return fmix(Math.imul(Math.imul(Math.imul(t + 1, 0x9e3779b1) ^ a, 0x01000193) ^ b, 0x85ebca77)) || 1;
}
export function f3(t: number, a: number, b: number, c: number): number {
  return fmix(Math.imul(Math.imul(Math.imul(Math.imul(t + 1, 0x9e3779b1) ^ a, 0x01000193) ^ b, 0x85ebca77) ^ c, 0xc2b2ae3d)) || 1;
}
export function f4(t: number, a: number, b: number, c: number, d: number): number {
  return fmix(Math.imul(Math.imul(Math.imul(Math.imul(Math.imul(t + 1, 0x9e3779b1) ^ a, 0x01000193) ^ b, 0x85ebca77) ^ c, 0xc2b2ae3d) ^ d, 0x27d4eb2f)) || 1;
}

/** Open-addressing map from non-zero uint32 keys to int32 values (rows), growing at half load. */
export class HashIndex {
  keys: Uint32Array;
  vals: Int32Array;
  mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 1024;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }

  get(key: number): number {
    const keys = this.keys;
    const mask = this.mask;
    let i = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    for (;;) {
      const k = keys[i]!;
      if (k === key) return this.vals[i]!;
      if (k === 0) return -1;
      i = (i + 1) & mask;
    }
  }

  set(key: number, val: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    let i = Math.imul(key, 0x9e3779b1) >>> 0 & this.mask;
    for (;;) {
      const k = this.keys[i]!;
      if (k === key) {
        this.vals[i] = val;
        return;
      }
      if (k === 0) {
        this.keys[i] = key;
        this.vals[i] = val;
        this.size++;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const { keys, vals } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.vals = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.set(keys[i]!, vals[i]!);
  }
}

/** Small seeded PRNG so training is reproducible. */
export { seededRandom as prng } from '../core/random.js';

export function shuffle<T>(xs: T[], rand: () => number): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = xs[i]!;
    xs[i] = xs[j]!;
    xs[j] = t;
  }
}
