/**
 * What is worth showing: every rule key and every model output (technique × confidence band) carries
 * its precision measured on PTC by cross-validation (data/precision.json, written by
 * scripts/shown-precision.mjs from `slant eval techniques --write-predictions`). A span is right when
 * it overlaps a gold span of the same technique by at least half of its own length. Spans whose
 * measured precision is below SHOWN_PRECISION stay in the result with `shown: false`.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { E, fail } from '../core/errors.js';
import { TECHNIQUES, type Technique } from './types.js';

/** Spans whose measured precision is at least this are shown by default. */
export const SHOWN_PRECISION = 0.4;
/** Confidence bands of model spans whose precision is measured separately (lower edges). */
export const MODEL_BANDS = [0, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6];
/** Fewer hits than this in a cell: fall back to the coarser cell (rule id; technique overall). */
export const MIN_HITS = 10;

export interface Cell { hits: number; correct: number; precision: number }
export interface PrecisionTable {
  command: string;
  commit: string;
  criterion: string;
  /** Per rule id and per `rule:phrase` key. */
  rules: Record<string, Cell>;
  /** Per technique: overall, and per confidence band (same order as MODEL_BANDS). */
  model: Record<string, { all: Cell; bands: Cell[] }>;
}

/** Laplace-smoothed precision, so a cell that fired twice and hit twice is not shown as certain. */
export function cell(hits: number, correct: number): Cell {
  return { hits, correct, precision: Math.round(((correct + 1) / (hits + 2)) * 1000) / 1000 };
}

export function bandOf(confidence: number): number {
  let b = 0;
  for (let i = 0; i < MODEL_BANDS.length; i++) if (confidence >= MODEL_BANDS[i]!) b = i;
  return b;
}

const EMPTY: PrecisionTable = { command: '', commit: '', criterion: '', rules: {}, model: {} };

function load(): PrecisionTable {
  const path = fileURLToPath(new URL('./data/precision.json', import.meta.url));
  if (!existsSync(path)) return EMPTY;
  try {
    const t = JSON.parse(readFileSync(path, 'utf8')) as PrecisionTable;
    for (const k of Object.keys(t.model)) if (!(TECHNIQUES as readonly string[]).includes(k)) throw new Error(`unknown technique ${k}`);
    return t;
  } catch (err) {
    fail(E.BAD_DATA_FILE, `cannot read ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
}

export const PRECISION: PrecisionTable = load();

/** Measured precision of a model span of this technique and (calibrated) confidence; null if never measured. */
export function modelPrecision(technique: Technique, confidence: number, table: PrecisionTable = PRECISION): number | null {
  const m = table.model[technique];
  if (!m) return null;
  // the band, widened to its neighbours until it holds MIN_HITS spans (small bands are noise)
  const b = bandOf(confidence);
  for (let w = 0; w < m.bands.length; w++) {
    let hits = 0, correct = 0;
    for (let k = Math.max(0, b - w); k <= Math.min(m.bands.length - 1, b + w); k++) {
      hits += m.bands[k]!.hits;
      correct += m.bands[k]!.correct;
    }
    if (hits >= MIN_HITS) return cell(hits, correct).precision;
  }
  return m.all.hits > 0 ? m.all.precision : null;
}

/** Measured precision of a rule hit: its `rule:phrase` key, else its rule id; null if never measured. */
export function rulePrecisionOf(rule: string, key: string, table: PrecisionTable = PRECISION): number | null {
  const byRule = table.rules[rule];
  const byKey = table.rules[key];
  if (!byRule || byRule.hits === 0) return byKey && byKey.hits > 0 ? byKey.precision : null;
  if (!byKey || key === rule) return byRule.precision;
  // the key's own rate, shrunk towards its rule's by MIN_HITS pseudo-hits (few hits: mostly the rule's)
  const prior = byRule.correct / byRule.hits;
  return Math.round(((byKey.correct + MIN_HITS * prior) / (byKey.hits + MIN_HITS)) * 1000) / 1000;
}

export function isShownPrecision(p: number | null): boolean {
  return p !== null && p >= SHOWN_PRECISION;
}

interface Positioned { start: number; end: number; technique: Technique }

/** Same technique, and one lies within the other (duplicates included). */
export function nested(a: Positioned, b: Positioned): boolean {
  return a.technique === b.technique && ((a.start >= b.start && a.end <= b.end) || (b.start >= a.start && b.end <= a.end));
}

/**
 * Nested and duplicate spans of one technique merge into one: of each group (spans linked by
 * nesting), the span with the highest precision stays (ties: the earlier in the list, so callers
 * put model spans first). Linear after sorting: each span is compared with the open groups that
 * still reach it.
 */
export function mergeNested<T extends Positioned & { precision: number | null }>(spans: readonly T[]): T[] {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start || spans[b]!.end - spans[a]!.end || a - b);
  // outer span of each open group per technique, and the group's best member
  const open = new Map<Technique, { start: number; end: number; best: number }>();
  const keep: number[] = [];
  const better = (i: number, j: number) => (spans[i]!.precision ?? -1) > (spans[j]!.precision ?? -1) || ((spans[i]!.precision ?? -1) === (spans[j]!.precision ?? -1) && i < j);
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
