/**
 * Pure functions from coded events to the actor system: `buildGraph` for one document,
 * `mergeGraphs` for many (documents, outlets, time windows — the corpus layer aggregates with it),
 * `balance`/`realign` for structural balance. Nothing here reads the text itself: evidence comes
 * in with the events.
 */
import { nodeCode } from '../actors/node.js';
import { bestSplit } from './balance.js';
import type { EdgeChange, EvidenceRef, GraphEdge, GraphEvent, GraphNode, GraphResult, Portrayal, Realignment, Triad } from './types.js';

export type * from './types.js';

export interface GraphActor {
  code: string;
  name: string;
  type: string;
  mentions: number;
  /** Persuasion techniques in the sentences that name the actor (see Portrayal.framing). */
  framing?: Array<{ technique: string; count: number; evidence: EvidenceRef[] }>;
}

/** Evidence kept per edge and per portrayal (the strongest first); counts stay exact. */
const MAX_EVIDENCE = 8;
/** Triads are enumerated over the most-mentioned nodes only. */
const MAX_TRIAD_NODES = 40;

/** Signed weight of one event: sign from the quad class, size from Goldstein, damped by qualifiers. */
export function eventWeight(e: Pick<GraphEvent, 'quad' | 'goldstein' | 'negated' | 'modality' | 'factivity'>): number {
  let w = Math.max(0.1, Math.abs(e.goldstein) / 10) * (e.quad <= 2 ? 1 : -1);
  if (e.negated) w = -w * 0.5; // "did not make concessions": the opposite, weakly
  if (e.modality !== 'asserted') w *= 0.5; // wishes and futures count half
  // What the text rejects ("lied that ...") barely counts; what it doubts (so-called, scare quotes) counts a third.
  if (e.factivity?.value === 'rejected') w *= 0.1;
  else if (e.factivity?.value === 'doubted') w *= 0.33;
  return w;
}

/** The graph node an actor code belongs to (RUSGOV, RUSELI → RUS): see actors/node.ts. */
export { nodeCode };

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
const signOf = (x: number): 1 | -1 | 0 => (x > 1e-9 ? 1 : x < -1e-9 ? -1 : 0);
const round = (x: number): number => Math.round(x * 1000) / 1000;

/** The graph one document asserts. `doc` labels the evidence (useful once graphs are merged). */
export function buildGraph(actors: readonly GraphActor[], events: readonly GraphEvent[], doc: string | null = null): GraphResult {
  const edges = new Map<string, GraphEdge & { codes: Map<string, number> }>();
  // Mutual statements arrive as two events (A→B and B→A) with the same trigger and code.
  const triggers = new Set(events.map((e) => `${e.source}>${e.target}|${e.cameo}|${e.trigger.start}`));
  const done = new Set<string>();
  for (const e of events) {
    const mutual = !!e.symmetric || triggers.has(`${e.target}>${e.source}|${e.cameo}|${e.trigger.start}`);
    const id = mutual ? `${pairKey(e.source, e.target)}|${e.cameo}|${e.trigger.start}` : null;
    if (id) {
      if (done.has(id)) continue;
      done.add(id);
    }
    const [s, t] = mutual && e.source > e.target ? [e.target, e.source] : [e.source, e.target];
    const standing = e.via === 'noun' || e.via === 'stance';
    const key = `${mutual ? `${s}~${t}` : `${s}>${t}`}${standing ? '|s' : ''}`;
    let edge = edges.get(key);
    if (!edge) {
      edge = { source: s, target: t, sign: 0, weight: 0, score: 0, directed: !mutual, standing, count: 0, cameo: [], evidence: [], codes: new Map() };
      edges.set(key, edge);
    }
    edge.score += eventWeight(e);
    edge.count++;
    edge.codes.set(e.cameo, (edge.codes.get(e.cameo) ?? 0) + 1);
    // Only the first MAX_EVIDENCE are kept: checking a capped list keeps this linear in events.
    if (edge.evidence.length < MAX_EVIDENCE && !edge.evidence.some((r) => r.start === e.evidence.start && r.doc === (doc ?? e.evidence.doc ?? null))) edge.evidence.push({ ...e.evidence, doc: doc ?? e.evidence.doc ?? null });
  }
  const edgeList: GraphEdge[] = [...edges.values()].map(({ codes, ...e }) => ({
    ...e,
    sign: signOf(e.score),
    weight: round(Math.abs(e.score)),
    score: round(e.score),
    cameo: [...codes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c),
    evidence: e.evidence.slice(0, MAX_EVIDENCE),
  }));
  const nodes = new Map<string, GraphNode>();
  for (const a of actors) {
    const portrayal = emptyPortrayal();
    if (a.framing?.length) portrayal.framing = a.framing.map((f) => ({ ...f, evidence: f.evidence.map((r) => ({ ...r, doc: doc ?? r.doc ?? null })) }));
    nodes.set(a.code, { code: a.code, name: a.name, type: a.type, mentions: a.mentions, portrayal });
  }
  for (const e of events) {
    for (const c of [e.source, e.target]) if (!nodes.has(c)) nodes.set(c, { code: c, name: c, type: 'unknown', mentions: 0, portrayal: emptyPortrayal() });
  }
  portray(nodes, events, doc);
  return finish([...nodes.values()], edgeList);
}

function emptyPortrayal(): Portrayal {
  return { asSource: { cooperative: 0, conflictual: 0 }, asTarget: { cooperative: 0, conflictual: 0 }, acts: 0, receives: 0, role: 'mentioned', summary: '', evidence: [] };
}

/** Sums what each actor does and receives; role and summary are derived in `finish`. */
function portray(nodes: Map<string, GraphNode>, events: readonly GraphEvent[], doc: string | null): void {
  const strongest = new Map<string, Array<{ w: number; ref: EvidenceRef }>>();
  const sums = new Map<string, { acts: number; receives: number }>();
  const seen = new Map<string, Set<number>>(); // evidence starts per actor (a set: linear in events)
  for (const e of events) {
    const w = eventWeight(e);
    const src = nodes.get(e.source)!.portrayal;
    const tgt = nodes.get(e.target)!.portrayal;
    if (w >= 0) src.asSource.cooperative++, tgt.asTarget.cooperative++;
    else src.asSource.conflictual++, tgt.asTarget.conflictual++;
    for (const [c, k] of [[e.source, 'acts'], [e.target, 'receives']] as const) {
      const s = sums.get(c) ?? { acts: 0, receives: 0 };
      s[k] += w;
      sums.set(c, s);
      const list = strongest.get(c) ?? [];
      const starts = seen.get(c) ?? new Set<number>();
      seen.set(c, starts);
      if (!starts.has(e.evidence.start)) starts.add(e.evidence.start), list.push({ w: Math.abs(w), ref: { ...e.evidence, doc: doc ?? e.evidence.doc ?? null } });
      strongest.set(c, list);
    }
  }
  for (const [c, n] of nodes) {
    const p = n.portrayal;
    const s = sums.get(c);
    const na = p.asSource.cooperative + p.asSource.conflictual;
    const nr = p.asTarget.cooperative + p.asTarget.conflictual;
    p.acts = s && na ? round(s.acts / na) : 0;
    p.receives = s && nr ? round(s.receives / nr) : 0;
    p.evidence = (strongest.get(c) ?? []).sort((a, b) => b.w - a.w).slice(0, 3).map((x) => x.ref);
  }
}

function describe(n: GraphNode): void {
  const p = n.portrayal;
  const { cooperative: sc, conflictual: sf } = p.asSource;
  const { cooperative: tc, conflictual: tf } = p.asTarget;
  if (sc + sf + tc + tf === 0) p.role = 'mentioned';
  else if (sf > sc && sf >= tf) p.role = 'aggressor';
  else if (tf > tc && tf > sf) p.role = 'pressured';
  else if (tc > 0 && sc === 0 && sf === 0) p.role = 'courted';
  else if (sc + tc > 0 && sf + tf === 0) p.role = 'partner';
  else if (sc + tc === 0) p.role = 'isolated';
  else p.role = 'mixed';
  const plural = (k: number, w: string): string => `${k} ${w}${k === 1 ? '' : 's'}`;
  const framing = p.framing?.length ? ` Sentences naming it use ${p.framing.slice(0, 3).map((f) => `${f.technique.replace(/_/g, ' ')} (${f.count})`).join(', ')}.` : '';
  p.summary = `${n.name} (${n.code}) is portrayed as ${p.role}: it initiates ${plural(sc, 'cooperative act')} and ${plural(sf, 'conflictual act')}, and receives ${sc + sf + tc + tf === 0 ? 'none' : `${tc} cooperative and ${tf} conflictual`}.${framing}`;
}

/** Recompute signs of actor pairs, triads, balance and realignments from nodes and edges. */
export function finish(nodes: GraphNode[], edges: GraphEdge[]): GraphResult {
  for (const n of nodes) describe(n);
  nodes.sort((a, b) => b.mentions - a.mentions || a.code.localeCompare(b.code));
  edges.sort((a, b) => b.weight - a.weight || a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  const pairs = pairSigns(edges);
  const top = nodes.slice(0, MAX_TRIAD_NODES).map((n) => n.code);
  const triads: Triad[] = [];
  for (let i = 0; i < top.length; i++) {
    for (let j = i + 1; j < top.length; j++) {
      const ab = pairs.get(pairKey(top[i]!, top[j]!));
      if (!ab) continue;
      for (let k = j + 1; k < top.length; k++) {
        const bc = pairs.get(pairKey(top[j]!, top[k]!));
        const ac = pairs.get(pairKey(top[i]!, top[k]!));
        if (!bc || !ac) continue;
        triads.push({ actors: [top[i]!, top[j]!, top[k]!], signs: [ab.sign, bc.sign, ac.sign], balanced: ab.sign * bc.sign * ac.sign > 0 });
      }
    }
  }
  const fr = frustration(pairs);
  return {
    nodes,
    edges,
    triads,
    balance: { triads: triads.length, balanced: triads.filter((t) => t.balanced).length, frustration: fr?.count ?? null, camps: fr?.camps ?? null },
    realignments: defaultRealignments(nodes, edges, pairs),
  };
}

interface PairSign {
  sign: 1 | -1;
  score: number;
  evidence: EvidenceRef[];
}

/**
 * Undirected sign per actor pair: the sign of the standing relations stated between them (either
 * direction) where there are any, else of all their acts.
 */
export function pairSigns(edges: readonly GraphEdge[]): Map<string, PairSign> {
  const acc = new Map<string, { score: number; standing: number; hasStanding: boolean; evidence: EvidenceRef[] }>();
  for (const e of edges) {
    const k = pairKey(e.source, e.target);
    const a = acc.get(k) ?? { score: 0, standing: 0, hasStanding: false, evidence: [] };
    a.score += e.score;
    if (e.standing) {
      if (!a.hasStanding) a.evidence = []; // standing relations decide the sign: their sentences are the evidence
      a.standing += e.score;
      a.hasStanding = true;
      a.evidence.push(...e.evidence);
    } else if (!a.hasStanding) a.evidence.push(...e.evidence);
    acc.set(k, a);
  }
  const out = new Map<string, PairSign>();
  for (const [k, a] of acc) {
    const s = signOf(a.hasStanding ? a.standing : a.score);
    if (s !== 0) out.set(k, { sign: s, score: round(a.hasStanding ? a.standing : a.score), evidence: a.evidence.slice(0, MAX_EVIDENCE) });
  }
  return out;
}

/**
 * Frustration index: fewest pair flips making the signed graph balanced, with the two camps. Exact
 * for connected groups of up to EXACT_MAX actors, the best a bounded local search finds beyond
 * (see balance.ts): polynomial whatever the graph's size.
 */
function frustration(pairs: Map<string, PairSign>): { count: number; camps: [string[], string[]] } | null {
  const codes = [...new Set([...pairs.keys()].flatMap((k) => k.split('|')))].sort();
  if (codes.length === 0) return { count: 0, camps: [[], []] };
  const best = bestSplit(codes, pairs, new Map());
  return { count: best.cost, camps: [codes.filter((c) => best.side.get(c) === 0), codes.filter((c) => best.side.get(c) === 1)] };
}

/**
 * What a hypothetical alignment would require: actors in `sides[0]` cooperating with each other
 * and in conflict with `sides[1]` (and likewise within `sides[1]`). Returns the pair signs that
 * would have to change among the named actors, against what the text asserts, and the further
 * changes the rest of the graph would need to stay balanced.
 */
export function realign(graph: Pick<GraphResult, 'edges'>, sides: [string[], string[]]): Realignment {
  const pairs = pairSigns(graph.edges);
  return realignWith(pairs, sides);
}

function realignWith(pairs: Map<string, PairSign>, sides: [string[], string[]]): Realignment {
  const fixed = new Map<string, 0 | 1>();
  sides[0].forEach((c) => fixed.set(c, 0));
  sides[1].forEach((c) => fixed.set(c, 1));
  const named = [...fixed.keys()];
  const changes: EdgeChange[] = [];
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      const a = named[i]!;
      const b = named[j]!;
      const required: 1 | -1 = fixed.get(a) === fixed.get(b) ? 1 : -1;
      const cur = pairs.get(pairKey(a, b));
      if (cur?.sign !== required) changes.push({ a, b, current: cur?.sign ?? 0, required, evidence: cur?.evidence ?? [] });
    }
  }
  const codes = [...new Set([...pairs.keys()].flatMap((k) => k.split('|')))].sort();
  const best = bestSplit(codes, pairs, fixed);
  const otherChanges: EdgeChange[] = [];
  for (const [k, p] of pairs) {
    const [a, b] = k.split('|') as [string, string];
    if (fixed.has(a) && fixed.has(b)) continue;
    const required: 1 | -1 = best.side.get(a) === best.side.get(b) ? 1 : -1;
    if (p.sign !== required) otherChanges.push({ a, b, current: p.sign, required, evidence: p.evidence });
  }
  const placement: Record<string, 0 | 1> = {};
  for (const c of codes) if (!fixed.has(c)) placement[c] = best.side.get(c) ?? 0;
  const label = `${sides[0].join('+')} vs ${sides[1].join('+')}`;
  const contradicted = changes.filter((c) => c.current !== 0);
  const summary =
    changes.length === 0
      ? `The text already asserts ${label}.`
      : `${label} would need ${changes.length} change${changes.length === 1 ? '' : 's'} among these actors (${changes.map((c) => `${c.a}–${c.b} ${sym(c.current)}→${sym(c.required)}`).join(', ')}); ${contradicted.length} of them contradict${contradicted.length === 1 ? 's' : ''} relations the text asserts${otherChanges.length ? `, and ${otherChanges.length} more elsewhere to keep the graph balanced` : ''}.`;
  return { sides: [sides[0].slice(), sides[1].slice()], label, changes, otherChanges, placement, summary };
}

const sym = (s: 1 | -1 | 0): string => (s > 0 ? '+' : s < 0 ? '−' : 'none');

/** For the three most-connected actors: every "two against one" alignment the text does not already assert. */
function defaultRealignments(nodes: GraphNode[], edges: GraphEdge[], pairs: Map<string, PairSign>): Realignment[] {
  const degree = new Map<string, number>();
  for (const e of edges) for (const c of [e.source, e.target]) degree.set(c, (degree.get(c) ?? 0) + e.count);
  const top = nodes
    .filter((n) => degree.has(n.code))
    .sort((a, b) => (degree.get(b.code) ?? 0) - (degree.get(a.code) ?? 0) || b.mentions - a.mentions)
    .slice(0, 3)
    .map((n) => n.code);
  if (top.length < 3) return [];
  const out: Realignment[] = [];
  for (const odd of top) {
    const pair = top.filter((c) => c !== odd);
    const r = realignWith(pairs, [pair, [odd]]);
    if (r.changes.length > 0) out.push(r);
  }
  return out.sort((a, b) => a.changes.length - b.changes.length);
}

/**
 * Merge graphs (of documents, outlets, time windows) into one: nodes by code (mentions and
 * portrayal counts add up), edges by (source, target, directed) (scores and counts add up,
 * evidence is kept with its document id), then signs, triads and balance are recomputed.
 */
export function mergeGraphs(graphs: readonly GraphResult[]): GraphResult {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge & { codes: Map<string, number> }>();
  const sums = new Map<string, { acts: number; receives: number; na: number; nr: number }>();
  for (const g of graphs) {
    for (const n of g.nodes) {
      let m = nodes.get(n.code);
      if (!m) {
        m = { code: n.code, name: n.name, type: n.type, mentions: 0, portrayal: emptyPortrayal() };
        nodes.set(n.code, m);
      }
      if (m.type === 'unknown') (m.type = n.type), (m.name = n.name);
      m.mentions += n.mentions;
      const p = n.portrayal;
      m.portrayal.asSource.cooperative += p.asSource.cooperative;
      m.portrayal.asSource.conflictual += p.asSource.conflictual;
      m.portrayal.asTarget.cooperative += p.asTarget.cooperative;
      m.portrayal.asTarget.conflictual += p.asTarget.conflictual;
      const na = p.asSource.cooperative + p.asSource.conflictual;
      const nr = p.asTarget.cooperative + p.asTarget.conflictual;
      const s = sums.get(n.code) ?? { acts: 0, receives: 0, na: 0, nr: 0 };
      s.acts += p.acts * na;
      s.receives += p.receives * nr;
      s.na += na;
      s.nr += nr;
      sums.set(n.code, s);
      for (const r of p.evidence) if (m.portrayal.evidence.length < MAX_EVIDENCE) m.portrayal.evidence.push(r);
      for (const f of p.framing ?? []) {
        const list = (m.portrayal.framing ??= []);
        const have = list.find((x) => x.technique === f.technique);
        if (have) (have.count += f.count), have.evidence.length < 2 && have.evidence.push(...f.evidence.slice(0, 2 - have.evidence.length));
        else list.push({ technique: f.technique, count: f.count, evidence: f.evidence.slice(0, 2) });
      }
    }
    for (const e of g.edges) {
      const key = `${e.directed ? `${e.source}>${e.target}` : `${e.source}~${e.target}`}${e.standing ? '|s' : ''}`;
      let m = edges.get(key);
      if (!m) {
        m = { ...e, score: 0, weight: 0, count: 0, cameo: [], evidence: [], codes: new Map() };
        edges.set(key, m);
      }
      m.score += e.score;
      m.count += e.count;
      e.cameo.forEach((c, i) => m.codes.set(c, (m.codes.get(c) ?? 0) + (e.cameo.length - i)));
      for (const r of e.evidence) if (m.evidence.length < MAX_EVIDENCE) m.evidence.push(r);
    }
  }
  for (const [c, s] of sums) {
    const p = nodes.get(c)!.portrayal;
    p.acts = s.na ? round(s.acts / s.na) : 0;
    p.receives = s.nr ? round(s.receives / s.nr) : 0;
    p.evidence = p.evidence.slice(0, 3);
    p.framing?.sort((a, b) => b.count - a.count || a.technique.localeCompare(b.technique));
  }
  const edgeList: GraphEdge[] = [...edges.values()].map(({ codes, ...e }) => ({
    ...e,
    score: round(e.score),
    sign: signOf(e.score),
    weight: round(Math.abs(e.score)),
    cameo: [...codes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c),
  }));
  return finish([...nodes.values()], edgeList);
}
