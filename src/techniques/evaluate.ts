/**
 * Cross-validated evaluation of the technique model (SemEval-2020 Task 11 metrics) and the shared
 * steps of training: choosing the span threshold and fitting the calibrators on held-out folds.
 */
import { fitPlatt, logit, platt, type Platt } from './linear.js';
import { findRuleHits, shownHits } from './rules.js';
import { buildCorpus, crossValidate, fit, pickThresholds, type Corpus, type TrainConfig } from './train.js';
import { decodeSpans, detectScore, type TechniqueModel } from './model.js';
import { spanContexts } from './features.js';
import { ece, scoreFLC, scoreSI, type Article, type PRF, type Prediction } from './ptc.js';
import { TECHNIQUES, type Technique } from './types.js';

type Item = { fold: number; x: number; correct: boolean };

export interface EvalReport {
  articles: number;
  folds: number;
  /** Span threshold and seed threshold of each fold, chosen on the other folds. */
  thresholds: Array<{ threshold: number; seed: number }>;
  si: PRF;
  tc: { correct: number; total: number; microF1: number; ece: number; byTechnique: Map<Technique, { p: number; r: number; f: number; n: number }>; confusion: number[][] };
  flc: { all: PRF; byTechnique: Map<Technique, PRF>; ece: number };
  flcWithRules: PRF;
  rulesOnly: { si: PRF; flc: PRF };
  seconds: number;
  /** Held-out predictions in SemEval format (code points), to check with the official scorer; `detect`
   * lists every held-out model span (calibrated on the other folds) and every rule hit, with its fold,
   * for measuring precision per rule and per model output (src/techniques/display.ts). */
  files: { si: string; tc: string; flc: string; detect: string };
}

/** Assign techniques to gold spans, giving repeated identical spans the next-best distinct labels. */
export function classifyTemplate(model: TechniqueModel, corpus: Corpus, a: number, spans: Array<{ start: number; end: number }>): Array<{ technique: Technique; p: number }> {
  return model.classifyAll(corpus.prepared[a]!, spans);
}

function plattExcept(items: Item[], fold: number): Platt {
  const use = items.filter((i) => i.fold !== fold);
  return fitPlatt(use.map((i) => i.x), use.map((i) => i.correct));
}

function cpPred(a: Article, technique: Technique, start: number, end: number): Prediction {
  return { id: a.id, technique, start: a.cps.cp(start), end: a.cps.cp(end) };
}

export function evaluate(articles: Article[], cfg: TrainConfig, log: (s: string) => void = () => {}): EvalReport {
  const t0 = Date.now();
  const corpus = buildCorpus(articles, cfg);
  log(`features built for ${articles.length} articles (${corpus.si.size} tokens, ${corpus.tc.size} spans)`);
  const { folds } = crossValidate(corpus, cfg, log);
  const thresholds = folds.map((f) => pickThresholds(corpus, folds.filter((o) => o !== f)));
  log(`thresholds per fold: ${thresholds.map((t) => `${t.threshold.toFixed(3)}/${t.seed.toFixed(3)}`).join(' ')}`);

  const gold: Prediction[] = articles.flatMap((a) => a.gold.map((g) => cpPred(a, g.technique, g.start, g.end)));
  const siPred: Prediction[] = [];
  const flcPred: Prediction[] = [];
  const flcRulesPred: Prediction[] = [];
  const detectItems: Item[] = [];
  // rows of the detect file; model rows get their calibrated confidence after the loop
  const detectRows: Array<{ fold: number; item?: number; line: string }> = [];
  const tcItems: Item[] = [];
  const tcLines: string[] = [];
  const C = TECHNIQUES.length;
  const confusion = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  let tcCorrect = 0, tcTotal = 0;

  for (const run of folds) {
    const th = thresholds[run.fold]!;
    for (const a of run.test) {
      const art = articles[a]!;
      const p = corpus.prepared[a]!;
      // SI and detection
      const found = decodeSpans(p, run.probs.get(a)!, th.threshold, th.seed);
      const fctx = spanContexts(p, found);
      for (const [i, s] of found.entries()) {
        const c = run.model.classify(p, s.start, s.end, fctx[i]);
        const t = c.ranked[0]!.technique;
        siPred.push(cpPred(art, t, s.start, s.end));
        flcPred.push(cpPred(art, t, s.start, s.end));
        flcRulesPred.push(cpPred(art, t, s.start, s.end));
        const correct = art.gold.some((g) => g.technique === t && g.start < s.end && g.end > s.start);
        detectRows.push({ fold: run.fold, item: detectItems.length, line: `${run.fold}\t${art.id}\tmodel\t-\t${t}\t${art.cps.cp(s.start)}\t${art.cps.cp(s.end)}` });
        detectItems.push({ fold: run.fold, x: detectScore(s.score, c.ranked[0]!.p), correct });
      }
      for (const h of shownHits(art.text, p.tokens)) flcRulesPred.push(cpPred(art, h.technique, h.start, h.end));
      for (const h of findRuleHits(art.text, p.tokens)) detectRows.push({ fold: run.fold, line: `${run.fold}\t${art.id}\t${h.rule}\t${h.key}\t${h.technique}\t${art.cps.cp(h.start)}\t${art.cps.cp(h.end)}\t-` });
      // TC on gold spans (the template), multiset matching per identical span
      const labels = classifyTemplate(run.model, corpus, a, art.gold);
      art.gold.forEach((g, i) => tcLines.push(`${art.id}\t${labels[i]!.technique}\t${art.cps.cp(g.start)}\t${art.cps.cp(g.end)}`));
      const groups = new Map<string, { gold: Technique[]; pred: Array<{ technique: Technique; p: number }> }>();
      art.gold.forEach((g, i) => {
        const key = `${g.start}:${g.end}`;
        const grp = groups.get(key) ?? { gold: [], pred: [] };
        grp.gold.push(g.technique);
        grp.pred.push(labels[i]!);
        groups.set(key, grp);
      });
      for (const grp of groups.values()) {
        const left = [...grp.gold];
        const wrong: Technique[] = [];
        for (const pr of grp.pred) {
          const k = left.indexOf(pr.technique);
          tcTotal++;
          tcItems.push({ fold: run.fold, x: logit(pr.p), correct: k >= 0 });
          if (k >= 0) {
            left.splice(k, 1);
            tcCorrect++;
            const ti = TECHNIQUES.indexOf(pr.technique);
            confusion[ti]![ti]!++;
          } else wrong.push(pr.technique);
        }
        wrong.forEach((w, i) => confusion[TECHNIQUES.indexOf(left[i]!)]![TECHNIQUES.indexOf(w)]!++);
      }
    }
  }

  // Per-technique TC P/R/F1 from the confusion table (rows gold, columns predicted).
  const byTechnique = new Map<Technique, { p: number; r: number; f: number; n: number }>();
  TECHNIQUES.forEach((t, i) => {
    const tp = confusion[i]![i]!;
    const predN = confusion.reduce((s, row) => s + row[i]!, 0);
    const goldN = confusion[i]!.reduce((s, x) => s + x, 0);
    const p = predN ? tp / predN : 0, r = goldN ? tp / goldN : 0;
    byTechnique.set(t, { p, r, f: p + r ? (2 * p * r) / (p + r) : 0, n: goldN });
  });

  const calibrated = (items: Item[]) => {
    const byFold = new Map<number, Platt>();
    return items.map((i) => {
      let c = byFold.get(i.fold);
      if (!c) byFold.set(i.fold, (c = plattExcept(items, i.fold)));
      return { confidence: platt(c, i.x), correct: i.correct };
    });
  };

  // Rules alone, on every article (they are not trained).
  const rulePred: Prediction[] = articles.flatMap((a, i) => shownHits(a.text, corpus.prepared[i]!.tokens).map((h) => cpPred(a, h.technique, h.start, h.end)));
  const ids = articles.map((a) => a.id);
  const flc = scoreFLC(gold, flcPred);
  const detectConf = calibrated(detectItems);
  const detectLines = detectRows.map((r) => (r.item === undefined ? r.line : `${r.line}\t${detectConf[r.item]!.confidence.toFixed(4)}`));
  return {
    articles: articles.length,
    folds: cfg.folds,
    thresholds,
    si: scoreSI(gold, siPred, ids),
    tc: { correct: tcCorrect, total: tcTotal, microF1: tcCorrect / tcTotal, ece: ece(calibrated(tcItems)), byTechnique, confusion },
    flc: { ...flc, ece: ece(calibrated(detectItems)) },
    flcWithRules: scoreFLC(gold, flcRulesPred).all,
    rulesOnly: { si: scoreSI(gold, rulePred, ids), flc: scoreFLC(gold, rulePred).all },
    seconds: (Date.now() - t0) / 1000,
    files: {
      si: siPred.map((p) => `${p.id}\t${p.start}\t${p.end}\n`).join(''),
      tc: tcLines.map((l) => l + '\n').join(''),
      flc: flcPred.map((p) => `${p.id}\t${p.technique}\t${p.start}\t${p.end}\n`).join(''),
      detect: '# fold\tid\tsource\tkey\ttechnique\tstart\tend\tconfidence (code points; source "model" or a rule id)\n' + detectLines.map((l) => l + '\n').join(''),
    },
  };
}

/** Train the shipped model: threshold and calibrators from held-out folds, weights from all articles. */
export function trainFinal(articles: Article[], cfg: TrainConfig, log: (s: string) => void = () => {}): TechniqueModel {
  const corpus = buildCorpus(articles, cfg);
  log(`features built for ${articles.length} articles (${corpus.si.size} tokens, ${corpus.tc.size} spans)`);
  const { folds } = crossValidate(corpus, cfg, log);
  const { threshold, seed } = pickThresholds(corpus, folds);
  const tcItems: Item[] = [], detectItems: Item[] = [];
  for (const run of folds) {
    for (const a of run.test) {
      const art = articles[a]!;
      const p = corpus.prepared[a]!;
      const found = decodeSpans(p, run.probs.get(a)!, threshold, seed);
      const fctx = spanContexts(p, found);
      for (const [i, s] of found.entries()) {
        const c = run.model.classify(p, s.start, s.end, fctx[i]);
        const t = c.ranked[0]!.technique;
        detectItems.push({ fold: run.fold, x: detectScore(s.score, c.ranked[0]!.p), correct: art.gold.some((g) => g.technique === t && g.start < s.end && g.end > s.start) });
      }
      const labels = classifyTemplate(run.model, corpus, a, art.gold);
      art.gold.forEach((g, i) => tcItems.push({ fold: run.fold, x: logit(labels[i]!.p), correct: labels[i]!.technique === g.technique }));
    }
  }
  const tc = fitPlatt(tcItems.map((i) => i.x), tcItems.map((i) => i.correct));
  const detect = fitPlatt(detectItems.map((i) => i.x), detectItems.map((i) => i.correct));
  log(`threshold ${threshold}, seed threshold ${seed}; calibration tc a=${tc.a.toFixed(3)} b=${tc.b.toFixed(3)}, detect a=${detect.a.toFixed(3)} b=${detect.b.toFixed(3)}`);
  const all = new Set(articles.map((_, i) => i));
  return fit(corpus, all, cfg, {
    threshold,
    seedThreshold: seed,
    calibration: { tc, detect },
    trained: { articles: articles.length, spans: corpus.tc.size, seed: cfg.seed, folds: cfg.folds, config: cfg },
  });
}

/** Precision of every rule key and rule id on labelled articles: a hit is right when it overlaps a gold span of its technique. */
export function rulePrecision(articles: Article[]): Record<string, { hits: number; correct: number; precision: number }> {
  const acc = new Map<string, { hits: number; correct: number }>();
  const bump = (k: string, ok: boolean) => {
    const v = acc.get(k) ?? { hits: 0, correct: 0 };
    v.hits++;
    if (ok) v.correct++;
    acc.set(k, v);
  };
  for (const a of articles) {
    for (const h of findRuleHits(a.text)) {
      const ok = a.gold.some((g) => g.technique === h.technique && g.start < h.end && g.end > h.start);
      bump(h.rule, ok);
      if (h.key !== h.rule) bump(h.key, ok);
    }
  }
  const out: Record<string, { hits: number; correct: number; precision: number }> = {};
  for (const k of [...acc.keys()].sort()) {
    const v = acc.get(k)!;
    // Laplace-smoothed so a rule that fired twice and hit twice is not shown as certain.
    out[k] = { ...v, precision: Math.round(((v.correct + 1) / (v.hits + 2)) * 1000) / 1000 };
  }
  return out;
}

