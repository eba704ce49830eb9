/**
 * Outlet profiles: one outlet against the rest of the corpus. Which techniques and words it
 * over-uses — weighted log-odds with an informative Dirichlet prior and their z-scores (Monroe,
 * Colaresi & Quinn 2008, "Fightin' Words", eq. 22 and 24) — the actors it mentions most and how it
 * portrays them, its merged actor graph, and who it copies and who copies it. Pure over results.
 */
import type { AnalysisResult } from '../result.js';
import { tokenize } from '../core/tokens.js';
import { buildActorGraph } from './graph.js';
import { outletOf } from './publisher.js';
import { narrativesOf, wordCount } from './timeline.js';

export interface LogOdds {
  term: string;
  /** Count in the outlet and in the rest. */
  count: number;
  rest: number;
  /** Weighted log-odds ratio (outlet vs rest) and its z-score; z > 1.96 ≈ over-used at 5 %. */
  delta: number;
  z: number;
}

/**
 * Fightin' Words: δ_w = log((y_wi+α_w)/(n_i+α_0−y_wi−α_w)) − log((y_wj+α_w)/(n_j+α_0−y_wj−α_w)),
 * σ²(δ_w) ≈ 1/(y_wi+α_w) + 1/(y_wj+α_w), with the prior α_w = α_0 · (corpus share of w).
 * `ni`/`nj` are the sizes of the two sides (tokens; for techniques, words: each word is a slot).
 */
export function logOdds(a: Map<string, number>, b: Map<string, number>, ni: number, nj: number, priorSize: number): LogOdds[] {
  const total = ni + nj;
  const out: LogOdds[] = [];
  for (const term of new Set([...a.keys(), ...b.keys()])) {
    const yi = a.get(term) ?? 0;
    const yj = b.get(term) ?? 0;
    const aw = Math.max(1e-3, (priorSize * (yi + yj)) / Math.max(1, total));
    const li = Math.log((yi + aw) / Math.max(1e-9, ni + priorSize - yi - aw));
    const lj = Math.log((yj + aw) / Math.max(1e-9, nj + priorSize - yj - aw));
    const delta = li - lj;
    const z = delta / Math.sqrt(1 / (yi + aw) + 1 / (yj + aw));
    out.push({ term, count: yi, rest: yj, delta: round(delta), z: round(z) });
  }
  return out.sort((x, y) => y.z - x.z || x.term.localeCompare(y.term));
}

export interface ActorPortrayal {
  code: string;
  name: string;
  mentions: number;
  documents: number;
  /** Share of the outlet's actor mentions, and of the rest's. */
  share: number;
  restShare: number;
  /** Roles the outlet's documents give it (aggressor, partner, …) → documents. */
  roles: Record<string, number>;
  /** Mean signed weight of what it does / what is done to it in the outlet's documents (−1..1). */
  acts: number;
  receives: number;
  /** Techniques in sentences naming it, most frequent first. */
  framing: Array<{ technique: string; count: number }>;
}

export interface OutletProfile {
  outlet: string;
  documents: number;
  restDocuments: number;
  words: number;
  first: string | null;
  last: string | null;
  /** Over-used (positive z) and under-used (negative z) techniques, per 1,000 words on each side. */
  techniques: Array<LogOdds & { per1000: number; restPer1000: number }>;
  /** Most over-used words (z descending) and most under-used. */
  overused: LogOdds[];
  underused: LogOdds[];
  /** Narratives (when the narratives analysis stored them) by documents, outlet vs rest. */
  narratives: LogOdds[];
  actors: ActorPortrayal[];
  graph: {
    nodes: Array<{ code: string; name: string; mentions: number; role: string }>;
    edges: Array<{ source: string; target: string; sign: number; weight: number; count: number; cameo: string[] }>;
    balance: { triads: number; balanced: number };
  };
  /** Outlets this one republishes (its copies of their articles) and outlets that republish it. */
  copiesFrom: Array<{ outlet: string; count: number }>;
  copiedBy: Array<{ outlet: string; count: number }>;
}

export interface OutletOptions {
  /** α_0 of the Dirichlet prior (default 1000 tokens). */
  priorSize?: number;
  /** Rows kept per list (default 20). */
  top?: number;
  /** Words seen fewer times in the whole corpus are not listed (default 3). */
  minCount?: number;
  /** Who-copies-whom rows (from the corpus's copy families), when the corpus has them. */
  republication?: ReadonlyArray<{ from: string; to: string; count: number }>;
}

// Words a profile would list only as noise; the prior already damps them, this keeps lists readable.
const STOP = new Set(
  `the a an and or but of in on at to for from by with as is are was were be been has have had it its this that these those he she they his her their we our you i not no said says will would can could also than then there which who whom what when where into about over after before more most very just s`.split(
    /\s+/,
  ),
);

function bump(m: Map<string, number>, k: string, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** Does a result belong to the outlet (publisher, or a credit by name or code)? */
export function isOutlet(r: AnalysisResult, name: string): boolean {
  const n = name.toLowerCase();
  return (outletOf(r) ?? '').toLowerCase() === n || r.meta.credits.some((c) => c.name.toLowerCase() === n || c.code?.toLowerCase() === n);
}

export function outletProfile(docs: Iterable<{ id: string; result: AnalysisResult }>, name: string, options: OutletOptions = {}): OutletProfile {
  const prior = options.priorSize ?? 1000;
  const top = options.top ?? 20;
  const side = [0, 1].map(() => ({ docs: 0, words: 0, tokens: 0, vocab: new Map<string, number>(), tech: new Map<string, number>(), narr: new Map<string, number>(), actorMentions: new Map<string, number>(), totalMentions: 0 }));
  const mine: Array<{ id: string; result: AnalysisResult }> = [];
  let first: string | null = null;
  let last: string | null = null;
  let canonical: string | null = null;
  for (const d of docs) {
    const r = d.result;
    const isMine = isOutlet(r, name);
    const s = side[isMine ? 0 : 1]!;
    s.docs++;
    s.words += wordCount(r.text);
    for (const t of tokenize(r.text.length > 200_000 ? r.text.slice(0, 200_000) : r.text)) {
      if (!t.word || t.norm.length < 2 || STOP.has(t.norm) || /^\d/.test(t.norm)) continue;
      s.tokens++;
      bump(s.vocab, t.norm);
    }
    for (const t of r.techniques) bump(s.tech, t.technique);
    for (const n of narrativesOf(r)) bump(s.narr, n);
    for (const a of r.actors) {
      bump(s.actorMentions, a.code, a.mentions.length);
      s.totalMentions += a.mentions.length;
    }
    if (isMine) {
      mine.push(d);
      canonical ??= outletOf(r);
      if (r.meta.date) {
        if (!first || r.meta.date < first) first = r.meta.date;
        if (!last || r.meta.date > last) last = r.meta.date;
      }
    }
  }
  const [o, rest] = side as [(typeof side)[0], (typeof side)[0]];
  const words = logOdds(o.vocab, rest.vocab, o.tokens, rest.tokens, prior).filter((w) => w.count + w.rest >= (options.minCount ?? 3));
  const techniques = logOdds(o.tech, rest.tech, o.words, rest.words, prior).map((t) => ({
    ...t,
    per1000: round((1000 * t.count) / Math.max(1, o.words)),
    restPer1000: round((1000 * t.rest) / Math.max(1, rest.words)),
  }));

  // Actors and their portrayal, from each document's own graph.
  const actors = new Map<string, ActorPortrayal & { actsSum: number; receivesSum: number; framingMap: Map<string, number> }>();
  for (const { result: r } of mine) {
    const nodes = new Map((r.graph?.nodes ?? []).map((n) => [n.code, n]));
    for (const a of r.actors) {
      let p = actors.get(a.code);
      if (!p) {
        p = { code: a.code, name: a.name, mentions: 0, documents: 0, share: 0, restShare: 0, roles: {}, acts: 0, receives: 0, framing: [], actsSum: 0, receivesSum: 0, framingMap: new Map() };
        actors.set(a.code, p);
      }
      p.mentions += a.mentions.length;
      p.documents++;
      const n = nodes.get(a.code);
      if (n) {
        p.roles[n.portrayal.role] = (p.roles[n.portrayal.role] ?? 0) + 1;
        p.actsSum += n.portrayal.acts;
        p.receivesSum += n.portrayal.receives;
        for (const f of n.portrayal.framing ?? []) bump(p.framingMap, f.technique, f.count);
      }
    }
  }
  const actorList = [...actors.values()]
    .sort((a, b) => b.mentions - a.mentions || a.code.localeCompare(b.code))
    .slice(0, top)
    .map(({ actsSum, receivesSum, framingMap, ...p }) => ({
      ...p,
      share: round(p.mentions / Math.max(1, o.totalMentions)),
      restShare: round((rest.actorMentions.get(p.code) ?? 0) / Math.max(1, rest.totalMentions)),
      acts: round(actsSum / Math.max(1, p.documents)),
      receives: round(receivesSum / Math.max(1, p.documents)),
      framing: [...framingMap].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5).map(([technique, count]) => ({ technique, count })),
    }));

  const g = mine.length ? buildActorGraph(mine.slice(0, 2000)) : null;
  const outletName = canonical ?? name;
  const key = (s: string): string => s.toLowerCase();
  const rows = options.republication ?? [];
  const copiesFrom = rows.filter((r) => key(r.to) === key(outletName) && key(r.from) !== key(outletName)).map((r) => ({ outlet: r.from, count: r.count }));
  const copiedBy = rows.filter((r) => key(r.from) === key(outletName) && key(r.to) !== key(outletName)).map((r) => ({ outlet: r.to, count: r.count }));
  return {
    outlet: outletName,
    documents: o.docs,
    restDocuments: rest.docs,
    words: o.words,
    first,
    last,
    techniques,
    overused: words.slice(0, top),
    narratives: logOdds(o.narr, rest.narr, o.docs, rest.docs, Math.min(prior, o.docs + rest.docs)).slice(0, top),
    underused: words.slice(-top).reverse().filter((w) => w.z < 0),
    actors: actorList,
    graph: {
      nodes: (g?.nodes ?? []).slice(0, 60).map((n) => ({ code: n.code, name: n.name, mentions: n.mentions, role: n.portrayal.role })),
      edges: (g?.edges ?? [])
        .slice()
        .sort((a, b) => b.weight - a.weight)
        .slice(0, 100)
        .map((e) => ({ source: e.source, target: e.target, sign: e.sign, weight: round(e.weight), count: e.count, cameo: e.cameo.slice(0, 3) })),
      balance: { triads: g?.balance.triads ?? 0, balanced: g?.balance.balanced ?? 0 },
    },
    copiesFrom,
    copiedBy,
  };
}

/** The profile as text for a terminal. */
export function outletText(p: OutletProfile): string {
  const L: string[] = [];
  L.push(`${p.outlet}: ${p.documents} documents (${p.words} words)${p.first ? `, ${p.first.slice(0, 10)} … ${p.last!.slice(0, 10)}` : ''}; the rest of the corpus: ${p.restDocuments} documents`);
  if (!p.documents) return L.join('\n') + '\n';
  L.push('', 'Techniques (per 1,000 words, outlet vs rest; z: weighted log-odds, Monroe et al. 2008)');
  for (const t of p.techniques) L.push(`  ${t.term.replace(/_/g, ' ').padEnd(40)} ${t.per1000.toFixed(2).padStart(7)} vs ${t.restPer1000.toFixed(2).padStart(7)}   z ${t.z.toFixed(2).padStart(6)}`);
  L.push('', 'Over-used words (z)');
  L.push('  ' + p.overused.map((w) => `${w.term} ${w.z.toFixed(1)}`).join(', '));
  if (p.underused.length) L.push('', 'Under-used words (z)', '  ' + p.underused.map((w) => `${w.term} ${w.z.toFixed(1)}`).join(', '));
  if (p.narratives.length) {
    L.push('', 'Narratives (documents, outlet vs rest; z)');
    for (const n of p.narratives) L.push(`  ${n.term.slice(0, 60).padEnd(60)} ${String(n.count).padStart(5)} vs ${String(n.rest).padStart(5)}   z ${n.z.toFixed(2).padStart(6)}`);
  }
  L.push('', 'Actors (share of actor mentions, outlet vs rest; how its documents portray them)');
  for (const a of p.actors) {
    const roles = Object.entries(a.roles).sort((x, y) => y[1] - x[1]).map(([r, n]) => `${r} ${n}`).join(', ');
    const framing = a.framing.map((f) => `${f.technique.replace(/_/g, ' ')} ${f.count}`).join(', ');
    L.push(`  ${`${a.name} (${a.code})`.padEnd(34)} ${(a.share * 100).toFixed(1).padStart(5)}% vs ${(a.restShare * 100).toFixed(1).padStart(5)}%  ${roles}${framing ? `; framed with ${framing}` : ''}`);
  }
  if (p.graph.edges.length) {
    L.push('', `Actor graph (${p.graph.nodes.length} actors, ${p.graph.edges.length} relations; ${p.graph.balance.balanced}/${p.graph.balance.triads} triads balanced), strongest relations:`);
    for (const e of p.graph.edges.slice(0, 10)) L.push(`  ${e.source} ${e.sign > 0 ? '+' : e.sign < 0 ? '−' : '·'} ${e.target}  (${e.count} events: ${e.cameo.join(', ')})`);
  }
  L.push('', `Republishes: ${p.copiesFrom.map((c) => `${c.outlet} (${c.count})`).join(', ') || 'none found'}`);
  L.push(`Republished by: ${p.copiedBy.map((c) => `${c.outlet} (${c.count})`).join(', ') || 'none found'}`);
  return L.join('\n') + '\n';
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
