/**
 * Near-copy signatures: word shingles, a MinHash signature over them, and LSH band keys. Two
 * documents land in a common bucket with probability 1 - (1 - J^ROWS)^BANDS for shingle Jaccard J:
 * ROWS = 2 keeps partial copies (an excerpt of a third with commentary has J ≈ 0.25) findable,
 * while unrelated articles (J ≈ 0.001) almost never meet.
 */
export const SHINGLE = 4;
export const HASHES = 192;
export const ROWS = 2;
export const BANDS = HASHES / ROWS;
/** Longest text (code units) shingled; longer documents are signed on their first part. */
const MAX_CHARS = 400_000;

const WORD = /[\p{L}\p{N}]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Lowercased words; CJK runs (written without spaces) become one token per character. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, MAX_CHARS).toLowerCase().matchAll(WORD)) {
    const w = m[0];
    if (CJK.test(w)) for (const ch of w) out.push(ch);
    else out.push(w);
  }
  return out;
}

/** 32-bit FNV-1a of a string. */
export function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The set of shingle hashes (k consecutive words). A text shorter than k words is one shingle. */
export function shingles(text: string, k = SHINGLE): Set<number> {
  const w = words(text);
  const out = new Set<number>();
  if (w.length === 0) return out;
  if (w.length < k) {
    out.add(fnv(w.join(' ')));
    return out;
  }
  for (let i = 0; i + k <= w.length; i++) out.add(fnv(w.slice(i, i + k).join(' ')));
  return out;
}

/** murmur3's finaliser: a good 32-bit mix. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: HASHES }, (_, i) => mix((i + 1) * 0x9e3779b1));

export function minhash(set: Iterable<number>): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const x of set) {
    for (let i = 0; i < HASHES; i++) {
      const v = mix(x ^ SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** One bucket key per band: the band's number and its rows, hashed. */
export function bands(sig: Uint32Array): string[] {
  const out: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let key = `${b}`;
    for (let r = 0; r < ROWS; r++) key += `.${sig[b * ROWS + r]!.toString(36)}`;
    out.push(key);
  }
  return out;
}

/** Estimated Jaccard similarity of the two sets behind two signatures. */
export function estimate(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}

/** Exact overlap of two shingle sets. */
export function overlap(a: Set<number>, b: Set<number>): { shared: number; jaccard: number; containment: number } {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  const union = a.size + b.size - shared;
  return { shared, jaccard: union ? shared / union : 0, containment: small.size ? shared / small.size : 0 };
}
