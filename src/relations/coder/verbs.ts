/** Step 2: verbs — dictionary forms not in a noun context, light verb + event noun merged. */
import { type Lexicon, type VerbForm } from '../lexicon.js';
import { boundary } from './clause.js';
import { idiomMarks, inProperName, isTitleCase } from './idioms.js';
import { ADJ_LIKE, type Unit, isActor } from './units.js';
import { BE, CLAUSE, CLOSED, CONJ, DET, DO, FUTURE, HAVE, HYPO, INTENT, NEG, PLAIN_ADJ, PREP, REPORT, SUBJ_PRON, WORDS } from './words.js';

export interface Verb {
  i: number;
  /** Index after the last word of a multi-word verb. */
  j: number;
  form: VerbForm;
  /** Light verb + event noun ("made concessions", "launched an attack"): the light verb's form, tried first. */
  light?: VerbForm;
}

/** Verbs that take an event noun as their object and add little meaning of their own (data/coder-words.json). */

export const LIGHT = new Set(WORDS.LIGHT_VERBS);

export function isNounContext(u: Unit[], i: number, form: VerbForm, text: string): boolean {
  const p = u[i - 1];
  if (!p) return false;
  // "Russia's invasion"; "a U.S. ally", "an Israeli attack": an indefinite article before the actor makes it a modifier.
  if (p.kind === 'A') {
    if (p.poss) return true;
    if (form.past) return false; // "A French minister threatened": a past form after a name is the verb
    // "A French minister threatens": when the mention already ends in a common noun it is the head.
    const last = text.slice(p.s, p.e).split(/\s+/).pop() ?? '';
    if (/^\p{Ll}/u.test(last)) return false;
    for (let k = i - 2; k >= 0 && i - k <= 4; k--) {
      const x = u[k]!;
      if (x.low === 'a' || x.low === 'an') return true;
      if (x.kind !== 'W' || !/^[a-z-]+$/.test(x.low) || BE.has(x.low) || HAVE.has(x.low) || CLOSED.has(x.low) || PREP.has(x.low)) break;
    }
    return false;
  }
  if (p.kind === 'P') return false;
  if (p.low === 'to') return false;
  if (DET.has(p.low) || PREP.has(p.low)) return true;
  if (p.poss) return true;
  if (/^\d/.test(p.low)) return true;
  // Determiner + modifiers + noun: "a previously unannounced visit", "an 800 million ducat trade protocol".
  if (!form.past) {
    for (let k = i - 1; k >= 0 && i - k <= 5; k--) {
      const x = u[k]!;
      if (x.kind !== 'W') return false;
      if (DET.has(x.low) || x.poss) return true;
      if (BE.has(x.low) || HAVE.has(x.low) || DO.has(x.low) || FUTURE.has(x.low) || HYPO.has(x.low) || NEG.has(x.low) || x.low === 'to' || PREP.has(x.low) || CLOSED.has(x.low)) break;
      // Capitalised words (names, days) and adverbs end the noun phrase: "Arnor on Thursday signs".
      if (/^\p{Lu}/u.test(text.slice(x.s, x.s + 1)) || x.low.endsWith('ly')) break;
    }
    // Adjective + noun with no determiner: "brutal slaying", "official visit".
    if (/(?:al|ive|ous|ful|ic|ary|ern|ese|ish|ian)$/.test(p.low) && !BE.has(p.low)) return true;
  }
  return false;
}

/** "with <noun phrase> <participle>": up to three plain words between "with" and the participle. */
export function withAbsolute(u: Unit[], i: number): boolean {
  for (let k = i - 1; k >= 0 && i - k <= 4; k--) {
    const x = u[k]!;
    if (x.low === 'with') return k < i - 1;
    if (x.kind === 'P' || isActor(x) || CONJ.has(x.low) || BE.has(x.low) || HAVE.has(x.low) || CLAUSE.has(x.low) || FUTURE.has(x.low) || HYPO.has(x.low)) return false;
  }
  return false;
}

export function reducedRelative(u: Unit[], i: number, found: readonly Verb[]): boolean {
  const p = u[i - 1];
  if (!p || p.kind !== 'W' || p.poss || !/^[a-z]+$/.test(p.low) || p.low.endsWith('ly')) return false;
  if (CLOSED.has(p.low) || DET.has(p.low) || PREP.has(p.low) || CONJ.has(p.low) || CLAUSE.has(p.low) || BE.has(p.low) || HAVE.has(p.low) || DO.has(p.low) || FUTURE.has(p.low) || HYPO.has(p.low) || NEG.has(p.low) || SUBJ_PRON.has(p.low) || REPORT.has(p.low) || INTENT.has(p.low)) return false;
  const prev = found[found.length - 1];
  if (!prev || i - prev.j > 12 || REPORT.has(u[prev.i]!.low) || INTENT.has(u[prev.i]!.low)) return false;
  for (let k = prev.j; k < i - 1; k++) if (boundary(u[k]!) || u[k]!.kind === 'P' || REPORT.has(u[k]!.low)) return false;
  return true;
}

export function findVerbs(u: Unit[], lex: Lexicon, text: string): Verb[] {
  const out: Verb[] = [];
  const idiom = idiomMarks(u);
  const titleCase = isTitleCase(u, text);
  for (let i = 0; i < u.length; i++) {
    const x = u[i]!;
    if (x.kind !== 'W' || CLOSED.has(x.low)) continue; // closed-class words are never the verb
    // "shot itself in the foot", "call the shots": an idiom's words code nothing (or their own code).
    if (idiom[i] === null) continue;
    // Most words are no verb form at all: look that up first (the checks below are pure).
    const cands = lex.forms.get(x.up);
    if (!cands) continue;
    // "the Washington Free Beacon": a verb form inside a proper name is no verb.
    if (inProperName(u, i, text, titleCase)) continue;
    // "US-led", "Syrian-backed", "Israeli-occupied": a participle glued to a name is an adjective.
    const hy = u[i - 1];
    if (hy && hy.kind === 'P' && hy.up === '-' && hy.e === x.s && u[i - 2] && u[i - 2]!.e === hy.s) continue;
    let best: Verb | null = null;
    for (const f of cands) {
      const n = f.words.length;
      if (i + n > u.length) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = u[i + k]!.up === f.words[k];
      if (!ok) continue;
      if (!best || n > best.j - best.i || (n === best.j - best.i && best.form.code === null && f.code !== null)) best = { i, j: i + n, form: f };
    }
    if (!best) continue;
    // "pay tribute to", "strike a deal": the expression's own code, none of the verb's patterns.
    const ic = idiom[i];
    if (ic) {
      out.push({ i, j: i + 1, form: { ...best.form, code: ic, code2: null, patterns: [] } });
      continue;
    }
    // "deliver devastating blows", "impose import restrictions": a verb form right after another
    // verb modifies a noun (English does not chain finite verbs without "to").
    const afterVerb = out.length > 0 && out[out.length - 1]!.j === i && !best.form.past;
    // "Hezbollah and Hamas, and arms transfers": an -s form right after "and" or a comma is a noun.
    const prevU = u[i - 1];
    if (/S$/.test(x.up) && !best.form.past && !best.form.ing && prevU && (prevU.up === ',' || CONJ.has(prevU.low)) && !isActor(u[i - 2])) continue;
    // "with strings attached", "with its troops deployed": a participle in a with-phrase is no verb.
    if (best.form.past && /ED$/.test(x.up) && withAbsolute(u, i)) continue;
    // "rejected an ultimatum to hand over a guard involved in ...": a participle right after a plain
    // noun, in a clause that already has its verb, is a reduced relative clause, not a new event.
    if (best.form.past && u[i + 1]?.low !== 'by' && reducedRelative(u, i, out)) continue;
    if (afterVerb || isNounContext(u, i, best.form, text)) {
      // "made concessions", "launched an attack", "gave a warm welcome": a light verb with an event
      // noun codes as the noun's verb, unless the light verb's own patterns say more.
      const prev = out[out.length - 1];
      if (prev && LIGHT.has(u[prev.i]!.low) && best.form.code !== null && !prev.light && i - prev.j <= 3 && u.slice(prev.j, i).every((y) => y.kind === 'W' && (DET.has(y.low) || ADJ_LIKE.test(y.low) || PLAIN_ADJ.has(y.low) || /^\d/.test(y.low)))) {
        out[out.length - 1] = { i: prev.i, j: best.j, form: best.form, light: prev.form };
        i = best.j - 1;
      }
      continue;
    }
    out.push(best);
    i = best.j - 1;
  }
  return out;
}
