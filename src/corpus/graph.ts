/**
 * The actor graph the web app draws, for one document or a selection: the documents' own signed
 * graphs (result.graph, from coded events) merged with the graph module's `mergeGraphs`, plus the
 * coded events behind each edge for the "why" panel. Documents without a graph (stored by an older
 * slant) contribute their actors; when no selected document has a signed edge, co-mentioned pairs
 * are drawn as unsigned edges so there is still a system to look at.
 */
import { buildGraph, mergeGraphs } from '../graph/index.js';
import type { EvidenceRef, GraphEdge, GraphResult } from '../graph/types.js';
import type { AnalysisResult } from '../result.js';

export interface EdgeEvent {
  doc: string;
  cameo: string | null;
  description: string | null;
  goldstein: number | null;
  quad: number | null;
  negated: boolean;
  modality: string | null;
  attribution: string | null;
  stance: string | null;
  evidence: { start: number; end: number; text: string };
  explanation: string;
}

export interface ActorGraph extends GraphResult {
  documents: Array<{ id: string; title: string | null }>;
  /** 'events': signed edges from coded events; 'co-mentions': unsigned pairs named in one sentence. */
  basis: 'events' | 'co-mentions';
  /** Coded events behind each edge, by edge key (`A>B` directed, `A~B` mutual). */
  events: Record<string, EdgeEvent[]>;
}

const MAX_EDGE_EVENTS = 40;
const MAX_EVIDENCE = 40;

export function edgeKey(e: Pick<GraphEdge, 'source' | 'target' | 'directed'>): string {
  return e.directed ? `${e.source}>${e.target}` : `${e.source}~${e.target}`;
}

export function buildActorGraph(docs: ReadonlyArray<{ id: string; result: AnalysisResult }>): ActorGraph {
  const graphs: GraphResult[] = docs.map(({ id, result }) => {
    const g = result.graph ?? buildGraph(result.actors.map((a) => ({ code: a.code, name: a.name, type: a.type, mentions: a.mentions.length })), [], id);
    return withDoc(g, id);
  });
  const merged: GraphResult = graphs.length === 1 ? graphs[0]! : mergeGraphs(graphs);
  let basis: ActorGraph['basis'] = 'events';
  if (!merged.edges.length) {
    const co = coMentionEdges(docs);
    if (co.length) {
      merged.edges = co;
      basis = 'co-mentions';
    }
  }
  const keys = new Set(merged.edges.map(edgeKey));
  const events: Record<string, EdgeEvent[]> = {};
  for (const { id, result } of docs) {
    for (const ev of result.events ?? []) {
      const x = ev as unknown as Record<string, unknown>;
      const s = String(x.source);
      const t = String(x.target);
      const key = keys.has(`${s}>${t}`) ? `${s}>${t}` : s < t ? `${s}~${t}` : `${t}~${s}`;
      if (!keys.has(key)) continue;
      const list = (events[key] ??= []);
      // A mutual statement arrives as A→B and B→A with the same evidence and code: show it once.
      if (list.length >= MAX_EDGE_EVENTS || list.some((e) => e.doc === id && e.evidence.start === ev.evidence.start && e.cameo === str(x.cameo))) continue;
      const attribution = x.attribution as { kind?: string; text?: string | null } | undefined;
      list.push({
        doc: id,
        cameo: str(x.cameo),
        description: str(x.description),
        goldstein: typeof x.goldstein === 'number' ? x.goldstein : null,
        quad: typeof x.quad === 'number' ? x.quad : null,
        negated: x.negated === true,
        modality: str(x.modality),
        attribution: attribution ? [attribution.kind, attribution.text].filter(Boolean).join(': ') : null,
        stance: str(x.stance),
        evidence: ev.evidence,
        explanation: ev.explanation,
      });
    }
  }
  return { ...merged, documents: docs.map((d) => ({ id: d.id, title: d.result.meta.title })), basis, events };
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v ? v : null;
}

/** Label every piece of evidence with its document, so merged graphs link back to their sources. */
function withDoc(g: GraphResult, id: string): GraphResult {
  const tag = (r: EvidenceRef): EvidenceRef => ({ ...r, doc: r.doc ?? id });
  return {
    ...g,
    nodes: g.nodes.map((n) => ({ ...n, portrayal: { ...n.portrayal, evidence: n.portrayal.evidence.map(tag) } })),
    edges: g.edges.map((e) => ({ ...e, evidence: e.evidence.map(tag) })),
  };
}

/** Unsigned edges between actors named in the same sentence (the first-cut relations). */
function coMentionEdges(docs: ReadonlyArray<{ id: string; result: AnalysisResult }>): GraphEdge[] {
  const edges = new Map<string, GraphEdge>();
  for (const { id, result } of docs) {
    for (const rel of result.relations) {
      if (rel.source === rel.target) continue;
      const [s, t] = rel.source < rel.target ? [rel.source, rel.target] : [rel.target, rel.source];
      const key = `${s}~${t}`;
      let e = edges.get(key);
      if (!e) edges.set(key, (e = { source: s, target: t, sign: 0, weight: 0, score: 0, directed: false, count: 0, cameo: [], evidence: [] }));
      e.count++;
      e.weight = e.count;
      if (e.evidence.length < MAX_EVIDENCE && !e.evidence.some((r) => r.doc === id && r.start === rel.evidence.start)) e.evidence.push({ ...rel.evidence, doc: id });
    }
  }
  return [...edges.values()].sort((a, b) => b.weight - a.weight);
}
