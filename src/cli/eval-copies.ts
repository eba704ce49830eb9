/** `slant eval copies`: pairwise near-copy detection P/R/F1 on copies built in memory from a folder of articles. */
import { E, fail } from '../core/errors.js';
import { DEFAULT_RULE, type CopyRule } from '../corpus/copies/detect.js';
import { buildEvalSet, byKind, crossValidate, loadArticles, score, SHARED_PASSAGE, type CvResult } from '../corpus/copies/evaluate.js';
import { args, out, type Command } from './command.js';

export const evalCopiesCommand: Command = {
  name: 'eval copies',
  summary: 'Score near-copy detection on copies built from a folder of articles (pairwise P/R/F1)',
  usage: `Usage: slant eval copies --data DIR [--seed N] [--seeds K] [--folds K] [--format text|json]

Builds an evaluation set in memory from the .txt articles in DIR (title on the first line), e.g.
the PTC training articles: copies with realistic edits (headline rewritten, boilerplate and credit
lines added, paragraphs dropped or reordered, light rewording, partial copies = an excerpt of a
third with commentary around it) and hard negatives (different articles on the same topic: the
highest TF-IDF cosine pairs, and each copy against the original's nearest neighbour). Nothing is
written. Prints pairwise precision, recall and F1 for the shipped rule, and the cross-validated
F1 when the thresholds are chosen on the other folds (by article) for each seed.

  --data DIR     folder of .txt articles
  --seed N       first seed (default 1)
  --seeds K      seeds to run, N … N+K-1 (default 3)
  --folds K      cross-validation folds (default 5)
  -f, --format   text (default) or json`,
  async run(argv) {
    const { values, positionals } = args(argv, {
      data: { type: 'string' },
      seed: { type: 'string', default: '1' },
      seeds: { type: 'string', default: '3' },
      folds: { type: 'string', default: '5' },
      format: { type: 'string', short: 'f', default: 'text' },
    });
    if (positionals.length) fail(E.BAD_ARGUMENT, `unexpected argument "${positionals[0]}"`);
    if (!values.data) fail(E.BAD_ARGUMENT, 'give --data DIR (a folder of .txt articles)');
    const int = (name: string, v: string, lo: number, hi: number): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < lo || n > hi) fail(E.BAD_ARGUMENT, `--${name} must be a whole number from ${lo} to ${hi}`);
      return n;
    };
    const seed = int('seed', values.seed!, 0, 2 ** 31);
    const seeds = int('seeds', values.seeds!, 1, 20);
    const folds = int('folds', values.folds!, 2, 20);
    if (values.format !== 'text' && values.format !== 'json') fail(E.BAD_ARGUMENT, '--format must be text or json');
    const articles = loadArticles(values.data);
    const cv: CvResult[] = [];
    const shipped: Array<{ seed: number } & ReturnType<typeof score>> = [];
    const kinds: Array<{ seed: number; rows: ReturnType<typeof byKind> }> = [];
    let pairsPerSeed = 0;
    let excluded = 0;
    for (let s = seed; s < seed + seeds; s++) {
      const set = buildEvalSet(articles, s);
      pairsPerSeed = set.pairs.length;
      excluded = set.excluded;
      cv.push(...crossValidate(set, s, folds));
      shipped.push({ seed: s, ...score(set.pairs, DEFAULT_RULE) });
      kinds.push({ seed: s, rows: byKind(set.pairs, DEFAULT_RULE) });
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const cvF1 = mean(cv.map((c) => c.test.f1));
    const cvP = mean(cv.map((c) => c.test.precision));
    const cvR = mean(cv.map((c) => c.test.recall));
    const rules = new Map<string, number>();
    for (const c of cv) rules.set(ruleText(c.rule), (rules.get(ruleText(c.rule)) ?? 0) + 1);
    if (values.format === 'json') {
      await out(JSON.stringify({ articles: articles.length, pairsPerSeed, excludedNegatives: excluded, shippedRule: DEFAULT_RULE, shipped, crossValidated: { precision: cvP, recall: cvR, f1: cvF1, folds: cv }, byKind: kinds }, null, 2) + '\n');
      return 0;
    }
    const pct = (x: number): string => x.toFixed(3);
    let s = `Near-copy detection: ${articles.length} articles, ${pairsPerSeed} pairs per seed, seeds ${seed}–${seed + seeds - 1}\n`;
    s += `(${excluded} same-topic pairs of the last seed left out: their texts share a passage of ${SHARED_PASSAGE}+ words, i.e. reuse text themselves)\n\n`;
    s += `Shipped rule (${ruleText(DEFAULT_RULE)}), heavy rewording excluded:\n`;
    for (const r of shipped) s += `  seed ${r.seed}: P ${pct(r.precision)}  R ${pct(r.recall)}  F1 ${pct(r.f1)}  (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})\n`;
    s += `  mean F1 ${pct(mean(shipped.map((r) => r.f1)))}\n\n`;
    s += `Cross-validated (${folds} folds by article × ${seeds} seeds; rule chosen on the other folds):\n`;
    s += `  P ${pct(cvP)}  R ${pct(cvR)}  F1 ${pct(cvF1)}  (min fold F1 ${pct(Math.min(...cv.map((c) => c.test.f1)))})\n`;
    s += `  rules chosen: ${[...rules].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ×${n}`).join('; ')}\n\n`;
    s += 'Per kind with the shipped rule (share predicted a copy, all seeds):\n';
    const agg = new Map<string, { pairs: number; positive: number }>();
    for (const k of kinds) for (const r of k.rows) {
      const a = agg.get(r.kind) ?? { pairs: 0, positive: 0 };
      a.pairs += r.pairs;
      a.positive += r.positive;
      agg.set(r.kind, a);
    }
    for (const [kind, a] of agg) s += `  ${kind.padEnd(20)} ${pct(a.positive / a.pairs)}  of ${a.pairs}${kind === 'heavy-reworded' ? '  (not in the F1)' : ''}\n`;
    await out(s);
    return 0;
  },
};

function ruleText(r: CopyRule): string {
  return `jaccard ≥ ${r.jaccard} or containment ≥ ${r.containment}, shared ≥ ${r.minShared}`;
}
