/**
 * Events only the parse can see: a light verb whose object is an event noun, wherever the noun
 * stands in its phrase ("Israel launched new air strikes against positions in Syria", "carried
 * out raids on", "issued a stern warning to"). The word windows merge light verb and noun only
 * when nothing but determiners and adjectives stand between them; the tree links them through
 * the obj relation. The event takes the noun's CAMEO code (as a verb form of the dictionary), the
 * light verb's subject as source, and as target the participant the noun or the verb names
 * (against, on, to, with, ...; a place "in" only for force, as for agentless violence).
 */
import { codeInfo, type Lexicon } from '../lexicon.js';
import type { TreeToken } from '../../syntax/index.js';
import { attribution } from './attribution.js';
import { idiomMarks } from './idioms.js';
import { type TreeIndex, phraseMentions, treeArgs } from './tree-args.js';
import { type CodedEvent } from './types.js';
import { type Unit, isActor } from './units.js';
import { WORDS } from './words.js';

const LIGHT = new Set(WORDS.LIGHT_VERBS);
/** Prepositions of the participant after an event noun or its light verb. */
const PARTICIPANT = new Set(['against', 'on', 'to', 'with', 'toward', 'towards', 'upon', 'at', 'into']);
const PLACE = new Set(['in', 'inside', 'near']);

export function treeLightEvents(ix: TreeIndex, u: Unit[], lex: Lexicon, text: string, reportLemmas: ReadonlySet<string>, taken: ReadonlySet<number>): CodedEvent[] {
  const out: CodedEvent[] = [];
  const idiom = idiomMarks(u);
  const toks = ix.tree.tokens;
  const caseOf = (t: TreeToken): string => {
    for (const c of t.children) {
      const x = toks[c - ix.tree.first];
      if (x && x.deprel === 'case') return x.text.toLowerCase();
    }
    return '';
  };
  for (let p = 0; p < toks.length; p++) {
    const v = toks[p]!;
    if (!LIGHT.has(v.text.toLowerCase()) || v.upos === 'NOUN') continue;
    // Only plain words (not inside an actor's name) and not part of an idiom.
    const vUnit = ix.unitOf[p]!;
    if (vUnit < 0 || u[vUnit]!.kind !== 'W' || u[vUnit]!.s !== v.start || idiom[vUnit] !== undefined || taken.has(v.start)) continue;
    for (const c of v.children) {
      const n = toks[c - ix.tree.first];
      if (!n || n.deprel !== 'obj' || n.upos !== 'NOUN') continue;
      const nUnit = ix.unitOf[c - ix.tree.first]!;
      if (nUnit < 0 || u[nUnit]!.kind !== 'W' || idiom[nUnit] !== undefined || taken.has(n.start)) continue;
      const form = (lex.forms.get(n.text.toUpperCase()) ?? []).find((f) => f.words.length === 1 && f.code !== null);
      if (!form || !form.code) continue;
      const code = form.code;
      const args = treeArgs(ix, u, vUnit, reportLemmas);
      if (!args || args.passive) continue;
      const subj = args.subj.filter((k) => isActor(u[k]));
      // The participant: named by the noun ("strikes against X") or by the light verb ("launched strikes on X").
      const obls = [...n.children, ...v.children].map((d) => toks[d - ix.tree.first]!).filter((d) => d && (d.deprel === 'nmod' || d.deprel === 'obl'));
      let tgt = obls.filter((d) => PARTICIPANT.has(caseOf(d))).flatMap((d) => phraseMentions(ix, d, u));
      // "strikes against gun positions in Syria": the place of the thing attacked.
      if (!tgt.some((k) => isActor(u[k]))) {
        const inner = obls.filter((d) => PARTICIPANT.has(caseOf(d))).flatMap((d) => d.children.map((g) => toks[g - ix.tree.first]!).filter((g) => g && g.deprel === 'nmod' && PLACE.has(caseOf(g))));
        tgt = [...inner, ...(/^(18|19|20)/.test(code) ? obls.filter((d) => PLACE.has(caseOf(d))) : [])].flatMap((d) => phraseMentions(ix, d, u));
      }
      tgt = tgt.filter((k) => isActor(u[k]));
      if (!subj.length || !tgt.length) continue;
      const attr = attribution(u, vUnit, text);
      for (const s of subj) {
        for (const t of tgt) {
          if (u[s]!.actor!.code === u[t]!.actor!.code) continue;
          out.push({
            source: u[s]!.actor!.code,
            target: u[t]!.actor!.code,
            code,
            info: codeInfo(code),
            trigger: { start: n.start, end: n.end },
            sourceMention: { start: u[s]!.s, end: u[s]!.e },
            targetMention: { start: u[t]!.s, end: u[t]!.e },
            negated: args.negated,
            modality: args.modality ?? 'asserted',
            attribution: attr,
            stance: 'reported-event',
            via: 'light',
            lemma: `${v.text.toLowerCase()} ${n.text.toLowerCase()}`,
            pattern: null,
            tree: 'agrees',
          });
        }
      }
    }
  }
  return out;
}

/** Suffixes that turn an event noun back into its verb ("appeasement" → appease, "violation" → violate). */
const DERIVE: Array<[RegExp, string]> = [[/MENT$/, ''], [/ATION$/, 'ATE'], [/ATION$/, ''], [/ATION$/, 'E'], [/SION$/, 'DE'], [/ION$/, 'E'], [/ION$/, ''], [/AL$/, ''], [/AL$/, 'E']];
const SOURCE_CASE = new Set(['by']);
const TARGET_CASE = new Set(['against', 'on', 'to', 'toward', 'towards', 'with', 'of', 'upon']);

/** The code of the verb an event noun names, from the dictionary's verb forms (base form only). */
function nounCode(lex: Lexicon, noun: string): string | null {
  const up = noun.toUpperCase();
  const sing = up.endsWith('S') && !up.endsWith('SS') ? up.slice(0, -1) : up;
  const cands = [sing, ...DERIVE.filter(([re]) => re.test(sing)).map(([re, r]) => sing.replace(re, r))];
  for (const c of cands) {
    if (c.length < 4) continue;
    const f = (lex.forms.get(c) ?? []).find((x) => x.words.length === 1 && x.code !== null && !x.past && !x.ing && x.lemma === c);
    if (f?.code) return f.code;
  }
  return null;
}

/**
 * Events stated by a noun with both participants attached to it in the tree: "Barack Obama's
 * appeasement of the Iranian regime", "violations by the Iranian regime of ...", "Israeli strikes
 * on Syria". Source: possessor, by-phrase or a demonym modifier; target: of / against / on / to /
 * with. Relational nouns (data/extra.json, codeNouns) are left to their own rules.
 */
export function treeNounEvents(ix: TreeIndex, u: Unit[], lex: Lexicon, text: string, taken: ReadonlySet<number>): CodedEvent[] {
  const out: CodedEvent[] = [];
  const idiom = idiomMarks(u);
  const toks = ix.tree.tokens;
  const caseOf = (t: TreeToken): string => {
    for (const c of t.children) {
      const x = toks[c - ix.tree.first];
      if (x && x.deprel === 'case') return x.text.toLowerCase();
    }
    return '';
  };
  for (let p = 0; p < toks.length; p++) {
    const n = toks[p]!;
    if (n.upos !== 'NOUN' || taken.has(n.start) || lex.nouns.has(n.text.toLowerCase())) continue;
    const k = ix.unitOf[p]!;
    if (k < 0 || u[k]!.kind !== 'W' || idiom[k] !== undefined) continue;
    const code = nounCode(lex, n.text);
    if (!code) continue;
    const kids = n.children.map((c) => toks[c - ix.tree.first]!).filter(Boolean);
    let src = kids.filter((c) => c.deprel === 'nmod:poss' || (c.deprel === 'nmod' && SOURCE_CASE.has(caseOf(c)))).flatMap((c) => phraseMentions(ix, c, u));
    if (!src.some((q) => isActor(u[q]))) src = kids.filter((c) => c.deprel === 'amod').flatMap((c) => phraseMentions(ix, c, u));
    const tgt = kids.filter((c) => c.deprel === 'nmod' && TARGET_CASE.has(caseOf(c))).flatMap((c) => phraseMentions(ix, c, u)).filter((q) => isActor(u[q]));
    src = src.filter((q) => isActor(u[q]) && !tgt.includes(q));
    if (!src.length || !tgt.length) continue;
    const attr = attribution(u, k, text);
    for (const s of src) {
      for (const t of tgt) {
        if (u[s]!.actor!.code === u[t]!.actor!.code) continue;
        out.push({
          source: u[s]!.actor!.code,
          target: u[t]!.actor!.code,
          code,
          info: codeInfo(code),
          trigger: { start: n.start, end: n.end },
          sourceMention: { start: u[s]!.s, end: u[s]!.e },
          targetMention: { start: u[t]!.s, end: u[t]!.e },
          negated: false,
          modality: 'asserted',
          attribution: attr,
          stance: 'characterisation',
          via: 'noun-tree',
          lemma: n.text.toLowerCase(),
          pattern: null,
          tree: 'agrees',
        });
      }
    }
  }
  return out;
}
