/** Events as they appear in the JSON result (code-point offsets); the graph is src/graph/component.ts. */
import type { Doc } from '../core/document.js';
import type { EventResult } from './types.js';
import './types.js';

/** Results already made, per document and `events` layer (the graph and the result both ask). */
const made = new WeakMap<Doc, { layer: unknown; out: EventResult[] }>();

/** The `events` layer as results; made once per document and layer (callers must not change them). */
export function toEventResults(doc: Doc): EventResult[] {
  if (!doc.has('events')) return [];
  const layer = doc.spans('events');
  const hit = made.get(doc);
  if (hit && hit.layer === layer) return hit.out;
  const out = convert(doc);
  made.set(doc, { layer, out });
  return out;
}

function convert(doc: Doc): EventResult[] {
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
