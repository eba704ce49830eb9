/** CLI commands of the techniques area: train, the three SemEval tasks, and cross-validated evaluation. */
import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { args, out, type Command } from './command.js';
import { E, fail } from '../core/errors.js';
import { prepare } from '../techniques/features.js';
import { detectAll, loadDefaultModel } from '../techniques/index.js';
import { TechniqueModel } from '../techniques/model.js';
import { parseLabelLines, readArticles, readPtc, type Article } from '../techniques/ptc.js';
import { DEFAULT_CONFIG, type TrainConfig } from '../techniques/train.js';
import { evaluate, rulePrecision, trainFinal, type EvalReport } from '../techniques/evaluate.js';
import { TECHNIQUES, type Technique } from '../techniques/types.js';

const log = (s: string) => process.stderr.write(`slant: ${s}\n`);

function model(path: string | undefined): TechniqueModel {
  return path ? TechniqueModel.load(path) : loadDefaultModel();
}

function config(v: { seed?: string; folds?: string }): TrainConfig {
  const cfg = { ...DEFAULT_CONFIG };
  if (v.seed !== undefined) {
    if (!/^\d+$/.test(v.seed)) fail(E.BAD_ARGUMENT, `--seed must be a non-negative integer, got "${v.seed}"`);
    cfg.seed = Number(v.seed);
  }
  if (v.folds !== undefined) {
    if (!/^\d+$/.test(v.folds) || Number(v.folds) < 2 || Number(v.folds) > 20) fail(E.BAD_ARGUMENT, `--folds must be an integer from 2 to 20, got "${v.folds}"`);
    cfg.folds = Number(v.folds);
  }
  return cfg;
}

function need(v: string | undefined, what: string): string {
  if (!v) fail(E.BAD_ARGUMENT, `missing ${what} (see --help)`);
  return v;
}

/** Write a file atomically: a failed run leaves no partial output. */
function writeAtomic(path: string, data: string | Buffer): void {
  if (!existsSync(dirname(path) || '.')) fail(E.FILE_NOT_FOUND, `no such folder for output: ${dirname(path)}`);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export const trainTechniquesCommand: Command = {
  name: 'train techniques',
  summary: 'Train the persuasion-technique model on a PTC split (seeded, reproducible)',
  usage: `Usage: slant train techniques --data <ptc-dir> --out <model-file> [--seed N] [--folds K]

Trains the span tagger and technique classifier on <ptc-dir>/articles and <ptc-dir>/labels/tc,
chooses the span threshold and fits the confidence calibration on K held-out folds (default 5),
then fits the final weights on every article. The same data and seed give the same file.`,
  async run(argv) {
    const { values } = args(argv, { data: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, folds: { type: 'string' } });
    const data = need(values.data, '--data <ptc-dir>');
    const outPath = need(values.out, '--out <model-file>');
    const cfg = config(values);
    const articles = readPtc(data);
    const m = trainFinal(articles, cfg, log);
    const buf = m.serialize();
    writeAtomic(outPath, buf);
    log(`wrote ${outPath} (${(buf.length / 1e6).toFixed(1)} MB)`);
    return 0;
  },
};

function lines(rows: string[]): string {
  return rows.length ? rows.join('\n') + '\n' : '';
}

export const techniquesSpansCommand: Command = {
  name: 'techniques spans',
  summary: 'SemEval SI: print propaganda spans of every article<ID>.txt (id, start, end)',
  usage: `Usage: slant techniques spans <articles-dir> [--model <file>]

Prints id<TAB>start<TAB>end per span found (offsets in code points, end exclusive).`,
  async run(argv) {
    const { values, positionals } = args(argv, { model: { type: 'string' } });
    const articles = readArticles(need(positionals[0], '<articles-dir>'));
    const m = model(values.model);
    const rows: string[] = [];
    for (const a of articles) for (const s of m.spans(prepare(a.text))) rows.push(`${a.id}\t${a.cps.cp(s.start)}\t${a.cps.cp(s.end)}`);
    await out(lines(rows));
    return 0;
  },
};

export const techniquesClassifyCommand: Command = {
  name: 'techniques classify',
  summary: 'SemEval TC: fill in the technique of every span of a template file',
  usage: `Usage: slant techniques classify <articles-dir> <template-file> [--model <file>]

The template has lines id<TAB>?<TAB>start<TAB>end (code points). Prints the same lines in the same
order with ? replaced by a technique. Identical spans listed more than once get distinct techniques,
best first.`,
  async run(argv) {
    const { values, positionals } = args(argv, { model: { type: 'string' } });
    const articles = readArticles(need(positionals[0], '<articles-dir>'));
    const templatePath = need(positionals[1], '<template-file>');
    if (!existsSync(templatePath)) fail(E.FILE_NOT_FOUND, `no such template file: ${templatePath}`);
    const byId = new Map(articles.map((a) => [a.id, a]));
    const spans = parseLabelLines(readFileSync(templatePath, 'utf8'), byId, templatePath, true);
    const m = model(values.model);
    // Classify per article (spans see their siblings), then print in template order.
    const byArticle = new Map<Article, number[]>();
    spans.forEach((s, i) => {
      const list = byArticle.get(s.article) ?? [];
      list.push(i);
      byArticle.set(s.article, list);
    });
    const labels = new Array<string>(spans.length);
    for (const [article, idx] of byArticle) {
      const got = m.classifyAll(prepare(article.text), idx.map((i) => spans[i]!));
      idx.forEach((i, k) => (labels[i] = got[k]!.technique));
    }
    const rows = spans.map((s, i) => `${s.article.id}\t${labels[i]}\t${s.article.cps.cp(s.start)}\t${s.article.cps.cp(s.end)}`);
    await out(lines(rows));
    return 0;
  },
};

export const techniquesDetectCommand: Command = {
  name: 'techniques detect',
  summary: 'SemEval FLC: print spans with their technique (id, technique, start, end)',
  usage: `Usage: slant techniques detect <articles-dir> [--model <file>] [--confidence] [--all] [--model-only]

Prints id<TAB>technique<TAB>start<TAB>end per span (code points): the trained model's spans and the
explained rules' spans, nested and duplicate spans of one technique merged into one. By default only
the spans worth showing: measured precision on PTC (cross-validated) at least 0.4 and at least the
display threshold of its rule or technique (chosen by cross-validation to aim at 0.6; a rule hit's
precision also depends on whether the model marks the same words); --all prints the hidden ones too. --model-only prints the model's spans alone, unfiltered (for the SemEval tasks).
--confidence appends the confidence (calibrated for the model, measured precision for a rule), the
measured precision, the rule key (or "model"), shown/hidden and the explanation as more columns.`,
  async run(argv) {
    const { values, positionals } = args(argv, { model: { type: 'string' }, confidence: { type: 'boolean' }, 'model-only': { type: 'boolean' }, all: { type: 'boolean' } });
    const articles = readArticles(need(positionals[0], '<articles-dir>'));
    const m = model(values.model);
    const rows: string[] = [];
    for (const a of articles) {
      for (const d of detectAll(a.text, m, !values['model-only'])) {
        if (!values.all && !values['model-only'] && !d.shown) continue;
        const base = `${a.id}\t${d.technique}\t${a.cps.cp(d.start)}\t${a.cps.cp(d.end)}`;
        const measured = `${d.precision === null ? '-' : d.precision.toFixed(3)}\t${d.rule ?? 'model'}\t${d.shown ? 'shown' : 'hidden'}`;
        rows.push(values.confidence ? `${base}\t${d.confidence.toFixed(3)}\t${measured}\t${d.explanation}` : base);
      }
    }
    await out(lines(rows));
    return 0;
  },
};

const f3 = (x: number) => x.toFixed(3);
const ABBREV: Record<Technique, string> = {
  Appeal_to_Authority: 'Auth', 'Appeal_to_fear-prejudice': 'Fear', 'Bandwagon,Reductio_ad_hitlerum': 'Bandw', 'Black-and-White_Fallacy': 'B&W',
  Causal_Oversimplification: 'Causal', Doubt: 'Doubt', 'Exaggeration,Minimisation': 'Exag', 'Flag-Waving': 'Flag', Loaded_Language: 'Loaded',
  'Name_Calling,Labeling': 'Name', Repetition: 'Repet', Slogans: 'Slogan', 'Thought-terminating_Cliches': 'Cliche', 'Whataboutism,Straw_Men,Red_Herring': 'Whatab',
};
const short = (t: Technique) => ABBREV[t];

export function formatReport(r: EvalReport): string {
  const o: string[] = [];
  o.push(`PTC cross-validation: ${r.articles} articles, ${r.folds} folds by article (${r.seconds.toFixed(0)} s); span thresholds ${r.thresholds.map((t) => `${t.threshold.toFixed(3)}/${t.seed.toFixed(3)}`).join(' ')}`);
  o.push('');
  o.push('task                         P      R      F1');
  o.push(`SI  span identification      ${f3(r.si.p)}  ${f3(r.si.r)}  ${f3(r.si.f)}   (${r.si.nPred} predicted, ${r.si.nGold} gold spans, merged)`);
  o.push(`TC  technique of gold spans  micro-F1 ${f3(r.tc.microF1)}   (${r.tc.correct}/${r.tc.total}), ECE ${f3(r.tc.ece)}`);
  o.push(`FLC spans + technique        ${f3(r.flc.all.p)}  ${f3(r.flc.all.r)}  ${f3(r.flc.all.f)}   ECE ${f3(r.flc.ece)}`);
  o.push(`FLC model + shown rules      ${f3(r.flcWithRules.p)}  ${f3(r.flcWithRules.r)}  ${f3(r.flcWithRules.f)}`);
  o.push(`SI  rules alone              ${f3(r.rulesOnly.si.p)}  ${f3(r.rulesOnly.si.r)}  ${f3(r.rulesOnly.si.f)}`);
  o.push(`FLC rules alone              ${f3(r.rulesOnly.flc.p)}  ${f3(r.rulesOnly.flc.r)}  ${f3(r.rulesOnly.flc.f)}`);
  o.push('');
  o.push('technique                              gold   TC-P   TC-R  TC-F1  FLC-P  FLC-R FLC-F1');
  for (const t of TECHNIQUES) {
    const c = r.tc.byTechnique.get(t)!;
    const fl = r.flc.byTechnique.get(t)!;
    o.push(`${t.padEnd(36)} ${String(c.n).padStart(5)}  ${f3(c.p)}  ${f3(c.r)}  ${f3(c.f)}  ${f3(fl.p)}  ${f3(fl.r)}  ${f3(fl.f)}`);
  }
  o.push('');
  o.push('TC confusion (rows gold, columns predicted):');
  o.push('        ' + TECHNIQUES.map((t) => short(t).padStart(6)).join(' '));
  TECHNIQUES.forEach((t, i) => o.push(short(t).padEnd(7) + ' ' + r.tc.confusion[i]!.map((x) => String(x).padStart(6)).join(' ')));
  return o.join('\n') + '\n';
}

export const evalTechniquesCommand: Command = {
  name: 'eval techniques',
  summary: 'Cross-validate the technique model on a PTC split (SI, TC, FLC, calibration)',
  usage: `Usage: slant eval techniques --data <ptc-dir> [--folds 5] [--seed N]
       slant eval techniques --data <ptc-dir> --rules [--write-precision <file>]

--write-predictions <dir> also writes the held-out predictions as si.txt, tc.txt and flc.txt
(SemEval format) so the official scorer can check the figures.

Cross-validation by article: prints SI P/R/F1 (overlap credit as the official scorer), TC micro-F1,
FLC P/R/F1 overall and per technique, a TC confusion table and the expected calibration error (ECE)
of the confidences. --rules prints the measured precision of every rule instead (and writes it as
JSON with --write-precision; src/techniques/data/rule-precision.json is made this way).`,
  async run(argv) {
    const { values } = args(argv, { data: { type: 'string' }, folds: { type: 'string' }, seed: { type: 'string' }, rules: { type: 'boolean' }, 'write-precision': { type: 'string' }, 'write-predictions': { type: 'string' } });
    const articles = readPtc(need(values.data, '--data <ptc-dir>'));
    if (values.rules) {
      const prec = rulePrecision(articles);
      const rows = Object.entries(prec).map(([k, v]) => `${k.padEnd(48)} ${String(v.hits).padStart(5)} ${String(v.correct).padStart(5)}  ${v.precision.toFixed(3)}`);
      if (values['write-precision']) writeAtomic(values['write-precision'], JSON.stringify(prec, null, 1) + '\n');
      await out(`${'rule'.padEnd(48)}  hits right precision (Laplace-smoothed)\n${lines(rows)}`);
      return 0;
    }
    const dir = values['write-predictions'];
    // checked before the evaluation, not after 20 s of work
    if (dir && !existsSync(dir)) fail(E.FILE_NOT_FOUND, `no such folder: ${dir}`);
    const report = evaluate(articles, config(values), log);
    if (dir) {
      for (const [name, body] of Object.entries(report.files)) writeAtomic(join(dir, `${name}.txt`), body);
    }
    await out(formatReport(report));
    return 0;
  },
};

export const techniqueCommands: Command[] = [trainTechniquesCommand, evalTechniquesCommand, techniquesSpansCommand, techniquesClassifyCommand, techniquesDetectCommand];
