/**
 * Scoring coded events as PETRARCH is scored (same as /work/shared/tools/events_score.py):
 * exact (source, target, code) triples; country dyad (first three letters of each code) with the
 * quad class; dyad with the two-digit root code. Multisets per sentence id; gold events with a
 * missing ('---' or empty) actor are left out on both sides.
 *
 * The PLOVER GSR set labels PLOVER event types with actor and recipient instead of CAMEO codes:
 * there the "code" compared is the PLOVER type and the quad class is the type's quad class.
 */
import { SECTORS } from '../actors/dictionary.js';
import { codeInfo } from './lexicon.js';

export interface GoldEvent {
  source: string;
  target: string;
  code: string;
}

export interface GoldRecord {
  id: string;
  text: string;
  date?: string;
  events: GoldEvent[];
}

export interface PredEvent {
  id: string;
  source: string;
  target: string;
  code: string;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
}

export type View = 'exact' | 'dyad_root' | 'dyad_quad';

/** PLOVER type → quad class (majority over the CAMEO codes mapped to it). */
export const PLOVER_QUAD: Record<string, 1 | 2 | 3 | 4> = {
  AGREE: 1, CONSULT: 1, SUPPORT: 1, REQUEST: 3, COOPERATE: 2, AID: 2, CONCEDE: 2, RETREAT: 2,
  ACCUSE: 3, REJECT: 3, THREATEN: 3, PROTEST: 3, MOBILIZE: 4, SANCTION: 4, COERCE: 4, ASSAULT: 4,
};

export function quadOfCode(code: string): number | null {
  if (PLOVER_QUAD[code]) return PLOVER_QUAD[code]!;
  const r = Number(code.slice(0, 2));
  if (!Number.isInteger(r) || r < 1 || r > 20) return null;
  return r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4;
}

const missing = (a: string): boolean => !a || a.startsWith('---');

function views(id: string, s: string, t: string, c: string): Record<View, string> {
  return {
    exact: `${id}\t${s}\t${t}\t${c}`,
    dyad_quad: `${id}\t${s.slice(0, 3)}\t${t.slice(0, 3)}\t${quadOfCode(c)}`,
    dyad_root: `${id}\t${s.slice(0, 3)}\t${t.slice(0, 3)}\t${PLOVER_QUAD[c] ? c : c.slice(0, 2)}`,
  };
}

function prf(g: Map<string, number>, p: Map<string, number>): Prf {
  let tp = 0;
  for (const [k, c] of g) tp += Math.min(c, p.get(k) ?? 0);
  const np = [...p.values()].reduce((a, b) => a + b, 0);
  const ng = [...g.values()].reduce((a, b) => a + b, 0);
  const precision = np ? tp / np : 0;
  const recall = ng ? tp / ng : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, gold: ng, predicted: np };
}

export function score(gold: readonly GoldRecord[], pred: readonly PredEvent[]): Record<View, Prf> {
  const G: Record<View, Map<string, number>> = { exact: new Map(), dyad_root: new Map(), dyad_quad: new Map() };
  const P: Record<View, Map<string, number>> = { exact: new Map(), dyad_root: new Map(), dyad_quad: new Map() };
  const ids = new Set(gold.map((r) => r.id));
  const inc = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  for (const r of gold) {
    for (const e of r.events) {
      if (missing(e.source) || missing(e.target)) continue;
      const v = views(r.id, e.source, e.target, e.code);
      for (const k of Object.keys(v) as View[]) inc(G[k], v[k]);
    }
  }
  for (const e of pred) {
    if (!ids.has(e.id) || missing(e.source) || missing(e.target)) continue;
    const v = views(e.id, e.source, e.target, e.code);
    for (const k of Object.keys(v) as View[]) inc(P[k], v[k]);
  }
  return { exact: prf(G.exact, P.exact), dyad_root: prf(G.dyad_root, P.dyad_root), dyad_quad: prf(G.dyad_quad, P.dyad_quad) };
}

interface PloverLine {
  id: string;
  text: string;
  event_v2?: string;
  actor?: Array<{ code: string; sector?: string | null }>;
  recipient?: Array<{ code: string; sector?: string | null }>;
  markup?: string;
}

/**
 * Gold records from a JSONL line: the PETRARCH form `{id, text, date, events}` or the PLOVER GSR
 * form `{id, text, event_v2, actor[], recipient[]}` (actor × recipient; compound actors marked
 * SRC/TAR with no recipient are coded towards each other).
 */
export function goldFromJson(obj: Record<string, unknown>): { record: GoldRecord; plover: boolean } {
  if (Array.isArray(obj.events)) {
    const events = (obj.events as Array<Record<string, unknown>>).map((e) => ({ source: String(e.source ?? ''), target: String(e.target ?? ''), code: String(e.code ?? '') }));
    return { record: { id: String(obj.id), text: String(obj.text ?? ''), date: obj.date ? String(obj.date) : undefined, events }, plover: false };
  }
  const p = obj as unknown as PloverLine;
  const type = String(p.event_v2 ?? '');
  // Full actor code = country/organisation code + sector when the record gives a CAMEO sector
  // ("Romanian officials": ROU + GOV → ROUGOV); the dyad views use the first three letters anyway.
  const full = (a: { code: string; sector?: string | null }): string => a.code + (a.sector && /^[A-Z]{3}$/.test(a.sector) ? a.sector : '');
  const srcs = (p.actor ?? []).map(full);
  const tgts = (p.recipient ?? []).map(full);
  const events: GoldEvent[] = [];
  if (tgts.length) for (const s of srcs) for (const t of tgts) events.push({ source: s, target: t, code: type });
  else if (srcs.length > 1 && /SRC\/TAR/.test(p.markup ?? '')) for (const s of srcs) for (const t of srcs) if (s !== t) events.push({ source: s, target: t, code: type });
  return { record: { id: String(p.id), text: String(p.text ?? ''), events }, plover: true };
}

/** A predicted CAMEO code in the gold's vocabulary (PLOVER type for the PLOVER set). */
export function predCode(cameo: string, plover: boolean): string | null {
  if (!plover) return cameo;
  // PLOVER drops CAMEO 01 (public statements) and 02 (appeals): those predictions are not scored.
  return codeInfo(cameo).plover;
}

/**
 * An actor code in the PLOVER gold's form, country or IGO/NGO plus at most one CAMEO sector:
 * the gold writes {code: "IGO", sector: "GOV"} and cannot name the organisation, so
 * "IGOUNOGOV" (UN officials) is "IGOGOV" there and "USAGOVMIL" is "USAGOV".
 */
export function ploverActor(code: string): string {
  const lead = code.slice(0, 3);
  for (let i = 3; i + 3 <= code.length; i += 3) {
    const p = code.slice(i, i + 3);
    if (SECTORS.has(p)) return lead + p;
  }
  return lead;
}

export function formatScores(s: Record<View, Prf>): string {
  const row = (k: View, label: string): string => `${label.padEnd(20)} ${s[k].precision.toFixed(3)}  ${s[k].recall.toFixed(3)}  ${s[k].f1.toFixed(3)}  ${String(s[k].gold).padStart(5)}  ${String(s[k].predicted).padStart(5)}`;
  return [`${'view'.padEnd(20)} P      R      F1     gold   pred`, row('exact', 'exact triple'), row('dyad_root', 'dyad + root code'), row('dyad_quad', 'dyad + quad class')].join('\n') + '\n';
}
