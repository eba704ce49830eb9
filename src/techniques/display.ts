/**
 * What is worth showing: every rule key and every model span carries its precision measured on PTC by
 * cross-validation (data/precision.json, written by scripts/shown-precision.mjs from `slant eval
 * techniques --write-predictions`). A span is right when it overlaps a gold span of the same technique
 * by at least half of its own length.
 *
 * - A rule hit's precision is its `rule:phrase` key's rate, shrunk towards its rule's.
 * - A model span's precision comes from a small logistic model (technique, calibrated confidence,
 *   length, agreement with a rule of the same technique) fitted on held-out folds: the old table of
 *   technique × confidence band was noisy, and picking its lucky cells overstated precision.
 * - Shown by default: precision at least SHOWN_PRECISION and at least the display threshold of its
 *   group (`model:<technique>` or `rule:<rule id>`). Each group's threshold is the lowest at which
 *   the group's spans were right TARGET_PRECISION of the time, chosen on training folds only.
 * Spans that are not shown stay in the result with `shown: false`.
 */
import { solveLinear } from '../core/linear.js';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { E, fail } from '../core/errors.js';
import { TECHNIQUES, type Technique } from './types.js';

/** Spans whose measured precision is below this are never shown by default. */
export const SHOWN_PRECISION = 0.4;
/** What the display thresholds aim at: shown spans of a group right this often (on training folds). */
export const TARGET_PRECISION = 0.6;
/** Standard errors below the observed rate that a group's evidence must still reach TARGET_PRECISION at. */
export const WILSON_Z = 1;
/** Display thresholds tried per group; NEVER hides a group whose spans never reached the target. */
export const THRESHOLD_STEPS = [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
export const NEVER = 1.01;
/** Few hits of a `rule:phrase` key: its rate is shrunk towards its rule's by this many pseudo-hits (default). */
export const MIN_HITS = 10;
/** Shrinkage strengths tried (chosen by inner cross-validation). */
export const SHRINKS = [3, 10, 30, 100];
/** Penalties tried for the model-precision regression (chosen by inner cross-validation). */
export const LAMBDAS = [0.3, 1, 3, 10, 30, 100];

export interface Cell { hits: number; correct: number; precision: number }
export interface PrecisionModel {
  /** L2 penalty of the per-technique terms, chosen by cross-validation. */
  lambda: number;
  /** Weights over modelFeatures(); empty when never fitted. */
  weights: number[];
  /** Held-out spans per technique, for the record. */
  byTechnique: Record<string, Cell>;
}
export interface PrecisionTable {
  command: string;
  commit: string;
  criterion: string;
  /** Per rule id and per `rule:phrase` key. */
  rules: Record<string, Cell>;
  /** Pseudo-hits shrinking a key's rate towards its rule's (chosen by cross-validation); absent = MIN_HITS. */
  shrink?: number;
  model: PrecisionModel;
  /** Weights of the rule-agreement regression (bias, logit of the key precision, same, other); absent = key precision only. */
  agreement?: number[];
  /** Display threshold per group (`model:<technique>`, `rule:<rule id>`); absent = SHOWN_PRECISION. */
  thresholds: Record<string, number>;
}

/** Laplace-smoothed precision, so a cell that fired twice and hit twice is not shown as certain. */
export function cell(hits: number, correct: number): Cell {
  return { hits, correct, precision: Math.round(((correct + 1) / (hits + 2)) * 1000) / 1000 };
}

const EMPTY: PrecisionTable = { command: '', commit: '', criterion: '', rules: {}, model: { lambda: 0, weights: [], byTechnique: {} }, thresholds: {} };

function load(): PrecisionTable {
  const path = fileURLToPath(new URL('./data/precision.json', import.meta.url));
  if (!existsSync(path)) return EMPTY;
  try {
    const t = JSON.parse(readFileSync(path, 'utf8')) as PrecisionTable;
    if (!t.model || !Array.isArray(t.model.weights)) throw new Error('no model weights');
    if (t.model.weights.length && t.model.weights.length !== FEATURES) throw new Error(`model has ${t.model.weights.length} weights, expected ${FEATURES}`);
    for (const k of Object.keys(t.model.byTechnique)) if (!(TECHNIQUES as readonly string[]).includes(k)) throw new Error(`unknown technique ${k}`);
    return t;
  } catch (err) {
    fail(E.BAD_DATA_FILE, `cannot read ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** What the precision of a model span depends on. */
export interface ModelSpanInfo {
  technique: Technique;
  /** Calibrated confidence of the span. */
  confidence: number;
  /** Length in characters. */
  chars: number;
  /** A rule hit of the same technique overlaps the span. */
  ruleAgrees: boolean;
}

const C = TECHNIQUES.length;
/** Global terms: bias, logit(confidence), log length, rule agreement; then per technique a bias and a slope. */
const GLOBAL = 4;
const FEATURES = GLOBAL + 2 * C;

function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

/** Sparse features of a model span: [index, value] pairs. */
export function modelFeatures(s: ModelSpanInfo): Array<[number, number]> {
  const t = TECHNIQUES.indexOf(s.technique);
  const z = logit(s.confidence), len = Math.log2(1 + Math.max(0, s.chars)) / 4;
  return [[0, 1], [1, z], [2, len], [3, s.ruleAgrees ? 1 : 0], [GLOBAL + t, 1], [GLOBAL + C + t, z]];
}

/**
 * L2-penalised logistic regression by Newton's method (a few dozen dense weights, thousands of rows):
 * the global terms get a tiny penalty, the per-technique terms `lambda`, so a technique with few spans
 * stays close to the global fit.
 */
export function fitPrecisionModel(rows: ReadonlyArray<{ x: ModelSpanInfo; right: boolean }>, lambda: number): number[] {
  const pen = Array.from({ length: FEATURES }, (_, j) => (j < GLOBAL ? 1e-3 : lambda));
  return fitLogistic(rows.map((r) => modelFeatures(r.x)), rows.map((r) => r.right), pen);
}

/** Newton's method for a logistic regression over sparse [index, value] features with per-weight L2 penalties. */
function fitLogistic(xs: ReadonlyArray<Array<[number, number]>>, ys: readonly boolean[], pen: readonly number[]): number[] {
  const D = pen.length;
  const w = new Array<number>(D).fill(0);
  for (let it = 0; it < 30; it++) {
    const g = w.map((wj, j) => pen[j]! * wj);
    const H = Array.from({ length: D }, (_, j) => {
      const row = new Array<number>(D).fill(0);
      row[j] = pen[j]!;
      return row;
    });
    xs.forEach((f, k) => {
      let z = 0;
      for (const [j, v] of f) z += w[j]! * v;
      const p = 1 / (1 + Math.exp(-z));
      const d = p - (ys[k] ? 1 : 0), h = Math.max(p * (1 - p), 1e-9);
      for (const [j, v] of f) {
        g[j]! += d * v;
        for (const [i, u] of f) H[j]![i]! += h * v * u;
      }
    });
    const step = solveLinear(H, g);
    let change = 0;
    for (let j = 0; j < D; j++) {
      w[j]! -= step[j]!;
      change = Math.max(change, Math.abs(step[j]!));
    }
    if (change < 1e-7) break;
  }
  return w.map((x) => Math.round(x * 1e5) / 1e5);
}

/**
 * Whether the model marked the words of a rule hit too: with the same technique, another one, or not
 * at all. On PTC a rule hit the model also marks with its technique is right far more often
 * (flag.nation 0.63 against 0.13 when the model is silent).
 */
export type Agreement = 'same' | 'other' | 'none';

/** Agreement of a hit with model spans sorted by start that do not overlap each other (as decoded): a binary search. */
export function agreementOf(h: { start: number; end: number; technique: Technique }, spans: ReadonlyArray<{ start: number; end: number; technique: Technique }>): Agreement {
  let lo = 0, hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= h.start) lo = mid + 1;
    else hi = mid;
  }
  let out: Agreement = 'none';
  for (let i = lo; i < spans.length && spans[i]!.start < h.end; i++) {
    if (spans[i]!.end <= h.start) continue;
    if (spans[i]!.technique === h.technique) return 'same';
    out = 'other';
  }
  return out;
}

function agreementFeatures(p: number, a: Agreement): Array<[number, number]> {
  return [[0, 1], [1, logit(p)], [2, a === 'same' ? 1 : 0], [3, a === 'other' ? 1 : 0]];
}

/** Rule hits (their key precision estimated without their own fold) → weights over agreementFeatures. */
export function fitAgreement(rows: ReadonlyArray<{ p: number; agree: Agreement; right: boolean }>): number[] {
  return fitLogistic(rows.map((r) => agreementFeatures(r.p, r.agree)), rows.map((r) => r.right), [1e-3, 1, 1, 1]);
}

/** A rule hit's precision given its key precision and its agreement with the model (unchanged when either is unknown). */
export function withAgreement(p: number | null, agree: Agreement | null, table: Pick<PrecisionTable, 'agreement'> = PRECISION): number | null {
  const w = table.agreement;
  if (p === null || agree === null || !w || w.length !== 4) return p;
  let z = 0;
  for (const [j, v] of agreementFeatures(p, agree)) z += w[j]! * v;
  return Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
}

export function predictPrecision(weights: readonly number[], s: ModelSpanInfo): number {
  let z = 0;
  for (const [j, v] of modelFeatures(s)) z += (weights[j] ?? 0) * v;
  return 1 / (1 + Math.exp(-z));
}

export const PRECISION: PrecisionTable = load();

/** Measured precision of a model span; null if never measured. */
export function modelPrecision(s: ModelSpanInfo, table: PrecisionTable = PRECISION): number | null {
  if (!table.model.weights.length) return null;
  return Math.round(predictPrecision(table.model.weights, s) * 1000) / 1000;
}

/** Measured precision of a rule hit: its `rule:phrase` key, else its rule id; null if never measured. */
export function rulePrecisionOf(rule: string, key: string, table: Pick<PrecisionTable, 'rules' | 'shrink'> = PRECISION): number | null {
  const byRule = table.rules[rule];
  const byKey = table.rules[key];
  if (!byRule || byRule.hits === 0) return byKey && byKey.hits > 0 ? byKey.precision : null;
  if (!byKey || key === rule) return byRule.precision;
  // the key's own rate, shrunk towards its rule's by `shrink` pseudo-hits (few hits: mostly the rule's)
  const prior = byRule.correct / byRule.hits, k = table.shrink ?? MIN_HITS;
  return Math.round(((byKey.correct + k * prior) / (byKey.hits + k)) * 1000) / 1000;
}

/** The display group of a span: the model per technique, a rule per rule id. */
export function groupOf(rule: string | null, technique: Technique): string {
  return rule === null ? `model:${technique}` : `rule:${rule}`;
}

/** Shown by default: measured precision at least SHOWN_PRECISION and its group's display threshold. */
export function isShownPrecision(p: number | null, group: string, table: PrecisionTable = PRECISION): boolean {
  return p !== null && p >= Math.max(SHOWN_PRECISION, table.thresholds[group] ?? SHOWN_PRECISION);
}

/**
 * Display thresholds from held-out spans (each with the precision estimated without its own fold):
 * per group, the lowest step at which the spans at or above it were right TARGET_PRECISION of the
 * time by the lower end of the Wilson interval (three right out of five is not evidence of 0.6); NEVER
 * when no step reaches it.
 */
export function chooseThresholds(items: ReadonlyArray<{ group: string; p: number | null; right: boolean }>, z = WILSON_Z): Record<string, number> {
  const by = new Map<string, Array<{ p: number; right: boolean }>>();
  for (const it of items) {
    if (it.p === null) continue;
    const l = by.get(it.group) ?? [];
    l.push({ p: it.p, right: it.right });
    by.set(it.group, l);
  }
  const out: Record<string, number> = {};
  for (const g of [...by.keys()].sort()) {
    const l = by.get(g)!;
    out[g] = NEVER;
    for (const t of THRESHOLD_STEPS) {
      const shown = l.filter((x) => x.p >= t);
      if (!shown.length) break;
      const k = shown.filter((x) => x.right).length;
      if (wilsonLower(k, shown.length, z) >= TARGET_PRECISION) {
        out[g] = t;
        break;
      }
    }
  }
  return out;
}

/**
 * Lower end of the Wilson score interval (one standard error, z = 1): "right at least this often" with
 * about 84% confidence. A threshold passes only when the evidence for the target is more than luck,
 * since picking the lowest passing threshold otherwise favours lucky ones.
 */
export function wilsonLower(k: number, n: number, z = 1): number {
  if (n === 0) return 0;
  const p = k / n, z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

interface Positioned { start: number; end: number; technique: Technique }

/** Same technique, and one lies within the other (duplicates included). */
export function nested(a: Positioned, b: Positioned): boolean {
  return a.technique === b.technique && ((a.start >= b.start && a.end <= b.end) || (b.start >= a.start && b.end <= a.end));
}

/**
 * Nested and duplicate spans of one technique merge into one: of each group (spans linked by
 * nesting), a shown span before a hidden one, then the highest precision stays (ties: the earlier in
 * the list, so callers put model spans first). A hidden span never swallows a shown one: a precise
 * rule hit inside a long model span that is not worth showing stays shown. Linear after sorting:
 * each span is compared with the open groups that still reach it.
 */
export function mergeNested<T extends Positioned & { precision: number | null; shown?: boolean }>(spans: readonly T[]): T[] {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start || spans[b]!.end - spans[a]!.end || a - b);
  // outer span of each open group per technique, and the group's best member
  const open = new Map<Technique, { start: number; end: number; best: number }>();
  const keep: number[] = [];
  const rank = (i: number) => (spans[i]!.shown ? 2 : 0) + (spans[i]!.precision ?? -1);
  const better = (i: number, j: number) => rank(i) > rank(j) || (rank(i) === rank(j) && i < j);
  const close = (t: Technique) => {
    const g = open.get(t);
    if (g) keep.push(g.best);
    open.delete(t);
  };
  for (const i of order) {
    const s = spans[i]!;
    const g = open.get(s.technique);
    if (g && s.start >= g.start && s.end <= g.end) {
      if (better(i, g.best)) g.best = i;
      continue;
    }
    close(s.technique);
    open.set(s.technique, { start: s.start, end: s.end, best: i });
  }
  for (const t of [...open.keys()]) close(t);
  return keep.sort((a, b) => a - b).map((i) => spans[i]!);
}

/** The evaluation criterion: overlaps one gold span of the same technique by at least half of its own length. */
export function isRight(s: Positioned, gold: readonly Positioned[]): boolean {
  const len = Math.max(1, s.end - s.start);
  return gold.some((g) => g.technique === s.technique && Math.min(g.end, s.end) - Math.max(g.start, s.start) >= len / 2);
}
