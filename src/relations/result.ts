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
export function toGraphResult(actors: ReadonlyArray<{ code: string; name: string; type: string; mentions: readonly unknown[] }>, events: readonly EventResult[], doc: string | null = null): GraphResult {
  // Governments and leaders fold into their state (nodeCode); the state's own entry names the node.
  const nodes = new Map<string, GraphActor>();
  for (const a of actors) {
    const code = nodeCode(a.code);
    const n = nodes.get(code);
    if (!n) nodes.set(code, { code, name: a.name, type: code === a.code ? a.type : 'state', mentions: a.mentions.length });
    else {
      n.mentions += a.mentions.length;
      if (code === a.code) (n.name = a.name), (n.type = a.type);
    }
  }
  const folded = events.map((e) => ({ ...e, source: nodeCode(e.source), target: nodeCode(e.target) })).filter((e) => e.source !== e.target);
  return buildGraph([...nodes.values()], folded, doc);
}
