/**
 * Training and cross-validation of the technique model on a PTC split. Everything is seeded: the
 * fold assignment, the example order of every epoch. Cross-validation is by article.
 */
import { Examples, rng, shuffle, trainBinary, trainSoftmax } from './linear.js';
import { FeatureSink, lowerBound, prepare, sentenceFeatures, spanContexts, spanFeatures, tokenFeatures, type Prepared } from './features.js';
import { TechniqueModel, spanCandidates, type ModelHeader } from './model.js';
import { TECHNIQUES } from './types.js';
import { overlapScore, type Article } from './ptc.js';

export interface TrainConfig {
  siBits: number;
  tcBits: number;
  siEpochs: number;
  tcEpochs: number;
  siLr: number;
  tcLr: number;
  l2: number;
  seed: number;
  folds: number;
  /** Gold-span length (tokens) at which a positive token weighs 1 in SI training; 0 = unweighted. */
  siShortSpan: number;
}

export const DEFAULT_CONFIG: TrainConfig = { siBits: 20, tcBits: 18, siEpochs: 4, tcEpochs: 30, siLr: 0.03, tcLr: 0.02, l2: 0, seed: 13, folds: 5, siShortSpan: 5 };

export const THRESHOLDS = Array.from({ length: 23 }, (_, i) => 0.05 + i * 0.025);

export interface Corpus {
  articles: Article[];
  prepared: Prepared[];
  si: Examples;
  /** Article index of each SI example. */
  siArticle: number[];
  tc: Examples;
  tcArticle: number[];
}

export function buildCorpus(articles: Article[], cfg: TrainConfig): Corpus {
  const prepared = articles.map((a) => prepare(a.text));
  const si = new Examples(), tc = new Examples();
  const siArticle: number[] = [], tcArticle: number[] = [];
  const sink = new FeatureSink((1 << cfg.siBits) - 1);
  const tcSink = new FeatureSink((1 << cfg.tcBits) - 1);
  prepared.forEach((p, a) => {
    const inside = tokenLabels(p, articles[a]!);
    const wts = tokenWeights(p, articles[a]!, cfg.siShortSpan);
    const sentIdx: number[][] = p.sentences.map((_, s) => {
      sentenceFeatures(p, s, sink.reset(false));
      return [...sink.idx];
    });
    for (let i = 0; i < p.tokens.length; i++) {
      tokenFeatures(p, i, sink.reset(false));
      const feats = p.sentences.length ? [...sink.idx, ...sentIdx[p.sentOf[i]!]!] : sink.idx;
      si.add(feats, inside[i]!, inside[i] ? wts[i]! : 1);
      siArticle.push(a);
    }
    const ctx = spanContexts(p, articles[a]!.gold);
    for (const [i, g] of articles[a]!.gold.entries()) {
      spanFeatures(p, g.start, g.end, tcSink.reset(false), ctx[i]);
      tc.add(tcSink.idx, TECHNIQUES.indexOf(g.technique));
      tcArticle.push(a);
    }
  });
  return { articles, prepared, si, siArticle, tc, tcArticle };
}

/**
 * Training weight of each token: tokens of short gold spans count more. The SI metric credits every
 * gold span equally whatever its length, while a whole-sentence span holds ten times the tokens of a
 * loaded word; weighting by √(shortSpan / span length), clipped to [0.3, 3], evens that out.
 */
export function tokenWeights(p: Prepared, a: Article, shortSpan: number): Float32Array {
  const out = new Float32Array(p.tokens.length).fill(1);
  if (shortSpan <= 0) return out;
  const len = new Float32Array(p.tokens.length).fill(Infinity);
  const idx: number[] = [];
  for (const g of a.gold) {
    idx.length = 0;
    for (let i = lowerBound(p.tokens, g.start); i < p.tokens.length; i++) {
      const t = p.tokens[i]!;
      if (t.start >= g.end) break;
      const mid = (t.start + t.end) / 2;
      if (mid > g.start && mid < g.end) idx.push(i);
    }
    for (const i of idx) len[i] = Math.min(len[i]!, idx.length);
  }
  for (let i = 0; i < out.length; i++) if (len[i]! < Infinity) out[i] = Math.min(3, Math.max(0.3, Math.sqrt(shortSpan / len[i]!)));
  return out;
}

/** 1 for tokens whose middle lies inside a gold span. */
export function tokenLabels(p: Prepared, a: Article): Uint8Array {
  const out = new Uint8Array(p.tokens.length);
  for (const g of a.gold) {
    for (let i = 0; i < p.tokens.length; i++) {
      const t = p.tokens[i]!;
      if (t.start >= g.end) break;
      const mid = (t.start + t.end) / 2;
      if (mid > g.start && mid < g.end) out[i] = 1;
    }
  }
  return out;
}

export function fit(corpus: Corpus, train: Set<number>, cfg: TrainConfig, header: Partial<ModelHeader> = {}): TechniqueModel {
  const siSubset = corpus.siArticle.flatMap((a, k) => (train.has(a) ? [k] : []));
  const tcSubset = corpus.tcArticle.flatMap((a, k) => (train.has(a) ? [k] : []));
  const si = trainBinary(corpus.si, 1 << cfg.siBits, { epochs: cfg.siEpochs, lr: cfg.siLr, l2: cfg.l2, seed: cfg.seed }, siSubset);
  const tc = trainSoftmax(corpus.tc, 1 << cfg.tcBits, TECHNIQUES.length, { epochs: cfg.tcEpochs, lr: cfg.tcLr, l2: cfg.l2, seed: cfg.seed + 1 }, tcSubset);
  return new TechniqueModel(
    {
      format: 'slant-techniques',
      version: 1,
      siBits: cfg.siBits,
      tcBits: cfg.tcBits,
      threshold: header.threshold ?? 0.4,
      ...(header.seedThreshold !== undefined ? { seedThreshold: header.seedThreshold } : {}),
      calibration: header.calibration ?? { tc: { a: 1, b: 0 }, detect: { a: 1, b: 0 } },
      trained: header.trained ?? {},
    },
    si,
    tc,
  );
}

/** Seeded assignment of articles to folds. */
export function assignFolds(n: number, k: number, seed: number): number[] {
  const order = shuffle(Array.from({ length: n }, (_, i) => i), rng(seed));
  const fold = new Array<number>(n);
  order.forEach((a, i) => (fold[a] = i % k));
  return fold;
}

export interface FoldRun {
  fold: number;
  model: TechniqueModel;
  test: number[];
  /** Token probabilities of each test article (by article index). */
  probs: Map<number, Float32Array>;
}

export function crossValidate(corpus: Corpus, cfg: TrainConfig, log: (s: string) => void = () => {}): { folds: FoldRun[]; foldOf: number[] } {
  const n = corpus.articles.length;
  const foldOf = assignFolds(n, cfg.folds, cfg.seed);
  const folds: FoldRun[] = [];
  for (let k = 0; k < cfg.folds; k++) {
    const t0 = Date.now();
    const train = new Set<number>();
    const test: number[] = [];
    for (let a = 0; a < n; a++) {
      if (foldOf[a] === k) test.push(a);
      else train.add(a);
    }
    const model = fit(corpus, train, cfg);
    const probs = new Map<number, Float32Array>();
    for (const a of test) probs.set(a, model.tokenProbs(corpus.prepared[a]!));
    folds.push({ fold: k, model, test, probs });
    log(`fold ${k + 1}/${cfg.folds}: trained on ${train.size} articles in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { folds, foldOf };
}

/** Seed thresholds tried above each span threshold (hysteresis; +0 = none). */
export const SEED_STEPS = [0, 0.025, 0.05, 0.075, 0.1, 0.15];

/**
 * The (threshold, seed threshold) pair with the best pooled SI F1 (code points) when decoding the
 * given held-out articles. Runs are decoded once per threshold; each seed just filters them.
 */
export function pickThresholds(corpus: Corpus, runs: FoldRun[]): { threshold: number; seed: number; f: number } {
  let best = { threshold: THRESHOLDS[0]!, seed: THRESHOLDS[0]!, f: -1 };
  for (const threshold of THRESHOLDS) {
    const arts: Array<{ cands: Array<{ r: [number, number]; peak: number }>; gold: Array<[number, number]> }> = [];
    for (const r of runs) {
      for (const a of r.test) {
        const art = corpus.articles[a]!;
        const cp = art.cps;
        const cands = spanCandidates(corpus.prepared[a]!, r.probs.get(a)!, threshold).map((s) => ({ r: [cp.cp(s.start), cp.cp(s.end)] as [number, number], peak: s.peak }));
        arts.push({ cands, gold: art.gold.map((g) => [cp.cp(g.start), cp.cp(g.end)] as [number, number]) });
      }
    }
    for (const step of SEED_STEPS) {
      const seed = Math.round((threshold + step) * 1000) / 1000;
      const f = overlapScore(arts.map((x) => ({ pred: x.cands.filter((c) => c.peak >= seed).map((c) => c.r), gold: x.gold }))).f;
      if (f > best.f) best = { threshold, seed, f };
    }
  }
  return best;
}
