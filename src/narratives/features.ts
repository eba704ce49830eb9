/**
 * Article features for narrative classification, as occurrences pinned to offsets so a linear score
 * can be split back over sentences (the evidence). Groups: `w:` words, `b:` word pairs, `h:` title
 * words (all cut to STEM letters), `z:` densities (style markers, persuasion techniques, actors by
 * country, hostile/cooperative events). Each group becomes a TF-IDF vector normalised to unit length and weighted.
 */
import type { Doc } from '../core/document.js';
import '../actors/types.js';
import '../techniques/types.js';
import '../relations/types.js';
import type { Sparse } from './linear.js';

/** One feature occurrence at a UTF-16 offset of the text. */
export interface Occ {
  key: string;
  at: number;
  /** How many occurrences this one stands for (default 1): role features repeat an actor's article-wide keys for every mention. */
  n?: number;
}

// Function words carry style, not topic; dropping them keeps the vocabulary small.
const STOP = new Set(
  ('a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those ' +
    'he she they we you i his her their our your my me him them us not no so than then there here has have had do does did ' +
    'will would can could should may might must also which who whom whose what when where why how all any some such into ' +
    'about over after before up down out more most very just only other one two said says say s t').split(' '),
);

/**
 * Style markers counted as densities: reporting (straight news attributes what it says), the first
 * person and questions/exclamations (opinion), quotation marks.
 */
const STYLE = new Map<string, string>([
  ...['said', 'says', 'according', 'told', 'reported', 'reports', 'stated', 'announced'].map((w) => [w, 'report'] as [string, string]),
  ...['we', 'our', 'us', 'i', 'my', 'me'].map((w) => [w, 'first-person'] as [string, string]),
  ...['you', 'your'].map((w) => [w, 'second-person'] as [string, string]),
  ['?', 'question'],
  ['!', 'exclamation'],
  ...['"', '“', '”'].map((w) => [w, 'quote'] as [string, string]),
]);

const MAX_CHARS = 200_000; // longer articles: features from the first 200k characters

/**
 * Words are cut to their first STEM letters (a crude stemmer: "sanctions"/"sanctioned" → "sancti"),
 * chosen by cross-validation over 5, 6 and 7 (6: narratives F1 +0.02 over whole words on 140 articles).
 */
export const STEM = 6;

/**
 * `z:` features are densities (per 100 words, log-scaled), not TF-IDF: how much of the text is
 * loaded language says more about an article than which techniques it uses in proportion.
 */
/** Feature occurrences of an analysed document (the layers it carries are used when present). */
export function occurrences(doc: Doc): Occ[] {
  const out: Occ[] = [];
  const text = doc.text;
  const end = Math.min(text.length, MAX_CHARS);
  const titleEnd = Math.min(end, text.indexOf('\n') < 0 ? 0 : text.indexOf('\n'));
  let prev: string | null = null;
  // The document's shared tokens (computed once per document for every component).
  for (const t of end === text.length ? doc.tokens : doc.tokensIn(0, end)) {
    const style = STYLE.get(t.norm);
    if (style) out.push({ key: `z:s:${style}`, at: t.start });
    if (!t.word) {
      prev = null;
      continue;
    }
    if (/^\d/.test(t.norm) || t.norm.length < 2 || STOP.has(t.norm)) {
      prev = null;
      continue;
    }
    const w = t.norm.slice(0, STEM);
    out.push({ key: `w:${w}`, at: t.start });
    if (t.start < titleEnd) out.push({ key: `h:${w}`, at: t.start });
    if (prev) out.push({ key: `b:${prev} ${w}`, at: t.start });
    prev = w;
  }
  // Upstream layers as densities only (z:): techniques, actors and events by name added nothing over
  // the words in cross-validation, and a model that leans on them goes stale when they are retrained.
  for (const s of doc.spans('techniques')) {
    out.push({ key: 'z:tech', at: s.start });
    out.push({ key: `z:t:${s.data.technique}`, at: s.start });
  }
  for (const s of doc.spans('actors')) out.push({ key: `z:a:${s.data.country ?? s.data.code}`, at: s.start });
  for (const s of doc.spans('events')) out.push({ key: `z:e:${s.data.goldstein < 0 ? 'neg' : 'pos'}`, at: s.start });
  return out;
}

export const GROUP_WEIGHTS: Record<string, number> = { w: 1, b: 0.6, h: 0.4, r: 0.3, z: 0.5 };

/** A document vector with what evidence needs to split it back over occurrences. */
export interface Vectorized {
  x: Sparse;
  /** Per kept feature: the value one occurrence carries (value / count). */
  perOcc: Map<number, number>;
  /** Per occurrence (same order as the input): its feature index, or -1 when not in the vocabulary. */
  featureOf: Int32Array;
}

/** Vocabulary with inverse document frequencies; builds vectors from occurrences. */
export class Vectorizer {
  readonly index = new Map<string, number>();
  /** First character of each feature key (its group), and a reusable count array (vector() is synchronous). */
  private groupCode?: Uint8Array;
  private counts?: Float64Array;
  constructor(
    readonly vocab: string[],
    readonly idf: number[],
    readonly weights: Record<string, number> = GROUP_WEIGHTS,
  ) {
    vocab.forEach((k, i) => this.index.set(k, i));
  }

  static fit(docs: readonly Occ[][], minDf = 2, maxFeatures = 6000, weights = GROUP_WEIGHTS): Vectorizer {
    const df = new Map<string, number>();
    for (const d of docs) for (const k of new Set(d.map((o) => o.key))) df.set(k, (df.get(k) ?? 0) + 1);
    const n = docs.length;
    const keep = [...df.entries()]
      .filter(([k, c]) => c >= minDf && (c < n * 0.9 || k[0] === 'z') && (weights[k[0]!] ?? 0) > 0) // densities stay even when every article has some
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, maxFeatures)
      .map(([k]) => k)
      .sort();
    return new Vectorizer(
      keep,
      keep.map((k) => Math.log((1 + n) / (1 + df.get(k)!)) + 1),
      weights,
    );
  }

  /**
   * The document vector, and for each kept feature how much of its value each occurrence carries
   * (value / count), so sentence contributions add up to the document score.
   */
  vector(occ: readonly Occ[], forEvidence = true): Vectorized {
    // Typed scratch arrays instead of maps: this runs once per article and once per actor mention.
    const group = (this.groupCode ??= Uint8Array.from(this.vocab, (k) => k.charCodeAt(0) & 127));
    const tf = (this.counts ??= new Float64Array(this.vocab.length));
    const touched: number[] = []; // kept features in order of first occurrence
    // Without evidence (role mentions: a vector each) the per-occurrence bookkeeping is skipped.
    const featureOf = new Int32Array(forEvidence ? occ.length : 0);
    let words = 0;
    for (let j = 0; j < occ.length; j++) {
      const key = occ[j]!.key;
      const n = occ[j]!.n ?? 1;
      if (key.charCodeAt(0) === 119 /* w */) words += n;
      const i = this.index.get(key);
      if (forEvidence) featureOf[j] = i ?? -1;
      if (i === undefined) continue;
      if (tf[i] === 0) touched.push(i);
      tf[i]! += n;
    }
    const groupNorm = new Float64Array(128);
    const raw = new Float64Array(touched.length);
    touched.forEach((i, t) => {
      const c = tf[i]!;
      if (group[i] === 122 /* z */) {
        raw[t] = Math.log1p((100 * c) / Math.max(words, 50));
        return;
      }
      const v = (1 + Math.log(c)) * this.idf[i]!;
      raw[t] = v;
      groupNorm[group[i]!] += v * v;
    });
    const order = touched.map((_, t) => t).sort((a, b) => touched[a]! - touched[b]!);
    const idx: number[] = new Array(order.length);
    const val: number[] = new Array(order.length);
    const perOcc = new Map<number, number>();
    order.forEach((t, r) => {
      const i = touched[t]!;
      const g = group[i]!;
      const w = this.weights[String.fromCharCode(g)] ?? 0;
      const v = g === 122 ? raw[t]! * w : (raw[t]! / Math.sqrt(groupNorm[g]!)) * w;
      idx[r] = i;
      val[r] = v;
      if (forEvidence) perOcc.set(i, v / tf[i]!);
    });
    for (const i of touched) tf[i] = 0;
    return { x: { idx, val }, perOcc, featureOf };
  }
}
