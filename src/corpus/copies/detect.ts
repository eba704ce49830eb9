/**
 * Is one document a (near-)copy of another? Candidates come from LSH buckets; each is verified on
 * the exact shingle sets with two measures: Jaccard similarity (whole-article copies with edits)
 * and containment — shared shingles over the smaller document — so that a partial copy (an excerpt
 * with commentary around it) counts while two articles on the same topic, which share names and
 * phrases but few 4-word runs, do not. Thresholds are chosen by `slant eval copies` (cross-validated).
 */
import { HASHES, bands, estimate, minhash, overlap, shingles } from './minhash.js';

export interface CopyRule {
  /** A pair whose shingle Jaccard reaches this is a copy. */
  jaccard: number;
  /** ...or whose containment (shared / smaller set) reaches this, */
  containment: number;
  /** ...with at least this many shared shingles (short boilerplate overlaps are not copies). */
  minShared: number;
}

/**
 * The rule `slant eval copies` chose on training folds in 15 of 15 folds (3 seeds × 5 folds; the
 * minimum shared count varied 20–40, 30 most often); see docs/results-corpus.md. Containment
 * carries it: partial and reworded copies keep a quarter of the smaller text's 4-word shingles,
 * same-topic articles rarely do. The Jaccard test only matters for rules with a higher containment.
 */
export const DEFAULT_RULE: CopyRule = { jaccard: 0.6, containment: 0.25, minShared: 30 };

export interface Signature {
  set: Set<number>;
  minhash: Uint32Array;
  bands: string[];
}

export function sign(text: string): Signature {
  const set = shingles(text);
  const sig = minhash(set);
  return { set, minhash: sig, bands: bands(sig) };
}

export interface Verdict {
  copy: boolean;
  similarity: number;
  containment: number;
  shared: number;
}

export function verify(a: Set<number>, b: Set<number>, rule: CopyRule = DEFAULT_RULE): Verdict {
  const o = overlap(a, b);
  const copy = o.shared >= rule.minShared && (o.jaccard >= rule.jaccard || o.containment >= rule.containment);
  return { copy, similarity: round(o.jaccard), containment: round(o.containment), shared: o.shared };
}

/**
 * Cheap screen on signatures before the exact check: the containment implied by the estimated
 * Jaccard and the set sizes. Loose on purpose (MinHash estimates are noisy at 128 hashes).
 */
export function plausible(a: { minhash: Uint32Array; shingles: number }, b: { minhash: Uint32Array; shingles: number }, rule: CopyRule = DEFAULT_RULE): boolean {
  const j = estimate(a.minhash, b.minhash);
  const slack = 2 / Math.sqrt(HASHES); // ~2 standard errors at J = 0.5
  const jHigh = Math.min(1, j + slack);
  const shared = (jHigh * (a.shingles + b.shingles)) / (1 + jHigh);
  const small = Math.max(1, Math.min(a.shingles, b.shingles));
  return shared >= rule.minShared && (jHigh >= rule.jaccard || shared / small >= rule.containment);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Most verified candidates compared pairwise for boilerplate (the comparison is quadratic). */
const MAX_BOILERPLATE_PAIRS = 24;

/**
 * Links from a new document to the candidates that pass the rule, after removing boilerplate: text
 * two of the candidates share with each other and with the new document, while sharing little
 * else — a site's newsletter box, a poll widget, a series' editor's note. Such a block links
 * unrelated articles of one site into large false families; real copies of one article share far
 * more with each other than with a third copy's excerpt, so they are untouched.
 */
export function withoutBoilerplate(doc: Set<number>, verified: ReadonlyArray<{ id: string; set: Set<number> }>, rule: CopyRule = DEFAULT_RULE): Array<{ doc: string; similarity: number; containment: number }> {
  const boiler = new Set<number>();
  const list = verified.slice(0, MAX_BOILERPLATE_PAIRS);
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [a, b] = list[i]!.set.size <= list[j]!.set.size ? [list[i]!.set, list[j]!.set] : [list[j]!.set, list[i]!.set];
      let both = 0, withDoc = 0;
      const block: number[] = [];
      for (const x of a) {
        if (!b.has(x)) continue;
        both++;
        if (doc.has(x)) {
          withDoc++;
          block.push(x);
        }
      }
      // What the two candidates share is (nearly) only what all three share: a common block.
      if (withDoc > 0 && both <= withDoc * 1.25 + 10 && both < 0.5 * a.size) for (const x of block) boiler.add(x);
    }
  }
  const out: Array<{ doc: string; similarity: number; containment: number }> = [];
  const strip = (s: Set<number>): Set<number> => (boiler.size ? new Set([...s].filter((x) => !boiler.has(x))) : s);
  const mine = strip(doc);
  for (const c of verified) {
    const v = verify(mine, strip(c.set), rule);
    if (v.copy) out.push({ doc: c.id, similarity: v.similarity, containment: v.containment });
  }
  return out;
}
