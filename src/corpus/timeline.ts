/**
 * Timelines over stored results: per day, week or month, by outlet (documents), technique (spans
 * per 1,000 words), actor (share of actor mentions), event pair (events and mean Goldstein score)
 * or narrative (documents), with the ids of the documents behind every point. Pure: it reads an
 * iterable of results and never the store.
 */
import type { AnalysisResult } from '../result.js';
import { outletOf } from './publisher.js';
import { buildActorGraph, type ActorGraph } from './graph.js';

export const TIMELINE_BY = ['outlet', 'technique', 'actor', 'pair', 'narrative'] as const;
export type TimelineBy = (typeof TIMELINE_BY)[number];
export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export interface TimelineOptions {
  by: TimelineBy;
  interval?: Interval;
  /** Only documents of this outlet (case-insensitive). */
  outlet?: string;
  /**
   * by actor: follow this actor, one series per outlet. by pair: only pairs with this actor; with
   * "A-B" (e.g. CHN-RUS), that pair, one series per outlet.
   */
  actor?: string;
  /** by technique: only this technique. */
  technique?: string;
  /** Most series kept (largest totals first; default 12). */
  maxSeries?: number;
  /** Document ids kept per point (default 100; `count` still counts them all). */
  maxDocs?: number;
}

export interface TimelinePoint {
  period: string;
  /** Documents (outlet, narrative), spans per 1,000 words (technique), share 0..1 (actor), events (pair). */
  value: number;
  /** What the value was computed from: documents, spans, mentions or events. */
  count: number;
  /** by pair: mean Goldstein score of the events (−10 conflict … +10 cooperation). */
  goldstein?: number;
  /** by pair: events by sign. */
  cooperative?: number;
  conflictual?: number;
  docs: string[];
}

export interface TimelineSeries {
  key: string;
  label: string;
  total: number;
  points: TimelinePoint[];
}

export interface Timeline {
  by: TimelineBy;
  interval: Interval;
  /** What `value` means. */
  measure: string;
  /** Every period from the first to the last, gaps included. */
  periods: string[];
  series: TimelineSeries[];
  documents: number;
  /** Documents left out because they have no publication date. */
  undated: number;
}

const MAX_PERIODS = 5000;

/** The period a YYYY-MM-DD… date falls in: the day, the Monday of its ISO week, or YYYY-MM. */
export function periodOf(date: string, interval: Interval): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return null;
  if (interval === 'month') return `${m[1]}-${m[2]}`;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
  if (!Number.isFinite(t)) return null;
  if (interval === 'day') return new Date(t).toISOString().slice(0, 10);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday 0
  return new Date(t - dow * 86_400_000).toISOString().slice(0, 10);
}

function nextPeriod(p: string, interval: Interval): string {
  if (interval === 'month') {
    const [y, mo] = p.split('-').map(Number) as [number, number];
    return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  const t = Date.parse(`${p}T00:00:00Z`) + (interval === 'day' ? 1 : 7) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function wordCount(text: string): number {
  let n = 0;
  const re = /[\p{L}\p{N}]+/gu;
  while (re.exec(text)) n++;
  return n;
}

interface Cell {
  value: number;
  count: number;
  goldstein: number;
  cooperative: number;
  conflictual: number;
  docs: string[];
  docCount: number;
}

/** Narrative labels of a result, when the narratives analysis ran (read defensively: optional field). */
export function narrativesOf(r: AnalysisResult): string[] {
  const list = (r as unknown as { narratives?: unknown }).narratives;
  if (!Array.isArray(list)) return [];
  const out = new Set<string>();
  for (const n of list) {
    if (typeof n === 'string') out.add(n);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      const label = o.label ?? o.narrative ?? o.name;
      if (typeof label === 'string' && o.level !== 'subnarrative') out.add(label);
    }
  }
  return [...out];
}

export function timeline(docs: Iterable<{ id: string; result: AnalysisResult }>, options: TimelineOptions): Timeline {
  const interval = options.interval ?? 'month';
  const maxDocs = options.maxDocs ?? 100;
  const outletFilter = options.outlet?.toLowerCase();
  const actor = options.actor?.toUpperCase();
  const pairFilter = options.by === 'pair' && actor?.includes('-') ? (actor.split('-', 2) as [string, string]).sort().join('–') : null;
  // Cells keyed by series then period; denominators (words or mentions) by period, or by series+period.
  const cells = new Map<string, Map<string, Cell>>();
  const denom = new Map<string, number>();
  const labels = new Map<string, string>();
  let documents = 0;
  let undated = 0;

  const cell = (key: string, period: string): Cell => {
    let s = cells.get(key);
    if (!s) cells.set(key, (s = new Map()));
    let c = s.get(period);
    if (!c) s.set(period, (c = { value: 0, count: 0, goldstein: 0, cooperative: 0, conflictual: 0, docs: [], docCount: 0 }));
    return c;
  };
  const addDoc = (c: Cell, id: string): void => {
    if (c.docs[c.docs.length - 1] === id) return;
    c.docCount++;
    if (c.docs.length < maxDocs) c.docs.push(id);
  };

  for (const { id, result: r } of docs) {
    const outlet = outletOf(r) ?? 'unknown';
    if (outletFilter && outlet.toLowerCase() !== outletFilter && !r.meta.credits.some((c) => c.name.toLowerCase() === outletFilter || c.code?.toLowerCase() === outletFilter)) continue;
    const period = r.meta.date ? periodOf(r.meta.date, interval) : null;
    if (!period) {
      undated++;
      continue;
    }
    documents++;
    switch (options.by) {
      case 'outlet': {
        labels.set(outlet, outlet);
        const c = cell(outlet, period);
        c.count++;
        addDoc(c, id);
        break;
      }
      case 'narrative': {
        for (const n of narrativesOf(r)) {
          labels.set(n, n);
          const c = cell(n, period);
          c.count++;
          addDoc(c, id);
        }
        break;
      }
      case 'technique': {
        const words = wordCount(r.text);
        denom.set(period, (denom.get(period) ?? 0) + words);
        for (const t of r.techniques) {
          if (options.technique && t.technique !== options.technique) continue;
          labels.set(t.technique, t.technique.replace(/_/g, ' '));
          const c = cell(t.technique, period);
          c.count++;
          addDoc(c, id);
        }
        break;
      }
      case 'actor': {
        // Share of attention: an actor's mentions over all actor mentions (of the period, or of the
        // outlet in the period when one actor is followed across outlets).
        const total = r.actors.reduce((s, a) => s + a.mentions.length, 0);
        const dkey = actor ? `${outlet}\u0000${period}` : period;
        denom.set(dkey, (denom.get(dkey) ?? 0) + total);
        for (const a of r.actors) {
          if (actor && a.code !== actor) continue;
          const key = actor ? outlet : a.code;
          labels.set(key, actor ? outlet : `${a.name} (${a.code})`);
          const c = cell(key, period);
          c.count += a.mentions.length;
          addDoc(c, id);
        }
        break;
      }
      case 'pair': {
        for (const e of r.events) {
          const pair = [e.source, e.target].sort().join('–');
          if (pairFilter ? pair !== pairFilter : actor && e.source !== actor && e.target !== actor) continue;
          const key = pairFilter ? outlet : pair;
          labels.set(key, key);
          const c = cell(key, period);
          c.count++;
          c.goldstein += e.goldstein;
          if (e.quad <= 2) c.cooperative++;
          else c.conflictual++;
          addDoc(c, id);
        }
        break;
      }
    }
  }

  const used = [...new Set([...cells.values()].flatMap((s) => [...s.keys()]))].sort();
  const periods: string[] = [];
  if (used.length) {
    for (let p = used[0]!; periods.length < MAX_PERIODS; p = nextPeriod(p, interval)) {
      periods.push(p);
      if (p >= used[used.length - 1]!) break;
    }
  }
  const series: TimelineSeries[] = [];
  for (const [key, byPeriod] of cells) {
    const points: TimelinePoint[] = [];
    let total = 0;
    for (const period of [...byPeriod.keys()].sort()) {
      const c = byPeriod.get(period)!;
      total += c.count;
      const p: TimelinePoint = { period, value: c.count, count: c.count, docs: c.docs };
      if (options.by === 'technique') p.value = round((1000 * c.count) / Math.max(1, denom.get(period) ?? 0));
      if (options.by === 'actor') p.value = round(c.count / Math.max(1, denom.get(actor ? `${key}\u0000${period}` : period) ?? 0));
      if (options.by === 'pair') {
        p.goldstein = round(c.goldstein / c.count);
        p.cooperative = c.cooperative;
        p.conflictual = c.conflictual;
      }
      points.push(p);
    }
    series.push({ key, label: labels.get(key) ?? key, total, points });
  }
  series.sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  const measure = {
    outlet: 'documents',
    narrative: 'documents',
    technique: 'technique spans per 1,000 words (all documents of the period)',
    actor: actor ? `share of actor mentions given to ${actor}, per outlet` : 'share of actor mentions',
    pair: 'coded events (goldstein: mean Goldstein score, −10 conflict … +10 cooperation)',
  }[options.by];
  return { by: options.by, interval, measure, periods, series: series.slice(0, options.maxSeries ?? 12), documents, undated };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** CSV with one row per point (RFC 4180 quoting; cells a spreadsheet would run as formulas are defused). */
export function timelineCsv(t: Timeline): string {
  const rows = [['period', 'series', 'label', 'value', 'count', 'goldstein', 'cooperative', 'conflictual', 'docs']];
  for (const s of t.series) for (const p of s.points) rows.push([p.period, s.key, s.label, String(p.value), String(p.count), p.goldstein?.toString() ?? '', p.cooperative?.toString() ?? '', p.conflictual?.toString() ?? '', p.docs.join(' ')]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A plain-text table: one row per period, one column per series. */
export function timelineText(t: Timeline): string {
  if (!t.series.length) return `no dated documents match (${t.documents} dated, ${t.undated} undated)\n`;
  const head = [`${t.interval}`.padEnd(10), ...t.series.map((s) => s.label.slice(0, 18).padStart(18))].join(' ');
  const lines = [`${t.measure} by ${t.by}, per ${t.interval} (${t.documents} documents${t.undated ? `, ${t.undated} undated left out` : ''})`, head];
  const at = t.series.map((s) => new Map(s.points.map((p) => [p.period, p])));
  for (const period of t.periods) {
    const cells = at.map((m) => {
      const p = m.get(period);
      if (!p) return ''.padStart(18);
      const v = t.by === 'pair' ? `${p.count} (${p.goldstein! >= 0 ? '+' : ''}${p.goldstein!.toFixed(1)})` : t.by === 'actor' ? `${(p.value * 100).toFixed(1)}%` : String(p.value);
      return v.padStart(18);
    });
    lines.push([period.padEnd(10), ...cells].join(' '));
  }
  return lines.join('\n') + '\n';
}

export interface GraphSlice {
  period: string;
  /** First and last day of the window (inclusive, YYYY-MM-DD). */
  from: string;
  to: string;
  documents: number;
  graph: ActorGraph;
}

export interface GraphTimeline {
  interval: Interval;
  cumulative: boolean;
  slices: GraphSlice[];
  undated: number;
}

/** The first and last day of a period. */
export function periodBounds(period: string, interval: Interval): { from: string; to: string } {
  if (interval === 'month') {
    const [y, m] = period.split('-').map(Number) as [number, number];
    return { from: `${period}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
  }
  if (interval === 'day') return { from: period, to: period };
  return { from: period, to: new Date(Date.parse(`${period}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10) };
}

/**
 * The merged actor graph per time window, for a time slider: one graph per period with documents
 * (or, cumulative, of everything up to the end of each period). At most `maxDocs` documents per
 * graph (the most recent kept when cumulative) and `maxSlices` windows (the latest).
 */
export function graphSlices(
  docs: Iterable<{ id: string; result: AnalysisResult }>,
  options: { interval?: Interval; cumulative?: boolean; maxDocs?: number; maxSlices?: number } = {},
): GraphTimeline {
  const interval = options.interval ?? 'month';
  const maxDocs = options.maxDocs ?? 2000;
  const byPeriod = new Map<string, Array<{ id: string; result: AnalysisResult }>>();
  let undated = 0;
  for (const d of docs) {
    const p = d.result.meta.date ? periodOf(d.result.meta.date, interval) : null;
    if (!p) {
      undated++;
      continue;
    }
    const list = byPeriod.get(p) ?? [];
    list.push(d);
    byPeriod.set(p, list);
  }
  const periods = [...byPeriod.keys()].sort().slice(-(options.maxSlices ?? 120));
  const slices: GraphSlice[] = [];
  let running: Array<{ id: string; result: AnalysisResult }> = [];
  for (const p of periods) {
    const own = byPeriod.get(p)!;
    running = options.cumulative ? [...running, ...own].slice(-maxDocs) : own.slice(0, maxDocs);
    slices.push({ period: p, ...periodBounds(p, interval), documents: running.length, graph: buildActorGraph(running) });
  }
  return { interval, cumulative: options.cumulative ?? false, slices, undated };
}
