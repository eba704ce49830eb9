/** Step 4b: relations stated with nouns ("trust between A and B", "A's invasion of B"). */
import { codeInfo, type Lexicon } from '../lexicon.js';
import { attribution } from './attribution.js';
import { actorAt, boundary } from './clause.js';
import { type CodedEvent, type Modality } from './types.js';
import { type Unit, isActor, units } from './units.js';
import { BE, DET, FUTURE, HAVE, HYPO, IF, NEG } from './words.js';

/** Relations stated with nouns: "trust between A and B", "A-B partnership", "A and B are partners", "A's invasion of B". */
export function codeNouns(u: Unit[], lex: Lexicon, text: string, push: (e: CodedEvent) => void): void {
  if (lex.nouns.size === 0) return;
  for (let k = 0; k < u.length; k++) {
    const x = u[k]!;
    if (x.kind !== 'W') continue;
    const n = lex.nouns.get(x.low);
    if (!n) continue;
    const pairs: Array<[number, number, boolean]> = []; // source, target, symmetric
    // "between A and B" after the noun (within a few units)
    for (let q = k + 1; q < Math.min(u.length, k + 5); q++) {
      if (u[q]!.low === 'between' || u[q]!.low === 'among') {
        const a = isActor(u[q + 1]) ? q + 1 : isActor(u[q + 2]) ? q + 2 : -1;
        if (a >= 0 && u[a + 1]?.low === 'and') {
          const b = isActor(u[a + 2]) ? a + 2 : isActor(u[a + 3]) ? a + 3 : -1;
          if (b >= 0) pairs.push([a, b, true]);
        }
        break;
      }
      if (boundary(u[q]!) || u[q]!.kind === 'A') break;
    }
    // "between A and B" before the noun: "between the Chinese and Russian governments ... trust" is rare; skip.
    // "A-B relations": two adjacent actors joined by a hyphen or dash right before the noun (adjectives allowed).
    let q = k - 1;
    while (q >= 0 && k - q <= 3 && u[q]!.kind === 'W' && !DET.has(u[q]!.low) && /^[a-z-]+$/.test(u[q]!.low) && !lex.nouns.has(u[q]!.low)) q--;
    if (q >= 2 && isActor(u[q]) && u[q - 1]!.kind === 'P' && /^[-–—/]$/.test(u[q - 1]!.up) && isActor(u[q - 2])) pairs.push([q - 2, q, true]);
    // "A's <noun> of/with/against/to B"
    if (q >= 0 && isActor(u[q]) && u[q]!.poss) {
      const p = u[k + 1];
      if (p && ['of', 'with', 'against', 'to', 'toward', 'towards', 'on', 'in'].includes(p.low)) {
        const b = actorAt(u, k + 2, text);
        if (b >= 0) pairs.push([q, b, false]);
      }
    }
    // "A mounted its invasion of B": a possessive pronoun stands for the clause's subject.
    if (pairs.length === 0 && q >= 0 && (u[q]!.low === 'its' || u[q]!.low === 'their') && ['of', 'against', 'on'].includes(u[k + 1]?.low ?? '')) {
      const b = actorAt(u, k + 2, text);
      if (b >= 0) {
        for (let r = q - 1, s = 0; r >= 0 && s < 8; r--, s++) {
          if (isActor(u[r])) {
            pairs.push([r, b, false]);
            break;
          }
          if (boundary(u[r]!) || u[r]!.kind === 'P') break;
        }
      }
    }
    // "A has good relations with B", "A's partnership with B": the clause subject and the with-object.
    if (pairs.length === 0 && (u[k + 1]?.low === 'with' || u[k + 1]?.low === 'toward' || u[k + 1]?.low === 'towards')) {
      const b = actorAt(u, k + 2, text);
      if (b >= 0) {
        for (let r = k - 1, s = 0; r >= 0 && s < 10; r--, s++) {
          const y = u[r]!;
          if (isActor(y)) {
            pairs.push([r, b, false]);
            break;
          }
          if (boundary(y) || y.kind === 'P') break;
        }
      }
    }
    // "A and B are/have ... <noun>": a compound subject with a copula or have in the same clause.
    if (pairs.length === 0) {
      let verbSeen = false;
      for (let r = k - 1, s = 0; r >= 0 && s < 12; r--, s++) {
        const y = u[r]!;
        if (BE.has(y.low) || HAVE.has(y.low) || y.low === 'share' || y.low === 'shares' || y.low === 'enjoy' || y.low === 'enjoys' || y.low === 'remain' || y.low === 'remained') verbSeen = true;
        if (isActor(y) && verbSeen) {
          if (u[r - 1]?.low === 'and' && isActor(u[r - 2])) pairs.push([r - 2, r, true]);
          break;
        }
        if (boundary(y) || (y.kind === 'P' && y.up !== '-')) break;
      }
    }
    if (pairs.length === 0) continue;
    // Negation in the noun's clause: "no trust between", "cannot be undermined" is not about the noun.
    let negated = false;
    for (let r = k - 1, s = 0; r >= 0 && s < 6; r--, s++) {
      const y = u[r]!;
      if (NEG.has(y.low) || y.low === 'lack' || y.low === 'lacks') negated = true;
      if (boundary(y) || y.kind === 'P') break;
    }
    // Modality of the clause around the noun: "will", "would", wishes ("want ... to have good relations").
    let modality: Modality = 'asserted';
    for (let r = k - 1, s = 0; r >= 0 && s < 10; r--, s++) {
      const y = u[r]!;
      if (FUTURE.has(y.low)) modality = 'future';
      else if (HYPO.has(y.low) || IF.has(y.low) || /^(want|wish|hope|try|tries|tried|seek|attempt)/.test(y.low)) {
        modality = 'hypothetical';
        break;
      }
      if (y.kind === 'P' && /[.;:]/.test(y.up)) break;
    }
    const attr = attribution(u, k, text);
    for (const [a, b, sym] of pairs) {
      const mk = (s: number, t: number, how: string): CodedEvent => ({
        source: u[s]!.actor!.code,
        target: u[t]!.actor!.code,
        code: n.code,
        info: codeInfo(n.code),
        trigger: { start: x.s, end: x.e },
        sourceMention: { start: u[s]!.s, end: u[s]!.e },
        targetMention: { start: u[t]!.s, end: u[t]!.e },
        negated,
        modality,
        attribution: attr,
        stance: attr.kind === 'author' ? 'characterisation' : 'reported-event',
        via: how,
        lemma: n.noun,
        pattern: null,
      });
      push(sym ? { ...mk(a, b, 'noun'), symmetric: true } : mk(a, b, 'noun'));
    }
  }
}
