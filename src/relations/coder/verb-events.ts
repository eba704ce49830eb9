/** Step 3 put together: the events of one verb (pattern, subject, object, passive, qualifiers). */
import { codeInfo, type Lexicon } from '../lexicon.js';
import { attribution } from './attribution.js';
import { aboutActor, actorAt, boundary, governingPrep, hypotheticalClause, objectActors, subjectActors, verbGroup } from './clause.js';
import { SYMMETRIC, appealToDemand, baseCode, canPlace, countryOf, futureCode, placeAgent } from './codes.js';
import { codeDemands } from './demands.js';
import { bestPattern, patternNegates, patternText } from './patterns.js';
import { type CodeOptions, type CodedEvent, type Modality } from './types.js';
import { type Unit, WINDOW, isActor, isAgent } from './units.js';
import { type Verb } from './verbs.js';
import { CLAUSE, CONJ, LOCATIVE, PLACE_PREP, REPORT, TOPIC } from './words.js';
import { type TreeIndex, treeArgs } from './tree-args.js';

/** Lemmas of reporting verbs (the REPORT word list holds their forms). */
export const REPORT_LEMMAS = new Set(['say', 'tell', 'claim', 'state', 'announce', 'report', 'allege', 'insist', 'argue', 'assert', 'declare', 'add', 'write', 'warn', 'note', 'suggest', 'believe', 'think', 'contend', 'maintain', 'explain', 'acknowledge', 'admit', 'deny', 'tweet', 'suggest', 'indicate', 'confirm']);

/**
 * How the tree's arguments are used: 'strict' uses the tree alone, 'fill' falls back to the window
 * when the tree finds no actor, 'check' keeps the window's and records whether the tree agrees.
 */
export type TreeMode = 'strict' | 'fill' | 'check';

/**
 * The parse's verdict on a window event: 'agrees' (same source and target), 'differs' (the parse
 * names another actor on a side), 'silent' (the parse names no actor on the side that differs).
 */
function treeVerdict(ta: { subj: number[]; obj: number[] }, s: number, t: number, u: Unit[]): 'agrees' | 'differs' | 'silent' {
  const sOk = ta.subj.includes(s);
  const tOk = ta.obj.includes(t);
  if (sOk && tOk) return 'agrees';
  const other = (!sOk && ta.subj.some((k) => isActor(u[k]))) || (!tOk && ta.obj.some((k) => isActor(u[k])));
  return other ? 'differs' : 'silent';
}

export interface Ctx {
  u: Unit[];
  lex: Lexicon;
  text: string;
  verbs: Verb[];
  verbIdx: Set<number>;
  opts: CodeOptions;
  /** The sentence's dependency parse mapped onto the units, when there is one. */
  tix?: TreeIndex;
  treeMode?: TreeMode;
}

/** Events of the verb verbs[vi]; `objFrom` moves the object search (upper verb of a chain). */
export function codeVerb(ctx: Ctx, vi: number, objFrom?: number): CodedEvent[] {
  const { u, lex, text, verbs, verbIdx, opts } = ctx;
  const v = verbs[vi]!;
  if (REPORT.has(u[v.i]!.low) && v.form.words.length === 1) return []; // reporting verbs carry attribution, not events
  const g = verbGroup(u, v, verbIdx);
  // For "light verb + event noun", the light verb's own patterns win when one matches ("make no concession").
  const lightPm = v.light ? bestPattern(u, { i: v.i, j: v.i + v.light.words.length, form: v.light }, g.start, lex) : null;
  const pm = lightPm && (lightPm.pattern.code || lightPm.pattern.code2) ? lightPm : bestPattern(u, v, g.start, lex);
  let code = baseCode(u, v);
  let code2 = v.form.code2;
  if (pm) {
    // A demand verb keeps its force when a pattern names what is demanded with an appeal code
    // ("demanded the withdrawal of ..." 025 → 105): CAMEO codes demands 10x and appeals 02x.
    const demand = code !== null && /^10/.test(code);
    code = demand ? appealToDemand(pm.pattern.code) : pm.pattern.code;
    code2 = pm.pattern.code2;
  }
  if (code === null && code2 === null) return [];
  // PETRARCH leaves negated events out, unless the pattern itself spells out the negation
  // ("- &NEGATVAUXVRB * OVER EFFORTS [904]").
  if (g.negated && opts.dropNegated && !(pm && patternNegates(pm.pattern))) return [];
  if (opts.intentCodes && g.intent && !g.negated) {
    code = code && futureCode(code);
    code2 = code2 && futureCode(code2);
  }
  // The subject of "A agreed to restore ..." sits before the upper verb's group.
  let anchor = g.start;
  if (vi > 0) {
    const prev = verbs[vi - 1]!;
    if (v.i - prev.j <= 2 && u[prev.j]?.low === 'to') anchor = verbGroup(u, prev, verbIdx).start;
  }
  let subj = pm && pm.src >= 0 ? [pm.src] : subjectActors(u, anchor, verbIdx);
  // "X condemned ... and promised aid to Y": a verb right after "and" shares the previous verb's subject.
  if (!(pm && pm.src >= 0) && vi > 0 && CONJ.has(u[anchor - 1]?.low ?? '') && u[anchor - 1]!.low !== 'nor') {
    const prev = verbs[vi - 1]!;
    const ps = subjectActors(u, verbGroup(u, prev, verbIdx).start, verbIdx);
    if (ps.length) subj = ps;
  }
  // "A mobilized groups in B to help C": the subject of an infinitive of purpose is the clause's
  // subject, not an actor inside a prepositional phrase just before it.
  if (!(pm && pm.src >= 0) && vi > 0 && (u[anchor - 1]?.low === 'to' || u[anchor]?.low === 'to' || u[v.i - 1]?.low === 'to') && subj.length && subj.every((k) => LOCATIVE.has(u[k - 1]?.low ?? ''))) {
    const prev = verbs[vi - 1]!;
    const ps = subjectActors(u, verbGroup(u, prev, verbIdx).start, verbIdx);
    if (ps.length && ps[0]! < subj[0]!) subj = ps;
  }
  // "A issued a declaration demanding that ...": a participle clause with no subject of its own
  // belongs to the previous verb's subject.
  // "A met B, criticising C": after a comma it belongs to the main clause's subject.
  if (!(pm && pm.src >= 0) && v.form.ing && vi > 0 && g.start === v.i && (subj.length === 0 || u[v.i - 1]?.up === ',')) {
    const prev = verbs[vi - 1]!;
    if (v.i - prev.j <= 8 && !u.slice(prev.j, v.i).some((x) => boundary(x) || (x.kind === 'P' && /[.;:()]/.test(x.up)))) {
      const ps = subjectActors(u, verbGroup(u, prev, verbIdx).start, verbIdx);
      if (ps.length) subj = ps;
    }
  }
  let obj = pm && pm.tgt >= 0 ? [pm.tgt] : objectActors(u, objFrom ?? v.j, verbIdx, WINDOW, true);
  // "X demanded that Y ...", "X urged that Y ...": appeals and demands reach into their that-clause.
  if (obj.length === 0 && code && /^(02|10)/.test(code)) {
    // "demanded (on Friday) that ...": a couple of time words may stand before "that".
    let t = v.j;
    while (t < v.j + 3 && u[t] && u[t]!.kind === 'W' && u[t]!.low !== 'that' && !CLAUSE.has(u[t]!.low) && !verbIdx.has(t)) t++;
    if (u[t]?.low === 'that') obj = objectActors(u, t + 1, verbIdx, 6);
  }
  // "A and B renewed negotiations on an Israeli pullback": a symmetric act of a compound subject
  // reaches its partners; an actor after a topic preposition is what the act is about.
  if (subj.length > 1 && new Set(subj.map((k) => u[k]!.actor!.code)).size > 1 && obj.length && !(pm && pm.tgt >= 0) && code && SYMMETRIC.test(code) && TOPIC.has(governingPrep(u, obj[0]!, v.j))) obj = [];
  // "A complained to B over C's raids": a complaint or protest addressed to B is against C.
  if (obj.length && code && /^11/.test(code) && !(pm && pm.tgt >= 0) && u[obj[0]! - 1]?.low === 'to') {
    const about = aboutActor(u, obj[obj.length - 1]! + 1);
    if (about >= 0) obj = [about];
  }
  // "nationals suspected by the West": a participle with a by-agent and no auxiliary is a passive
  // too (reduced relative clause); its object is the noun before it, when that is an actor.
  if (!g.passive && v.form.past && !(pm && (pm.src >= 0 || pm.tgt >= 0)) && g.start === v.i && u[v.j]?.low === 'by' && (isActor(u[v.j + 1]) || (u[v.j + 1]?.low === 'the' && isActor(u[v.j + 2])))) {
    const by = isActor(u[v.j + 1]) ? v.j + 1 : v.j + 2;
    const before = u[v.i - 1];
    subj = [by];
    obj = before && before.kind === 'A' ? [v.i - 1] : [];
  }
  let via = pm ? 'pattern' : 'verb';
  // From the parse: subject, object, passive, negation, modality (the window's choices are the fallback).
  const ta = ctx.tix ? treeArgs(ctx.tix, u, v.i, REPORT_LEMMAS) : null;
  let treeNeg = false;
  let treeMod: Modality | null = null;
  const check = ctx.treeMode === 'check';
  if (ta && !check) {
    const fill = ctx.treeMode === 'fill';
    // The window's subject of a passive is its patient, so a passive falls back on nothing.
    const real = (ks: number[]): boolean => ks.some((k) => isActor(u[k]));
    subj = real(ta.subj) || !fill || ta.passive ? ta.subj : subj;
    obj = real(ta.obj) || !fill ? ta.obj : obj.length ? obj : ta.obj;
    // A pattern that names its target ("* AGAINST +") may see one the tree attached elsewhere.
    if (obj.length === 0 && pm && pm.tgt >= 0) obj = [pm.tgt];
    if (ta.passive) via = 'passive';
    // "A complained to B over C's raids": a complaint addressed to B is against C (as the window rule).
    if (obj.length && code && /^11/.test(code) && u[obj[0]! - 1]?.low === 'to') {
      const about = aboutActor(u, obj[obj.length - 1]! + 1);
      if (about >= 0) obj = [about];
    }
    if (ta.negated && opts.dropNegated && !(pm && patternNegates(pm.pattern))) return [];
    treeNeg = ta.negated;
    treeMod = ta.modality;
  }
  // An agentless passive of coercion or violence: the window's place rule below names the source.
  const placeOnly = !!ta && !check && ta.passive && ta.subj.length === 0 && !!code && /^(17|18|19|20)/.test(code) && g.passive;
  if (placeOnly) subj = obj;
  if ((!ta || check || placeOnly) && g.passive && !(pm && (pm.src >= 0 || pm.tgt >= 0))) {
    // "A was attacked by B": B is the source; without "by", the source is unknown.
    let by = -1;
    for (let k = v.j; k < Math.min(u.length, v.j + 8); k++) {
      if (u[k]!.low === 'by' && u[k + 1]?.kind === 'A') by = k + 1;
      else if (u[k]!.low === 'by' && u[k + 1]?.low === 'the' && u[k + 2]?.kind === 'A') by = k + 2;
      if (by >= 0 || boundary(u[k]!)) break;
    }
    // "is opposed to X", "is committed to X": an adjectival participle with no agent stays active.
    const adjectival = by < 0 && ['to', 'with', 'about', 'of'].includes(u[v.j]?.low ?? '');
    if (!adjectival) {
      obj = subj;
      subj = by >= 0 ? [by] : [];
      via = 'passive';
      // "was arrested in Lebanon", "was shot dead in Osgiliath": coercion and violence with no agent
      // are coded as acts of the state where they happen (PETRARCH and PLOVER gold do the same).
      // ("were killed by a roadside bomb outside the Iraqi city of Basra": a few words may come first.)
      let place = -1;
      if (by < 0 && code && /^(17|18|19|20)/.test(code)) {
        for (let k = v.j; k < u.length && k < v.j + 10 && place < 0; k++) {
          const x = u[k]!;
          if (boundary(x) || x.kind === 'P' || (x.kind === 'A' && !isAgent(x))) break;
          if (x.kind === 'W' && PLACE_PREP.has(x.low)) {
            const q = u[k + 1]?.low === 'of' ? k + 2 : k + 1;
            const a = actorAt(u, q, text);
            if (a >= 0 && countryOf(u[a]!.actor!.code)) place = a;
            else break;
          }
        }
      }
      if (place >= 0) {
        subj = [place];
        via = 'passive+location';
      }
    }
  }
  subj = subj.slice().sort((a, b) => a - b);
  obj = obj.slice().sort((a, b) => a - b);
  let mod: Modality = g.modality === 'asserted' && hypotheticalClause(u, g.start) ? 'hypothetical' : g.modality;
  if (treeMod === 'hypothetical' || (treeMod === 'future' && mod === 'asserted')) mod = treeMod;
  const attr = attribution(u, v.i, text);
  // "X said Y must ensure security": the demand X→Y is coded (codeDemands); Y's obligation is not an event.
  if (g.obligation && attr.kind === 'reported' && attr.code) return [];
  // Past tense anywhere in the verb group ("continued to send", "had agreed") reports an event.
  const past = (v.light ?? v.form).past || u.slice(g.start, v.i).some((x) => x.kind === 'W' && (/ed$/.test(x.low) || ['was', 'were', 'had', 'did'].includes(x.low)));
  const stance: CodedEvent['stance'] = attr.kind !== 'author' || past || mod !== 'asserted' ? 'reported-event' : 'characterisation';
  const make = (s: number, t: number, c: string, how: string): CodedEvent => ({
    source: u[s]!.actor!.code,
    target: placeAgent(u[t]!.actor!, u[s]!.actor!),
    code: c,
    info: codeInfo(c),
    trigger: { start: u[v.i]!.s, end: u[v.j - 1]!.e },
    sourceMention: { start: u[s]!.s, end: u[s]!.e },
    targetMention: { start: u[t]!.s, end: u[t]!.e },
    negated: g.negated || treeNeg,
    modality: mod,
    attribution: attr,
    stance,
    via: how,
    lemma: v.form.lemma,
    pattern: pm ? patternText(pm.pattern) : null,
    // Whether the parse names the same source and target for this verb.
    ...(ta ? { tree: treeVerdict(ta, s, t, u) } : {}),
  });
  // Agents never act as sources; a country-less target needs a source with a country.
  subj = subj.filter((k) => isActor(u[k]));
  // A country-less target agent is kept only when it can be placed: always with placeAgents, and
  // by default for a state's own forces or authorities acting on a civilian group ("Egyptian police
  // dispersed demonstrators"), which news reports leave unnamed as domestic.
  obj = obj.filter((k) => isActor(u[k]) || subj.some((q) => canPlace(u[q]!.actor!, u[k]!.actor!, !!opts.placeAgents)));
  const out: CodedEvent[] = [];
  if (obj.length === 0 && code && /^14/.test(code)) {
    // "Algerian landowners began a hunger strike": a protest with no named target is addressed to
    // the protesters' own state (CAMEO and PLOVER code it so).
    for (const sIdx of subj) {
      const src = u[sIdx]!.actor!;
      const c = src.country ?? countryOf(src.code);
      if (!c || c === src.code) continue;
      const e = make(sIdx, sIdx, code, 'domestic');
      out.push({ ...e, target: c });
    }
    return out;
  }
  if ((obj.length === 0 || obj.every((k) => isAgent(u[k]))) && subj.length > 1 && code && SYMMETRIC.test(code)) {
    // "Jordan and Britain have agreed ...": each partner towards the other.
    // Stored once, undirected (symmetric); evaluation against directed gold expands it.
    for (const a of subj) for (const b of subj) if (a < b) out.push({ ...make(a, b, code, 'compound'), symmetric: true });
    return out;
  }
  for (const s of subj) {
    for (const t of obj) {
      const inferred = isAgent(u[t]) ? '+inferred-country' : '';
      if (inferred && !canPlace(u[s]!.actor!, u[t]!.actor!, !!opts.placeAgents)) continue;
      if (code) out.push(make(s, t, code, via + inferred));
      if (code2 && !inferred && opts.reciprocal !== false) out.push(make(t, s, code2, 'reciprocal'));
    }
  }
  return out;
}
