/**
 * Evaluation of near-copy detection, built in memory from a folder of articles (the PTC training
 * articles; nothing from them is written anywhere). Positives are copies with realistic edits of an
 * article; negatives are different articles on the same topic (highest TF-IDF cosine) and copies
 * paired with such a neighbour. A pair is predicted a copy when the two signatures share an LSH
 * bucket and the verification rule accepts it — the same steps ingest runs.
 *
 * Thresholds are chosen by cross-validation: articles are split into folds, the rule is picked on
 * the pairs of the other folds and scored on the held-out fold, for several seeds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E, fail } from '../../core/errors.js';
import { sign, verify, plausible, type CopyRule, type Signature } from './detect.js';
import { overlap, words } from './minhash.js';
import { seededRandom as rng } from '../../core/random.js';

export const COPY_KINDS = ['headline-credit', 'dropped-reordered', 'reworded', 'partial', 'partial-reworded', 'mixed'] as const;
/** Reported apart, not in the F1: heavier rewording than "light" (every fourth word). */
export const EXTRA_KINDS = ['heavy-reworded'] as const;
export type CopyKind = (typeof COPY_KINDS)[number] | (typeof EXTRA_KINDS)[number];

export interface Article {
  name: string;
  title: string;
  paragraphs: string[];
}

export interface EvalPair {
  a: string;
  b: string;
  copy: boolean;
  kind: CopyKind | 'same-topic' | 'copy-vs-same-topic';
  /** Article the pair belongs to (for folds). */
  article: number;
  /** Features measured once, so that many rules can be scored quickly. */
  bucket: boolean;
  jaccard: number;
  containment: number;
  shared: number;
  plausibleSig: { a: { minhash: Uint32Array; shingles: number }; b: { minhash: Uint32Array; shingles: number } };
}

export function loadArticles(dir: string, limit = 5000): Article[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.txt')).sort().slice(0, limit);
  } catch {
    fail(E.FILE_NOT_FOUND, `cannot read the folder ${dir}`);
  }
  const out: Article[] = [];
  for (const name of names) {
    const raw = readFileSync(join(dir, name), 'utf8').replace(/\r/g, '');
    const lines = raw.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length < 4) continue;
    out.push({ name, title: lines[0]!, paragraphs: lines.slice(1) });
  }
  if (out.length < 20) fail(E.BAD_DATA_FILE, `${dir} holds ${out.length} usable articles (.txt, title on the first line); at least 20 are needed`);
  return out;
}

export { seededRandom as rng } from '../../core/random.js';

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function text(title: string, paragraphs: string[]): string {
  return `${title}\n\n${paragraphs.join('\n\n')}`;
}

// Generic newsroom boilerplate written for this evaluation (no third-party text).
const BOILER_TOP = ['Share this article on Facebook, Twitter and email', 'Listen to this story', 'Updated a few minutes ago', 'Advertisement'];
const BOILER_END = [
  'Sign up for our daily newsletter to get the top stories in your inbox.',
  'Follow us on social media for more updates.',
  'Comments are closed for this story.',
  'Support independent journalism: subscribe today.',
];
const CREDITS = [
  'This article was originally published by {o} and is republished here with permission.',
  'Source: {o}',
  'Part of the news reference source: {o}',
  '(Reporting by {o}; editing by the news desk)',
];
const OUTLETS = ['the Daily Ledger', 'Northern Herald', 'World Wire Service', 'Capital Gazette', 'huanqiu net'];
const HEAD_PREFIX = ['BREAKING: ', 'WATCH: ', 'Report: ', 'Analysis: ', ''];

/** A small table of everyday synonyms and near-synonyms for light rewording (written for this evaluation). */
const SYNONYMS: Record<string, string[]> = {
  said: ['stated', 'noted', 'told reporters'], says: ['states', 'notes'], told: ['informed'], big: ['large'], large: ['big', 'sizeable'],
  small: ['little', 'minor'], new: ['fresh', 'recent'], important: ['key', 'significant'], many: ['numerous', 'several'],
  people: ['individuals', 'citizens'], government: ['administration', 'authorities'], country: ['nation'], nation: ['country'],
  also: ['as well'], however: ['but', 'yet'], but: ['however', 'yet'], because: ['since', 'as'], about: ['around', 'roughly'],
  show: ['reveal', 'indicate'], shows: ['reveals', 'indicates'], showed: ['revealed', 'indicated'], help: ['assist', 'aid'],
  begin: ['start'], began: ['started'], start: ['begin'], started: ['began'], end: ['finish'], ended: ['finished'],
  attack: ['assault', 'strike'], attacks: ['assaults', 'strikes'], claim: ['assert', 'allege'], claimed: ['asserted', 'alleged'],
  very: ['extremely', 'highly'], often: ['frequently'], quickly: ['rapidly', 'swiftly'], leader: ['head', 'chief'],
  officials: ['authorities'], official: ['officer'], report: ['account'], reported: ['reportedly said', 'announced'],
  week: ['seven days'], month: ['four weeks'], year: ['twelve months'], recent: ['latest'], group: ['organisation'],
  called: ['described as', 'labelled'], major: ['significant', 'big'], against: ['opposed to'], before: ['prior to'], after: ['following'],
  according: ['as per'], president: ['head of state'], police: ['law enforcement'], decision: ['ruling', 'choice'],
  plan: ['scheme', 'proposal'], plans: ['schemes', 'proposals'], support: ['backing'], warned: ['cautioned'], asked: ['requested'],
};

/** Replace or drop about `rate` of the words, and swap a few adjacent pairs. */
function reword(sentence: string, r: () => number, rate: number): string {
  const toks = sentence.split(/(\s+)/);
  for (let i = 0; i < toks.length; i += 2) {
    const m = /^([\p{L}'’-]+)(\W*)$/u.exec(toks[i]!);
    if (!m || r() >= rate) continue;
    const w = m[1]!.toLowerCase();
    const syn = SYNONYMS[w];
    let rep: string;
    if (syn && syn.length) rep = pick(r, syn);
    else if (r() < 0.3 && w.length > 3) rep = ''; // drop the word
    else if (i + 2 < toks.length && r() < 0.5) {
      // swap with the next word
      const next = toks[i + 2]!;
      toks[i + 2] = toks[i]!;
      toks[i] = next;
      continue;
    } else continue;
    if (m[1]![0] === m[1]![0]!.toUpperCase() && rep) rep = rep[0]!.toUpperCase() + rep.slice(1);
    toks[i] = rep + m[2];
  }
  return toks.join('').replace(/ {2,}/g, ' ').trim();
}

function rewriteHeadline(title: string, r: () => number): string {
  const w = title.split(/\s+/);
  // Keep the gist: drop a word or two, reword, add a prefix.
  if (w.length > 5) w.splice(Math.floor(r() * (w.length - 1)) + 1, 1);
  return pick(r, HEAD_PREFIX) + reword(w.join(' '), r, 0.3);
}

function credit(r: () => number): string {
  return pick(r, CREDITS).replace('{o}', pick(r, OUTLETS));
}

function wordCount(ps: string[]): number {
  return ps.reduce((n, p) => n + words(p).length, 0);
}

/** A copy of `a` with edits of one kind; `commentary` supplies new paragraphs for partial copies. */
export function makeCopy(kind: CopyKind, a: Article, r: () => number, commentary: Article): string {
  let ps = [...a.paragraphs];
  switch (kind) {
    case 'headline-credit':
      return text(rewriteHeadline(a.title, r), [pick(r, BOILER_TOP), ...ps, credit(r), pick(r, BOILER_END)]);
    case 'dropped-reordered': {
      const drop = Math.max(1, Math.floor(ps.length * 0.2));
      for (let k = 0; k < drop && ps.length > 3; k++) ps.splice(1 + Math.floor(r() * (ps.length - 1)), 1);
      if (ps.length > 2) {
        const i = Math.floor(r() * (ps.length - 1));
        [ps[i], ps[i + 1]] = [ps[i + 1]!, ps[i]!];
      }
      return text(a.title, [...ps, credit(r)]);
    }
    case 'reworded':
      return text(rewriteHeadline(a.title, r), ps.map((p) => reword(p, r, 0.12)));
    case 'heavy-reworded':
      return text(rewriteHeadline(a.title, r), ps.map((p) => reword(p, r, 0.25)));
    case 'mixed':
      ps = ps.filter((_, i) => i === 0 || r() > 0.15).map((p) => reword(p, r, 0.08));
      return text(rewriteHeadline(a.title, r), [pick(r, BOILER_TOP), ...ps, credit(r), pick(r, BOILER_END)]);
    case 'partial-reworded':
    case 'partial': {
      // A contiguous excerpt of about a third of the words, framed by commentary of similar length.
      const total = wordCount(ps);
      const start = Math.floor(r() * Math.max(1, ps.length / 2));
      const excerpt: string[] = [];
      for (let i = start; i < ps.length && wordCount(excerpt) < total / 3; i++) excerpt.push(kind === 'partial' ? ps[i]! : reword(ps[i]!, r, 0.12));
      const want = wordCount(excerpt) * (0.5 + 1.5 * r());
      const before: string[] = [], after: string[] = [];
      for (const p of commentary.paragraphs) {
        if (wordCount(before) + wordCount(after) >= want) break;
        (r() < 0.5 ? before : after).push(p);
      }
      return text(`${pick(r, HEAD_PREFIX)}${commentary.title}`, [...before, `As ${pick(r, OUTLETS)} reported:`, ...excerpt, ...after, credit(r)]);
    }
  }
}

/** TF-IDF cosine neighbours of each article (by index), best first. */
export function neighbours(articles: readonly Article[], k: number): number[][] {
  const docs = articles.map((a) => {
    const tf = new Map<string, number>();
    for (const w of words(`${a.title} ${a.paragraphs.join(' ')}`)) if (w.length > 2) tf.set(w, (tf.get(w) ?? 0) + 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  const vecs = docs.map((d) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [w, c] of d) {
      const x = (1 + Math.log(c)) * Math.log(n / df.get(w)!);
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  });
  return vecs.map((v, i) => {
    const scores: Array<[number, number]> = [];
    vecs.forEach((u, j) => {
      if (i === j) return;
      let s = 0;
      const [small, big] = v.size < u.size ? [v, u] : [u, v];
      for (const [w, x] of small) {
        const y = big.get(w);
        if (y !== undefined) s += x * y;
      }
      scores.push([j, s]);
    });
    return scores.sort((x, y) => y[1] - x[1]).slice(0, k).map(([j]) => j);
  });
}

export interface EvalSet {
  pairs: EvalPair[];
  articles: number;
  /** Negative pairs left out because their texts share a passage of SHARED_PASSAGE words or more. */
  excluded: number;
}

/**
 * Build the pairs for one seed: a fifth of the articles supply commentary only (never paired), each
 * other article gets two copies of random kinds (plus a heavy rewording, reported apart) and is
 * paired negatively with its two nearest neighbours; every copy is also paired with the
 * original's nearest neighbour.
 */
export function buildEvalSet(all: readonly Article[], seed: number): EvalSet {
  const r = rng(seed);
  const order = all.map((_, i) => i).sort(() => r() - 0.5);
  const poolSize = Math.floor(all.length / 5);
  const pool = order.slice(0, poolSize).map((i) => all[i]!);
  const arts = order.slice(poolSize).map((i) => all[i]!);
  const nn = neighbours(arts, 2);
  const poolNn = neighboursAcross(arts, pool);
  const sigs = new Map<string, Signature>();
  const sigOf = (t: string): Signature => sigs.get(t) ?? (sigs.set(t, sign(t)), sigs.get(t)!);
  const pairs: EvalPair[] = [];
  let excluded = 0;
  const add = (a: string, b: string, copy: boolean, kind: EvalPair['kind'], article: number): void => {
    // Two source articles sharing a passage of 40+ words are text reuse themselves, not a clean negative.
    if (!copy && longestCommonRun(a, b) >= SHARED_PASSAGE) {
      excluded++;
      return;
    }
    const sa = sigOf(a), sb = sigOf(b);
    const o = overlap(sa.set, sb.set);
    const bs = new Set(sa.bands);
    pairs.push({
      a, b, copy, kind, article,
      bucket: sb.bands.some((x) => bs.has(x)),
      jaccard: o.jaccard, containment: o.containment, shared: o.shared,
      plausibleSig: { a: { minhash: sa.minhash, shingles: sa.set.size }, b: { minhash: sb.minhash, shingles: sb.set.size } },
    });
  };
  const seenNeg = new Set<string>();
  arts.forEach((a, i) => {
    const original = text(a.title, a.paragraphs);
    const kinds = [pick(r, COPY_KINDS), pick(r, COPY_KINDS), 'heavy-reworded' as const];
    const neighbour = arts[nn[i]![0]!]!;
    for (const kind of kinds) {
      const copy = makeCopy(kind, a, r, pool[poolNn[i]!]!);
      add(original, copy, true, kind, i);
      add(copy, text(neighbour.title, neighbour.paragraphs), false, 'copy-vs-same-topic', i);
    }
    for (const j of nn[i]!) {
      const key = i < j ? `${i} ${j}` : `${j} ${i}`;
      if (seenNeg.has(key)) continue;
      seenNeg.add(key);
      add(original, text(arts[j]!.title, arts[j]!.paragraphs), false, 'same-topic', i);
    }
  });
  return { pairs, articles: arts.length, excluded };
}

/** Negatives sharing a contiguous passage this long (words) are left out of the set. */
export const SHARED_PASSAGE = 40;

/** Longest run of identical consecutive words in both texts. */
export function longestCommonRun(a: string, b: string): number {
  const A = words(a), B = words(b);
  const at = new Map<string, number[]>();
  B.forEach((w, j) => (at.get(w) ?? at.set(w, []).get(w)!).push(j));
  let best = 0;
  let prev = new Map<number, number>();
  for (const w of A) {
    const cur = new Map<number, number>();
    for (const j of at.get(w) ?? []) {
      const v = (prev.get(j - 1) ?? 0) + 1;
      cur.set(j, v);
      if (v > best) best = v;
    }
    prev = cur;
  }
  return best;
}

/** For each article, the most similar article of the other list (commentary on the same topic). */
function neighboursAcross(arts: readonly Article[], pool: readonly Article[]): number[] {
  const both = [...arts, ...pool];
  const nn = neighbours(both, both.length - 1);
  return arts.map((_, i) => (nn[i]!.find((j) => j >= arts.length) ?? arts.length) - arts.length);
}

export function predict(p: EvalPair, rule: CopyRule): boolean {
  if (!p.bucket) return false;
  if (!plausible(p.plausibleSig.a, p.plausibleSig.b, rule)) return false;
  return p.shared >= rule.minShared && (p.jaccard >= rule.jaccard || p.containment >= rule.containment);
}

export interface Scores {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function score(pairs: readonly EvalPair[], rule: CopyRule, include: (p: EvalPair) => boolean = (p) => p.kind !== 'heavy-reworded'): Scores {
  let tp = 0, fp = 0, fn = 0;
  for (const p of pairs) {
    if (!include(p)) continue;
    const y = predict(p, rule);
    if (y && p.copy) tp++;
    else if (y) fp++;
    else if (p.copy) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return { tp, fp, fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

export const GRID = {
  jaccard: [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6],
  containment: [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6],
  minShared: [5, 10, 15, 20, 25, 30, 40, 60],
};

/** The rule with the best F1 on these pairs (ties: the more conservative thresholds). */
export function bestRule(pairs: readonly EvalPair[]): CopyRule {
  let best: CopyRule = { jaccard: 1, containment: 1, minShared: 1 };
  let bestF = -1;
  // Highest thresholds first, so a tie keeps the more conservative rule.
  const desc = (xs: number[]): number[] => [...xs].sort((a, b) => b - a);
  for (const jaccard of desc(GRID.jaccard))
    for (const containment of desc(GRID.containment))
      for (const minShared of desc(GRID.minShared)) {
        const rule = { jaccard, containment, minShared };
        const f = score(pairs, rule).f1;
        if (f > bestF + 1e-9) [best, bestF] = [rule, f];
      }
  return best;
}

export interface CvResult {
  seed: number;
  fold: number;
  rule: CopyRule;
  test: Scores;
}

/** K-fold cross-validation by article: the rule is chosen on the other folds' pairs. */
export function crossValidate(set: EvalSet, seed: number, k = 5): CvResult[] {
  const out: CvResult[] = [];
  for (let f = 0; f < k; f++) {
    const train = set.pairs.filter((p) => p.article % k !== f);
    const test = set.pairs.filter((p) => p.article % k === f);
    const rule = bestRule(train);
    out.push({ seed, fold: f, rule, test: score(test, rule) });
  }
  return out;
}

/** Recall per copy kind and false-positive rate per negative kind, for one rule. */
export function byKind(pairs: readonly EvalPair[], rule: CopyRule): Array<{ kind: string; pairs: number; positive: number }> {
  const m = new Map<string, { kind: string; pairs: number; positive: number }>();
  for (const p of pairs) {
    const row = m.get(p.kind) ?? { kind: p.kind, pairs: 0, positive: 0 };
    row.pairs++;
    if (predict(p, rule)) row.positive++;
    m.set(p.kind, row);
  }
  return [...m.values()];
}

export { verify };
