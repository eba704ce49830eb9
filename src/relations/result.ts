/** Events and the actor graph as they appear in the JSON result (code-point offsets). */
import type { Doc } from '../core/document.js';
import { buildGraph, nodeCode, type GraphActor } from '../graph/index.js';
import type { GraphResult } from '../graph/types.js';
import type { EventResult } from './types.js';
import './types.js';

export function toEventResults(doc: Doc): EventResult[] {
  if (!doc.has('events')) return [];
  const cp = doc.codePoints;
  const ref = (s: { start: number; end: number }): { start: number; end: number; text: string } => ({ start: cp.cp(s.start), end: cp.cp(s.end), text: doc.textOf(s) });
  return doc.spans('events').map((s) => {
    const { trigger, sourceMention, targetMention, ...rest } = s.data;
    return {
      ...rest,
      evidence: ref(s),
      trigger: ref(trigger),
      sourceMention: ref(sourceMention),
      targetMention: ref(targetMention),
      confidence: s.confidence,
      explanation: s.reason,
      component: s.component,
    };
  });
}

/** The actor graph from the result's actors and events (pure; the corpus layer merges these). */
type Ref = { start: number; end: number; text: string };

export interface FramingInput {
  sentences: ReadonlyArray<{ start: number; end: number }>;
  techniques: ReadonlyArray<Ref & { technique: string }>;
}

export function toGraphResult(
  actors: ReadonlyArray<{ code: string; name: string; type: string; mentions: ReadonlyArray<{ start: number; end: number }> }>,
  events: readonly EventResult[],
  doc: string | null = null,
  framing?: FramingInput,
): GraphResult {
  // Governments and leaders fold into their state (nodeCode); the state's own entry names the node.
  const nodes = new Map<string, GraphActor>();
  const mentionsOf = new Map<string, Array<{ start: number; end: number }>>();
  for (const a of actors) {
    const code = nodeCode(a.code);
    const n = nodes.get(code);
    if (!n) nodes.set(code, { code, name: a.name, type: code === a.code ? a.type : 'state', mentions: a.mentions.length });
    else {
      n.mentions += a.mentions.length;
      if (code === a.code) (n.name = a.name), (n.type = a.type);
    }
    const list = mentionsOf.get(code) ?? [];
    list.push(...a.mentions);
    mentionsOf.set(code, list);
  }
  if (framing && framing.techniques.length) {
    for (const [code, ms] of mentionsOf) {
      if (code.startsWith('---')) continue;
      // Sentences that name the actor, then the techniques inside them.
      const sents = framing.sentences.filter((s) => ms.some((m) => m.start >= s.start && m.end <= s.end));
      const counts = new Map<string, { technique: string; count: number; evidence: Ref[] }>();
      for (const t of framing.techniques) {
        if (!sents.some((s) => t.start >= s.start && t.end <= s.end)) continue;
        const c = counts.get(t.technique) ?? { technique: t.technique, count: 0, evidence: [] };
        c.count++;
        if (c.evidence.length < 2) c.evidence.push({ start: t.start, end: t.end, text: t.text });
        counts.set(t.technique, c);
      }
      const list = [...counts.values()].sort((a, b) => b.count - a.count || a.technique.localeCompare(b.technique));
      if (list.length) nodes.get(code)!.framing = list;
    }
  }
  const folded = events.map((e) => ({ ...e, source: nodeCode(e.source), target: nodeCode(e.target) })).filter((e) => e.source !== e.target);
  return buildGraph([...nodes.values()], folded, doc);
}

/** Techniques kept for framing: below this confidence a span says too little about the actor. */
const FRAMING_MIN_CONFIDENCE = 0.2;

/** Sentences and technique spans of a document, in code points, for the actors' framing. */
export function framingOf(doc: Doc): FramingInput | undefined {
  if (!doc.has('techniques')) return undefined;
  const cp = doc.codePoints;
  return {
    sentences: doc.spans('sentences').map((s) => ({ start: cp.cp(s.start), end: cp.cp(s.end) })),
    techniques: doc
      .spans('techniques')
      .filter((s) => s.confidence >= FRAMING_MIN_CONFIDENCE)
      .map((s) => ({ start: cp.cp(s.start), end: cp.cp(s.end), text: doc.textOf(s), technique: String((s.data as { technique: string }).technique) })),
  };
}
