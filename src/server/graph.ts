/**
 * The actor graph the web app draws, for one document or a set: nodes are actors, edges carry a
 * sign (+ cooperation, − conflict, 0 unsigned co-mention), a weight, a direction and the sentences
 * behind them; triads of signed edges are checked for structural balance (Cartwright–Harary: a
 * triangle is balanced when the product of its signs is positive).
 *
 * Built from `result.relations`, reading the richer relation fields (polarity, goldstein, quad)
 * when the relations coder provides them, so a plain co-mention result still draws a graph.
 */
import type { AnalysisResult } from '../result.js';

export interface GraphNode {
  id: string;
  label: string;
  type: string;
  mentions: number;
  documents: number;
}

export interface GraphEvidence {
  doc: string;
  title: string | null;
  /** Code-point offsets into that document's text. */
  start: number;
  end: number;
  text: string;
  kind: string;
  sign: -1 | 0 | 1;
  explanation: string;
  /** The relation's own fields worth showing (CAMEO code, Goldstein score, qualifiers), as text. */
  details: string[];
}

export interface GraphEdge {
  source: string;
  target: string;
  directed: boolean;
  sign: -1 | 0 | 1;
  /** Sum of relation weights (|Goldstein|/10 when known, else 1 per relation). */
  weight: number;
  positive: number;
  negative: number;
  neutral: number;
  evidence: GraphEvidence[];
}

export interface Triad {
  nodes: [string, string, string];
  /** Signs of the edges a–b, b–c, a–c. */
  signs: [number, number, number];
  balanced: boolean;
}

export interface ActorGraph {
  documents: Array<{ id: string; title: string | null }>;
  nodes: GraphNode[];
  edges: GraphEdge[];
  triads: Triad[];
  balance: { triads: number; balanced: number; ratio: number | null };
}

const MAX_EVIDENCE = 40;
const MAX_TRIAD_NODES = 80;
const MAX_TRIADS = 500;

type Rel = AnalysisResult['relations'][number] & Record<string, unknown>;

/** Sign of one relation: explicit polarity first, then the Goldstein score, then quad class; co-mentions are 0. */
export function relationSign(r: Rel): -1 | 0 | 1 {
  const p = r['polarity'];
  if (typeof p === 'number' && p !== 0) return p > 0 ? 1 : -1;
  if (p === '+' || p === 'positive' || p === 'cooperation') return 1;
  if (p === '-' || p === '−' || p === 'negative' || p === 'conflict') return -1;
  const g = r['goldstein'];
  if (typeof g === 'number' && g !== 0) return g > 0 ? 1 : -1;
  const q = r['quad'] ?? r['quadClass'];
  if (q === 1 || q === 2) return 1;
  if (q === 3 || q === 4) return -1;
  return 0;
}

function relationWeight(r: Rel): number {
  const g = r['goldstein'];
  return typeof g === 'number' && g !== 0 ? Math.abs(g) / 10 : 1;
}

function details(r: Rel): string[] {
  const out: string[] = [];
  for (const k of ['cameo', 'goldstein', 'quad', 'plover', 'mode', 'negated', 'hypothetical', 'future', 'assertedBy', 'attribution']) {
    const v = r[k];
    if (v === undefined || v === null || v === false || v === '') continue;
    out.push(`${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  }
  return out;
}

export function buildGraph(docs: Array<{ id: string; result: AnalysisResult }>): ActorGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  for (const { id, result } of docs) {
    for (const a of result.actors) {
      let n = nodes.get(a.code);
      if (!n) nodes.set(a.code, (n = { id: a.code, label: a.name, type: a.type, mentions: 0, documents: 0 }));
      n.mentions += a.mentions.length;
      n.documents++;
    }
    for (const rel of result.relations as Rel[]) {
      if (rel.source === rel.target) continue;
      const directed = rel.kind !== 'co-mention' && rel['directed'] !== false;
      const [s, t] = directed || rel.source < rel.target ? [rel.source, rel.target] : [rel.target, rel.source];
      const key = `${s}${directed ? '>' : '~'}${t}`;
      let e = edges.get(key);
      if (!e) edges.set(key, (e = { source: s, target: t, directed, sign: 0, weight: 0, positive: 0, negative: 0, neutral: 0, evidence: [] }));
      const sign = relationSign(rel);
      const w = relationWeight(rel);
      e.weight += w;
      if (sign > 0) e.positive += w;
      else if (sign < 0) e.negative += w;
      else e.neutral += w;
      if (e.evidence.length < MAX_EVIDENCE) {
        e.evidence.push({ doc: id, title: result.meta.title, start: rel.evidence.start, end: rel.evidence.end, text: rel.evidence.text, kind: rel.kind, sign, explanation: rel.explanation, details: details(rel) });
      }
      for (const code of [s, t]) if (!nodes.has(code)) nodes.set(code, { id: code, label: code, type: 'unknown', mentions: 0, documents: 0 });
    }
  }
  for (const e of edges.values()) {
    e.weight = round(e.weight);
    e.sign = e.positive > e.negative ? 1 : e.negative > e.positive ? -1 : 0;
  }
  const triads = findTriads([...edges.values()]);
  const balanced = triads.filter((t) => t.balanced).length;
  return {
    documents: docs.map((d) => ({ id: d.id, title: d.result.meta.title })),
    nodes: [...nodes.values()].sort((a, b) => b.mentions - a.mentions || a.id.localeCompare(b.id)),
    edges: [...edges.values()].sort((a, b) => b.weight - a.weight),
    triads,
    balance: { triads: triads.length, balanced, ratio: triads.length ? round(balanced / triads.length) : null },
  };
}

/** Every triangle of signed edges (direction ignored; the pair's sign is the sign of its net weight). */
function findTriads(edges: GraphEdge[]): Triad[] {
  const net = new Map<string, number>();
  const pair = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  for (const e of edges) {
    const k = pair(e.source, e.target);
    net.set(k, (net.get(k) ?? 0) + e.positive - e.negative);
  }
  const adj = new Map<string, Map<string, number>>();
  for (const [k, v] of net) {
    if (v === 0) continue;
    const [a, b] = k.split('\u0000') as [string, string];
    const s = v > 0 ? 1 : -1;
    if (!adj.has(a)) adj.set(a, new Map());
    if (!adj.has(b)) adj.set(b, new Map());
    adj.get(a)!.set(b, s);
    adj.get(b)!.set(a, s);
  }
  const ids = [...adj.keys()].sort().slice(0, MAX_TRIAD_NODES);
  const out: Triad[] = [];
  for (let i = 0; i < ids.length; i++) {
    const a = ids[i]!;
    for (let j = i + 1; j < ids.length; j++) {
      const b = ids[j]!;
      const ab = adj.get(a)!.get(b);
      if (ab === undefined) continue;
      for (let k = j + 1; k < ids.length && out.length < MAX_TRIADS; k++) {
        const c = ids[k]!;
        const bc = adj.get(b)!.get(c);
        const ac = adj.get(a)!.get(c);
        if (bc === undefined || ac === undefined) continue;
        out.push({ nodes: [a, b, c], signs: [ab, bc, ac], balanced: ab * bc * ac > 0 });
      }
    }
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
