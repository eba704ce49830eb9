/**
 * Training the whole syntax model from CoNLL-U sentences. Seeded and deterministic: the same data
 * and options give the same bytes. The parser and labeller are trained on tags predicted by
 * taggers that did not see the sentence (k-fold jackknifing), so they learn from the kind of tags
 * they will get at run time.
 */
import { computeAtoms } from './atoms.js';
import { clusterPairs } from './clusters.js';
import { HashIndex } from './hash.js';
import type { Sentence } from './conllu.js';
import { trainLemmatizer } from './lemmatizer.js';
import { type ModelParts } from './model.js';
import { trainParser, uposAtom, type ParserExample } from './parser.js';
import { projectivize } from './projective.js';
import { Tagger, trainTagger, type TaggedSentence } from './tagger.js';

export interface TrainOptions {
  seed: number;
  tagEpochs: number;
  parseEpochs: number;
  /** Jackknife folds for the parser's training tags (1 = use gold tags). */
  folds: number;
  /** Every k-th sentence is held out and scored after each epoch (0 = none). */
  heldoutEvery: number;
  /**
   * Pruning: quantised weights (int16, scaled so the largest is 32000) below these magnitudes are
   * dropped, which keeps the model small and fast at a small cost in accuracy.
   */
  pruneTagger: number;
  pruneParser: number;
  /** Global (beam) training after the greedy parser epochs: beam width (0 or 1 = none) and epochs. */
  beam?: number;
  beamEpochs?: number;
  /** Called with the whole model after each beam epoch (to keep snapshots and choose the epoch on held-out data). */
  snapshot?: (epoch: number, parts: ModelParts) => void;
  /**
   * Cache of the jackknifed training tags (the slowest part of training): `load` returns them when
   * stored under the same key, `save` stores them.
   */
  tagCache?: { load(key: string): string[][] | undefined; save(key: string, tags: string[][]): void };
  /** Word cluster table rows [word, fine, coarse] (clusters.ts); empty = no cluster features. */
  clusters?: ReadonlyArray<[string, number, number]>;
  log: (msg: string) => void;
}

export const DEFAULT_TRAIN: Omit<TrainOptions, 'log'> = { seed: 13, tagEpochs: 6, parseEpochs: 14, folds: 10, heldoutEvery: 20, pruneTagger: 30, pruneParser: 600 };

function usable(s: Sentence): boolean {
  return s.words.length > 0 && s.words.every((w) => w.head >= 0 && w.head <= s.words.length);
}

export function trainModel(all: readonly Sentence[], o: TrainOptions): ModelParts {
  const sents = all.filter(usable);
  const train = o.heldoutEvery > 0 ? sents.filter((_, i) => i % o.heldoutEvery !== 0) : sents;
  const held = o.heldoutEvery > 0 ? sents.filter((_, i) => i % o.heldoutEvery === 0) : [];
  const tagged = (s: Sentence): TaggedSentence => ({ forms: s.words.map((w) => w.form), tags: s.words.map((w) => `${w.upos}|${w.xpos}`) });
  const clusterList = clusterPairs(o.clusters ?? []);
  let clusters: HashIndex | undefined;
  if (clusterList.length) {
    clusters = new HashIndex(clusterList.length);
    for (const [h, c] of clusterList) clusters.set(h, c);
  }
  const atomsOf = (s: Sentence) => computeAtoms(s.words.map((w) => w.form), clusters);
  o.log(`training on ${train.length} sentences${held.length ? `, ${held.length} held out` : ''}`);
  const tagData = trainTagger(train.map(tagged), { epochs: o.tagEpochs, seed: o.seed, minQ: o.pruneTagger, heldout: held.map(tagged), log: o.log, clusters });
  const tagId = new Map(tagData.tags.map((t, i) => [t, i]));
  const upAtoms = tagData.tags.map((t) => uposAtom(t.split('|')[0]!));

  // jackknifed tags for the parser's training data
  let predicted: Int32Array[] = new Array(train.length);
  const cacheKey = JSON.stringify({ n: train.length, words: train.reduce((a, s) => a + s.words.length, 0), seed: o.seed, tagEpochs: o.tagEpochs, folds: o.folds, heldoutEvery: o.heldoutEvery, clusters: clusterList.length });
  const cached = o.folds > 1 ? o.tagCache?.load(cacheKey) : undefined;
  if (cached && cached.length === train.length) {
    predicted = cached.map((tags) => Int32Array.from(tags, (t) => tagId.get(t) ?? 0));
    o.log('jackknifed tags from the cache');
  } else if (o.folds > 1) {
    for (let f = 0; f < o.folds; f++) {
      const rest = train.filter((_, i) => i % o.folds !== f).map(tagged);
      const fold = new Tagger(trainTagger(rest, { epochs: o.tagEpochs, seed: o.seed + f + 1, clusters }));
      // a fold tagger may know fewer tags: map its ids into the full tag list
      const map = fold.data.tags.map((t) => tagId.get(t) ?? 0);
      train.forEach((s, i) => {
        if (i % o.folds === f) predicted[i] = Int32Array.from(fold.tag(atomsOf(s)), (t) => map[t]!);
      });
      o.log(`jackknife fold ${f + 1}/${o.folds} tagged`);
    }
    o.tagCache?.save(cacheKey, predicted.map((p) => Array.from(p, (t) => tagData.tags[t]!)));
  } else {
    train.forEach((s, i) => (predicted[i] = Int32Array.from(s.words, (w) => tagId.get(`${w.upos}|${w.xpos}`) ?? 0)));
  }
  const fullTagger = new Tagger(tagData);
  // relation inventory: lifted labels ("obj|ccomp") only when seen at least 3 times
  const lifted = train.map((s) => {
    const deprels = s.words.map((w) => w.deprel);
    const proj = projectivize(s.words.map((w) => w.head), deprels);
    return { heads: proj.heads, labels: deprels.map((d, k) => (proj.lifted[k] ? `${d}|${proj.lifted[k]}` : d)) };
  });
  const counts = new Map<string, number>();
  for (const l of lifted) for (const x of l.labels) counts.set(x, (counts.get(x) ?? 0) + 1);
  const keep = (l: string): string => (l.includes('|') && (counts.get(l) ?? 0) < 3 ? l.split('|')[0]! : l);
  const labels = [...new Set(lifted.flatMap((l) => l.labels.map(keep)))].filter((l) => l !== 'root').sort();
  const labelId = new Map(labels.map((l, i) => [l, i]));
  const example = (s: Sentence, tags: Int32Array): ParserExample => {
    const atoms = atomsOf(s);
    const deprels = s.words.map((w) => w.deprel);
    const proj = projectivize(s.words.map((w) => w.head), deprels);
    const ids = Int32Array.from(deprels, (d, k) => {
      const l = keep(proj.lifted[k] ? `${d}|${proj.lifted[k]}` : d);
      return l === 'root' ? labels.length : labelId.get(l) ?? labelId.get(d.split(':')[0]!) ?? 0;
    });
    return { words: { lower: atoms.lower, form: atoms.form, suf3: atoms.suf3, cl: atoms.cl, cc: atoms.cc, up: Uint32Array.from(tags, (t) => upAtoms[t]!) }, tags, heads: proj.heads, labels: ids };
  };
  const tr = train.map((s, i) => example(s, predicted[i]!));
  const ho = held.map((s) => example(s, fullTagger.tag(atomsOf(s))));
  const lemma = trainLemmatizer(train.flatMap((s) => s.words));
  const parser = trainParser(tr, labels.length, {
    epochs: o.parseEpochs,
    seed: o.seed,
    minQ: o.pruneParser,
    beam: o.beam ?? 0,
    beamEpochs: o.beamEpochs ?? 0,
    heldout: ho,
    log: o.log,
    ...(o.snapshot ? { snapshot: (epoch: number, p: Trained) => o.snapshot!(epoch, assemble(p, epoch)) } : {}),
  });
  return assemble(parser, o.beamEpochs ?? 0);

  function assemble(p: Trained, beamEpochs: number): ModelParts {
    const pairs = (ix: HashIndex): Array<[number, number]> => {
      const out: Array<[number, number]> = [];
      for (let i = 0; i < ix.keys.length; i++) if (ix.keys[i] !== 0) out.push([ix.keys[i]!, ix.vals[i]!]);
      return out.sort((a, b) => a[0] - b[0]);
    };
    const dict = pairs(tagData.dict);
    const amb = pairs(tagData.amb);
    return {
      tags: tagData.tags,
      labels,
      lemma,
      dict,
      amb,
      ...(clusterList.length ? { clusters: clusterList } : {}),
      meta: { source: 'UD English EWT', licence: 'CC BY-SA 4.0', sentences: train.length, options: { ...o, beamEpochs, clusters: clusterList.length ? `${clusterList.length} words` : 'none', log: undefined, snapshot: undefined, tagCache: undefined } },
      tagger: tagData.model,
      parser: p.moves,
      labeler: p.arcs,
    };
  }
}

type Trained = { moves: ModelParts['parser']; arcs: ModelParts['labeler'] };
