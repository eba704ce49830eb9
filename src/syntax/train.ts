/**
 * Training the whole syntax model from CoNLL-U sentences. Seeded and deterministic: the same data
 * and options give the same bytes. The parser and labeller are trained on tags predicted by
 * taggers that did not see the sentence (k-fold jackknifing), so they learn from the kind of tags
 * they will get at run time.
 */
import { computeAtoms } from './atoms.js';
import type { Sentence } from './conllu.js';
import { trainLabeler, type LabelExample } from './labeler.js';
import { trainLemmatizer } from './lemmatizer.js';
import { type ModelParts } from './model.js';
import { trainParser, type ParserExample } from './parser.js';
import { projectivize } from './projective.js';
import { Tagger, trainTagger, type TaggedSentence } from './tagger.js';

export interface TrainOptions {
  seed: number;
  tagEpochs: number;
  parseEpochs: number;
  labelEpochs: number;
  /** Jackknife folds for the parser's training tags (1 = use gold tags). */
  folds: number;
  /** Every k-th sentence is held out and scored after each epoch (0 = none). */
  heldoutEvery: number;
  log: (msg: string) => void;
}

export const DEFAULT_TRAIN: Omit<TrainOptions, 'log'> = { seed: 13, tagEpochs: 8, parseEpochs: 10, labelEpochs: 8, folds: 4, heldoutEvery: 0 };

function usable(s: Sentence): boolean {
  return s.words.length > 0 && s.words.every((w) => w.head >= 0 && w.head <= s.words.length);
}

export function trainModel(all: readonly Sentence[], o: TrainOptions): ModelParts {
  const sents = all.filter(usable);
  const train = o.heldoutEvery > 0 ? sents.filter((_, i) => i % o.heldoutEvery !== 0) : sents;
  const held = o.heldoutEvery > 0 ? sents.filter((_, i) => i % o.heldoutEvery === 0) : [];
  const tagged = (s: Sentence): TaggedSentence => ({ forms: s.words.map((w) => w.form), tags: s.words.map((w) => `${w.upos}|${w.xpos}`) });
  o.log(`training on ${train.length} sentences${held.length ? `, ${held.length} held out` : ''}`);
  const tagData = trainTagger(train.map(tagged), { epochs: o.tagEpochs, seed: o.seed, heldout: held.map(tagged), log: o.log });
  const tagId = new Map(tagData.tags.map((t, i) => [t, i]));

  // jackknifed tags for the parser's training data
  const predicted: Int32Array[] = new Array(train.length);
  if (o.folds > 1) {
    for (let f = 0; f < o.folds; f++) {
      const rest = train.filter((_, i) => i % o.folds !== f).map(tagged);
      const fold = new Tagger(trainTagger(rest, { epochs: o.tagEpochs, seed: o.seed + f + 1 }));
      // a fold tagger may know fewer tags: map its ids into the full tag list
      const map = fold.data.tags.map((t) => tagId.get(t) ?? 0);
      train.forEach((s, i) => {
        if (i % o.folds === f) predicted[i] = Int32Array.from(fold.tag(computeAtoms(s.words.map((w) => w.form))), (t) => map[t]!);
      });
      o.log(`jackknife fold ${f + 1}/${o.folds} tagged`);
    }
  } else {
    train.forEach((s, i) => (predicted[i] = Int32Array.from(s.words, (w) => tagId.get(`${w.upos}|${w.xpos}`) ?? 0)));
  }
  const fullTagger = new Tagger(tagData);
  const examples = (ss: readonly Sentence[], tags: (s: Sentence, i: number) => Int32Array): { p: ParserExample[]; l: LabelExample[] } => {
    const p: ParserExample[] = [];
    const l: LabelExample[] = [];
    ss.forEach((s, i) => {
      const atoms = computeAtoms(s.words.map((w) => w.form));
      const deprels = s.words.map((w) => w.deprel);
      const proj = projectivize(s.words.map((w) => w.head), deprels);
      const t = tags(s, i);
      p.push({ words: atoms.lower, tags: t, heads: proj.heads });
      l.push({ atoms, tags: t, heads: proj.heads, labels: deprels.map((d, k) => (proj.lifted[k] ? `${d}|${proj.lifted[k]}` : d)) });
    });
    return { p, l };
  };
  const tr = examples(train, (_, i) => predicted[i]!);
  const ho = examples(held, (s) => fullTagger.tag(computeAtoms(s.words.map((w) => w.form))));
  const parser = trainParser(tr.p, { epochs: o.parseEpochs, seed: o.seed, heldout: ho.p, log: o.log });
  const labeler = trainLabeler(tr.l, { epochs: o.labelEpochs, seed: o.seed, log: o.log });
  const lemma = trainLemmatizer(train.flatMap((s) => s.words));
  const dict: Array<[number, number]> = [];
  const { keys, vals } = tagData.dict;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) dict.push([keys[i]!, vals[i]!]);
  dict.sort((a, b) => a[0] - b[0]);
  return {
    tags: tagData.tags,
    labels: labeler.labels,
    lemma,
    dict,
    meta: { source: 'UD English EWT', licence: 'CC BY-SA 4.0', sentences: train.length, options: { ...o, log: undefined } },
    tagger: tagData.model,
    parser,
    labeler: labeler.model,
  };
}
