/**
 * The `graph` component: the signed actor graph one document asserts, built from its actors and
 * coded events (and, when present, the techniques in the sentences naming each actor). It runs
 * as a pipeline step so it can be swapped or left out; `toResult` only copies what it made.
 *
 * The `graph` layer holds one span over the whole text whose payload is the GraphResult as it
 * leaves the library (offsets in code points).
 */
import type { Doc, Span } from '../core/document.js';
import type { Component } from '../core/pipeline.js';
import { toActorResults } from '../actors/result.js';
import { nodeCode } from '../actors/node.js';
import { toEventResults } from '../relations/result.js';
import type { EventResult } from '../relations/types.js';
import { buildGraph, type GraphActor } from './index.js';
import type { EvidenceRef, GraphResult } from './types.js';

declare module '../core/document.js' {
  interface Layers {
    graph: GraphResult;
  }
}

/** Techniques kept for framing: below this confidence a span says too little about the actor. */
const FRAMING_MIN_CONFIDENCE = 0.2;

type Range = { start: number; end: number };

export const graphComponent: Component = {
  name: 'graph',
  requires: ['actors'],
  reads: ['events', 'sentences', 'techniques', 'meta.id'],
  assigns: ['graph'],
  annotate(doc: Doc) {
    const graph = graphOf(doc);
    const span: Span<GraphResult> = {
      start: 0,
      end: doc.text.length,
      component: 'graph',
      confidence: 1,
      reason: `The actor graph the text asserts: ${graph.nodes.length} actors, ${graph.edges.length} relations between them.`,
      data: graph,
    };
    return { spans: { graph: [span] } };
  },
};

/** The document's graph (also what `toResult` falls back to when no graph component ran: an empty one). */
export function graphOf(doc: Doc): GraphResult {
  const id = doc.meta.id ?? null;
  if (!doc.has('actors')) return buildGraph([], [], id);
  const events: EventResult[] = doc.has('events') ? toEventResults(doc) : [];
  // Governments and leaders fold into their state (nodeCode); the state's own entry names the node.
  const nodes = new Map<string, GraphActor>();
  const mentionsOf = new Map<string, Range[]>();
  for (const a of toActorResults(doc)) {
    const code = nodeCode(a.code);
    const n = nodes.get(code);
    if (!n) nodes.set(code, { code, name: a.name, type: code === a.code ? a.type : 'state', mentions: a.mentions.length });
    else {
      n.mentions += a.mentions.length;
      if (code === a.code) (n.name = a.name), (n.type = a.type);
    }
    const list = mentionsOf.get(code) ?? [];
    for (const m of a.mentions) list.push(m); // not push(...): 125,000 mentions overflow the stack
    mentionsOf.set(code, list);
  }
  if (doc.has('techniques') && doc.has('sentences')) addFraming(doc, nodes, mentionsOf);
  const folded = events.map((e) => ({ ...e, source: nodeCode(e.source), target: nodeCode(e.target) })).filter((e) => e.source !== e.target);
  return buildGraph([...nodes.values()], folded, id);
}

/**
 * How the text frames each actor: the techniques inside the sentences that name it. Linear in
 * mentions + techniques (each is placed in its sentence by binary search), not sentences × mentions.
 */
function addFraming(doc: Doc, nodes: Map<string, GraphActor>, mentionsOf: Map<string, Range[]>): void {
  const cp = doc.codePoints;
  const sents = doc.spans('sentences').map((s) => ({ start: cp.cp(s.start), end: cp.cp(s.end) }));
  const techs = doc.spans('techniques').filter((s) => s.confidence >= FRAMING_MIN_CONFIDENCE);
  if (!techs.length) return;
  // Techniques inside a sentence, in document order. Spans are sorted by start, so the techniques
  // of one sentence are consecutive: each sentence keeps the range [from, to) of its techniques.
  const inside: Array<EvidenceRef & { technique: string }> = [];
  const from = new Int32Array(sents.length).fill(-1);
  const to = new Int32Array(sents.length);
  for (const s of techs) {
    const t = { start: cp.cp(s.start), end: cp.cp(s.end), text: doc.textOf(s), technique: String(s.data.technique) };
    const i = containing(sents, t);
    if (i < 0) continue;
    if (from[i] === -1) from[i] = inside.length;
    inside.push(t);
    to[i] = inside.length;
  }
  for (const [code, ms] of mentionsOf) {
    if (code.startsWith('---')) continue;
    const named: number[] = [];
    for (const m of ms) {
      const i = containing(sents, m);
      if (i >= 0) named.push(i);
    }
    named.sort((a, b) => a - b);
    const counts = new Map<string, { technique: string; count: number; evidence: EvidenceRef[] }>();
    for (let k = 0; k < named.length; k++) {
      const i = named[k]!;
      if ((k > 0 && named[k - 1] === i) || from[i] === -1) continue; // each sentence once
      for (let x = from[i]!; x < to[i]!; x++) {
        const t = inside[x]!;
        let c = counts.get(t.technique);
        if (!c) counts.set(t.technique, (c = { technique: t.technique, count: 0, evidence: [] }));
        c.count++;
        if (c.evidence.length < 2) c.evidence.push({ start: t.start, end: t.end, text: t.text });
      }
    }
    const list = [...counts.values()].sort((a, b) => b.count - a.count || a.technique.localeCompare(b.technique));
    if (list.length) nodes.get(code)!.framing = list;
  }
}

/** Index of the sentence (sorted, not overlapping) that wholly contains `r`, or -1. */
function containing(sents: readonly Range[], r: Range): number {
  let lo = 0, hi = sents.length - 1, at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sents[mid]!.start <= r.start) (at = mid), (lo = mid + 1);
    else hi = mid - 1;
  }
  return at >= 0 && r.end <= sents[at]!.end ? at : -1;
}
