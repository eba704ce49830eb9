/**
 * `slant eval similarity --pairs FILE.csv`: the story similarity scored on SemEval-2022 Task 8 pairs
 * (same-language pairs of one language, English by default). Prints the Pearson correlation of the
 * plain TF-IDF cosine (no fitting) and of the ridge model by repeated k-fold cross-validation, with
 * the penalty chosen by an inner CV inside each training part. `--write-model` refits on all pairs
 * and writes the model file the library ships.
 */
import { readFile, writeFile, rename } from 'node:fs/promises';
import { args, out, type Command } from './command.js';
import { E, fail } from '../core/errors.js';
import { analyze } from '../analyze.js';
import { csvRecords } from '../corpus/similarity/csv.js';
import { FEATURES, MEASURES, frequencies, modelInputs, pairMeasures, profileOf, type StoryProfile } from '../corpus/similarity/features.js';
import { fitRidge, nestedRidgePredictions, pearson } from '../corpus/similarity/model.js';
import type { SimilarityModel } from '../corpus/similarity/index.js';

const MAX_PAIRS_FILE = 200_000_000;
const MAX_TEXT = 100_000;

interface Pair {
  id: string;
  a: StoryProfile;
  b: StoryProfile;
  overall: number;
}

async function loadPairs(path: string, lang: string): Promise<Pair[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    fail(E.FILE_NOT_FOUND, `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (text.length > MAX_PAIRS_FILE) fail(E.INPUT_TOO_LARGE, `${path} is larger than ${MAX_PAIRS_FILE} characters`);
  const pairs: Pair[] = [];
  const seen = new Map<string, StoryProfile>();
  const profile = async (id: string, body: string, line: number): Promise<StoryProfile> => {
    const hit = seen.get(id);
    if (hit) return hit;
    if (body.length > MAX_TEXT) fail(E.BAD_DATA_FILE, `${path}: line ${line}: a text is longer than ${MAX_TEXT} characters`);
    // slant's own analysis gives the actors and events; an empty text has none.
    const p = body.trim() ? profileOf(id, await analyze(body)) : profileOf(id, { text: '', meta: { title: null, date: null } });
    seen.set(id, p);
    return p;
  };
  for (const { line, record: r } of csvRecords(text, { name: path })) {
    for (const k of ['pair_id', 'lang1', 'lang2', 'text1', 'text2', 'Overall']) if (!(k in r)) fail(E.BAD_DATA_FILE, `${path}: no "${k}" column (SemEval-2022 Task 8 format expected)`);
    if (r.lang1 !== lang || r.lang2 !== lang) continue;
    const overall = Number(r.Overall);
    if (!Number.isFinite(overall) || overall < 1 || overall > 4) fail(E.BAD_DATA_FILE, `${path}: line ${line}: Overall "${r.Overall}" is not a number from 1 to 4`);
    const [ia, ib] = r.pair_id!.split('_');
    pairs.push({ id: r.pair_id!, a: await profile(ia ?? `${line}a`, r.text1!, line), b: await profile(ib ?? `${line}b`, r.text2!, line), overall });
  }
  return pairs;
}

export const evalSimilarityCommand: Command = {
  name: 'eval similarity',
  summary: 'Score the story similarity on SemEval-2022 Task 8 pairs (Pearson by cross-validation)',
  usage: `Usage: slant eval similarity --pairs FILE.csv [--lang en] [--folds 5] [--repeats 10] [--seed 1]
                             [--write-model PATH] [--format text|json]

  --pairs FILE      SemEval-2022 Task 8 CSV (pair_id, lang1, lang2, text1, text2, ..., Overall)
  --lang CODE       use pairs with lang1 = lang2 = CODE (default en)
  --folds K         cross-validation folds (default 5); the ridge penalty is chosen by an inner
                    K-fold CV inside each training part
  --repeats N       repeat the CV with N different shuffles and report mean, min and max (default 10)
  --write-model P   refit on all pairs and write the model JSON (the shipped one is
                    src/corpus/similarity/data/model.json)

Pearson is signed so that higher = more similar (against 4 − Overall). Document frequencies for
TF-IDF come from the texts of the selected pairs (no labels are used). "tfidf" is the plain cosine
of the two texts' TF-IDF word vectors, with nothing fitted.`,
  async run(argv) {
    const { values } = args(argv, {
      pairs: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      folds: { type: 'string', default: '5' },
      repeats: { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      'write-model': { type: 'string' },
      format: { type: 'string', default: 'text' },
    });
    if (!values.pairs) fail(E.BAD_ARGUMENT, 'give the pairs file with --pairs FILE.csv');
    const k = Number(values.folds);
    const repeats = Number(values.repeats);
    const seed = Number(values.seed);
    if (!Number.isInteger(k) || k < 2 || k > 50) fail(E.BAD_ARGUMENT, `--folds must be a whole number from 2 to 50, not "${values.folds}"`);
    if (!Number.isInteger(repeats) || repeats < 1 || repeats > 100) fail(E.BAD_ARGUMENT, `--repeats must be a whole number from 1 to 100, not "${values.repeats}"`);
    if (!Number.isInteger(seed)) fail(E.BAD_ARGUMENT, `--seed must be a whole number, not "${values.seed}"`);
    if (values.format !== 'text' && values.format !== 'json') fail(E.BAD_ARGUMENT, `--format must be text or json, not "${values.format}"`);

    const pairs = await loadPairs(values.pairs, values.lang!);
    if (pairs.length < k * 2) fail(E.BAD_DATA_FILE, `${values.pairs}: only ${pairs.length} ${values.lang}–${values.lang} pairs; need at least ${k * 2} for ${k}-fold CV`);
    const f = frequencies(pairs.flatMap((p) => [p.a, p.b]));
    const M = pairs.map((p) => pairMeasures(p.a, p.b, f));
    const X = M.map(modelInputs);
    const y = pairs.map((p) => (4 - p.overall) / 3);
    const features = [...FEATURES];

    const oof: number[][] = [];
    const cvOf = (cols: string[], nonNegative: boolean, keep = false): { mean: number; min: number; max: number; lambdas: number[] } => {
      const idx = cols.map((c) => features.indexOf(c));
      const Xs = X.map((x) => idx.map((j) => x[j]!));
      const rs: number[] = [];
      const lambdas: number[] = [];
      for (let r = 0; r < repeats; r++) {
        const { pred, chosen } = nestedRidgePredictions(Xs, y, k, seed + r, cols, undefined, nonNegative);
        rs.push(pearson(pred, y));
        if (keep) oof.push(pred);
        lambdas.push(...chosen);
      }
      return { mean: round(rs.reduce((a, b) => a + b, 0) / rs.length), min: round(Math.min(...rs)), max: round(Math.max(...rs)), lambdas };
    };
    const baseline = round(pearson(M.map((m) => m.words), y));
    const full = cvOf(features, true, true);
    // Story groups link pairs above a threshold: how well do out-of-fold scores separate
    // "same story" (Overall ≤ 2) from the rest, averaged over the repeats?
    const same = pairs.map((p) => p.overall <= 2);
    const thresholds = [0.4, 0.5, 0.6, 0.7].map((t) => {
      let P = 0;
      let R = 0;
      let F = 0;
      for (const pred of oof) {
        const tp = pred.filter((v, i) => v >= t && same[i]).length;
        const fp = pred.filter((v, i) => v >= t && !same[i]).length;
        const fn = pred.filter((v, i) => v < t && same[i]).length;
        const p = tp / Math.max(1, tp + fp);
        const r = tp / Math.max(1, tp + fn);
        P += p;
        R += r;
        F += p + r ? (2 * p * r) / (p + r) : 0;
      }
      return { threshold: t, precision: round(P / oof.length), recall: round(R / oof.length), f1: round(F / oof.length) };
    });
    const free = cvOf(features, false);
    const analysisFeatures = ['actors', 'roots', 'dyads', 'events'];
    const noActors = cvOf(features.filter((c) => !analysisFeatures.includes(c)), true);
    const perMeasure = Object.fromEntries(MEASURES.map((c) => [c, round(pearson(M.map((m) => m[c]), y))]));
    // The penalty most often chosen by the inner CVs is the one the shipped model uses.
    const freq = new Map<number, number>();
    for (const l of full.lambdas) freq.set(l, (freq.get(l) ?? 0) + 1);
    const lambda = [...freq].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
    const model = fitRidge(X, y, lambda, features, true);

    const report = {
      pairs: pairs.length,
      language: values.lang,
      folds: k,
      repeats,
      baseline: { tfidfCosine: baseline },
      model: { pearson: full.mean, min: full.min, max: full.max, lambda, nonNegative: true },
      unconstrained: { pearson: free.mean, min: free.min, max: free.max },
      ablation: { withoutActorsAndEvents: noActors.mean },
      sameStory: { pairs: same.filter(Boolean).length, thresholds },
      measures: perMeasure,
    };
    if (values['write-model']) {
      const m: SimilarityModel = {
        ...model,
        mean: model.mean.map(round6),
        scale: model.scale.map(round6),
        weights: model.weights.map(round6),
        bias: round6(model.bias),
        target: '(4 - Overall) / 3: 1 = same story, 0 = different (SemEval-2022 Task 8)',
        trainedOn: `${pairs.length} ${values.lang}-${values.lang} pairs of ${values.pairs.split('/').pop()}`,
        cv: { pearson: full.mean, folds: k, repeats },
      };
      const tmp = `${values['write-model']}.tmp`;
      await writeFile(tmp, JSON.stringify(m, null, 1) + '\n');
      await rename(tmp, values['write-model']);
    }
    if (values.format === 'json') {
      await out(JSON.stringify(report, null, 2) + '\n');
      return 0;
    }
    const lines = [
      `pairs: ${pairs.length} (${values.lang}-${values.lang})`,
      `TF-IDF cosine (baseline, nothing fitted): Pearson ${baseline.toFixed(3)}`,
      `story similarity (monotone ridge, ${features.length} inputs, the shipped model): Pearson ${full.mean.toFixed(3)} by ${k}-fold CV, mean of ${repeats} repeats (min ${full.min.toFixed(3)}, max ${full.max.toFixed(3)}); penalty by inner CV (most chosen: ${lambda})`,
      `  same inputs, weights of any sign (not monotone, not shipped): ${free.mean.toFixed(3)}`,
      `  monotone, without the actor/event inputs: ${noActors.mean.toFixed(3)}`,
      `same story (Overall ≤ 2: ${same.filter(Boolean).length} pairs) by out-of-fold score ≥ threshold:`,
      ...thresholds.map((t) => `  ${t.threshold.toFixed(1)}  precision ${t.precision.toFixed(3)}  recall ${t.recall.toFixed(3)}  F1 ${t.f1.toFixed(3)}`),
      'single measures (Pearson, nothing fitted):',
      ...MEASURES.map((c) => `  ${c.padEnd(12)} ${perMeasure[c]!.toFixed(3)}`),
    ];
    if (values['write-model']) lines.push(`model written to ${values['write-model']} (λ = ${lambda}, fitted on all ${pairs.length} pairs)`);
    await out(lines.join('\n') + '\n');
    return 0;
  },
};

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
