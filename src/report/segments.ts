/**
 * Cuts the text at every technique span boundary, so overlapping spans can be drawn: each segment
 * knows which spans cover it, which open at its start and which close at its end.
 */
import type { AnalysisResult } from '../result.js';
import { TECHNIQUES, type Technique } from '../techniques/types.js';

export interface Segment {
  /** Code-point offsets. */
  start: number;
  end: number;
  /** Indices into r.techniques covering this segment, outermost (longest) first. */
  active: number[];
  opens: number[];
  closes: number[];
}

export function segments(r: AnalysisResult): Segment[] {
  const length = [...r.text].length;
  const cuts = new Set<number>([0, length]);
  for (const t of r.techniques) {
    cuts.add(Math.max(0, Math.min(length, t.start)));
    cuts.add(Math.max(0, Math.min(length, t.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const byLength = r.techniques.map((_, i) => i).sort((a, b) => spanLen(r, b) - spanLen(r, a));
  const out: Segment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k]!, end = points[k + 1]!;
    out.push({
      start,
      end,
      active: byLength.filter((i) => r.techniques[i]!.start <= start && r.techniques[i]!.end >= end),
      opens: byLength.filter((i) => r.techniques[i]!.start === start),
      closes: byLength.filter((i) => r.techniques[i]!.end === end).reverse(),
    });
  }
  return out;
}

function spanLen(r: AnalysisResult, i: number): number {
  return r.techniques[i]!.end - r.techniques[i]!.start;
}

export function techniqueColorIndex(t: Technique): number {
  return Math.max(0, TECHNIQUES.indexOf(t));
}

/** One colour per technique (readable with black text), in TECHNIQUES order. */
export const TECHNIQUE_COLORS: readonly string[] = [
  '#8dd3c7', '#ffffb3', '#bebada', '#fb8072', '#80b1d3', '#fdb462', '#b3de69',
  '#fccde5', '#f4a582', '#bc80bd', '#ccebc5', '#ffed6f', '#d9d9d9', '#a6cee3',
];
