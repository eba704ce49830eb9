/**
 * Cross-validation by article for narratives, with the task's metrics: samples-F1 of narratives and
 * subnarratives (over all articles and over those with a narrative) and Other-vs-rest accuracy.
 */
import type { Doc } from '../core/document.js';
import { occurrences } from './features.js';
import { folds } from './linear.js';
import { DEFAULT_TRAIN, labelsOf, NarrativeModel, sampleF1, type TrainDoc, type TrainOptions } from './model.js';
import type { ArticleFile, NarrativeLabels } from './semeval.js';
import { domainOf, OTHER, type Domain } from './taxonomy.js';

/** The domain of a training article: from its labels, else from the task's file name (EN_CC_/EN_UA_). */
export function trainingDomain(file: string, labels: NarrativeLabels): Domain {
  for (const n of labels.narratives) {
    const d = domainOf(n);
    if (d) return d;
  }
  return /_CC_/.test(file) ? 'CC' : 'URW';
}

export function toTrainDocs(articles: readonly ArticleFile[], labels: ReadonlyMap<string, NarrativeLabels>, analyse: (a: ArticleFile) => Doc): TrainDoc[] {
  const out: TrainDoc[] = [];
  for (const a of articles) {
    const l = labels.get(a.file);
    if (!l) continue;
    out.push({ id: a.file, occ: occurrences(analyse(a)), domain: trainingDomain(a.file, l), narratives: l.narratives, subnarratives: l.subnarratives });
  }
  return out;
}

export interface NarrativeScores {
  articles: number;
  withNarrative: number;
  narrativesF1: number;
  narrativesF1WithNarrative: number;
  subnarrativesF1: number;
  subnarrativesF1WithNarrative: number;
  otherAccuracy: number;
  domainAccuracy: number;
}

export function score(docs: readonly TrainDoc[], preds: ReadonlyArray<{ narratives: string[]; subnarratives: string[]; domain?: Domain }>): NarrativeScores {
  let n = 0, nw = 0, s = 0, sw = 0, other = 0, dom = 0, withN = 0;
  docs.forEach((d, i) => {
    const p = preds[i]!;
    const fn = sampleF1(d.narratives, p.narratives);
    const fs = sampleF1(d.subnarratives, p.subnarratives);
    n += fn;
    s += fs;
    const goldOther = !d.narratives.some((x) => x !== OTHER);
    const predOther = !p.narratives.some((x) => x !== OTHER);
    if (!goldOther) {
      withN++;
      nw += fn;
      sw += fs;
    }
    if (goldOther === predOther) other++;
    if (p.domain === d.domain) dom++;
  });
  const k = docs.length || 1;
  const kw = withN || 1;
  return {
    articles: docs.length,
    withNarrative: withN,
    narrativesF1: n / k,
    narrativesF1WithNarrative: nw / kw,
    subnarrativesF1: s / k,
    subnarrativesF1WithNarrative: sw / kw,
    otherAccuracy: other / k,
    domainAccuracy: dom / k,
  };
}

export interface CvResult {
  scores: NarrativeScores;
  /** Out-of-fold predictions, in the order of docs. */
  predictions: Array<{ id: string; narratives: string[]; subnarratives: string[]; domain: Domain }>;
}

export function crossValidate(docs: readonly TrainDoc[], k = 5, o: TrainOptions = DEFAULT_TRAIN, seed = 1, log: (s: string) => void = () => {}): CvResult {
  const fold = folds(docs.length, k, seed);
  const preds: CvResult['predictions'] = new Array(docs.length);
  for (let f = 0; f < k; f++) {
    const train = docs.filter((_, i) => fold[i] !== f);
    const m = NarrativeModel.train(train, o);
    docs.forEach((d, i) => {
      if (fold[i] !== f) return;
      const p = m.predict(d.occ);
      preds[i] = { id: d.id, ...labelsOf(p), domain: p.domain };
    });
    log(`fold ${f + 1}/${k}: thresholds ${JSON.stringify(m.thresholds)}`);
  }
  return { scores: score(docs, preds), predictions: preds };
}
