/**
 * Part-of-speech tagger: greedy left-to-right averaged perceptron over one combined UPOS|XPOS tag
 * (the pair is predicted together: one pass, and the pair is always consistent). Frequent words
 * that always take the same tag in training are tagged from a dictionary.
 */
import { PAD, computeAtoms, type Atoms } from './atoms.js';
import { HashIndex, f1, f2, f3, hashString, prng, shuffle } from './hash.js';
import { PerceptronTrainer, SparseModel } from './perceptron.js';

export const MAX_TAGGER_FEATS = 56;
const UNKNOWN = hashString('!UNK');
const START = 0x3ffffff2;
const START2 = 0x3ffffff3;
const END = hashString('!END');

/** Features of token i given the two previous predicted tags (tag ids, or START/START2). */
export function taggerFeatures(a: Atoms, amb: Uint32Array, i: number, p1: number, p2: number, out: Uint32Array): number {
  const n = a.n;
  const am1 = i > 0 ? amb[i - 1]! : PAD;
  const a0 = amb[i]!;
  const ap1 = i + 1 < n ? amb[i + 1]! : END;
  const ap2 = i + 2 < n ? amb[i + 2]! : END;
  const w = a.lower[i]!;
  const wm1 = i > 0 ? a.lower[i - 1]! : PAD;
  const wm2 = i > 1 ? a.lower[i - 2]! : PAD;
  const wp1 = i + 1 < n ? a.lower[i + 1]! : END;
  const wp2 = i + 2 < n ? a.lower[i + 2]! : END;
  let k = 0;
  out[k++] = f1(0, 0);
  out[k++] = f1(1, w);
  out[k++] = f1(2, a.form[i]!);
  out[k++] = f1(3, a.suf1[i]!);
  out[k++] = f1(4, a.suf2[i]!);
  out[k++] = f1(5, a.suf3[i]!);
  out[k++] = f1(6, a.suf4[i]!);
  out[k++] = f1(7, a.pre1[i]!);
  out[k++] = f1(8, a.pre2[i]!);
  out[k++] = f1(9, a.pre3[i]!);
  out[k++] = f1(10, a.shape[i]!);
  out[k++] = f1(11, p1);
  out[k++] = f2(12, p1, p2);
  out[k++] = f2(13, p1, w);
  out[k++] = f1(14, wm1);
  out[k++] = f1(15, i > 0 ? a.suf3[i - 1]! : PAD);
  out[k++] = f1(16, wm2);
  out[k++] = f1(17, wp1);
  out[k++] = f1(18, i + 1 < n ? a.suf3[i + 1]! : END);
  out[k++] = f1(19, wp2);
  out[k++] = f2(20, wm1, w);
  out[k++] = f2(21, w, wp1);
  out[k++] = f2(22, p1, wp1);
  out[k++] = f1(23, i > 0 ? a.shape[i - 1]! : PAD);
  out[k++] = f1(24, i + 1 < n ? a.shape[i + 1]! : END);
  out[k++] = f2(25, i === 0 ? 1 : 0, a.shape[i]!);
  out[k++] = f2(26, p1, a.suf3[i]!);
  out[k++] = f3(27, wm1, w, wp1);
  out[k++] = f2(28, i + 1 < n ? a.suf2[i + 1]! : END, a.suf3[i]!);
  out[k++] = f2(29, p2, w);
  out[k++] = f2(30, wp1, wp2);
  out[k++] = f2(31, wm1, wm2);
  // ambiguity classes: the tags each word took in training
  out[k++] = f1(32, a0);
  out[k++] = f1(33, ap1);
  out[k++] = f2(34, a0, ap1);
  out[k++] = f2(35, p1, a0);
  out[k++] = f2(36, p1, ap1);
  out[k++] = f3(37, p1, a0, ap1);
  out[k++] = f2(38, am1, a0);
  out[k++] = f2(39, ap1, ap2);
  out[k++] = f2(40, w, ap1);
  out[k++] = f2(41, a0, a.suf3[i]!);
  // word clusters from unlabelled text (clusters.ts)
  const cl = a.cl;
  out[k++] = f1(42, cl[i]!);
  out[k++] = f1(43, a.cc[i]!);
  out[k++] = f1(44, i > 0 ? cl[i - 1]! : PAD);
  out[k++] = f1(45, i + 1 < n ? cl[i + 1]! : END);
  out[k++] = f2(46, p1, cl[i]!);
  out[k++] = f2(47, cl[i]!, i + 1 < n ? cl[i + 1]! : END);
  out[k++] = f3(48, i > 0 ? a.cc[i - 1]! : PAD, a.cc[i]!, i + 1 < n ? a.cc[i + 1]! : END);
  out[k++] = f1(49, i + 2 < n ? cl[i + 2]! : END);
  return k;
}

export interface TaggerData {
  tags: string[];
  model: SparseModel;
  /** form hash → tag id, for frequent unambiguous words. */
  dict: HashIndex;
  /** lower-cased word hash → hash of the set of tags it took in training (its ambiguity class). */
  amb: HashIndex;
  /** lower atom → word cluster ids (fine | coarse << 16), when the model has clusters. */
  clusters?: HashIndex;
}

export function ambiguity(a: Atoms, amb: HashIndex, out: Uint32Array = new Uint32Array(a.n)): Uint32Array {
  for (let i = 0; i < a.n; i++) {
    const v = amb.get(a.lower[i]!);
    out[i] = v === -1 ? UNKNOWN : v;
  }
  return out;
}

export class Tagger {
  private feats = new Uint32Array(MAX_TAGGER_FEATS);
  private scores: Int32Array;
  constructor(readonly data: TaggerData) {
    this.scores = new Int32Array(data.tags.length);
  }

  /** Tag ids for a sentence. */
  tag(a: Atoms, amb: Uint32Array = ambiguity(a, this.data.amb), out: Int32Array = new Int32Array(a.n)): Int32Array {
    const { model, dict, tags } = this.data;
    const C = tags.length;
    let p1 = START;
    let p2 = START2;
    for (let i = 0; i < a.n; i++) {
      let t = dict.get(a.form[i]!);
      if (t < 0) {
        const n = taggerFeatures(a, amb, i, p1, p2, this.feats);
        model.score(this.feats, n, this.scores);
        t = 0;
        let best = this.scores[0]!;
        for (let c = 1; c < C; c++) if (this.scores[c]! > best) best = this.scores[c]!, t = c;
      }
      out[i] = t;
      p2 = p1;
      p1 = t;
    }
    return out;
  }
}

export interface TaggedSentence {
  forms: string[];
  tags: string[];
}

export interface TrainLog {
  (msg: string): void;
}

/** Train a tagger. `heldout` sentences (optional) are scored after each epoch. */
export function trainTagger(
  train: readonly TaggedSentence[],
  opts: { epochs: number; seed: number; minQ?: number; heldout?: readonly TaggedSentence[]; log?: TrainLog; clusters?: HashIndex },
): TaggerData {
  const clusters = opts.clusters;
  const tagSet = new Set<string>();
  for (const s of train) for (const t of s.tags) tagSet.add(t);
  const tags = [...tagSet].sort();
  const tagId = new Map(tags.map((t, i) => [t, i]));
  // Tag dictionary: words seen >= 20 times with one tag in >= 99% of cases.
  const counts = new Map<string, Map<number, number>>();
  for (const s of train) {
    s.forms.forEach((f, i) => {
      let m = counts.get(f);
      if (!m) counts.set(f, (m = new Map()));
      const t = tagId.get(s.tags[i]!)!;
      m.set(t, (m.get(t) ?? 0) + 1);
    });
  }
  const dict = new HashIndex(4096);
  for (const [f, m] of counts) {
    let total = 0;
    let best = -1;
    let bestN = 0;
    for (const [t, c] of m) {
      total += c;
      if (c > bestN) (best = t), (bestN = c);
    }
    if (total >= 20 && bestN / total >= 0.99) dict.set(hashString(f), best);
  }
  const amb = buildAmbiguity(train);
  const data = train.map((s) => {
    const atoms = computeAtoms(s.forms, clusters);
    return { atoms, amb: ambiguity(atoms, amb), gold: Int32Array.from(s.tags, (t) => tagId.get(t)!) };
  });
  const trainer = new PerceptronTrainer(tags.length);
  const feats = new Uint32Array(MAX_TAGGER_FEATS);
  const scores = new Float32Array(tags.length);
  const rand = prng(opts.seed);
  const order = data.map((_, i) => i);
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    shuffle(order, rand);
    let right = 0;
    let total = 0;
    for (const idx of order) {
      const { atoms, amb: am, gold } = data[idx]!;
      let p1 = START;
      let p2 = START2;
      for (let i = 0; i < atoms.n; i++) {
        let guess = dict.get(atoms.form[i]!);
        if (guess < 0) {
          const n = taggerFeatures(atoms, am, i, p1, p2, feats);
          trainer.score(feats, n, scores);
          guess = 0;
          for (let c = 1; c < tags.length; c++) if (scores[c]! > scores[guess]!) guess = c;
          trainer.tick();
          trainer.update(feats, n, gold[i]!, guess);
        }
        if (guess === gold[i]) right++;
        total++;
        p2 = p1;
        p1 = guess;
      }
    }
    let msg = `tagger epoch ${epoch}: train acc ${(right / total).toFixed(4)}`;
    if (opts.heldout?.length) {
      const tagger = new Tagger({ tags, model: trainer.freeze(), dict, amb, clusters });
      msg += ` heldout ${scoreTagger(tagger, opts.heldout).toFixed(4)}`;
    }
    opts.log?.(msg);
  }
  return { tags, model: trainer.freeze(opts.minQ ?? 1), dict, amb, clusters };
}

/** Ambiguity classes of words seen at least 3 times (tags with at least 5% of their uses). */
function buildAmbiguity(train: readonly TaggedSentence[]): HashIndex {
  const counts = new Map<string, Map<string, number>>();
  for (const s of train) {
    s.forms.forEach((f, i) => {
      const lw = f.toLowerCase();
      let m = counts.get(lw);
      if (!m) counts.set(lw, (m = new Map()));
      m.set(s.tags[i]!, (m.get(s.tags[i]!) ?? 0) + 1);
    });
  }
  const out = new HashIndex(counts.size);
  const lowerOf = (w: string): number => computeAtoms([w]).lower[0]!;
  for (const [lw, m] of [...counts].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    let total = 0;
    for (const c of m.values()) total += c;
    if (total < 3) continue;
    const set = [...m].filter(([, c]) => c / total >= 0.05).map(([t]) => t).sort().join(' ');
    out.set(lowerOf(lw), hashString(set) | 0);
  }
  return out;
}

/** Share of tokens whose UPOS (the part before '|') is right. */
export function scoreTagger(tagger: Tagger, sents: readonly TaggedSentence[]): number {
  let right = 0;
  let total = 0;
  for (const s of sents) {
    const ids = tagger.tag(computeAtoms(s.forms, tagger.data.clusters));
    ids.forEach((t, i) => {
      if (tagger.data.tags[t]!.split('|')[0] === s.tags[i]!.split('|')[0]) right++;
      total++;
    });
  }
  return right / Math.max(1, total);
}
