/**
 * Word clusters from unlabelled text, as semi-supervised features for the tagger and parser (Koo,
 * Carreras & Collins 2008 used Brown clusters the same way). The clustering is the exchange
 * algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998), which maximises the same class-bigram
 * likelihood as Brown clustering but moves one word at a time between a fixed number of classes:
 * simple, deterministic and fast enough for a few million words in JavaScript.
 *
 * Words are normalised as the tagger and parser see them (lower case, numbers collapsed), so the
 * shipped table is keyed by the same hash as the `lower` atom. Two granularities are kept (a fine
 * and a coarse clustering, run separately), as Koo et al. used short and full Brown-path prefixes.
 */
import { hashString } from './hash.js';

/** The tagger/parser normalisation of a word (see atoms.ts: lower case, years and numbers collapsed). */
export function normWord(form: string): string {
  const lw = form.toLowerCase();
  let digits = 0;
  for (let k = 0; k < lw.length; k++) {
    const c = lw.charCodeAt(k);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits === 0) return lw;
  if (digits === 4 && lw.length === 4) return '!YEAR';
  return digits * 2 >= lw.length ? '!DIGITS' : lw;
}

export interface ClusterOptions {
  classes: number;
  /** Words seen fewer times than this share one "rare word" entry (not in the output). */
  minCount: number;
  /** Upper bound on passes over the vocabulary (stops early when no word moves). */
  iterations: number;
  log?: (msg: string) => void;
}

const BOUNDARY = '<s>';
const RARE = '<rare>';

function g(x: number): number {
  return x > 0 ? x * Math.log(x) : 0;
}

/**
 * Exchange clustering of the words in `sents` (already tokenised and normalised). Returns word →
 * class for words seen at least `minCount` times. Deterministic: words are visited by frequency
 * (ties by spelling), and a word moves only to a strictly better class.
 */
export function exchangeClusters(sents: readonly (readonly string[])[], o: ClusterOptions): Map<string, number> {
  const K = o.classes;
  const counts = new Map<string, number>();
  for (const s of sents) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
  const vocab = [...counts].filter(([, c]) => c >= o.minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([w]) => w);
  vocab.push(BOUNDARY, RARE);
  const id = new Map(vocab.map((w, i) => [w, i]));
  const V = vocab.length;
  const rare = id.get(RARE)!;
  const bnd = id.get(BOUNDARY)!;
  // bigram counts (sentence boundaries included)
  const big = new Map<number, number>();
  const add = (a: number, b: number): void => {
    const k = a * V + b;
    big.set(k, (big.get(k) ?? 0) + 1);
  };
  for (const s of sents) {
    let prev = bnd;
    for (const w of s) {
      const cur = id.get(w) ?? rare;
      add(prev, cur);
      prev = cur;
    }
    add(prev, bnd);
  }
  // CSR adjacency: successors and predecessors of each word (self pairs kept apart)
  const self = new Float64Array(V);
  const succN = new Int32Array(V + 1);
  const predN = new Int32Array(V + 1);
  const pairs = [...big].sort((x, y) => x[0] - y[0]);
  for (const [k] of pairs) {
    const a = Math.floor(k / V);
    const b = k - a * V;
    if (a === b) continue;
    succN[a + 1]!++;
    predN[b + 1]!++;
  }
  for (let i = 0; i < V; i++) {
    succN[i + 1]! += succN[i]!;
    predN[i + 1]! += predN[i]!;
  }
  const succW = new Int32Array(succN[V]!);
  const succC = new Float64Array(succN[V]!);
  const predW = new Int32Array(predN[V]!);
  const predC = new Float64Array(predN[V]!);
  const sf = succN.slice();
  const pf = predN.slice();
  const nl = new Float64Array(V); // times w is the first of a pair
  const nr = new Float64Array(V); // times w is the second
  for (const [k, c] of pairs) {
    const a = Math.floor(k / V);
    const b = k - a * V;
    nl[a]! += c;
    nr[b]! += c;
    if (a === b) {
      self[a] = c;
      continue;
    }
    succW[sf[a]!] = b;
    succC[sf[a]!++] = c;
    predW[pf[b]!] = a;
    predC[pf[b]!++] = c;
  }
  // initial classes: round robin by frequency rank
  const cls = new Int32Array(V);
  for (let w = 0; w < V; w++) cls[w] = w % K;
  const N = new Float64Array(K * K);
  const Nl = new Float64Array(K);
  const Nr = new Float64Array(K);
  for (const [k, c] of pairs) {
    const a = Math.floor(k / V);
    const b = k - a * V;
    N[cls[a]! * K + cls[b]!]! += c;
    Nl[cls[a]!]! += c;
    Nr[cls[b]!]! += c;
  }
  const R = new Float64Array(K);
  const L = new Float64Array(K);
  const tR = new Int32Array(K);
  const tL = new Int32Array(K);
  const delta = new Float64Array(K);
  for (let it = 1; it <= o.iterations; it++) {
    let moves = 0;
    for (let w = 0; w < V; w++) {
      let nR = 0;
      let nL = 0;
      for (let j = succN[w]!; j < succN[w + 1]!; j++) {
        const c = cls[succW[j]!]!;
        if (R[c] === 0) tR[nR++] = c;
        R[c]! += succC[j]!;
      }
      for (let j = predN[w]!; j < predN[w + 1]!; j++) {
        const c = cls[predW[j]!]!;
        if (L[c] === 0) tL[nL++] = c;
        L[c]! += predC[j]!;
      }
      const sw = self[w]!;
      const a = cls[w]!;
      // take w out of its class
      for (let j = 0; j < nR; j++) N[a * K + tR[j]!]! -= R[tR[j]!]!;
      for (let j = 0; j < nL; j++) N[tL[j]! * K + a]! -= L[tL[j]!]!;
      N[a * K + a]! -= sw;
      Nl[a]! -= nl[w]!;
      Nr[a]! -= nr[w]!;
      // gain of putting it into each class b
      for (let b = 0; b < K; b++) {
        let d = 0;
        const row = b * K;
        for (let j = 0; j < nR; j++) {
          const c = tR[j]!;
          if (c === b) continue;
          const x = N[row + c]!;
          d += g(x + R[c]!) - g(x);
        }
        for (let j = 0; j < nL; j++) {
          const c = tL[j]!;
          if (c === b) continue;
          const x = N[c * K + b]!;
          d += g(x + L[c]!) - g(x);
        }
        const bb = N[row + b]!;
        d += g(bb + R[b]! + L[b]! + sw) - g(bb);
        d -= g(Nl[b]! + nl[w]!) - g(Nl[b]!) + g(Nr[b]! + nr[w]!) - g(Nr[b]!);
        delta[b] = d;
      }
      let best = a;
      for (let b = 0; b < K; b++) if (delta[b]! > delta[best]! + 1e-9) best = b;
      for (let j = 0; j < nR; j++) N[best * K + tR[j]!]! += R[tR[j]!]!;
      for (let j = 0; j < nL; j++) N[tL[j]! * K + best]! += L[tL[j]!]!;
      N[best * K + best]! += sw;
      Nl[best]! += nl[w]!;
      Nr[best]! += nr[w]!;
      if (best !== a) moves++;
      cls[w] = best;
      for (let j = 0; j < nR; j++) R[tR[j]!] = 0;
      for (let j = 0; j < nL; j++) L[tL[j]!] = 0;
    }
    let ll = 0;
    for (let i = 0; i < K * K; i++) ll += g(N[i]!);
    for (let c = 0; c < K; c++) ll -= g(Nl[c]!) + g(Nr[c]!);
    o.log?.(`exchange K=${K} pass ${it}: ${moves} of ${V} words moved, objective ${ll.toFixed(0)}`);
    if (moves === 0) break;
  }
  const out = new Map<string, number>();
  for (let w = 0; w < V; w++) if (w !== rare && w !== bnd) out.set(vocab[w]!, cls[w]!);
  return out;
}

/** Cluster table: `word<TAB>fine<TAB>coarse` lines (# comments allowed). */
export function parseClusterTable(src: string): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  for (const line of src.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [w, f, c] = line.split('\t');
    if (w === undefined || f === undefined || c === undefined) continue;
    const fine = Number(f);
    const coarse = Number(c);
    if (Number.isInteger(fine) && Number.isInteger(coarse) && fine >= 0 && coarse >= 0 && fine < 0x7fff && coarse < 0x7fff) out.push([w, fine, coarse]);
  }
  return out;
}

/** Table rows as [lower-atom hash, fine | coarse << 16] pairs, sorted (what the model stores). */
export function clusterPairs(rows: ReadonlyArray<[string, number, number]>): Array<[number, number]> {
  return rows.map(([w, f, c]): [number, number] => [hashString(w), f | (c << 16)]).sort((a, b) => a[0] - b[0]);
}
