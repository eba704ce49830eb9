/** Narratives and actor roles as they appear in the JSON result (code-point offsets). */
import type { Doc } from '../core/document.js';
import type { MainRole } from './types.js';
import './types.js';

export interface NarrativeResult {
  /** Taxonomy label, e.g. "URW: Discrediting the West, Diplomacy". */
  label: string;
  level: 'narrative' | 'subnarrative';
  /** The narrative a subnarrative belongs to. */
  parent: string | null;
  /** Calibrated probability (for a subnarrative: of the narrative and the subnarrative together). */
  confidence: number;
  /** The sentences that carry it, strongest first (at least one). */
  evidence: Array<{ start: number; end: number; text: string; contribution: number }>;
  explanation: string;
  component: string;
}

/** The role the text gives an actor, from the roles of its mentions. */
export interface ActorRole {
  main: MainRole;
  /** Fine roles, most frequent first. */
  fine: string[];
  /** Mean confidence of the mentions with this main role. */
  confidence: number;
  /** How many mentions had each main role. */
  mentions: Partial<Record<MainRole, number>>;
}

export function toNarrativeResults(doc: Doc): NarrativeResult[] {
  const cp = doc.codePoints;
  const byLabel = new Map<string, NarrativeResult>();
  for (const s of doc.spans('narratives')) {
    let r = byLabel.get(s.data.label);
    if (!r) {
      r = { label: s.data.label, level: s.data.level, parent: s.data.parent, confidence: s.confidence, evidence: [], explanation: '', component: s.component };
      byLabel.set(s.data.label, r);
    }
    r.evidence[s.data.rank - 1] = { start: cp.cp(s.start), end: cp.cp(s.end), text: doc.textOf(s), contribution: s.data.contribution };
    if (s.data.rank === 1) r.explanation = s.reason;
  }
  const out = [...byLabel.values()].map((r) => ({ ...r, evidence: r.evidence.filter(Boolean) }));
  return out.sort((a, b) => (a.level === b.level ? b.confidence - a.confidence : a.level === 'narrative' ? -1 : 1));
}

/** Actor role per (code-point) mention start, aggregated by the caller's actor grouping. */
export function roleOf(doc: Doc, mentionStarts: ReadonlyArray<{ start: number }>): ActorRole | undefined {
  if (!doc.has('roles')) return undefined;
  const cp = doc.codePoints;
  const at = new Map(doc.spans('roles').map((r) => [cp.cp(r.start), r]));
  const count: Partial<Record<MainRole, number>> = {};
  const conf: Partial<Record<MainRole, number>> = {};
  const fine = new Map<string, number>();
  for (const m of mentionStarts) {
    const r = at.get(m.start);
    if (!r) continue;
    count[r.data.main] = (count[r.data.main] ?? 0) + 1;
    conf[r.data.main] = (conf[r.data.main] ?? 0) + r.confidence;
  }
  const main = (Object.keys(count) as MainRole[]).sort((a, b) => count[b]! - count[a]! || conf[b]! - conf[a]!)[0];
  if (!main) return undefined;
  for (const m of mentionStarts) {
    const r = at.get(m.start);
    if (r && r.data.main === main) for (const f of r.data.fine) fine.set(f, (fine.get(f) ?? 0) + 1);
  }
  return {
    main,
    fine: [...fine.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([f]) => f),
    confidence: Math.round((conf[main]! / count[main]!) * 1000) / 1000,
    mentions: count,
  };
}
