/**
 * Calibrated confidence of a coded event: a logistic model over a few general features of how the
 * event was found (path, distance of the actors from the trigger, sentence length, qualifiers),
 * fitted to whether events were right on the real-news development set (data/ptc-events; the
 * fit and its held-out check: `slant eval news-events --fit-confidence`). Weights live in
 * data/confidence.json with what they were fitted on.
 */
import { readFileSync } from 'node:fs';
import type { TreeSupport } from './coder/tree.js';

/** What the features read from an event (a coded event or the layer payload). */
export interface FeatureInput {
  via: string;
  code: string;
  quad: number;
  modality: string;
  attribution: { kind: string };
  negated: boolean;
  source: string;
  target: string;
  trigger: { start: number; end: number };
  sourceMention: { start: number; end: number };
  targetMention: { start: number; end: number };
}

export const FEATURES = [
  'via:verb', 'via:pattern', 'via:compound', 'via:reciprocal', 'via:noun', 'via:stance', 'via:passive', 'via:demand',
  'quad:verbal', 'root:statement', 'not-asserted', 'reported', 'negated',
  'log-gap-source', 'log-gap-target', 'log-sentence', 'log-actors', 'state-dyad',
  'tree:confirmed', 'tree:contradicted',
] as const;

export interface ConfidenceModel {
  features: string[];
  weights: number[];
  bias: number;
  about?: string;
  /** Confidence from which events are shown by default, chosen by cross-validation when the model was fitted. */
  threshold?: number;
}

/**
 * Features of one event; `sentence` is its [start, end), `actors` the number of mentions in it and
 * `support` whether the dependency parse supports it (coder/tree.ts).
 */
export function eventFeatures(e: FeatureInput, sentence: { start: number; end: number }, actors: number, support: TreeSupport = 'unknown'): number[] {
  const via = e.via.split('+')[0]!;
  const gap = (a: { start: number; end: number }, b: { start: number; end: number }): number => Math.log1p(Math.max(0, a.start >= b.end ? a.start - b.end : b.start - a.end) / 10);
  const plain = (c: string): boolean => /^[A-Z]{3}(GOV)?$/.test(c);
  return [
    via === 'verb' ? 1 : 0, via === 'pattern' ? 1 : 0, via === 'compound' ? 1 : 0, via === 'reciprocal' ? 1 : 0, via === 'noun' ? 1 : 0, via === 'stance' ? 1 : 0, via === 'passive' ? 1 : 0, via === 'demand' ? 1 : 0,
    e.quad === 1 || e.quad === 3 ? 1 : 0,
    /^0[1-4]/.test(e.code) ? 1 : 0,
    e.modality !== 'asserted' ? 1 : 0,
    e.attribution.kind !== 'author' ? 1 : 0,
    e.negated ? 1 : 0,
    gap(e.sourceMention, e.trigger),
    gap(e.targetMention, e.trigger),
    Math.log1p((sentence.end - sentence.start) / 100),
    Math.log1p(actors),
    plain(e.source) && plain(e.target) ? 1 : 0,
    support === 'confirmed' ? 1 : 0,
    support === 'contradicted' ? 1 : 0,
  ];
}

export function predict(m: ConfidenceModel, x: readonly number[]): number {
  let z = m.bias;
  for (let i = 0; i < x.length && i < m.weights.length; i++) z += m.weights[i]! * x[i]!;
  return 1 / (1 + Math.exp(-z));
}

/** L2-regularised logistic regression by gradient descent (small data: a few hundred events). */
export function fitConfidence(xs: readonly number[][], ys: readonly boolean[], l2 = 1, iterations = 3000, rate = 0.1): ConfidenceModel {
  const d = FEATURES.length;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const n = xs.length || 1;
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < xs.length; i++) {
      const p = predict({ features: [], weights: w, bias: b }, xs[i]!);
      const err = p - (ys[i] ? 1 : 0);
      for (let j = 0; j < d; j++) gw[j]! += err * xs[i]![j]!;
      gb += err;
    }
    for (let j = 0; j < d; j++) w[j]! -= rate * (gw[j]! / n + (l2 * w[j]!) / n);
    b -= rate * (gb / n);
  }
  return { features: [...FEATURES], weights: w.map((x) => Math.round(x * 1000) / 1000), bias: Math.round(b * 1000) / 1000 };
}

let shipped: ConfidenceModel | null | undefined;
/** The shipped model, or null when none has been fitted (then the fixed per-path priors apply). */
export function shippedConfidence(): ConfidenceModel | null {
  if (shipped !== undefined) return shipped;
  try {
    shipped = JSON.parse(readFileSync(new URL('./data/confidence.json', import.meta.url), 'utf8')) as ConfidenceModel;
  } catch {
    shipped = null;
  }
  return shipped;
}
