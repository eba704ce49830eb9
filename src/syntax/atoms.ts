/**
 * Per-token atoms, hashed once per token so the tagger and parser build features by mixing
 * integers (no strings in the inner loops).
 */
import { hashRange, hashString, type HashIndex } from './hash.js';

export interface Atoms {
  n: number;
  /** Lower-cased word (numbers collapsed to !YEAR / !DIGITS). */
  lower: Uint32Array;
  /** Exact form. */
  form: Uint32Array;
  suf1: Uint32Array;
  suf2: Uint32Array;
  suf3: Uint32Array;
  suf4: Uint32Array;
  pre1: Uint32Array;
  pre2: Uint32Array;
  pre3: Uint32Array;
  shape: Uint32Array;
  /** Word cluster ids (fine and coarse, clusters.ts); NO_CLUSTER for words not in the table. */
  cl: Uint32Array;
  cc: Uint32Array;
}

/** Cluster atom of words outside the cluster table (cluster ids are below 0xffff). */
export const NO_CLUSTER = 0xffff;

const YEAR = hashString('!YEAR');
const DIGITS = hashString('!DIGITS');
/** Atom for positions outside the sentence. */
export const PAD = hashString('!PAD');

/**
 * Atoms of a sentence. `clusters` maps the `lower` atom to `fine | coarse << 16` (the model's
 * cluster table); without it every word gets NO_CLUSTER.
 */
export function computeAtoms(forms: readonly string[], clusters?: HashIndex): Atoms {
  const n = forms.length;
  const a: Atoms = {
    n,
    lower: new Uint32Array(n),
    form: new Uint32Array(n),
    suf1: new Uint32Array(n),
    suf2: new Uint32Array(n),
    suf3: new Uint32Array(n),
    suf4: new Uint32Array(n),
    pre1: new Uint32Array(n),
    pre2: new Uint32Array(n),
    pre3: new Uint32Array(n),
    shape: new Uint32Array(n),
    cl: new Uint32Array(n),
    cc: new Uint32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const f = forms[i]!;
    const lw = f.toLowerCase();
    const L = lw.length;
    a.form[i] = hashString(f);
    let digits = 0;
    for (let k = 0; k < L; k++) {
      const c = lw.charCodeAt(k);
      if (c >= 48 && c <= 57) digits++;
    }
    a.lower[i] = digits === 0 ? hashString(lw) : digits === 4 && L === 4 ? YEAR : digits * 2 >= L ? DIGITS : hashString(lw);
    a.suf1[i] = hashRange(lw, Math.max(0, L - 1), L);
    a.suf2[i] = hashRange(lw, Math.max(0, L - 2), L);
    a.suf3[i] = hashRange(lw, Math.max(0, L - 3), L);
    a.suf4[i] = hashRange(lw, Math.max(0, L - 4), L);
    a.pre1[i] = hashRange(lw, 0, Math.min(1, L));
    a.pre2[i] = hashRange(lw, 0, Math.min(2, L));
    a.pre3[i] = hashRange(lw, 0, Math.min(3, L));
    a.shape[i] = shapeHash(f);
    const c = clusters ? clusters.get(a.lower[i]!) : -1;
    a.cl[i] = c < 0 ? NO_CLUSTER : c & 0xffff;
    a.cc[i] = c < 0 ? NO_CLUSTER : c >>> 16;
  }
  return a;
}

/** Word shape: X / x / d / the character itself, runs longer than two collapsed, at most 8 classes. */
function shapeHash(f: string): number {
  let h = 0x811c9dc5;
  let last = -1;
  let run = 0;
  let len = 0;
  for (let k = 0; k < f.length && len < 8; k++) {
    const ch = f.charCodeAt(k);
    let c: number;
    if (ch >= 65 && ch <= 90) c = 88; // X
    else if (ch >= 97 && ch <= 122) c = 120; // x
    else if (ch >= 48 && ch <= 57) c = 100; // d
    else if (ch > 127) {
      const s = f[k]!;
      c = s.toLowerCase() !== s ? 88 : s.toUpperCase() !== s ? 120 : ch;
    } else c = ch;
    if (c === last) {
      run++;
      if (run > 2) continue;
    } else {
      run = 1;
      last = c;
    }
    h = Math.imul(h ^ c, 0x01000193);
    len++;
  }
  return h & 0x3fffffff;
}
