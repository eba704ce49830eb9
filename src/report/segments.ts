/**
 * The one span segmenter (the HTML/text reports use it; the web app can too: no DOM, no Node).
 * Cuts [0, length) at every span boundary so overlapping spans can be drawn: each segment knows
 * which spans cover it (outermost, i.e. longest, first), which open at its start and which close
 * at its end. One sweep over the sorted boundaries: O((n + b) log b + output), not segments × spans.
 */
import type { AnalysisResult } from '../result.js';

export interface Segment {
  /** Offsets in the unit the spans use (code points for results). */
  start: number;
  end: number;
  /** Indices into the span list covering this segment, outermost (longest) first. */
  active: number[];
  /** Spans starting at `start`, outermost first. */
  opens: number[];
  /** Spans ending at `end`, innermost first. */
  closes: number[];
}

export function cutSegments(length: number, spans: ReadonlyArray<{ start: number; end: number }>): Segment[] {
  const clamp = (x: number): number => Math.max(0, Math.min(length, x));
  const cuts = new Set<number>([0, length]);
  for (const s of spans) cuts.add(clamp(s.start)), cuts.add(clamp(s.end));
  const points = [...cuts].sort((a, b) => a - b);
  // Rank: longest first, then in list order (what a stable sort by length gives).
  const byLength = spans.map((_, i) => i).sort((a, b) => spans[b]!.end - spans[b]!.start - (spans[a]!.end - spans[a]!.start));
  const rank = new Int32Array(spans.length);
  byLength.forEach((i, r) => (rank[i] = r));
  const starting = new Map<number, number[]>();
  const ending = new Map<number, number[]>();
  for (const i of byLength) {
    const a = clamp(spans[i]!.start), b = clamp(spans[i]!.end);
    (starting.get(a) ?? starting.set(a, []).get(a)!).push(i);
    (ending.get(b) ?? ending.set(b, []).get(b)!).push(i);
  }
  const active = new Set<number>();
  const out: Segment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k]!, end = points[k + 1]!;
    for (const i of ending.get(start) ?? []) active.delete(i);
    const opens = starting.get(start) ?? [];
    for (const i of opens) if (clamp(spans[i]!.end) >= end) active.add(i);
    out.push({
      start,
      end,
      active: [...active].sort((a, b) => rank[a]! - rank[b]!),
      opens: [...opens],
      closes: [...(ending.get(end) ?? [])].reverse(),
    });
  }
  return out;
}

/** Segments of a result's technique spans (code points). */
export function segments(r: AnalysisResult): Segment[] {
  return cutSegments([...r.text].length, r.techniques);
}
