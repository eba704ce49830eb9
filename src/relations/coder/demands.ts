/** Step 4a: "X said Y must ..." as demands from the speaker to Y. */
import { codeInfo } from '../lexicon.js';
import { attribution } from './attribution.js';
import { boundary, subjectActors } from './clause.js';
import { type CodedEvent } from './types.js';
import { type Unit, isActor } from './units.js';
import { type Verb } from './verbs.js';
import { CONJ, DEMAND_DET, DEMAND_REPORT, REPORT } from './words.js';

export function codeDemands(u: Unit[], verbs: Verb[], text: string, push: (e: CodedEvent) => void): void {
  for (let k = 0; k < u.length; k++) {
    const x = u[k]!;
    if (x.kind !== 'W' || !(x.low === 'must' || x.low === 'should')) continue;
    // Subject of must: the actor right before it, with "A and B" partners.
    const t = isActor(u[k - 1]) ? k - 1 : -1;
    if (t < 0) continue;
    const targets = [t];
    let first = t;
    for (let n = 0; n < 8; n++) {
      // "A and B", "A and the B", "A and his B": a determiner may stand before the partner.
      const d = DEMAND_DET.has(u[first - 1]?.low ?? '') ? 1 : 0;
      const c = u[first - 1 - d];
      if (!(c && (CONJ.has(c.low) || c.up === ',') && isActor(u[first - 2 - d]))) break;
      first -= 2 + d;
      targets.push(first);
    }
    // A reporting verb before the subject, whose own subject is an actor.
    let rv = -1;
    for (let q = first - 1, s = 0; q >= 0 && s < 7; q--, s++) {
      const y = u[q]!;
      if (y.kind === 'W' && (REPORT.has(y.low) || DEMAND_REPORT.has(y.low))) {
        rv = q;
        break;
      }
      // "said on Tuesday that", "said here Wednesday that": skip time and place words, not clauses.
      if (y.kind !== 'W' || (boundary(y) && y.low !== 'that')) break;
    }
    if (rv < 0) continue;
    const verbSet = new Set(verbs.map((v) => v.i));
    const src = subjectActors(u, rv, verbSet).filter((q) => isActor(u[q]));
    for (const sIdx of src) for (const tIdx of targets) {
      const sm = u[sIdx]!;
      const tm = u[tIdx]!;
      push({
        source: sm.actor!.code,
        target: tm.actor!.code,
        code: '100',
        info: codeInfo('100'),
        trigger: { start: x.s, end: x.e },
        sourceMention: { start: sm.s, end: sm.e },
        targetMention: { start: tm.s, end: tm.e },
        negated: false,
        modality: 'asserted',
        attribution: { kind: 'reported', code: sm.actor!.code, text: text.slice(sm.s, sm.e) },
        stance: 'reported-event',
        via: 'demand',
        lemma: x.low,
        pattern: null,
      });
    }
  }
}
