/**
 * Entity framing: the role a text gives one actor mention — Protagonist, Antagonist or Innocent,
 * with fine roles — from the mention's context: the name itself and its actor code, the words
 * right before and after it, the words of its sentence, good/bad words near it (data/role-lexicon.json),
 * cue words of each fine role (data/fine-role-cues.json) and VADER valence (data/valence.json) near it
 * and in its sentence, persuasion techniques in its sentence, and coded events where it is source or target (with the
 * Goldstein sign). One-vs-rest logistic regressions with a strong L2 penalty.
 */
import { readFileSync } from 'node:fs';
import type { Doc } from '../core/document.js';
import { E, fail } from '../core/errors.js';
import { tokenize, type Token } from '../core/tokens.js';
import '../actors/types.js';
import '../techniques/types.js';
import '../relations/types.js';
import { Vectorizer, type Occ } from './features.js';
import { dot, fitBinary, folds, sigmoid } from './linear.js';
import { pack, unpack, type PackedWeights } from './model.js';
import type { Mention } from './semeval.js';
import { ALL_FINE_ROLES, FINE_ROLES, MAIN_ROLES } from './taxonomy.js';
import { ROLE_CUES as CUES, VALENCE } from './lexicons.js';
import type { MainRole } from './types.js';

interface Lexicon {
  negative: string[];
  positive: string[];
  victim: string[];
}
const LEX = JSON.parse(readFileSync(new URL('./data/role-lexicon.json', import.meta.url), 'utf8')) as Lexicon;
const NEG = new Set(LEX.negative);
const POS = new Set(LEX.positive);
const VIC = new Set(LEX.victim);

const WINDOW = 6;
const MAX_SENTENCE_TOKENS = 200;

export const ROLE_GROUP_WEIGHTS: Record<string, number> = { n: 0.8, c: 0.8, l: 0.7, r: 0.7, p: 0.6, s: 0.5, t: 0.4, e: 0.6, x: 0.7, d: 0.3, v: 0.5, g: 0.8, f: 0.7, q: 0.7 };

/** What the features of every mention of one document share, built once per document. */
interface RoleContext {
  sentences: ReadonlyArray<{ start: number; end: number }>;
  /** Per sentence (lazily): its word tokens, the techniques overlapping it, the events coded in it. */
  tokens: Map<number, Token[]>;
  techniques: Array<Array<{ start: number; end: number; technique: string }>>;
  events: Array<Array<{ src: { start: number; end: number }; tgt: { start: number; end: number }; goldstein: number; quad: number }>>;
  /** Per sentence (lazily): the keys of its words and their lexicon hits, the same for every mention in it. */
  sentenceKeys: Map<number, string[]>;
  /** Per country code: stance keys gathered over all its mentions, with their counts. */
  stance?: Map<string, Array<[string, number]>>;
}

const contexts = new WeakMap<Doc, RoleContext>();

function sentenceIndex(sents: ReadonlyArray<{ start: number; end: number }>, at: number): number {
  let lo = 0;
  let hi = sents.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (at < sents[mid]!.start) hi = mid - 1;
    else if (at >= sents[mid]!.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function contextOf(doc: Doc): RoleContext {
  let c = contexts.get(doc);
  if (c) return c;
  const sentences = doc.spans('sentences');
  const techniques: RoleContext['techniques'] = sentences.map(() => []);
  const events: RoleContext['events'] = sentences.map(() => []);
  for (const t of doc.spans('techniques')) {
    const k0 = Math.max(0, sentenceIndex(sentences, t.start));
    for (let k = k0; k < sentences.length && sentences[k]!.start < t.end; k++) techniques[k]!.push({ start: t.start, end: t.end, technique: t.data.technique });
  }
  for (const e of doc.spans('events')) {
    const k = sentenceIndex(sentences, e.data.trigger.start);
    if (k >= 0) events[k]!.push({ src: e.data.sourceMention, tgt: e.data.targetMention, goldstein: e.data.goldstein, quad: e.data.quad });
  }
  c = { sentences, tokens: new Map(), sentenceKeys: new Map(), techniques, events };
  contexts.set(doc, c);
  return c;
}

/** Feature keys of a mention [start, end) (UTF-16) in an analysed document. */
export function mentionFeatures(doc: Doc, start: number, end: number, entity: string, domain: string | null = null): Occ[] {
  const ctx = contextOf(doc);
  const out: Occ[] = [];
  const add = (key: string): void => void out.push({ key, at: start });
  add(`n:${entity.toLowerCase().replace(/^the /, '')}`);
  for (const a of actorsAt(doc, start, end)) {
    add(`c:${a.code.slice(0, 3)}`);
    if (a.code.length > 3) add(`c:${a.code}`);
    if (a.type) add(`c:type:${a.type}`);
  }
  if (domain) add(`d:${domain}`);
  const k = sentenceIndex(ctx.sentences, start);
  const sent = k >= 0 ? ctx.sentences[k]! : { start: Math.max(0, start - 300), end: Math.min(doc.text.length, end + 300) };
  let toks = k >= 0 ? ctx.tokens.get(k) : undefined;
  if (!toks) {
    toks = (k >= 0 ? doc.tokensIn(sent.start, sent.end) : tokenize(doc.text, sent.start, sent.end)).slice(0, MAX_SENTENCE_TOKENS).filter((t) => t.word);
    if (k >= 0) ctx.tokens.set(k, toks);
  }
  const before: Token[] = toks.filter((t) => t.end <= start);
  const after: Token[] = toks.filter((t) => t.start >= end);
  const lexical = (t: Token, near: boolean, into: (key: string) => void = add): void => {
    if (NEG.has(t.norm)) into(near ? 'x:neg-near' : 'x:neg');
    if (POS.has(t.norm)) into(near ? 'x:pos-near' : 'x:pos');
    if (VIC.has(t.norm)) into(near ? 'x:victim-near' : 'x:victim');
    // Cue words of the fine roles (f:) and VADER valence (q:), near the mention or in its sentence.
    for (const r of CUES.get(t.norm) ?? []) into(near ? `f:${r}-near` : `f:${r}`);
    const v = VALENCE.get(t.norm);
    if (v !== undefined) into(`q:${v > 0 ? 'pos' : 'neg'}${Math.abs(v) >= 2 ? '-strong' : ''}${near ? '-near' : ''}`);
  };
  before.slice(-WINDOW).forEach((t) => (add(`l:${t.norm}`), lexical(t, true)));
  after.slice(0, WINDOW).forEach((t) => (add(`r:${t.norm}`), lexical(t, true)));
  if (before.length) add(`p:-1:${before[before.length - 1]!.norm}`);
  else add('p:-1:^');
  if (after.length) add(`p:+1:${after[0]!.norm}`);
  if (after.length > 1) add(`p:+2:${after[0]!.norm} ${after[1]!.norm}`);
  // The sentence's own keys are built once per sentence (several mentions share a sentence).
  let sk = k >= 0 ? ctx.sentenceKeys.get(k) : undefined;
  if (!sk) {
    const keys: string[] = [];
    for (const t of toks) {
      keys.push(`s:${t.norm}`);
      lexical(t, false, (key) => void keys.push(key));
    }
    sk = keys;
    if (k >= 0) ctx.sentenceKeys.set(k, sk);
  }
  for (const key of sk) add(key);
  if (k >= 0) {
    for (const t of ctx.techniques[k]!) {
      add(`t:${t.technique}`);
      if (t.start < end + 40 && t.end > start - 40) add(`t:near:${t.technique}`);
    }
    for (const d of ctx.events[k]!) {
      const sign = d.goldstein < 0 ? 'neg' : 'pos';
      if (d.src.start < end && d.src.end > start) add(`e:src:${sign}`), add(`e:src:q${d.quad}`);
      if (d.tgt.start < end && d.tgt.end > start) add(`e:tgt:${sign}`), add(`e:tgt:q${d.quad}`);
    }
  }
  // How the whole article treats this actor: lexicon hits around all its mentions (one mention's
  // context is a few words; the article's stance shows across them).
  const country = actorsAt(doc, start, end)[0]?.code.slice(0, 3);
  if (country) for (const [key, n] of actorStance(doc, ctx, country)) out.push({ key, at: start, n });
  // Passive or object position: "was attacked by X" vs "X attacked".
  const prev = before[before.length - 1]?.norm;
  if (prev === 'by') add('v:after-by');
  if (prev && ['against', 'on', 'at', 'into'].includes(prev)) add('v:target-prep');
  if (start - sent.start < 3) add('v:sentence-start');
  return out;
}

/** Lexicon hits near every mention of one country's actors in the document (cached per document). */
function actorStance(doc: Doc, ctx: RoleContext, country: string): Array<[string, number]> {
  ctx.stance ??= new Map();
  const cached = ctx.stance.get(country);
  if (cached) return cached;
  const keys: string[] = [];
  let n = 0;
  for (const a of doc.spans('actors')) {
    if (a.data.code.slice(0, 3) !== country) continue;
    if (n++ >= 30) break;
    const k = sentenceIndex(ctx.sentences, a.start);
    if (k < 0) continue;
    let toks = ctx.tokens.get(k);
    if (!toks) {
      toks = doc.tokensIn(ctx.sentences[k]!.start, ctx.sentences[k]!.end).slice(0, MAX_SENTENCE_TOKENS).filter((t) => t.word);
      ctx.tokens.set(k, toks);
    }
    const i = toks.findIndex((t) => t.start >= a.start);
    for (const t of toks.slice(Math.max(0, i - WINDOW), i + WINDOW)) {
      if (NEG.has(t.norm)) keys.push('g:neg');
      if (POS.has(t.norm)) keys.push('g:pos');
      if (VIC.has(t.norm)) keys.push('g:victim');
    }
    for (const t of ctx.techniques[k]!) if (t.start < a.end + 40 && t.end > a.start - 40) keys.push(`g:t:${t.technique}`);
    for (const d of ctx.events[k]!) {
      if (d.src.start < a.end && d.src.end > a.start) keys.push(d.goldstein < 0 ? 'g:src-neg' : 'g:src-pos');
      if (d.tgt.start < a.end && d.tgt.end > a.start) keys.push(d.goldstein < 0 ? 'g:tgt-neg' : 'g:tgt-pos');
    }
  }
  // Counted once here, not once per mention that repeats them.
  const counted = new Map<string, number>();
  for (const k of keys) counted.set(k, (counted.get(k) ?? 0) + 1);
  const out = [...counted];
  ctx.stance.set(country, out);
  return out;
}

/** Actor-layer mentions overlapping [start, end) (binary search: the layer is sorted by start). */
function actorsAt(doc: Doc, start: number, end: number): Array<{ code: string; type: string }> {
  const spans = doc.spans('actors');
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < start - 200) lo = mid + 1;
    else hi = mid;
  }
  const out: Array<{ code: string; type: string }> = [];
  for (let i = lo; i < spans.length && spans[i]!.start < end; i++) if (spans[i]!.end > start) out.push(spans[i]!.data);
  return out;
}

export interface RoleExample {
  file: string;
  entity: string;
  /** Task offsets (code points, end inclusive). */
  start: number;
  end: number;
  occ: Occ[];
  /** The actor this mention refers to, within its article (its country code, else its name): mentions of one group share a role. */
  group: string;
  main: MainRole;
  fine: string[];
}

/** The group key of a mention: its article and its actor's country code, else its normalised name. */
export function groupOf(doc: Doc, start: number, end: number, entity: string): string {
  const code = actorsAt(doc, start, end)[0]?.code.slice(0, 3);
  return code && /^[A-Z]{3}$/.test(code) ? `c:${code}` : `n:${entity.toLowerCase().replace(/^the /, '').replace(/'s$/, '')}`;
}

/** Training examples: each gold mention with its features in the analysed article. */
export function roleExamples(mentions: readonly Mention[], docs: ReadonlyMap<string, Doc>): RoleExample[] {
  const out: RoleExample[] = [];
  for (const m of mentions) {
    const doc = docs.get(m.file);
    if (!doc || !m.main || !(MAIN_ROLES as readonly string[]).includes(m.main)) continue;
    const cp = doc.codePoints;
    if (m.end + 1 > cp.length) fail(E.BAD_LABEL_LINE, `${m.file}: mention ${m.start}-${m.end} is past the end of the article`);
    const s = cp.u16(m.start);
    const e = cp.u16(m.end + 1);
    out.push({ file: m.file, entity: m.entity, start: m.start, end: m.end, occ: mentionFeatures(doc, s, e, m.entity, domainOfFile(m.file)), group: `${m.file} ${groupOf(doc, s, e, m.entity)}`, main: m.main as MainRole, fine: m.fine ?? [] });
  }
  return out;
}

/** The task's file names say the domain; elsewhere the narrative model decides it. */
export function domainOfFile(file: string): string | null {
  return /_CC_/.test(file) ? 'CC' : /_UA_/.test(file) ? 'URW' : null;
}

export interface RoleTrainOptions {
  l2: number;
  iterations: number;
  minDf: number;
  /** Feature group weights (0 drops a group). */
  weights: Record<string, number>;
  /** Fine role chosen jointly: argmax over every fine role of P(its main role) × P(fine | main), instead of under the predicted main role. */
  fineJoint: boolean;
  /** Share of a mention's role logits taken from the mean over the mentions of the same actor in the article (0: none). */
  smooth: number;
}

export const DEFAULT_ROLE_TRAIN: RoleTrainOptions = { l2: 0.005, iterations: 150, minDf: 2, weights: {}, smooth: 0.5, fineJoint: false };

interface Lin {
  label: string;
  w: Float64Array;
  b: number;
}

export interface RoleLogits {
  main: number[];
  fine: number[];
}

/**
 * Each mention's logits moved towards the mean over its group (the mentions of the same actor in
 * the same article): within one article the text mostly keeps casting an actor the same way.
 */
export function smoothLogits(ls: readonly RoleLogits[], groups: readonly string[], alpha: number): RoleLogits[] {
  if (alpha <= 0) return [...ls];
  const sum = new Map<string, { main: number[]; fine: number[]; n: number }>();
  ls.forEach((l, i) => {
    const s = sum.get(groups[i]!) ?? { main: l.main.map(() => 0), fine: l.fine.map(() => 0), n: 0 };
    l.main.forEach((z, k) => (s.main[k]! += z));
    l.fine.forEach((z, k) => (s.fine[k]! += z));
    s.n++;
    sum.set(groups[i]!, s);
  });
  return ls.map((l, i) => {
    const s = sum.get(groups[i]!)!;
    return { main: l.main.map((z, k) => (1 - alpha) * z + (alpha * s.main[k]!) / s.n), fine: l.fine.map((z, k) => (1 - alpha) * z + (alpha * s.fine[k]!) / s.n) };
  });
}

export interface RolePrediction {
  main: MainRole;
  mainConfidence: number;
  fine: string[];
}

export interface RoleModelFile {
  format: 'slant-roles';
  version: 1;
  source: string;
  vocab: string[];
  idf: number[];
  groupWeights: Record<string, number>;
  models: Array<{ kind: 'main' | 'fine'; label: string; b: number; w: PackedWeights }>;
  /** The fine role chosen over every main role (RoleTrainOptions.fineJoint). */
  fineJoint?: boolean;
}

export class RoleModel {
  constructor(
    readonly vec: Vectorizer,
    readonly main: Lin[],
    readonly fine: Lin[],
    readonly fineJoint = false,
  ) {
    this.kidsOf = MAIN_ROLES.map((m) => fine.map((f, i) => (FINE_ROLES[m].includes(f.label) ? i : -1)).filter((i) => i >= 0));
  }

  /** Per main role (MAIN_ROLES order): the indices of its fine roles in this.fine. */
  private readonly kidsOf: number[][];

  static train(ex: readonly RoleExample[], o: RoleTrainOptions = DEFAULT_ROLE_TRAIN): RoleModel {
    const vec = Vectorizer.fit(ex.map((e) => e.occ), o.minDf, 8000, { ...ROLE_GROUP_WEIGHTS, ...o.weights });
    const xs = ex.map((e) => vec.vector(e.occ).x);
    const dim = vec.vocab.length;
    const fit = (label: string, sel: number[], y: (e: RoleExample) => boolean): Lin => {
      const ys = sel.map((i) => (y(ex[i]!) ? 1 : 0));
      const pos = ys.reduce((a: number, b) => a + b, 0);
      if (pos === 0 || pos === ys.length) return { label, w: new Float64Array(dim), b: pos === 0 ? -6 : 6 };
      const m = fitBinary(sel.map((i) => xs[i]!), ys, dim, { l2: o.l2, iterations: o.iterations });
      return { label, w: m.w, b: m.b };
    };
    const all = ex.map((_, i) => i);
    const main = MAIN_ROLES.map((r) => fit(r, all, (e) => e.main === r));
    // Fine roles against the other mentions with the same main role: the question asked at prediction.
    const fine = ALL_FINE_ROLES.map((f) => {
      const m = MAIN_ROLES.find((r) => FINE_ROLES[r].includes(f))!;
      return fit(f, all.filter((i) => ex[i]!.main === m), (e) => e.fine.includes(f));
    });
    return new RoleModel(vec, main, fine, o.fineJoint);
  }

  /** Main-role and fine-role logits of one mention (in MAIN_ROLES and this.fine order). */
  logits(occ: readonly Occ[]): RoleLogits {
    const x = this.vec.vector(occ, false).x;
    return { main: this.main.map((m) => dot(m.w, x) + m.b), fine: this.fine.map((f) => dot(f.w, x) + f.b) };
  }

  decide(l: RoleLogits): RolePrediction {
    const pm = l.main.map(sigmoid);
    const sum = pm.reduce((a, b) => a + b, 0) || 1;
    let best = 0;
    pm.forEach((p, i) => (p > pm[best]! ? (best = i) : 0));
    const main = MAIN_ROLES[best]!;
    if (this.fineJoint) {
      // P(main) × P(fine | main), the fine roles of each main role a softmax over their logits.
      let bestFine = '';
      let bp = -1;
      this.kidsOf.forEach((kids, r) => {
        let mx = -Infinity;
        for (const i of kids) mx = Math.max(mx, l.fine[i]!);
        let tot = 0;
        for (const i of kids) tot += Math.exp(l.fine[i]! - mx);
        for (const i of kids) {
          const p = (pm[r]! / sum) * (Math.exp(l.fine[i]! - mx) / tot);
          if (p > bp) (bp = p), (bestFine = this.fine[i]!.label);
        }
      });
      return { main, mainConfidence: pm[best]! / sum, fine: bestFine ? [bestFine] : [] };
    }
    const kids = this.fine.map((f, i) => ({ label: f.label, z: l.fine[i]! })).filter((f) => FINE_ROLES[main].includes(f.label));
    kids.sort((a, b) => b.z - a.z);
    return { main, mainConfidence: pm[best]! / sum, fine: kids.slice(0, 1).map((k) => k.label) };
  }

  predict(occ: readonly Occ[]): RolePrediction {
    return this.decide(this.logits(occ));
  }

  toFile(source: string): RoleModelFile {
    const lins: Array<['main' | 'fine', Lin]> = [...this.main.map((m) => ['main', m] as ['main', Lin]), ...this.fine.map((m) => ['fine', m] as ['fine', Lin])];
    const packed = pack(lins.map(([, m]) => m.w), this.vec.vocab, this.vec.idf);
    return {
      format: 'slant-roles',
      version: 1,
      source,
      vocab: packed.vocab,
      idf: packed.idf,
      groupWeights: this.vec.weights,
      models: lins.map(([kind, m], k) => ({ kind, label: m.label, b: Number(m.b.toPrecision(5)), w: packed.weights[k]! })),
      fineJoint: this.fineJoint,
    };
  }

  static load(path: string | URL): RoleModel {
    let f: RoleModelFile;
    try {
      f = JSON.parse(readFileSync(path, 'utf8')) as RoleModelFile;
    } catch (err) {
      fail(E.MODEL_LOAD, `cannot read roles model ${String(path)}: ${(err as Error).message.split('\n')[0]}`);
    }
    if (f.format !== 'slant-roles' || f.version !== 1) fail(E.MODEL_LOAD, 'not a slant roles model (format/version)');
    const dim = f.vocab.length;
    const lin = (m: RoleModelFile['models'][number]): Lin => ({ label: m.label, w: unpack(m.w, dim), b: m.b });
    const main = MAIN_ROLES.map((r) => f.models.find((m) => m.kind === 'main' && m.label === r));
    if (main.some((m) => !m)) fail(E.MODEL_LOAD, 'roles model lacks a main role');
    return new RoleModel(
      new Vectorizer(f.vocab, f.idf, f.groupWeights),
      main.map((m) => lin(m!)),
      f.models.filter((m) => m.kind === 'fine').map(lin),
      f.fineJoint === true,
    );
  }
}

export interface RoleCv {
  mainAccuracy: number;
  exactMatch: number;
  baseline: number;
  predictions: Array<{ file: string; entity: string; start: number; end: number; main: MainRole; fine: string[] }>;
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

/** K-fold cross-validation with folds by article. */
export function crossValidateRoles(ex: readonly RoleExample[], k = 5, o: RoleTrainOptions = DEFAULT_ROLE_TRAIN, seed = 1): RoleCv {
  const files = [...new Set(ex.map((e) => e.file))].sort();
  const f = folds(files.length, k, seed);
  const foldOf = new Map(files.map((file, i) => [file, f[i]!]));
  const preds: RoleCv['predictions'] = new Array(ex.length);
  for (let fold = 0; fold < k; fold++) {
    const m = RoleModel.train(ex.filter((e) => foldOf.get(e.file) !== fold), o);
    const held = ex.map((_, i) => i).filter((i) => foldOf.get(ex[i]!.file) === fold);
    const ls = smoothLogits(held.map((i) => m.logits(ex[i]!.occ)), held.map((i) => ex[i]!.group), o.smooth);
    held.forEach((i, j) => {
      const e = ex[i]!;
      const p = m.decide(ls[j]!);
      preds[i] = { file: e.file, entity: e.entity, start: e.start, end: e.end, main: p.main, fine: p.fine };
    });
  }
  let main = 0, exact = 0, base = 0;
  ex.forEach((e, i) => {
    if (preds[i]!.main === e.main) main++;
    if (sameSet(preds[i]!.fine, e.fine)) exact++;
    if (e.main === 'Antagonist') base++;
  });
  const n = ex.length || 1;
  return { mainAccuracy: main / n, exactMatch: exact / n, baseline: base / n, predictions: preds };
}
