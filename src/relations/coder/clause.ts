/** Step 3: the clause around a verb — its group (auxiliaries, modals, negation, passive), subject and object. */
import { type Modality } from './types.js';
import { type Unit, isActor, isAgent } from './units.js';
import { type Verb } from './verbs.js';
import { BE, CLAUSE, CONJ, DET, DO, FUTURE, HAVE, HYPO, IF, INTENT, LOCATIVE, NEG, PLACE_NOUN, PREP, READY, SUBJ_PRON, TOPIC } from './words.js';

export interface Group {
  /** First unit of the verb group (auxiliaries included). */
  start: number;
  negated: boolean;
  modality: Modality;
  passive: boolean;
  /** A stated future or readiness ("will", "would", "ready to", "plans to"): CAMEO codes these as intent (03) or threat (13). */
  intent: boolean;
  /** "must", "should": what someone is told to do, not an event. */
  obligation: boolean;
}

/** Look left of the verb over auxiliaries, modals, negation, adverbs and catenative verbs ("tried to"). */
export function verbGroup(u: Unit[], v: Verb, verbs: Set<number>): Group {
  let k = v.i - 1;
  let negated = false;
  let modality: Modality = 'asserted';
  let passive = false;
  let intent = false;
  let obligation = false;
  let sawBe = false;
  let steps = 0;
  while (k >= 0 && steps++ < 10) {
    const x = u[k]!;
    if (x.kind !== 'W') break;
    const l = x.low;
    if (NEG.has(l)) negated = true;
    else if (FUTURE.has(l)) {
      modality = modality === 'hypothetical' ? modality : 'future';
      intent = true;
    } else if (HYPO.has(l)) {
      modality = 'hypothetical';
      if (l === 'must' || l === 'should') obligation = true;
      if (l === 'would' || l === "'d") intent = true;
    }
    else if (BE.has(l)) sawBe = true;
    else if (HAVE.has(l) || DO.has(l) || l === 'to' || l.endsWith('ly') || l === 'also' || l === 'already' || l === 'still' || l === 'just' || l === 'again' || l === 'now' || l === 'then' || l === 'jointly' || l === 'further') {
      /* part of the group */
    } else if (INTENT.has(l) || verbs.has(k)) {
      if (READY.has(l)) {
        modality = modality === 'asserted' ? 'future' : modality;
        intent = true;
      }
      else if (/^(want|wish|hope|try|tries|tried|trying|seek|attempt|aim|intend)/.test(l)) modality = 'hypothetical';
      if (l === 'fail' || l === 'failed' || l === 'refuse' || l === 'refused') negated = true;
    } else if (l === 'fail' || l === 'fails' || l === 'failed' || l === 'refuse' || l === 'refused' || l === 'refuses') {
      negated = true;
    } else break;
    k--;
  }
  if (sawBe && (v.light ?? v.form).past) passive = true;
  // "will never succeed", "does not ... at all": negation right after the verb's auxiliaries is covered above.
  return { start: k + 1, negated, modality, passive, intent, obligation };
}

/** True when unit k ends a clause for left/right scans. */
export function boundary(x: Unit): boolean {
  if (x.kind === 'P') return x.up === ';' || x.up === ':' || x.up === '(' || x.up === ')' || x.up === '[' || x.up === ']' || x.up === '—' || x.up === '–';
  return CLAUSE.has(x.low);
}

/** Actors of the subject: nearest actor left of the group within the clause, plus "A and B" partners. */
export function subjectActors(u: Unit[], from: number, verbs: Set<number>): number[] {
  const found: number[] = [];
  let relative = false;
  for (let k = from - 1, steps = 0; k >= 0 && steps < 40; k--, steps++) {
    const x = u[k]!;
    if (isAgent(x)) continue;
    if (x.up === ')') {
      // "The European Union (EU) agreed": skip a short parenthesis.
      let q = k - 1;
      while (q >= 0 && k - q <= 8 && u[q]!.up !== '(' && u[q]!.up !== ')') q--;
      if (q >= 0 && u[q]!.up === '(') {
        k = q;
        continue;
      }
    }
    if (x.kind === 'A') {
      const prev = u[k - 1];
      // "A court in Guyana", "the sides of the island of Cyprus": a better subject may stand further left.
      const locative = prev && prev.kind === 'W' && (LOCATIVE.has(prev.low) || prev.low === 'of');
      if (locative && found.length === 0) {
        // "A court in Guyana has ...": keep looking for a better subject but remember this one.
        let better = -1;
        for (let q = k - 2, s2 = 0; q >= 0 && s2 < 6; q--, s2++) {
          const y = u[q]!;
          if (isActor(y)) {
            better = q;
            break;
          }
          if (boundary(y) || verbs.has(q) || y.up === ',') break;
        }
        if (better >= 0) {
          found.push(better);
          k = better;
        } else found.push(k);
      } else if (found.length === 0) found.push(k);
      else break;
      // "Bree Prime Minister Romendacil": adjacent mentions are one noun phrase; the first carries the role.
      const last = found[found.length - 1]!;
      if (isActor(u[last - 1]) && u[last - 1]!.e <= u[last]!.s) found[found.length - 1] = last - 1;
      // Compound: "A and B", "A, B and C", "Fornost and the evil awful Gondor".
      for (let guard = 0; guard < 12; guard++) {
        let q = found[found.length - 1]! - 1;
        while (q >= 0 && q > found[found.length - 1]! - 4 && u[q]!.kind === 'W' && (DET.has(u[q]!.low) || /^[a-z]+$/.test(u[q]!.low)) && !CONJ.has(u[q]!.low) && !PREP.has(u[q]!.low) && !verbs.has(q)) q--;
        if (q < 1 || !(CONJ.has(u[q]!.low) || u[q]!.up === ',')) break;
        if (CONJ.has(u[q]!.low) && u[q - 1]?.up === ',') q--; // "A, B, and C"
        let a = q - 1;
        while (a >= 0 && q - a <= 4 && u[a]!.kind === 'W' && (DET.has(u[a]!.low) || /^[a-z]+$/.test(u[a]!.low)) && !CONJ.has(u[a]!.low) && !PREP.has(u[a]!.low) && !verbs.has(a)) a--;
        if (a < 0 || !isActor(u[a])) break;
        found.push(a);
      }
      return found;
    }
    if (x.kind === 'P' && x.up === ',' && found.length === 0) {
      // "Arnor, which attacked Gondor last year, met Rohan" (relative clause) and "Pakistan, a key
      // U.S. ally, has refused" (apposition): skip to the noun phrase before the first comma.
      let w = -1;
      for (let q = k - 1; q >= 1 && k - q <= 20; q--) {
        const y = u[q]!;
        if ((y.low === 'which' || y.low === 'who' || y.low === 'a' || y.low === 'an') && u[q - 1]!.up === ',' && (y.kind === 'W') && (y.low === 'which' || y.low === 'who' || isActor(u[q - 2]))) {
          w = q;
          break;
        }
        if (y.up === ',' || boundary(y)) break;
      }
      if (w > 1) {
        k = w - 1; // the loop's k-- lands on the unit before the comma
        continue;
      }
    }
    if (x.kind === 'P' && x.up === ',' && u[k - 1]?.kind === 'A' && !relative) continue;
    if (found.length === 0 && x.kind === 'W' && SUBJ_PRON.has(x.low)) {
      // "Nigeria announced that it will withdraw ...": the pronoun stands for the sentence's first subject.
      for (let q = 0; q < k; q++) {
        const y = u[q]!;
        if (isActor(y) && !(q > 0 && LOCATIVE.has(u[q - 1]!.low))) return [q];
      }
      return found;
    }
    // "British aircraft using guided missiles killed ...": a participle phrase inside the subject.
    if (verbs.has(k) || boundary(x)) {
      if ((x.low === 'who' || x.low === 'which' || x.low === 'that') && !relative) {
        // Relative clause: the subject is the antecedent just before the pronoun.
        relative = true;
        const y = u[k - 1]?.up === ',' ? u[k - 2] : u[k - 1];
        if (y && isActor(y)) return [u.indexOf(y)];
      }
      return found;
    }
  }
  return found;
}

/** Actors right of the verb: the first actor before the clause ends (plus compound partners). */
export function objectActors(u: Unit[], from: number, verbs: Set<number>, limit: number, agents = false): number[] {
  let agent = -1; // a country-less agent ("demonstrators"): the object only if no actor follows
  for (let k = from, steps = 0; k < u.length && steps < limit; k++, steps++) {
    const x = u[k]!;
    if (isAgent(x)) {
      // Only an agent close to the verb is its object ("dispersed demonstrators"), not one deep in a phrase.
      if (agent < 0 && k - from <= 4) agent = k;
      continue;
    }
    // "on the Thai border", "the Lebanese coast": a demonym naming a place is not a participant.
    if (isActor(x) && PLACE_NOUN.has(u[k + 1]?.low ?? '')) continue;
    if (x.up === '(') {
      let q = k + 1;
      while (q < u.length && q - k <= 8 && u[q]!.up !== ')' && u[q]!.up !== '(') q++;
      if (q < u.length && u[q]!.up === ')') {
        k = q;
        continue;
      }
    }
    if (x.kind === 'A') {
      const out = [k];
      let q = k + 1;
      while (q + 1 < u.length && (u[q]!.low === 'and' || u[q]!.low === 'or' || u[q]!.up === ',') && isActor(u[q + 1])) {
        out.push(q + 1);
        q += 2;
      }
      return out;
    }
    // Another finite verb ends the object's clause; participles ("devastating blows", "the wanted man") do not.
    const finite = verbs.has(k) && k > from && u[k - 1]?.low !== 'to' && !u[k - 1]?.actor && !/(?:ing|ed)$/.test(x.low);
    if (boundary(x) || finite || x.up === ',' || (x.kind === 'P' && /[.!?]/.test(x.up))) break;
  }
  return agent >= 0 && agents ? [agent] : [];
}

/** The preposition nearest before unit k (after `from`), or '' ("on an Israeli pullback" → on). */
export function governingPrep(u: Unit[], k: number, from: number): string {
  for (let q = k - 1; q >= from; q--) if (u[q]!.kind === 'W' && (PREP.has(u[q]!.low) || TOPIC.has(u[q]!.low))) return u[q]!.low;
  return '';
}

/** "over two Israeli air raids", "about the French tests": the actor a topic phrase names, or -1. */
export function aboutActor(u: Unit[], from: number): number {
  for (let k = from, s = 0; k < u.length && s < 8; k++, s++) {
    const x = u[k]!;
    if (x.kind === 'W' && (TOPIC.has(x.low) || x.low === 'against' || x.low === 'at')) {
      // ("on Tuesday over ...": a time phrase is skipped.)
      for (let q = k + 1; q < u.length && q <= k + 3; q++) {
        if (isActor(u[q])) return q;
        if (u[q]!.kind !== 'W' || boundary(u[q]!) || PREP.has(u[q]!.low)) break;
      }
      continue;
    }
    if (x.kind === 'A' || boundary(x) || (x.kind === 'P' && x.up !== '-')) return -1;
  }
  return -1;
}

export function hypotheticalClause(u: Unit[], groupStart: number): boolean {
  for (let k = groupStart - 1, s = 0; k >= 0 && s < 20; k--, s++) {
    const x = u[k]!;
    if (IF.has(x.low)) return true;
    if (x.kind === 'P' && /[.;:]/.test(x.up)) return false;
  }
  return false;
}

/** The actor at k, or right after "the" or one capitalised word there ("of South Lebanon"); -1 if none. */
export function actorAt(u: Unit[], k: number, text: string): number {
  if (isActor(u[k])) return k;
  const x = u[k];
  if (x && x.kind === 'W' && (x.low === 'the' || /^\p{Lu}/u.test(text.slice(x.s, x.s + 1))) && isActor(u[k + 1])) return k + 1;
  return -1;
}
