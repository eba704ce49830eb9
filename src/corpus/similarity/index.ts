/**
 * Same story, different text: a story similarity between two analysed documents (shared words,
 * names, headline, actors, events, numbers and dates, combined by the small ridge model in
 * data/model.json, trained by `slant eval similarity --write-model`) and story groups over a corpus.
 * Pure functions over stored results; the document frequencies come from the collection at hand.
 */
import { readFileSync } from 'node:fs';
import { E, fail } from '../../core/errors.js';
import type { AnalysisResult } from '../../result.js';
import { FEATURES, compact, frequencies, modelInputs, pairMeasures, profileOf, type Frequencies, type Measure, type StoryProfile } from './features.js';
import { predictRidge, type RidgeModel } from './model.js';
import { outletOf } from '../publisher.js';

export { FEATURES, MEASURES, frequencies, pairFeatures, pairMeasures, profileOf, type Frequencies, type StoryProfile } from './features.js';
export { fitRidge, predictRidge, pearson, nestedRidgePredictions, type RidgeModel } from './model.js';

export interface SimilarityModel extends RidgeModel {
  /** What the target was: (4 − SemEval Overall) / 3, so 1 = same story, 0 = different. */
  target: string;
  trainedOn: string;
  cv: { pearson: number; folds: number; repeats: number };
}

let cached: SimilarityModel | null = null;

export function loadModel(): SimilarityModel {
  if (cached) return cached;
  let m: SimilarityModel;
  try {
    m = JSON.parse(readFileSync(new URL('./data/model.json', import.meta.url), 'utf8')) as SimilarityModel;
  } catch (err) {
    fail(E.MODEL_LOAD, `cannot read the story-similarity model: ${(err as Error).message}`);
  }
  if (m.kind !== 'ridge' || m.features.join() !== FEATURES.join()) fail(E.MODEL_LOAD, 'the story-similarity model was trained on other features; retrain it with slant eval similarity --write-model');
  cached = m;
  return m;
}

export interface Similarity {
  /** 0 (different stories) … 1 (the same story), clipped. */
  score: number;
  /** What the two share, each 0..1 (rounded), by name: the model's evidence. */
  measures: Record<Measure, number>;
}

export function similarity(a: StoryProfile, b: StoryProfile, f: Frequencies, model: RidgeModel = loadModel()): Similarity {
  const m = pairMeasures(a, b, f);
  const score = Math.max(0, Math.min(1, predictRidge(model, modelInputs(m))));
  const measures = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v * 1000) / 1000])) as Record<Measure, number>;
  return { score: Math.round(score * 1000) / 1000, measures };
}

/** Story similarity of two results, with document frequencies from `collection` (default: the two). */
export function storySimilarity(a: { id: string; result: AnalysisResult }, b: { id: string; result: AnalysisResult }, collection?: Frequencies): Similarity {
  const pa = profileOf(a.id, a.result);
  const pb = profileOf(b.id, b.result);
  return similarity(pa, pb, collection ?? frequencies([pa, pb]));
}

export interface StoryGroup {
  /** The id of the group's first document (in input order). */
  id: string;
  members: Array<{ id: string; title: string | null; date: string | null; outlet: string | null }>;
  /** The strongest link inside the group and the mean over linked pairs. */
  best: number;
  mean: number;
  /** Words and names the members share most (for a label). */
  keywords: string[];
}

export interface GroupOptions {
  /** Pairs scoring at least this are linked (default 0.6: about Overall ≤ 2.2, "mostly the same story"). */
  threshold?: number;
  /** Candidate partners per document, found through shared rare words (bounds the work at n × k). */
  candidates?: number;
  /** Dated documents published more than this many days apart are never grouped (default 7). */
  maxDays?: number;
  /** Ignore documents beyond this many (default 10,000: about 1 GB and a minute of CPU at most). */
  limit?: number;
}

/**
 * Story groups: documents linked by a similarity above the threshold, merged by average link
 * (see below). Candidates come from an inverted index on each document's rarest words and names,
 * so the work grows with n × candidates rather than n².
 */
export function storyGroups(docs: Iterable<{ id: string; result: AnalysisResult }>, options: GroupOptions = {}): StoryGroup[] {
  const threshold = options.threshold ?? 0.6;
  const k = options.candidates ?? 30;
  const limit = options.limit ?? 10_000;
  const items: Array<{ id: string; result: AnalysisResult; p: StoryProfile }> = [];
  for (const d of docs) {
    if (items.length >= limit) break;
    items.push({ ...d, p: profileOf(d.id, d.result) });
  }
  const f = frequencies(items.map((i) => i.p));
  for (const i of items) compact(i.p, f);
  const model = loadModel();
  // Inverted index on terms that are neither unique nor common.
  const maxDf = Math.max(2, Math.floor(items.length * 0.05));
  const postings = new Map<string, number[]>();
  const keyTerms = items.map(({ p }) => {
    const terms = [...p.words.keys()].map((w) => `w:${w}`).concat([...p.names.keys()].map((n) => `n:${n}`));
    const df = (t: string): number => (t.startsWith('w:') ? f.words.get(t.slice(2)) : f.names.get(t.slice(2))) ?? 0;
    return terms
      .filter((t) => df(t) >= 2 && df(t) <= maxDf)
      .sort((a, b) => df(a) - df(b))
      .slice(0, 40);
  });
  keyTerms.forEach((terms, i) => {
    for (const t of terms) {
      const l = postings.get(t) ?? [];
      if (l.length < 200) l.push(i);
      postings.set(t, l);
    }
  });
  // Candidate links above the threshold (and, when both are dated, published within maxDays).
  const maxDays = options.maxDays ?? 7;
  const day = items.map(({ result }) => (result.meta.date ? Date.parse(result.meta.date.slice(0, 10)) / 86_400_000 : NaN));
  const scores = new Map<number, number>();
  const n = items.length;
  const score = (i: number, j: number): number => {
    const key = i < j ? i * n + j : j * n + i;
    let v = scores.get(key);
    if (v === undefined) scores.set(key, (v = similarity(items[i]!.p, items[j]!.p, f, model).score));
    return v;
  };
  const links: Array<[number, number, number]> = [];
  items.forEach((_, i) => {
    const shared = new Map<number, number>();
    for (const t of keyTerms[i]!) for (const j of postings.get(t) ?? []) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
    const cands = [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
    for (const [j] of cands) {
      if (Math.abs(day[i]! - day[j]!) > maxDays) continue; // NaN (undated) never exceeds
      const s = score(i, j);
      if (s >= threshold) links.push([i, j, s]);
    }
  });
  // Average-link agglomeration along the candidate links, strongest first: two groups merge only
  // when their members are similar on average (sampled, at most 8 × 8 pairs), so one chance link
  // cannot chain unrelated stories together as single-link grouping does.
  links.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
  const group = items.map((_, i) => i);
  const members = new Map<number, number[]>(items.map((_, i) => [i, [i]]));
  const strength = new Map<number, number[]>();
  const sample = (xs: number[]): number[] => (xs.length <= 8 ? xs : Array.from({ length: 8 }, (_, q) => xs[Math.floor((q * xs.length) / 8)]!));
  for (const [i, j, s] of links) {
    const gi = group[i]!;
    const gj = group[j]!;
    if (gi === gj) {
      strength.get(gi)?.push(s);
      continue;
    }
    const A = members.get(gi)!;
    const B = members.get(gj)!;
    let sum = 0;
    let count = 0;
    for (const a of sample(A)) for (const b of sample(B)) {
      if (Math.abs(day[a]! - day[b]!) > maxDays) {
        sum = -Infinity;
        break;
      }
      sum += score(a, b);
      count++;
    }
    if (!(sum / Math.max(1, count) >= threshold)) continue;
    const [keep, drop] = A.length >= B.length ? [gi, gj] : [gj, gi];
    const moved = members.get(drop)!;
    for (const m of moved) group[m] = keep;
    members.get(keep)!.push(...moved);
    members.delete(drop);
    strength.set(keep, [...(strength.get(keep) ?? []), ...(strength.get(drop) ?? []), s]);
    strength.delete(drop);
  }
  const out: StoryGroup[] = [];
  for (const [root, list] of members) {
    if (list.length < 2) continue;
    list.sort((a, b) => a - b);
    const inner = strength.get(root) ?? [];
    out.push({
      id: items[list[0]!]!.id,
      members: list.map((i) => {
        const r = items[i]!.result;
        return { id: items[i]!.id, title: r.meta.title, date: r.meta.date, outlet: outletOf(r) };
      }),
      best: Math.max(...inner),
      mean: Math.round((inner.reduce((a, b) => a + b, 0) / inner.length) * 1000) / 1000,
      keywords: sharedTerms(list.map((i) => items[i]!.p), f),
    });
  }
  return out.sort((a, b) => b.members.length - a.members.length || b.best - a.best);
}

function sharedTerms(ps: StoryProfile[], f: Frequencies): string[] {
  const count = new Map<string, number>();
  for (const p of ps) for (const n of p.names.keys()) count.set(n, (count.get(n) ?? 0) + 1);
  for (const p of ps) for (const w of p.words.keys()) if (!count.has(w)) count.set(w, (count.get(w) ?? 0) + 0.5);
  const idf = (t: string): number => Math.log((f.docs + 1) / ((f.names.get(t) ?? f.words.get(t) ?? 0) + 1));
  return [...count]
    .filter(([, c]) => c >= 2)
    .sort((a, b) => b[1] * idf(b[0]) - a[1] * idf(a[0]))
    .slice(0, 6)
    .map(([t]) => t);
}

export interface SimilarDocument extends Similarity {
  id: string;
  title: string | null;
  date: string | null;
  outlet: string | null;
}

/**
 * The documents most similar in story to one of them (document frequencies from the whole
 * collection given), best first; those published more than `maxDays` apart are skipped.
 */
export function similarDocuments(docs: Iterable<{ id: string; result: AnalysisResult }>, id: string, options: { top?: number; maxDays?: number; limit?: number } = {}): SimilarDocument[] | null {
  const limit = options.limit ?? 10_000;
  const maxDays = options.maxDays ?? 7;
  const items: Array<{ id: string; result: AnalysisResult; p: StoryProfile }> = [];
  for (const d of docs) {
    if (items.length >= limit && d.id !== id) continue;
    items.push({ ...d, p: profileOf(d.id, d.result) });
  }
  const me = items.find((i) => i.id === id);
  if (!me) return null;
  const f = frequencies(items.map((i) => i.p));
  const model = loadModel();
  const day = (r: AnalysisResult): number => (r.meta.date ? Date.parse(r.meta.date.slice(0, 10)) / 86_400_000 : NaN);
  const mine = day(me.result);
  const out: SimilarDocument[] = [];
  for (const o of items) {
    if (o.id === id || Math.abs(day(o.result) - mine) > maxDays) continue;
    const s = similarity(me.p, o.p, f, model);
    out.push({ id: o.id, title: o.result.meta.title, date: o.result.meta.date, outlet: outletOf(o.result), ...s });
  }
  return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, options.top ?? 10);
}
