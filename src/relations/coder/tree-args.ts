/**
 * Step 3 from the dependency parse: the arguments of an event verb read off the tree instead of
 * word windows (Universal Dependencies relations, as the parser in src/syntax emits them):
 *   - source: the verb's nsubj (its conjuncts and appositions); a relative pronoun stands for the
 *     noun the clause modifies; a verb with no subject of its own takes it from the verb it is
 *     coordinated with (conj), controlled by (xcomp: the upper verb's object if it has one, else
 *     its subject) or hangs from as a participle clause (advcl);
 *   - target: obj / iobj, else an oblique whose preposition can name a participant (with, to,
 *     against, on, ...), else a participant named inside the object ("sanctions on Iran",
 *     "China's decision");
 *   - passive (nsubj:pass / aux:pass): the passive subject is the target and obl:agent the source;
 *   - qualifiers: negation (not, never, n't), modal auxiliaries, a conditional "if"/"unless" on the
 *     verb or a clause above it, and the reporting verb above it ("X said/claimed that ...").
 * Mentions are units of the shallow coder (units.ts); tokens map onto them by offsets.
 */
import type { SentenceTree, TreeToken } from '../../syntax/index.js';
import { type Unit } from './units.js';

/** Prepositions whose oblique can be the participant an act is done to or with. */
const TARGET_CASE = new Set(['with', 'to', 'against', 'on', 'at', 'toward', 'towards', 'from', 'for', 'into', 'upon', 'onto', 'between', 'among', 'of']);
/** Prepositions of a participant named inside the object noun ("sanctions on Iran", "attack against Israel", "talks with Iran"). */
const NOUN_CASE = new Set(['with', 'to', 'against', 'on', 'toward', 'towards', 'from', 'of', 'upon', 'onto', 'between']);
const RELATIVE = new Set(['which', 'who', 'that', 'whom']);
const NEG_WORDS = new Set(['not', "n't", 'never', 'no']);
const FUTURE_AUX = new Set(['will', 'shall', "'ll"]);
const HYPO_AUX = new Set(['would', 'could', 'might', 'may', 'should', 'must', 'can', "'d"]);
const COND = new Set(['if', 'unless', 'whether']);
/** Clause links above a verb that a conditional or a reporting verb reaches down through. */
const CLAUSE_UP = new Set(['ccomp', 'xcomp', 'conj', 'advcl', 'parataxis']);

export interface TreeArgs {
  /** Unit indices (mentions) of the source and target sides. */
  subj: number[];
  obj: number[];
  passive: boolean;
  negated: boolean;
  /** 'future' (will), 'hypothetical' (would, could, if ...), or null when the tree shows neither. */
  modality: 'future' | 'hypothetical' | null;
  /** Unit indices of the speaker of a reporting verb above the event ("X said that ..."), if any. */
  reporter: number[] | null;
}

export interface TreeIndex {
  tree: SentenceTree;
  /** Unit index of the mention each token is part of, or -1 (by token position in the sentence). */
  unitOf: Int32Array;
  /** Token position of the head token of each unit (-1 when none). */
  headOf: Int32Array;
}

const tok = (ix: TreeIndex, docIndex: number): TreeToken | undefined => ix.tree.tokens[docIndex - ix.tree.first];
const low = (t: TreeToken): string => t.text.toLowerCase();

/** Map units onto tree tokens (by offsets) once per sentence. */
export function indexTree(tree: SentenceTree, u: readonly Unit[]): TreeIndex {
  const n = tree.tokens.length;
  const unitOf = new Int32Array(n).fill(-1);
  const headOf = new Int32Array(u.length).fill(-1);
  let k = 0;
  for (let p = 0; p < n; p++) {
    const t = tree.tokens[p]!;
    while (k < u.length && u[k]!.e <= t.start) k++;
    if (k < u.length && u[k]!.s <= t.start && t.start < u[k]!.e) unitOf[p] = k;
  }
  // The head token of a unit: one inside it whose head lies outside it.
  for (let p = 0; p < n; p++) {
    const k2 = unitOf[p]!;
    if (k2 < 0) continue;
    const t = tree.tokens[p]!;
    const h = t.head >= 0 ? t.head - tree.first : -1;
    if (h < 0 || h >= n || unitOf[h] !== k2) if (headOf[k2] === -1) headOf[k2] = p;
  }
  for (let k2 = 0; k2 < u.length; k2++) {
    if (headOf[k2] !== -1) continue;
    for (let p = 0; p < n; p++) if (unitOf[p] === k2) (headOf[k2] = p), (p = n);
  }
  return { tree, unitOf, headOf };
}

function kids(ix: TreeIndex, t: TreeToken, rel?: (r: string) => boolean): TreeToken[] {
  const out: TreeToken[] = [];
  for (const c of t.children) {
    const x = tok(ix, c);
    if (x && (!rel || rel(x.deprel))) out.push(x);
  }
  return out;
}

const caseOf = (ix: TreeIndex, t: TreeToken): string => {
  const c = kids(ix, t, (r) => r === 'case')[0];
  return c ? low(c) : '';
};

/**
 * The mentions a noun phrase headed by t names: t's own mention, its conjuncts and appositions
 * ("Iran, Syria and Hezbollah"); if none of those is a mention, a possessor or modifier naming one
 * ("Russia's foreign minister", "Iranian forces").
 */
export function phraseMentions(ix: TreeIndex, t: TreeToken, u: readonly Unit[], depth = 0): number[] {
  const out: number[] = [];
  const add = (k: number): void => {
    if (k >= 0 && u[k]!.kind === 'A' && !out.includes(k)) out.push(k);
  };
  add(ix.unitOf[t.index - ix.tree.first]!);
  if (depth < 3) for (const c of kids(ix, t, (r) => r === 'conj' || r === 'appos')) for (const k of phraseMentions(ix, c, u, depth + 1)) add(k);
  // "the Turkish and Greek sides": coordinated modifiers each name a participant.
  if (depth < 3) for (const c of kids(ix, t, (r) => r === 'amod' || r === 'compound' || r === 'nmod:poss')) if (kids(ix, c, (r) => r === 'conj').length) for (const k of phraseMentions(ix, c, u, depth + 1)) add(k);
  if (out.length === 0 && depth < 2) {
    for (const c of kids(ix, t, (r) => r === 'nmod:poss' || r === 'compound' || r === 'amod' || r === 'flat' || r === 'nmod')) {
      if (c.deprel === 'nmod' && caseOf(ix, c) !== 'of') continue;
      add(ix.unitOf[c.index - ix.tree.first]!);
    }
  }
  return out;
}

/** Subject mentions of verb v (with the inheritance rules in the header); depth bounds the climb. */
function subjectOf(ix: TreeIndex, v: TreeToken, u: readonly Unit[], depth: number): { subj: number[]; passive: boolean; agent: number[] } {
  const ns = kids(ix, v, (r) => r === 'nsubj' || r === 'nsubj:pass' || r === 'csubj');
  // A passive subject next to an object and no passive auxiliary is a parser slip ("agents abused immigrants").
  const passive = kids(ix, v, (r) => r === 'aux:pass').length > 0 || (ns.some((x) => x.deprel === 'nsubj:pass') && kids(ix, v, (r) => r === 'obj').length === 0);
  const agent: number[] = [];
  for (const a of kids(ix, v, (r) => r === 'obl:agent' || (r === 'obl' && passive))) if (a.deprel === 'obl:agent' || caseOf(ix, a) === 'by') agent.push(...phraseMentions(ix, a, u));
  const n = ns[0];
  if (n) {
    // "Hezbollah, which has sent ...": the relative pronoun stands for the noun the clause modifies.
    if (RELATIVE.has(low(n)) && v.deprel.startsWith('acl') && v.head >= 0) {
      const h = tok(ix, v.head);
      return { subj: h ? phraseMentions(ix, h, u) : [], passive, agent };
    }
    const got = phraseMentions(ix, n, u).filter((k) => !u[k]!.up.startsWith('---'));
    // "Palestinian leaders said they would ...": a pronoun subject of a clause stands for the subject of the clause above it.
    if (got.length || !PRONOUN_SUBJ.has(low(n)) || depth >= 4 || v.head < 0 || !CLAUSE_UP.has(v.deprel)) return { subj: got, passive, agent };
    const h = tok(ix, v.head);
    return { subj: h ? subjectOf(ix, h, u, depth + 1).subj : [], passive, agent };
  }
  if (depth >= 4 || v.head < 0) return { subj: [], passive, agent };
  const h = tok(ix, v.head);
  if (!h) return { subj: [], passive, agent };
  if (v.deprel === 'conj' || v.deprel === 'advcl' || v.deprel === 'xcomp') {
    // "A top official today praised ...", parsed with the verb as a conjunct of the noun before it:
    // a subjectless verb coordinated with a noun has that noun phrase as its subject.
    if (v.deprel === 'conj' && (h.upos === 'NOUN' || h.upos === 'PROPN') && h.index < v.index) return { subj: phraseMentions(ix, h, u), passive, agent };
    if (h.upos !== 'VERB' && h.upos !== 'AUX' && v.deprel !== 'xcomp') return { subj: [], passive, agent };
    // "urged Syria to attack": object control — the upper verb's object does the lower act.
    if (v.deprel === 'xcomp') {
      const o = kids(ix, h, (r) => r === 'obj' || r === 'iobj')[0];
      if (o) return { subj: phraseMentions(ix, o, u), passive, agent };
      if (h.upos === 'NOUN' || h.upos === 'ADJ') return { subj: [], passive, agent };
    }
    return { ...subjectOf(ix, h, u, depth + 1), passive, agent };
  }
  // "forces trained by the United States": a reduced relative modifies the noun it is done to.
  if (v.deprel === 'acl' && passive === false && agent.length === 0) {
    const by = kids(ix, v, (r) => r === 'obl' || r === 'obl:agent').filter((a) => caseOf(ix, a) === 'by');
    if (by.length) return { subj: [], passive: true, agent: by.flatMap((a) => phraseMentions(ix, a, u)) };
  }
  return { subj: [], passive, agent };
}

/** Locative obliques: the place an act happens is its target only when nothing else is ("arrived in Amman"). */
const PLACE_CASE = new Set(['in', 'inside', 'near', 'into', 'at', 'outside', 'across', 'throughout']);

/**
 * Target mentions of verb v, by tiers: objects, participant obliques, participants inside the
 * object, the objects of a verb it controls ("agreed to set up a centre in Tokyo"), places. A tier
 * that names only country-less agents ("troops", "officials") gives way to a later tier naming an
 * actor, and is the answer only when none does.
 */
function objectOf(ix: TreeIndex, v: TreeToken, u: readonly Unit[], depth = 0): number[] {
  const objs = kids(ix, v, (r) => r === 'obj' || r === 'iobj');
  const obls = kids(ix, v, (r) => r === 'obl');
  const tiers: Array<() => number[]> = [
    () => objs.flatMap((o) => phraseMentions(ix, o, u)),
    () => obls.filter((o) => TARGET_CASE.has(caseOf(ix, o)) && caseOf(ix, o) !== 'of').flatMap((o) => phraseMentions(ix, o, u)),
    // "imposed sanctions on Iran", "condemned China's decision", "announced talks with Iran".
    () => objs.flatMap((o) => kids(ix, o, (r) => r === 'nmod' || r === 'nmod:poss').filter((m) => m.deprel === 'nmod:poss' || NOUN_CASE.has(caseOf(ix, m))).flatMap((m) => phraseMentions(ix, m, u))),
    () => (depth < 2 ? kids(ix, v, (r) => r === 'xcomp').flatMap((x) => objectOf(ix, x, u, depth + 1)) : []),
    () => obls.filter((o) => PLACE_CASE.has(caseOf(ix, o))).flatMap((o) => phraseMentions(ix, o, u)),
  ];
  let agents: number[] = [];
  for (const tier of tiers) {
    const got = tier();
    if (got.some((k) => !u[k]!.up.startsWith('---'))) return got.filter((k) => !u[k]!.up.startsWith('---'));
    if (agents.length === 0) agents = got;
  }
  return agents;
}

const PRONOUN_SUBJ = new Set(['he', 'she', 'they', 'it', 'we']);

/** Arguments and qualifiers of the verb whose unit is `vi` (null when the verb is not in the tree). */
export function treeArgs(ix: TreeIndex, u: readonly Unit[], vi: number, reportLemmas: ReadonlySet<string>): TreeArgs | null {
  // The verb's token: the first token of the unit (verbs are word units).
  const p = ix.tree.tokens.findIndex((t) => t.start >= u[vi]!.s && t.start < u[vi]!.e);
  if (p < 0) return null;
  const v = ix.tree.tokens[p]!;
  const s = subjectOf(ix, v, u, 0);
  // "is opposed to X", "is committed to X": an adjectival participle with no agent stays active.
  if (s.passive && s.agent.length === 0 && kids(ix, v, (r) => r === 'obl').some((o) => ['to', 'with', 'about', 'of'].includes(caseOf(ix, o)))) s.passive = false;
  let subj = s.subj;
  let obj = objectOf(ix, v, u);
  if (s.passive) {
    obj = subj;
    subj = s.agent;
  }
  let negated = false;
  let modality: TreeArgs['modality'] = null;
  for (const c of kids(ix, v)) {
    const w = low(c);
    if ((c.deprel === 'advmod' || c.deprel === 'neg' || c.deprel === 'det') && NEG_WORDS.has(w)) negated = true;
    if (c.deprel === 'aux' && FUTURE_AUX.has(w)) modality ??= 'future';
    if (c.deprel === 'aux' && HYPO_AUX.has(w)) modality = 'hypothetical';
  }
  // A conditional on the verb or a clause above it; a reporting verb above it.
  let reporter: number[] | null = null;
  let x: TreeToken | undefined = v;
  for (let d = 0; x && d < 6; d++) {
    if (kids(ix, x, (r) => r === 'mark').some((m) => COND.has(low(m)))) modality = 'hypothetical';
    if (!CLAUSE_UP.has(x.deprel) || x.head < 0) break;
    const h = tok(ix, x.head);
    if (!h) break;
    if (reporter === null && (x.deprel === 'ccomp' || x.deprel === 'parataxis') && reportLemmas.has(h.lemma.toLowerCase())) reporter = subjectOf(ix, h, u, 0).subj;
    x = h;
  }
  return { subj, obj, passive: s.passive, negated, modality, reporter };
}
