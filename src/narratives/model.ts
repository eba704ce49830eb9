/**
 * The narrative classifier: domain first (war in Ukraine or climate change), then "has a narrative
 * or Other", then narratives of that domain, then subnarratives under each predicted narrative.
 * Every decision is a one-vs-rest logistic regression with a strong L2 penalty over the article's
 * features (features.ts); probabilities are Platt-calibrated on held-out folds and the thresholds are
 * chosen there too, so nothing is tuned on the articles a model is scored on.
 */
import { readFileSync } from 'node:fs';
import { E, fail } from '../core/errors.js';
import { GROUP_WEIGHTS, Vectorizer, type Occ } from './features.js';
import { dot, fitBinary, fitPlatt, folds, sigmoid, type Sparse } from './linear.js';
import { domainOf, NARRATIVES, OTHER, PARENT, SUBNARRATIVES, type Domain } from './taxonomy.js';

export interface TrainDoc {
  id: string;
  occ: Occ[];
  domain: Domain;
  narratives: string[];
  subnarratives: string[];
}

export interface TrainOptions {
  l2: number;
  iterations: number;
  minDf: number;
  maxFeatures: number;
  /** Inner folds for calibration and thresholds. */
  innerFolds: number;
  /** Fewer positives than this: the label is never predicted on its own (subnarratives fall back). */
  minPositives: number;
  /** Narrative models see every article of their domain (Other ones as negatives), so their best score also says "not Other". */
  unconditional: boolean;
  /** Key prefixes of the features the has-a-narrative gate reads (a few dense features beat thousands of words on 140 articles). */
  gate: string[];
  /** Subnarrative models see only the articles with their narrative (true) or every article with a narrative of the domain. */
  subConditional: boolean;
  /** L2 penalty of the gate (few dense features: a different strength than the word models). */
  gateL2: number;
  /** Choose the gate's threshold per domain. */
  domainGate: boolean;
  /** L2 of a second gate over every feature, whose logit is added to the dense gate's (0: none). */
  gateWordsL2: number;
  /**
   * Stack the gate: a logistic regression on held-out logits of the dense gate, the word gate and the
   * best narrative of the domain scored by models that also saw the Other articles (instead of adding
   * the two gate logits).
   */
  gateStack: boolean;
  /** Feature group weights over the defaults (features.ts GROUP_WEIGHTS; 0 drops a group). */
  weights?: Record<string, number>;
}

export const DEFAULT_TRAIN: TrainOptions = { l2: 0.004, iterations: 150, minDf: 2, maxFeatures: 6000, innerFolds: 4, minPositives: 3, unconditional: true, gate: ['z:tech', 'z:t:'], subConditional: true, gateL2: 0.05, domainGate: false, gateWordsL2: 0.05, gateStack: false };

interface Linear {
  label: string;
  w: Float64Array;
  b: number;
}

interface Calib {
  a: number;
  c: number;
}

export interface Thresholds {
  other: number;
  /** The gate's threshold per domain, when chosen per domain (Other is far more common in climate articles). */
  otherByDomain?: Partial<Record<Domain, number>>;
  narrative: number;
  subnarrative: number;
}

/** The fitted linear parts, before calibration. */
interface Core {
  vec: Vectorizer;
  domain: Linear; // positive: CC
  has: Linear; // positive: has a narrative
  /** The second gate over every feature (zero weights when unused). */
  hasWords?: Linear;
  narratives: Linear[];
  subnarratives: Linear[];
  /** Narrative models trained on every article of their domain, Other ones as negatives (the stacked gate reads their best score). */
  narrativesAll?: Linear[];
}

export interface Scored {
  label: string;
  p: number;
}

export interface Prediction {
  domain: Domain;
  pDomain: number;
  /** Probability that the article carries a narrative of the taxonomy. */
  pNarrative: number;
  narratives: Scored[];
  /** Subnarratives, each under a predicted narrative. */
  subnarratives: Scored[];
}

function fitCore(docs: readonly TrainDoc[], o: TrainOptions): Core {
  const vec = Vectorizer.fit(docs.map((d) => d.occ), o.minDf, o.maxFeatures, { ...GROUP_WEIGHTS, ...o.weights });
  const xs = docs.map((d) => vec.vector(d.occ).x);
  const dim = vec.vocab.length;
  const gate = xs.map((x) => only(vec, x, o.gate));
  const fit = (label: string, sel: number[], y: (d: TrainDoc) => boolean, data = xs, l2 = o.l2): Linear => {
    const ys = sel.map((i) => (y(docs[i]!) ? 1 : 0));
    const pos = ys.reduce((a: number, b) => a + b, 0);
    if (pos < o.minPositives || pos === ys.length) return { label, w: new Float64Array(dim), b: pos === 0 ? -6 : Math.log((pos + 0.5) / (ys.length - pos + 0.5)) };
    const m = fitBinary(sel.map((i) => data[i]!), ys, dim, { l2, iterations: o.iterations });
    return { label, w: m.w, b: m.b };
  };
  const all = docs.map((_, i) => i);
  const withNarrative = (d: TrainDoc): boolean => d.narratives.some((n) => n !== OTHER);
  const byDomain = (dom: Domain): number[] => all.filter((i) => docs[i]!.domain === dom && (o.unconditional || withNarrative(docs[i]!)));
  const sel: Record<Domain, number[]> = { URW: byDomain('URW'), CC: byDomain('CC') };
  return {
    vec,
    domain: fit('CC', all, (d) => d.domain === 'CC'),
    has: fit('has-narrative', all, withNarrative, gate, o.gateL2),
    ...(o.gateWordsL2 > 0 ? { hasWords: fit('has-narrative-words', all, withNarrative, xs, o.gateWordsL2) } : {}),
    narratives: NARRATIVES.map((n) => fit(n, sel[domainOf(n)!], (d) => d.narratives.includes(n))),
    ...(o.gateStack ? { narrativesAll: NARRATIVES.map((n) => fit(n, all.filter((i) => docs[i]!.domain === domainOf(n)), (d) => d.narratives.includes(n))) } : {}),
    // Subnarratives against the other articles with the same narrative: the question asked at prediction.
    subnarratives: SUBNARRATIVES.map((s) =>
      fit(s.label, o.subConditional ? all.filter((i) => docs[i]!.narratives.includes(s.parent)) : sel[domainOf(s.parent)!], (d) => d.subnarratives.includes(s.label)),
    ),
  };
}

/** The part of a vector whose feature keys start with one of the prefixes. */
function only(vec: Vectorizer, x: Sparse, prefixes: readonly string[]): Sparse {
  const idx: number[] = [];
  const val: number[] = [];
  x.idx.forEach((i, k) => {
    const key = vec.vocab[i]!;
    if (prefixes.some((p) => key.startsWith(p))) idx.push(i), val.push(x.val[k]!);
  });
  return { idx, val };
}

/** Logits of one document under a core. */
interface Logits {
  domain: number;
  has: number;
  /** The stacked gate's inputs: dense gate, word gate, best narrative of the domain (when stacked). */
  hasParts?: number[];
  narratives: number[];
  /** Logit of subnarrative k (computed on first read when lazy). */
  sub: (k: number) => number;
}

/** Logits of one document; with `lazy`, subnarrative logits are computed when first read (prediction reads only the kids of predicted narratives). */
function logits(core: Core, x: Sparse, lazy = false): Logits {
  const z = (m: Linear): number => dot(m.w, x) + m.b;
  const subZ = (k: number): number => z(core.subnarratives[k]!);
  const subs: number[] = lazy ? [] : core.subnarratives.map((_, k) => subZ(k));
  const sub = (k: number): number => (subs[k] ??= subZ(k));
  const domain = z(core.domain);
  const dense = z(core.has);
  const words = core.hasWords ? z(core.hasWords) : 0;
  const out: Logits = { domain, has: dense + words, narratives: core.narratives.map(z), sub };
  if (core.narrativesAll) {
    const dom: Domain = domain >= 0 ? 'CC' : 'URW';
    let best = -Infinity;
    core.narrativesAll.forEach((m) => domainOf(m.label) === dom && (best = Math.max(best, z(m))));
    out.hasParts = [dense, words, best];
  }
  return out;
}

interface Calibration {
  domain: Calib;
  has: Calib;
  /** The stacked gate (weights over Logits.hasParts, bias), when stacked. */
  hasStack?: { w: number[]; b: number };
  narrative: Calib;
  subnarrative: Calib;
}

const cal = (c: Calib, z: number): number => sigmoid(c.a * z + c.c);

function pHas(l: Logits, c: Calibration): number {
  if (!c.hasStack || !l.hasParts) return cal(c.has, l.has);
  return sigmoid(l.hasParts.reduce((a, v, i) => a + v * c.hasStack!.w[i]!, c.hasStack.b));
}

function decide(l: Logits, c: Calibration, t: Thresholds): Prediction {
  const pCC = cal(c.domain, l.domain);
  const domain: Domain = pCC >= 0.5 ? 'CC' : 'URW';
  const pNarrative = pHas(l, c);
  const pDomain = domain === 'CC' ? pCC : 1 - pCC;
  const cands = NARRATIVES.map((label, i) => ({ label, p: cal(c.narrative, l.narratives[i]!) })).filter((s) => domainOf(s.label) === domain);
  cands.sort((a, b) => b.p - a.p);
  if (pNarrative < (t.otherByDomain?.[domain] ?? t.other)) return { domain, pDomain, pNarrative, narratives: [], subnarratives: [] };
  let narratives = cands.filter((s) => s.p >= t.narrative);
  if (narratives.length === 0) narratives = cands.slice(0, 1);
  const subs: Scored[] = [];
  for (const n of narratives) {
    const kids = SUBNARRATIVES.map((s, i) => ({ label: s.label, parent: s.parent, i }))
      .filter((s) => s.parent === n.label)
      .map((s) => ({ label: s.label, parent: s.parent, p: cal(c.subnarrative, l.sub(s.i)) }))
      .sort((a, b) => b.p - a.p);
    let chosen = kids.filter((k) => k.p >= t.subnarrative);
    if (chosen.length === 0) chosen = kids.slice(0, 1);
    // Shown confidence: P(narrative) × P(subnarrative | narrative); the threshold reads the conditional.
    for (const k of chosen) subs.push({ label: k.label, p: n.p * k.p });
  }
  return { domain, pDomain, pNarrative, narratives, subnarratives: subs };
}

/** The task's format: narratives and subnarratives, `Other` when none. */
export function labelsOf(p: Prediction): { narratives: string[]; subnarratives: string[] } {
  if (p.narratives.length === 0) return { narratives: [OTHER], subnarratives: [OTHER] };
  return { narratives: p.narratives.map((s) => s.label), subnarratives: p.subnarratives.map((s) => s.label) };
}

/** F1 of one article's label set (the scorer's per-sample F1; empty vs empty counts 0 as sklearn's zero_division=0). */
export function sampleF1(gold: readonly string[], pred: readonly string[]): number {
  const g = new Set(gold);
  const p = new Set(pred);
  let tp = 0;
  for (const x of p) if (g.has(x)) tp++;
  return tp === 0 ? 0 : (2 * tp) / (g.size + p.size);
}

/**
 * Thresholds chosen on held-out predictions, one decision at a time: the gate maximises Other-vs-rest
 * accuracy; the narrative and subnarrative thresholds maximise samples-F1 over the articles that
 * have a narrative. (Plain samples-F1 over all articles rewards answering Other everywhere, since
 * half the articles are Other.)
 */
function chooseThresholds(oof: Logits[], docs: readonly TrainDoc[], c: Calibration, perDomain = false): Thresholds {
  const grid = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7];
  const has = docs.map((d) => d.narratives.some((n) => n !== OTHER));
  const argmax = (score: (t: number) => number, ts: number[]): number => {
    let best = ts[0]!;
    let bs = -1;
    for (const t of ts) {
      const s = score(t);
      if (s > bs + 1e-9) (bs = s), (best = t);
    }
    return best;
  };
  const other = argmax((t) => oof.reduce((s, l, i) => s + ((pHas(l, c) >= t) === has[i] ? 1 : 0), 0), grid.filter((t) => t >= 0.3 && t <= 0.7));
  const withNarrative = (level: 'narratives' | 'subnarratives', t: Thresholds): number =>
    oof.reduce((s, l, i) => (has[i] ? s + sampleF1(docs[i]![level], labelsOf(decide(l, c, t))[level]) : s), 0);
  const narrative = argmax((t) => withNarrative('narratives', { other: 0, narrative: t, subnarrative: 0.5 }), grid);
  const subnarrative = argmax((t) => withNarrative('subnarratives', { other: 0, narrative, subnarrative: t }), grid);
  if (!perDomain) return { other, narrative, subnarrative };
  const otherByDomain: Partial<Record<Domain, number>> = {};
  for (const dom of ['URW', 'CC'] as const) {
    const idx = docs.map((d, i) => (d.domain === dom ? i : -1)).filter((i) => i >= 0);
    if (idx.length < 10) continue; // too few to choose from: the shared threshold
    otherByDomain[dom] = argmax((t) => idx.reduce((s, i) => s + ((pHas(oof[i]!, c) >= t) === has[i] ? 1 : 0), 0), [0.2, 0.25, ...grid.filter((t) => t >= 0.3), 0.75, 0.8, 0.85, 0.9]);
  }
  return { other, otherByDomain, narrative, subnarrative };
}

function calibrate(oof: Logits[], docs: readonly TrainDoc[], unconditional: boolean): Calibration {
  const zs: Record<'domain' | 'has' | 'narrative' | 'subnarrative', number[]> = { domain: [], has: [], narrative: [], subnarrative: [] };
  const ys: Record<'domain' | 'has' | 'narrative' | 'subnarrative', number[]> = { domain: [], has: [], narrative: [], subnarrative: [] };
  oof.forEach((l, i) => {
    const d = docs[i]!;
    zs.domain.push(l.domain);
    ys.domain.push(d.domain === 'CC' ? 1 : 0);
    zs.has.push(l.has);
    ys.has.push(d.narratives.some((n) => n !== OTHER) ? 1 : 0);
    NARRATIVES.forEach((n, k) => {
      if (domainOf(n) !== d.domain || (!unconditional && !d.narratives.some((x) => x !== OTHER))) return;
      zs.narrative.push(l.narratives[k]!);
      ys.narrative.push(d.narratives.includes(n) ? 1 : 0);
    });
    SUBNARRATIVES.forEach((s, k) => {
      if (!d.narratives.includes(s.parent)) return;
      zs.subnarrative.push(l.sub(k));
      ys.subnarrative.push(d.subnarratives.includes(s.label) ? 1 : 0);
    });
  });
  let hasStack: Calibration['hasStack'];
  if (oof[0]?.hasParts) {
    const dim = oof[0].hasParts.length;
    const m = fitBinary(oof.map((l) => ({ idx: [...Array(dim).keys()], val: l.hasParts! })), ys.has, dim, { l2: 0.01, iterations: 400 });
    hasStack = { w: [...m.w].map((v) => Number(v.toPrecision(5))), b: Number(m.b.toPrecision(5)) };
  }
  return {
    ...(hasStack ? { hasStack } : {}),
    domain: fitPlatt(zs.domain, ys.domain),
    has: fitPlatt(zs.has, ys.has),
    narrative: fitPlatt(zs.narrative, ys.narrative),
    subnarrative: fitPlatt(zs.subnarrative, ys.subnarrative),
  };
}

/**
 * Weights for a file, small: each model's weights quantised to 8 bits relative to its largest
 * (127 levels move no decision measurably) and stored as base64 over the features still used.
 */
export interface PackedWeights {
  /** Largest absolute weight; weight = q / 127 * scale. */
  scale: number;
  /** base64 of an Int8Array with one entry per vocabulary feature. */
  q: string;
}

export function pack(ws: readonly Float64Array[], vocab: readonly string[], idf: readonly number[]): { vocab: string[]; idf: number[]; weights: PackedWeights[] } {
  const scales = ws.map((w) => w.reduce((a, v) => Math.max(a, Math.abs(v)), 0));
  const qs = ws.map((w, k) => Int8Array.from(w, (v) => (scales[k]! > 0 ? Math.round((127 * v) / scales[k]!) : 0)));
  const used = vocab.map((_, i) => i).filter((i) => qs.some((q) => q[i] !== 0));
  return {
    vocab: used.map((i) => vocab[i]!),
    idf: used.map((i) => Number(idf[i]!.toPrecision(4))),
    weights: qs.map((q, k) => ({ scale: Number(scales[k]!.toPrecision(6)), q: Buffer.from(Int8Array.from(used, (i) => q[i]!).buffer).toString('base64') })),
  };
}

export function unpack(p: PackedWeights, dim: number): Float64Array {
  const q = new Int8Array(Buffer.from(p.q, 'base64'));
  if (q.length !== dim) fail(E.MODEL_LOAD, `model weights have ${q.length} entries, expected ${dim}`);
  return Float64Array.from(q, (v) => (v / 127) * p.scale);
}

export interface NarrativeModelFile {
  format: 'slant-narratives';
  version: 1;
  source: string;
  vocab: string[];
  idf: number[];
  groupWeights: Record<string, number>;
  /** Each linear model: label, bias, weights (quantised, see pack). */
  models: Array<{ kind: 'domain' | 'has' | 'has-words' | 'narrative' | 'subnarrative' | 'narrative-all'; label: string; b: number; w: PackedWeights }>;
  calibration: Calibration;
  thresholds: Thresholds;
}

export class NarrativeModel {
  constructor(
    readonly core: Core,
    readonly calibration: Calibration,
    readonly thresholds: Thresholds,
  ) {}

  /** Train: out-of-fold logits on inner folds give calibration and thresholds; then fit on all. */
  static train(docs: readonly TrainDoc[], o: TrainOptions = DEFAULT_TRAIN, log: (s: string) => void = () => {}): NarrativeModel {
    const fold = folds(docs.length, o.innerFolds, 7);
    const oof: Logits[] = new Array(docs.length);
    for (let k = 0; k < o.innerFolds; k++) {
      const trainIdx = docs.map((_, i) => i).filter((i) => fold[i] !== k);
      const core = fitCore(trainIdx.map((i) => docs[i]!), o);
      docs.forEach((d, i) => {
        if (fold[i] === k) oof[i] = logits(core, core.vec.vector(d.occ).x);
      });
      log(`inner fold ${k + 1}/${o.innerFolds}`);
    }
    const calibration = calibrate(oof, docs, o.unconditional);
    const thresholds = chooseThresholds(oof, docs, calibration, o.domainGate);
    return new NarrativeModel(fitCore(docs, o), calibration, thresholds);
  }

  predict(occ: readonly Occ[]): Prediction {
    return this.predictVector(this.core.vec.vector(occ).x);
  }

  /** Prediction from a vector already built by this model's vectorizer. */
  predictVector(x: Sparse): Prediction {
    return decide(logits(this.core, x, true), this.calibration, this.thresholds);
  }

  /** Linear weights of a label (for evidence: per-occurrence contributions). */
  weightsOf(label: string): Float64Array | null {
    return (this.core.narratives.find((m) => m.label === label) ?? this.core.subnarratives.find((m) => m.label === label))?.w ?? null;
  }

  toFile(source: string): NarrativeModelFile {
    const lins: Array<[NarrativeModelFile['models'][number]['kind'], Linear]> = [
      ['domain', this.core.domain],
      ['has', this.core.has],
      ...(this.core.hasWords ? [['has-words', this.core.hasWords] as [NarrativeModelFile['models'][number]['kind'], Linear]] : []),
      ...this.core.narratives.map((m) => ['narrative', m] as [NarrativeModelFile['models'][number]['kind'], Linear]),
      ...this.core.subnarratives.map((m) => ['subnarrative', m] as [NarrativeModelFile['models'][number]['kind'], Linear]),
      ...(this.core.narrativesAll ?? []).map((m) => ['narrative-all', m] as [NarrativeModelFile['models'][number]['kind'], Linear]),
    ];
    const packed = pack(lins.map(([, m]) => m.w), this.core.vec.vocab, this.core.vec.idf);
    return {
      format: 'slant-narratives',
      version: 1,
      source,
      vocab: packed.vocab,
      idf: packed.idf,
      groupWeights: this.core.vec.weights,
      models: lins.map(([kind, m], k) => ({ kind, label: m.label, b: Number(m.b.toPrecision(5)), w: packed.weights[k]! })),
      calibration: this.calibration,
      thresholds: this.thresholds,
    };
  }

  static fromFile(f: NarrativeModelFile): NarrativeModel {
    if (f.format !== 'slant-narratives' || f.version !== 1) fail(E.MODEL_LOAD, 'not a slant narratives model (format/version)');
    const vec = new Vectorizer(f.vocab, f.idf, f.groupWeights);
    const dim = f.vocab.length;
    const lin = (m: NarrativeModelFile['models'][number]): Linear => ({ label: m.label, w: unpack(m.w, dim), b: m.b });
    const of = (kind: string): Linear[] => f.models.filter((m) => m.kind === kind).map(lin);
    const core: Core = { vec, domain: of('domain')[0]!, has: of('has')[0]!, ...(of('has-words').length ? { hasWords: of('has-words')[0]! } : {}), narratives: of('narrative'), subnarratives: of('subnarrative'), ...(of('narrative-all').length ? { narrativesAll: of('narrative-all') } : {}) };
    if (core.narratives.length !== NARRATIVES.length || core.subnarratives.some((m) => !PARENT.has(m.label))) {
      fail(E.MODEL_LOAD, 'narratives model does not match the bundled taxonomy');
    }
    return new NarrativeModel(core, f.calibration, f.thresholds);
  }

  static load(path: string | URL): NarrativeModel {
    let f: NarrativeModelFile;
    try {
      f = JSON.parse(readFileSync(path, 'utf8')) as NarrativeModelFile;
    } catch (err) {
      fail(E.MODEL_LOAD, `cannot read narratives model ${String(path)}: ${(err as Error).message.split('\n')[0]}`);
    }
    return NarrativeModel.fromFile(f);
  }
}
