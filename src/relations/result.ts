/** Events as they appear in the JSON result (code-point offsets); the graph is src/graph/component.ts. */
import type { Doc } from '../core/document.js';
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
