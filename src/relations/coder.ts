/**
 * The event coder: who does what to whom in one sentence, without a parser. A shallow pass:
 *  1. units: actor mentions become single units, the rest is tokenized (Treebank-style "n't");
 *  2. verbs: dictionary forms not in a noun context (determiner/adjective before them, "a U.S.
 *     ally"), light verb + event noun merged ("made concessions"), participles glued to names
 *     ("US-led") and closed-class words excluded;
 *  3. per verb: its group (auxiliaries, modals, negation, passive, catenatives such as "tried
 *     to"), the subject (nearest actor to the left within the clause, over appositions, relative
 *     clauses, parentheses and "A, B and C"), the object (first actor to the right), the CAMEO code
 *     refined by the dictionary's patterns, reciprocal codes, and qualifiers (negation,
 *     future/hypothetical, attribution to a quoted or reported speaker, reported event or the
 *     author's characterisation);
 *  4. sentence-level: "X said Y must ..." demands and relational nouns ("trust between A and B").
 *
 * Work per sentence is bounded: at most MAX_UNITS units are examined, pattern matching looks at
 * a fixed window around the verb, and every scan is a single bounded loop.
 */
import { tokenize } from '../core/tokens.js';
import { codeInfo, type CodeInfo, type Lexicon, type VerbForm } from './lexicon.js';
import type { PatElem, Pattern } from './verbdict.js';

/** An actor mention the coder can use (from the actors layer or a dictionary). UTF-16 offsets. */
export interface Mention {
  start: number;
  end: number;
  code: string;
  name?: string;
  /** ISO alpha-3 country of the actor when known (used to place country-less agents). */
  country?: string | null;
}

export type Modality = 'asserted' | 'future' | 'hypothetical';

export interface Attribution {
  /** 'author': the text's own voice; 'quoted': inside quotation marks; 'reported': "X said ...". */
  kind: 'author' | 'quoted' | 'reported';
  /** Actor code of the speaker when known. */
  code: string | null;
  /** The speaker as written ("a senior official"), when found. */
  text: string | null;
}

export interface CodedEvent {
  source: string;
  target: string;
  code: string;
  info: CodeInfo;
  /** UTF-16 offsets of the trigger (verb or relational noun) and the two mentions. */
  trigger: { start: number; end: number };
  sourceMention: { start: number; end: number };
  targetMention: { start: number; end: number };
  negated: boolean;
  modality: Modality;
  attribution: Attribution;
  /** 'reported-event': something an actor did; 'characterisation': how the text describes a relation. */
  stance: 'reported-event' | 'characterisation';
  /** How it was found: 'verb', 'pattern', 'noun', 'passive', 'reciprocal', 'compound'. */
  via: string;
  /** The verb lemma or noun and the pattern, for the explanation. */
  lemma: string;
  pattern: string | null;
}

/** Units examined per sentence; longer sentences are coded on their first MAX_UNITS units. */
export const MAX_UNITS = 400;
/** How far (in units) patterns and object search look to the right of a verb. */
const WINDOW = 14;

type Kind = 'A' | 'W' | 'P';
interface Unit {
  s: number;
  e: number;
  up: string;
  low: string;
  kind: Kind;
  actor: Mention | null;
  poss: boolean;
  inQuote: boolean;
  /** For mentions: their words, so dictionary patterns still see them ("security forces"). */
  words?: string[];
}

const DET = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'dozens', 'hundreds', 'thousands', 'a', 'an', 'the', 'this', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'any', 'some', 'no', 'every', 'each', 'another', 'such', 'both', 'all', 'several', 'many', 'more', 'most', 'new', 'further', 'other', 'first', 'last', 'recent', 'fresh', 'joint', 'possible', 'direct', 'military', 'economic', 'diplomatic', 'political', 'strategic']);
const PREP = new Set(['of', 'in', 'on', 'at', 'for', 'with', 'from', 'by', 'about', 'against', 'into', 'over', 'under', 'between', 'among', 'through', 'during', 'after', 'before', 'without', 'within', 'toward', 'towards', 'across', 'near', 'upon', 'amid', 'despite', 'via', 'per', 'since', 'onto']);
const LOCATIVE = new Set(['in', 'at', 'near', 'inside', 'across', 'within', 'from', 'into', 'on', 'over', 'to', 'outside', 'throughout']);
const BE = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being', 'am', "'s", "'re", 'get', 'got', 'gets', 'become', 'became']);
const HAVE = new Set(['have', 'has', 'had', 'having', "'ve"]);
const DO = new Set(['do', 'does', 'did']);
const FUTURE = new Set(['will', 'shall', "'ll", 'wo']);
const HYPO = new Set(['would', 'could', 'might', 'may', 'should', 'can', 'ca', 'must', "'d"]);
const NEG = new Set(['not', "n't", 'never', 'no', 'neither', 'nor', 'hardly', 'cannot']);
const CLAUSE = new Set(['that', 'which', 'who', 'whom', 'whose', 'because', 'as', 'while', 'when', 'whereas', 'although', 'though', 'if', 'unless', 'whether', 'where', 'after', 'before', 'since', 'but', 'so', 'until', 'once', 'otherwise', 'however']);
const CONJ = new Set(['and', 'or', 'nor']);
/** Nouns that make a preceding demonym a place ("the Thai border"), not an actor. */
const PLACE_NOUN = new Set(['border', 'borders', 'frontier', 'coast', 'coastline', 'waters', 'airspace', 'soil', 'mainland']);
/** Common adjectives without a telltale suffix, allowed between a light verb and its event noun. */
const PLAIN_ADJ = new Set(['warm', 'new', 'fresh', 'major', 'big', 'full', 'strong', 'first', 'last', 'second', 'formal', 'brief', 'short', 'long', 'large', 'small', 'joint', 'rare', 'fierce', 'harsh', 'sharp', 'deep', 'high', 'low', 'open', 'clear', 'firm', 'huge', 'swift', 'quick', 'further', 'more', 'serious']);
/** Function words that never head a verb phrase, whatever a dictionary lists. */
const CLOSED = new Set(['to', 'of', 'in', 'on', 'at', 'for', 'with', 'from', 'by', 'the', 'a', 'an', 'and', 'or', 'but', 'that', 'which', 'who', 'this', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'their', 'his', 'her', 'our', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'not']);
const IF = new Set(['if', 'unless', 'whether']);
const NOUN_DETERMINERS = new Set(['the', 'a', 'an', 'these', 'those', 'such', 'his', 'her', 'their', 'its', 'our', 'new', 'up', 'false', 'unconfirmed', 'media', 'news']);
const REPORT = new Set(['say', 'says', 'said', 'saying', 'tell', 'tells', 'told', 'claim', 'claims', 'claimed', 'state', 'states', 'stated', 'add', 'adds', 'added', 'note', 'notes', 'noted', 'insist', 'insists', 'insisted', 'argue', 'argues', 'argued', 'believe', 'believes', 'believed', 'think', 'thinks', 'thought', 'announce', 'announced', 'announces', 'report', 'reported', 'reports', 'write', 'wrote', 'writes', 'according', 'quoted', 'confirmed', 'stressed', 'declared']);
const INTENT = new Set(['try', 'tries', 'tried', 'trying', 'seek', 'seeks', 'sought', 'seeking', 'want', 'wants', 'wanted', 'wanting', 'plan', 'plans', 'planned', 'planning', 'hope', 'hopes', 'hoped', 'hoping', 'attempt', 'attempts', 'attempted', 'expect', 'expects', 'expected', 'intend', 'intends', 'intended', 'aim', 'aims', 'aimed', 'wish', 'wishes', 'wished', 'going', 'about', 'likely', 'able', 'ready', 'set', 'due', 'continue', 'continues', 'continued', 'begin', 'began', 'started', 'start', 'willing', 'prepared', 'vow', 'vows', 'vowed', 'pledge', 'pledged', 'pledges', 'decided', 'decide', 'decides']);
const READY = new Set(['going', 'about', 'plan', 'plans', 'planned', 'planning', 'due', 'set', 'ready', 'willing', 'prepared', 'vow', 'vows', 'vowed', 'pledge', 'pledged', 'pledges', 'intend', 'intends', 'intended', 'decided', 'decide', 'decides']);
const OPEN_Q = new Set(['“', '"', '«', '„', '‘']);
const CLOSE_Q = new Set(['”', '"', '»', '’']);
const SUBJ_PRON = new Set(['he', 'she', 'it', 'they', 'we']);

const ADJ_LIKE = /(?:ed|al|ive|ous|ful|ic|ary|ern|ese|ish|ian|an|ing|ent|ant|ly|-[a-z]+)$/;
/** A recognised actor with a country or organisation code (not a bare agent such as "officials"). */
const isActor = (x: Unit | undefined): boolean => !!x && x.kind === 'A' && !x.up.startsWith('---');
const isAgent = (x: Unit | undefined): boolean => !!x && x.kind === 'A' && x.up.startsWith('---');
const stripPoss = (s: string): string => s.replace(/['’]s$/i, '');

/** Turn a sentence into units: actor mentions become single units, the text between them is tokenized. */
function units(text: string, start: number, end: number, mentions: readonly Mention[]): Unit[] {
  const out: Unit[] = [];
  const quote = { on: false };
  let pos = start;
  for (const m of mentions) {
    if (out.length >= MAX_UNITS) return out;
    if (m.start < pos) continue;
    wordUnits(text, pos, m.start, out, quote);
    // The mention's own words stay visible to patterns ("strengthened its forces in Lebanon").
    const words = text.slice(m.start, m.end).toUpperCase().split(/[^\p{L}\p{N}'-]+/u).filter(Boolean);
    out.push({ s: m.start, e: m.end, up: m.code, low: m.code, kind: 'A', actor: m, poss: false, inQuote: quote.on, words });
    pos = m.end;
  }
  wordUnits(text, pos, end, out, quote);
  return out.length > MAX_UNITS ? out.slice(0, MAX_UNITS) : out;
}

function wordUnits(text: string, from: number, to: number, out: Unit[], quote: { on: boolean }): void {
  if (to <= from) return;
  const toks = tokenize(text, from, to);
  for (let i = 0; i < toks.length && out.length < MAX_UNITS; i++) {
    const t = toks[i]!;
    if (!t.word) {
      const c = t.text;
      if (c === "'" || c === '’') {
        // "n't", "'s" and friends arrive as apostrophe + word; possessive marks the previous unit.
        const n = toks[i + 1];
        if (n && n.start === t.end && ['s', 't', 'll', 're', 've', 'd'].includes(n.norm)) {
          if (out.length && n.norm === 's' && t.start === out[out.length - 1]!.e) out[out.length - 1]!.poss = true;
          else out.push({ s: t.start, e: n.end, up: "'" + n.norm.toUpperCase(), low: "'" + n.norm, kind: 'W', actor: null, poss: false, inQuote: quote.on });
          i++;
          continue;
        }
      }
      // "4,000": a comma between digits is part of the number.
      if (c === ',' && out.length && /^\d+$/.test(out[out.length - 1]!.low) && out[out.length - 1]!.e === t.start && toks[i + 1] && toks[i + 1]!.start === t.end && /^\d/.test(toks[i + 1]!.text)) continue;
      // "U.S." : the dictionary matched "U.S"; its final dot is not a sentence end.
      if (c === '.' && out.length && out[out.length - 1]!.kind === 'A' && out[out.length - 1]!.e === t.start && i + 1 < toks.length) continue;
      if (OPEN_Q.has(c) && !quote.on && c !== '’') quote.on = true;
      else if (CLOSE_Q.has(c) && quote.on && c !== '‘') quote.on = false;
      out.push({ s: t.start, e: t.end, up: c, low: c, kind: 'P', actor: null, poss: false, inQuote: quote.on });
      continue;
    }
    let low = t.norm;
    let poss = false;
    if (/'s$/.test(low) && low.length > 2) {
      low = stripPoss(low);
      poss = true;
    }
    if (low.endsWith("n't") && low.length > 3) {
      // Treebank style, as PETRARCH patterns expect: "wo n't", "ca n't", "did n't".
      const base = low.slice(0, -3);
      out.push({ s: t.start, e: t.end - 3, up: base.toUpperCase(), low: base, kind: 'W', actor: null, poss: false, inQuote: quote.on });
      out.push({ s: t.end - 3, e: t.end, up: "N'T", low: "n't", kind: 'W', actor: null, poss: false, inQuote: quote.on });
      continue;
    }
    out.push({ s: t.start, e: t.end, up: low.toUpperCase(), low, kind: 'W', actor: null, poss, inQuote: quote.on });
  }
}

/** Pattern word vs. token: exact, or the token extends the pattern stem by a short ending. */
function wordMatch(w: string, exact: boolean, up: string): boolean {
  if (up === w) return true;
  if (exact) return false;
  return up.length > w.length && up.length - w.length <= 3 && up.startsWith(w);
}

interface Verb {
  i: number;
  /** Index after the last word of a multi-word verb. */
  j: number;
  form: VerbForm;
  /** Light verb + event noun ("made concessions", "launched an attack"): the light verb's form, tried first. */
  light?: VerbForm;
}

/** Verbs that take an event noun as their object and add little meaning of their own. */
const LIGHT = /^(make|made|makes|making|take|took|taken|takes|taking|give|gave|given|gives|giving|hold|held|holds|holding|launch|launched|launches|launching|stage|staged|stages|staging|mount|mounted|mounts|mounting|conduct|conducted|conducts|conducting|carry|carried|carries|carrying|issue|issued|issues|issuing|begin|began|begun|begins|beginning|renew|renewed|renews|renewing|resume|resumed|resumes|resuming|step|stepped|steps|stepping|deliver|delivered|delivers|delivering|express|expressed|expresses|expressing|offer|offered|offers|offering|extend|extended|extends|extending)$/;

function isNounContext(u: Unit[], i: number, form: VerbForm, text: string): boolean {
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
function withAbsolute(u: Unit[], i: number): boolean {
  for (let k = i - 1; k >= 0 && i - k <= 4; k--) {
    const x = u[k]!;
    if (x.low === 'with') return k < i - 1;
    if (x.kind === 'P' || isActor(x) || CONJ.has(x.low) || BE.has(x.low) || HAVE.has(x.low) || CLAUSE.has(x.low) || FUTURE.has(x.low) || HYPO.has(x.low)) return false;
  }
  return false;
}

function reducedRelative(u: Unit[], i: number, found: readonly Verb[]): boolean {
  const p = u[i - 1];
  if (!p || p.kind !== 'W' || p.poss || !/^[a-z]+$/.test(p.low) || p.low.endsWith('ly')) return false;
  if (CLOSED.has(p.low) || DET.has(p.low) || PREP.has(p.low) || CONJ.has(p.low) || CLAUSE.has(p.low) || BE.has(p.low) || HAVE.has(p.low) || DO.has(p.low) || FUTURE.has(p.low) || HYPO.has(p.low) || NEG.has(p.low) || SUBJ_PRON.has(p.low) || REPORT.has(p.low) || INTENT.has(p.low)) return false;
  const prev = found[found.length - 1];
  if (!prev || i - prev.j > 12 || REPORT.has(u[prev.i]!.low) || INTENT.has(u[prev.i]!.low)) return false;
  for (let k = prev.j; k < i - 1; k++) if (boundary(u[k]!) || u[k]!.kind === 'P' || REPORT.has(u[k]!.low)) return false;
  return true;
}

function findVerbs(u: Unit[], lex: Lexicon, text: string): Verb[] {
  const out: Verb[] = [];
  for (let i = 0; i < u.length; i++) {
    const x = u[i]!;
    if (x.kind !== 'W' || CLOSED.has(x.low)) continue; // closed-class words are never the verb
    // "US-led", "Syrian-backed", "Israeli-occupied": a participle glued to a name is an adjective.
    const hy = u[i - 1];
    if (hy && hy.kind === 'P' && hy.up === '-' && hy.e === x.s && u[i - 2] && u[i - 2]!.e === hy.s) continue;
    const cands = lex.forms.get(x.up);
    if (!cands) continue;
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
      if (prev && LIGHT.test(u[prev.i]!.low) && best.form.code !== null && !prev.light && i - prev.j <= 3 && u.slice(prev.j, i).every((y) => y.kind === 'W' && (DET.has(y.low) || ADJ_LIKE.test(y.low) || PLAIN_ADJ.has(y.low) || /^\d/.test(y.low)))) {
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

interface Group {
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
function verbGroup(u: Unit[], v: Verb, verbs: Set<number>): Group {
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
function boundary(x: Unit): boolean {
  if (x.kind === 'P') return x.up === ';' || x.up === ':' || x.up === '(' || x.up === ')' || x.up === '[' || x.up === ']' || x.up === '—' || x.up === '–';
  return CLAUSE.has(x.low);
}

/** Actors of the subject: nearest actor left of the group within the clause, plus "A and B" partners. */
function subjectActors(u: Unit[], from: number, verbs: Set<number>): number[] {
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
function objectActors(u: Unit[], from: number, verbs: Set<number>, limit: number, agents = false): number[] {
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

/** Prepositions that place a passive act with no agent in a country ("arrested in Lebanon"). */
const PLACE_PREP = new Set(['in', 'near', 'outside', 'inside']);

/** Prepositions that introduce what an act is about, not who takes part in it. */
const TOPIC = new Set(['on', 'about', 'over', 'regarding', 'concerning']);

/** The preposition nearest before unit k (after `from`), or '' ("on an Israeli pullback" → on). */
function governingPrep(u: Unit[], k: number, from: number): string {
  for (let q = k - 1; q >= from; q--) if (u[q]!.kind === 'W' && (PREP.has(u[q]!.low) || TOPIC.has(u[q]!.low))) return u[q]!.low;
  return '';
}

/** "over two Israeli air raids", "about the French tests": the actor a topic phrase names, or -1. */
function aboutActor(u: Unit[], from: number): number {
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

interface PatMatch {
  pattern: Pattern;
  score: number;
  src: number;
  tgt: number;
  /** Units between the verb and the pattern's first post-verb element (ties go to the closer one). */
  gap: number;
}

function elemMatch(e: PatElem, u: Unit[], k: number, lex: Lexicon): number {
  // Returns the number of units matched at k (0 = no match).
  const x = u[k];
  if (!x) return 0;
  switch (e.k) {
    case 'w':
      if (x.words) return x.words.some((w) => wordMatch(e.w, e.exact, w)) ? 1 : 0;
      return x.kind === 'W' && wordMatch(e.w, e.exact, x.up) ? 1 : 0;
    case 'src':
    case 'tgt':
      return x.kind === 'A' ? 1 : 0;
    case 'skip':
      return x.kind !== 'P' ? 1 : 0;
    case 'syn': {
      const set = lex.synsets.get(e.n);
      if (!set) return 0;
      if (x.words) return set.some((ws) => ws.length === 1 && x.words!.some((w) => wordMatch(ws[0]!, false, w))) ? 1 : 0;
      for (const ws of set) {
        let ok = true;
        for (let q = 0; q < ws.length && ok; q++) {
          const y = u[k + q];
          ok = !!y && y.kind === 'W' && wordMatch(ws[q]!, q < ws.length - 1, y.up);
        }
        if (ok) return ws.length;
      }
      return 0;
    }
    case 'phrase': {
      let n = 0;
      for (const w of e.ws) {
        const m = w.startsWith('&') ? elemMatch({ k: 'syn', n: w }, u, k + n, lex) : elemMatch({ k: 'w', w, exact: false }, u, k + n, lex);
        if (!m) return 0;
        n += m;
      }
      return n;
    }
  }
}

/** Match a pattern's post elements in order after the verb (gaps allowed), pre elements before. */
function matchPattern(p: Pattern, u: Unit[], v: Verb, groupStart: number, lex: Lexicon): PatMatch | null {
  let score = 0;
  let src = -1;
  let tgt = -1;
  let gap = 0;
  let k = v.j;
  const stop = Math.min(u.length, v.j + WINDOW);
  for (const e of p.post) {
    let found = -1;
    for (let q = k; q < stop; q++) {
      if (u[q]!.kind === 'P' && /[.;:!?]/.test(u[q]!.up)) break;
      const n = elemMatch(e, u, q, lex);
      if (n) {
        found = q;
        k = q + n;
        break;
      }
    }
    if (found < 0) return null;
    if (e === p.post[0]) gap = found - v.j;
    if (e.k === 'src') src = found;
    else if (e.k === 'tgt') tgt = found;
    else if (e.k !== 'skip') score += e.k === 'phrase' ? 2 : 1;
  }
  k = groupStart - 1;
  const lo = Math.max(0, groupStart - WINDOW);
  for (let ei = p.pre.length - 1; ei >= 0; ei--) {
    const e = p.pre[ei]!;
    let found = -1;
    for (let q = k; q >= lo; q--) {
      if (u[q]!.kind === 'P' && /[.;:!?]/.test(u[q]!.up)) break;
      if (elemMatch(e, u, q, lex)) {
        found = q;
        k = q - 1;
        break;
      }
    }
    // Pre-verb words inside the verb group itself ("WILL NOT *") also count.
    if (found < 0) {
      for (let q = groupStart; q < v.i; q++) if (elemMatch(e, u, q, lex)) found = q;
      if (found < 0) return null;
    }
    if (e.k === 'src') src = found;
    else if (e.k === 'tgt') tgt = found;
    else if (e.k !== 'skip') score += e.k === 'phrase' ? 2 : 1;
  }
  if (score === 0 && src < 0 && tgt < 0) return null;
  return { pattern: p, score, src, tgt, gap };
}

function bestPattern(u: Unit[], v: Verb, groupStart: number, lex: Lexicon): PatMatch | null {
  let best: PatMatch | null = null;
  for (const p of v.form.patterns) {
    const m = matchPattern(p, u, v, groupStart, lex);
    if (m && (!best || m.score > best.score || (m.score === best.score && m.gap < best.gap))) best = m;
  }
  return best;
}

function patternNegates(p: Pattern): boolean {
  return p.pre.some((e) => (e.k === 'syn' && /NEG/.test(e.n)) || (e.k === 'w' && /^(NOT|NEVER|N'T|NO)$/.test(e.w)) || (e.k === 'phrase' && e.ws.some((w) => /^(NOT|NEVER|N'T)$/.test(w) || /NEG/.test(w))));
}

function patternText(p: Pattern): string {
  const el = (e: PatElem): string => (e.k === 'w' ? e.w : e.k === 'phrase' ? `{${e.ws.join(' ')}}` : e.k === 'syn' ? e.n : e.k === 'src' ? '$' : e.k === 'tgt' ? '+' : '^');
  return [...p.pre.map(el), '*', ...p.post.map(el)].join(' ');
}

/** Who asserts what the sentence says: the author, a quoted party, or a reported speaker. */
function attribution(u: Unit[], at: number, text: string): Attribution {
  const inQuote = u[at]?.inQuote ?? false;
  // Reporting verb in the sentence outside the event's own clause.
  for (let k = 0; k < u.length; k++) {
    const x = u[k]!;
    if (x.kind !== 'W' || !REPORT.has(x.low) || x.inQuote) continue;
    if (x.low === 'according' && u[k + 1]?.low !== 'to') continue;
    // "reports of aggression", "the claims", "new statements": a noun, not someone speaking.
    if (u[k + 1]?.low === 'of' || NOUN_DETERMINERS.has(u[k - 1]?.low ?? '')) continue;
    if (Math.abs(k - at) <= 1) continue;
    // Speaker: an actor or noun phrase next to the reporting verb.
    let who: Unit | null = null;
    let phrase: string | null = null;
    if (x.low === 'according') {
      for (let q = k + 2; q < Math.min(u.length, k + 8); q++) if (u[q]!.kind === 'A') (who = u[q]!), (q = u.length);
      phrase = text.slice(u[k + 2]?.s ?? x.e, u[Math.min(u.length - 1, k + 5)]!.e);
    } else {
      let q = k - 1;
      const startQ = q;
      while (q >= 0 && startQ - q < 6 && u[q]!.kind !== 'P' && !(q < at && k > at && q <= at)) {
        if (u[q]!.kind === 'A') who = u[q]!;
        q--;
      }
      if (q + 1 <= startQ) phrase = text.slice(u[q + 1]!.s, u[startQ]!.e);
      if (!phrase && u[k + 1]?.kind === 'A') who = u[k + 1]!;
    }
    const before = k < at;
    const after = k > at && (u[k - 1]?.up === ',' || u.slice(at, k).some((y) => y.up === ',') || who !== null);
    if (before || after) {
      if (!who && !phrase) continue;
      return { kind: inQuote ? 'quoted' : 'reported', code: who?.actor?.code ?? null, text: who ? text.slice(who.s, who.e) : phrase };
    }
  }
  if (inQuote) return { kind: 'quoted', code: null, text: null };
  return { kind: 'author', code: null, text: null };
}

function hypotheticalClause(u: Unit[], groupStart: number): boolean {
  for (let k = groupStart - 1, s = 0; k >= 0 && s < 20; k--, s++) {
    const x = u[k]!;
    if (IF.has(x.low)) return true;
    if (x.kind === 'P' && /[.;:]/.test(x.up)) return false;
  }
  return false;
}

const SYMMETRIC = /^0[3-6]/; // agree, consult, support, cooperate: "A and B agreed" codes A→B and B→A

export interface CodeOptions {
  /** Skip events whose verb is negated (PETRARCH does not code them). */
  dropNegated?: boolean;
  /** Recode stated futures as intent (03x) or threat (13x), as the CAMEO manual does; PETRARCH keeps the action's code. */
  intentCodes?: boolean;
  /** Also code the reciprocal act a pattern names ("visit" 042 → the host's 043). PETRARCH does (default); PLOVER codes one event per act. */
  reciprocal?: boolean;
  /** Let a country-less agent be the target ("police dispersed demonstrators"), placed in the source's country. Off by default: it lowered precision on the PLOVER examples. */
  placeAgents?: boolean;
}

/** Code one sentence [start, end) of `text`; mentions must be sorted and non-overlapping. */
export function codeSentence(text: string, start: number, end: number, mentions: readonly Mention[], lex: Lexicon, opts: CodeOptions = {}): CodedEvent[] {
  const inside = usable(mentions.filter((m) => m.start >= start && m.end <= end));
  if (inside.length === 0) return [];
  const u = units(text, start, end, inside);
  const events: CodedEvent[] = [];
  const seen = new Set<string>();
  const push = (e: CodedEvent): void => {
    if (e.source === e.target) return;
    const key = `${e.source}|${e.target}|${e.code}`;
    if (seen.has(key)) return;
    seen.add(key);
    events.push(e);
  };
  const verbs = findVerbs(u, lex, text);
  const verbIdx = new Set(verbs.map((v) => v.i));
  const ctx: Ctx = { u, lex, text, verbs, verbIdx, opts };
  // "demanded that the United States match ...": the verb of what is demanded is no event.
  const demanded = new Set<number>();
  for (let vi = 0; vi + 1 < verbs.length; vi++) {
    const c = baseCode(u, verbs[vi]!);
    if (!c || !/^(02|10)/.test(c)) continue;
    let t = verbs[vi]!.j;
    while (t < verbs[vi]!.j + 3 && u[t] && u[t]!.kind === 'W' && u[t]!.low !== 'that') t++;
    if (u[t]?.low === 'that' && verbs[vi + 1]!.i - t <= 8) demanded.add(vi + 1);
  }
  for (let vi = 0; vi < verbs.length; vi++) {
    const v = verbs[vi]!;
    if (demanded.has(vi)) continue;
    // Catenative chain "agreed to undertake exercises": the upper verb keeps the event when its code
    // states intent, appeal, demand, rejection or threat; otherwise the lower verb codes it and the
    // upper verb is the fallback when the lower one codes nothing.
    const next = verbs[vi + 1];
    // "threatened today to impose ...": up to two words may stand between the verb and "to".
    let to = v.j;
    while (to < v.j + 2 && u[to] && u[to]!.kind === 'W' && u[to]!.low !== 'to' && !verbIdx.has(to) && !CLAUSE.has(u[to]!.low)) to++;
    const chained = next && u[to]?.low === 'to' && (next.i === to + 1 || next.i === to + 2) ? next : null;
    const upperCode = baseCode(u, v);
    // "ready to attack", "prepared to lift the ban": readiness only marks the act as intended; the
    // lower verb codes it (as intent or threat under the CAMEO convention).
    if (chained && upperCode && /^03/.test(upperCode) && (READY.has(u[v.i]!.low) || /^PREPAR/.test(u[v.i]!.up))) {
      const lower = codeVerb(ctx, vi + 1);
      if (lower.length) {
        for (const e of lower) {
          const c = opts.intentCodes ? futureCode(e.code) : e.code;
          push({ ...e, code: c, info: codeInfo(c), modality: e.modality === 'asserted' ? 'future' : e.modality });
        }
        vi++;
        continue;
      }
    }
    const upperKeeps = upperCode !== null && /^(02|03|10|12|13)/.test(upperCode);
    if (chained && !upperKeeps) {
      const lower = codeVerb(ctx, vi + 1);
      if (lower.length) {
        lower.forEach(push);
        vi++;
        continue;
      }
    }
    codeVerb(ctx, vi, chained && upperKeeps ? chained.j : undefined).forEach(push);
    if (chained && upperKeeps) vi++;
  }
  codeDemands(u, verbs, text, push);
  codeNouns(u, lex, text, push);
  return events;
}

/**
 * The verb's own code before patterns. "agree to/on/that ..." is CAMEO 03 (express intent to
 * cooperate), not the block's 050, which is kept for "agree with" (diplomatic support).
 */
function baseCode(u: Unit[], v: Verb): string | null {
  if (v.form.lemma === 'AGREE' && u[v.j]?.low !== 'with') return '030';
  return v.form.code;
}

interface Ctx {
  u: Unit[];
  lex: Lexicon;
  text: string;
  verbs: Verb[];
  verbIdx: Set<number>;
  opts: CodeOptions;
}

/** CAMEO 02x (appeal for ...) → the matching 10x (demand ...): same sub-structure, 026/027 (meet, settle) → 108. */
function appealToDemand(c: string | null): string | null {
  if (!c || !/^02/.test(c)) return c;
  if (c === '020' || c === '02') return '100';
  if (c.startsWith('026') || c.startsWith('027')) return '108';
  if (c.startsWith('028')) return '105';
  return '10' + c.slice(2);
}

/** Events of the verb verbs[vi]; `objFrom` moves the object search (upper verb of a chain). */
function codeVerb(ctx: Ctx, vi: number, objFrom?: number): CodedEvent[] {
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
  if (g.passive && !(pm && (pm.src >= 0 || pm.tgt >= 0))) {
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
  const mod: Modality = g.modality === 'asserted' && hypotheticalClause(u, g.start) ? 'hypothetical' : g.modality;
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
    negated: g.negated,
    modality: mod,
    attribution: attr,
    stance,
    via: how,
    lemma: v.form.lemma,
    pattern: pm ? patternText(pm.pattern) : null,
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
    for (const a of subj) for (const b of subj) if (a !== b) out.push(make(a, b, code, 'compound'));
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

/** Codes that are not countries although they have three letters first (blocs, IGOs, NGOs, ...). */
const NOT_COUNTRY = /^(---|IGO|NGO|MNC|UIS|IMG|WST|EUR|AFR|ASA|MEA|LAM|NAF|SAM|SAS|SEA|CAS|CAU|EEU|BAL|BLK|CRB|PGS|WAF|EAF|SAF|CAF|NMR|SCN|NTH|DEV|REB|MED|GOV|MIL|CVL|OPP|BUS|INT)/;

/** The country part of an actor code (first three letters), or null for blocs and organisations. */
export function countryOf(code: string): string | null {
  return /^[A-Z]{3}/.test(code) && !NOT_COUNTRY.test(code) ? code.slice(0, 3) : null;
}

const STATE_SECTORS = /^[A-Z]{3}(GOV|MIL|COP|JUD|SPY|LEG)/;
const CIVIL_SECTORS = /^---(CVL|OPP|REB|MOS|MUS|EDU|LAB|JRN|MED|REF|REL|BUS|AGR|HLH|CRM|IRG|INS|UAF|CHR)/;

/** Whether a country-less target agent can take the source's country. */
function canPlace(source: Mention, target: Mention, always: boolean): boolean {
  if (!target.code.startsWith('---')) return true;
  if (!(source.country ?? countryOf(source.code))) return false;
  return always || (STATE_SECTORS.test(source.code) && CIVIL_SECTORS.test(target.code));
}

/** A country-less agent target ("---CVL") takes the source's country ("EGYCVL"); actors stay as they are. */
function placeAgent(target: Mention, source: Mention): string {
  if (!target.code.startsWith('---')) return target.code;
  const c = source.country ?? countryOf(source.code);
  return c ? c + target.code.slice(3) : target.code;
}

/**
 * CAMEO codes a stated future action as intent (03x) when it cooperates and as a threat (13x)
 * when it is conflictual; statements (01–02), intents and threats themselves stay as they are.
 */
export function futureCode(code: string): string {
  const r = Number(code.slice(0, 2));
  if (r <= 3 || (r >= 9 && r <= 13)) return code;
  const coop: Record<number, string> = { 4: '036', 5: '032', 6: '031', 7: '033', 8: '035' };
  if (coop[r]) return coop[r]!;
  if (code.startsWith('163') || code.startsWith('161')) return '1312';
  const conf: Record<number, string> = { 14: '133', 15: '138', 16: '1313', 17: '137', 18: '138', 19: '138', 20: '138' };
  return conf[r] ?? code;
}

/**
 * Mentions the coder can use: dates ('---NON') are left out and a 'NON' sector glued to a country
 * ("Libya on Friday") is dropped. Agents with no country ('---GOV', "officials") stay, but are
 * never a source; as a target they take the source's country (marked as inferred) or are skipped.
 */
function usable(ms: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of ms) {
    if (m.code.startsWith('---NON') || m.code.length < 3) continue;
    out.push(m.code.endsWith('NON') && m.code.length > 3 ? { ...m, code: m.code.slice(0, -3) } : m);
  }
  return out;
}

/**
 * "X said (that) Y must ...": a statement of what another actor must or should do is a demand
 * (CAMEO 100) from the speaker to that actor.
 */
/** Determiners allowed between coordinated demand targets ("the government and the rebels must ..."). */
const DEMAND_DET = new Set(['the', 'its', 'his', 'her', 'their']);
/** Verbs besides reporting ones that introduce "X must ...": "reiterated that Y must", "warned that Y should". */
const DEMAND_REPORT = new Set(['reiterate', 'reiterated', 'reiterates', 'warn', 'warned', 'warns', 'repeated', 'repeats', 'emphasised', 'emphasized', 'underlined', 'maintained', 'maintains']);

function codeDemands(u: Unit[], verbs: Verb[], text: string, push: (e: CodedEvent) => void): void {
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

/** The actor at k, or right after "the" or one capitalised word there ("of South Lebanon"); -1 if none. */
function actorAt(u: Unit[], k: number, text: string): number {
  if (isActor(u[k])) return k;
  const x = u[k];
  if (x && x.kind === 'W' && (x.low === 'the' || /^\p{Lu}/u.test(text.slice(x.s, x.s + 1))) && isActor(u[k + 1])) return k + 1;
  return -1;
}

/** Relations stated with nouns: "trust between A and B", "A-B partnership", "A and B are partners", "A's invasion of B". */
function codeNouns(u: Unit[], lex: Lexicon, text: string, push: (e: CodedEvent) => void): void {
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
      push(mk(a, b, 'noun'));
      if (sym) push(mk(b, a, 'noun'));
    }
  }
}
