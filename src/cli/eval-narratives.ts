/** `slant eval narratives`, `slant eval roles`, `slant train narratives`: cross-validation by article on SemEval-2025 Task 10 data. */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { args, out, type Command } from './command.js';
import { E, fail } from '../core/errors.js';
import { Doc } from '../core/document.js';
import { createPipeline, DEFAULT_PIPELINE } from '../registry.js';
import { crossValidate, toTrainDocs } from '../narratives/evaluate.js';
import { DEFAULT_TRAIN, NarrativeModel } from '../narratives/model.js';
import { dataPaths, readArticleDir, readMentions, readNarrativeLabels, type ArticleFile } from '../narratives/semeval.js';
import { crossValidateRoles, roleExamples, RoleModel, DEFAULT_ROLE_TRAIN } from '../narratives/roles.js';

const log = (s: string): void => void process.stderr.write(`slant: ${s}\n`);

/** Everything slant knows about each article, from the default pipeline up to (not including) narratives. */
export async function analyseArticles(articles: readonly ArticleFile[]): Promise<Map<string, Doc>> {
  // What the narratives component reads (the parser and the graph are not needed: faster, and stable).
  const pipeline = await createPipeline(DEFAULT_PIPELINE.filter((n) => !['narratives', 'parse', 'graph'].includes(n)));
  const docs = new Map<string, Doc>();
  // The raw text (no repairs), so the task's character offsets stay valid.
  for (const a of articles) docs.set(a.file, pipeline.run(new Doc(a.text, { id: a.file })));
  return docs;
}

function folds(v: string | undefined): number {
  if (v === undefined) return 5;
  if (!/^\d+$/.test(v) || Number(v) < 2 || Number(v) > 20) fail(E.BAD_ARGUMENT, `--folds must be an integer from 2 to 20, got "${v}"`);
  return Number(v);
}

function repeats(v: string | undefined): number {
  if (v === undefined) return 1;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 10) fail(E.BAD_ARGUMENT, `--repeats must be an integer from 1 to 10, got "${v}"`);
  return Number(v);
}

/** Mean of each numeric field over runs (repeated cross-validation with different fold seeds). */
function mean<T extends object>(runs: readonly T[]): T {
  const out = { ...runs[0]! } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (typeof out[k] === 'number') out[k] = runs.reduce((a, r) => a + ((r as Record<string, number>)[k] ?? 0), 0) / runs.length;
  return out as T;
}

function need(v: string | undefined, what: string): string {
  if (!v) fail(E.BAD_ARGUMENT, `missing ${what} (see --help)`);
  return v;
}

const f3 = (x: number): string => x.toFixed(3);

function writeAtomic(path: string, data: string): void {
  if (!existsSync(dirname(path) || '.')) fail(E.FILE_NOT_FOUND, `no such folder for output: ${dirname(path)}`);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export const evalNarrativesCommand: Command = {
  name: 'eval narratives',
  summary: 'Narrative classification by K-fold cross-validation by article (SemEval-2025 Task 10, subtask 2)',
  usage: `Usage: slant eval narratives --data <dir> [--folds K] [--repeats R] [--write-predictions <file>]

<dir> holds articles/ and subtask-2-annotations.txt. Trains on K-1 folds (calibration and
thresholds by inner cross-validation inside them), predicts the held-out fold, and prints the
task's samples-F1 for narratives and subnarratives (over all articles and over those that have a
narrative), and the accuracy of telling Other from the rest. --repeats R averages R
cross-validations with different fold assignments (seeds 1..R; figures on 140 articles move by
±0.02 with the folds). --write-predictions writes the (first run's) out-of-fold predictions in the task's format (file<TAB>narratives<TAB>subnarratives) for the
official scorer.`,
  async run(argv) {
    const { values } = args(argv, { data: { type: 'string' }, folds: { type: 'string' }, repeats: { type: 'string' }, 'write-predictions': { type: 'string' } });
    const k = folds(values.folds);
    const r = repeats(values.repeats);
    const p = dataPaths(need(values.data, '--data <dir>'));
    const labels = readNarrativeLabels(p.narratives);
    const articles = readArticleDir(p.articles).filter((a) => labels.has(a.file));
    log(`analysing ${articles.length} articles`);
    const docs = await analyseArticles(articles);
    const train = toTrainDocs(articles, labels, (a) => docs.get(a.file)!);
    const runs = Array.from({ length: r }, (_, i) => crossValidate(train, k, DEFAULT_TRAIN, i + 1, log));
    const predictions = runs[0]!.predictions;
    const s = mean(runs.map((x) => x.scores));
    if (values['write-predictions']) {
      // In the gold file's order: the official scorer pairs gold and predicted lines by position.
      const byId = new Map(predictions.map((x) => [x.id, x]));
      const ordered = [...labels.keys()].map((id) => byId.get(id)).filter((x) => x !== undefined);
      writeAtomic(values['write-predictions'], ordered.map((x) => `${x.id}\t${x.narratives.join(';')}\t${x.subnarratives.join(';')}`).join('\n') + '\n');
    }
    await out(
      [
        `articles\t${s.articles} (${s.withNarrative} with a narrative), ${k}-fold CV by article${r > 1 ? `, mean of ${r} fold assignments` : ''}`,
        `narratives samples-F1\t${f3(s.narrativesF1)}\t(articles with a narrative: ${f3(s.narrativesF1WithNarrative)})`,
        `subnarratives samples-F1\t${f3(s.subnarrativesF1)}\t(articles with a narrative: ${f3(s.subnarrativesF1WithNarrative)})`,
        `Other-vs-rest accuracy\t${f3(s.otherAccuracy)}`,
        `domain accuracy\t${f3(s.domainAccuracy)}`,
      ].join('\n') + '\n',
    );
    return 0;
  },
};

export const trainNarrativesCommand: Command = {
  name: 'train narratives',
  summary: 'Train the narrative and role models on SemEval-2025 Task 10 data',
  usage: `Usage: slant train narratives --data <dir> --out <folder>

Writes <folder>/narratives.json and <folder>/roles.json (the files shipped in src/narratives/data/).`,
  async run(argv) {
    const { values } = args(argv, { data: { type: 'string' }, out: { type: 'string' } });
    const dir = need(values.data, '--data <dir>');
    const outDir = need(values.out, '--out <folder>');
    if (!existsSync(outDir)) fail(E.FILE_NOT_FOUND, `no such folder for output: ${outDir}`);
    const p = dataPaths(dir);
    const labels = readNarrativeLabels(p.narratives);
    const articles = readArticleDir(p.articles);
    log(`analysing ${articles.length} articles`);
    const docs = await analyseArticles(articles);
    const train = toTrainDocs(articles.filter((a) => labels.has(a.file)), labels, (a) => docs.get(a.file)!);
    const m = NarrativeModel.train(train, DEFAULT_TRAIN, log);
    const source = 'SemEval-2025 Task 10 English training data (140 articles), slant train narratives';
    writeAtomic(`${outDir}/narratives.json`, JSON.stringify(m.toFile(source)));
    const mentions = readMentions(p.roles);
    const ex = roleExamples(mentions, docs);
    const r = RoleModel.train(ex, DEFAULT_ROLE_TRAIN);
    writeAtomic(`${outDir}/roles.json`, JSON.stringify(r.toFile(source)));
    log(`wrote ${outDir}/narratives.json (thresholds ${JSON.stringify(m.thresholds)}) and ${outDir}/roles.json (${ex.length} mentions)`);
    return 0;
  },
};

export const evalRolesCommand: Command = {
  name: 'eval roles',
  summary: 'Entity roles by K-fold cross-validation by article (SemEval-2025 Task 10, subtask 1)',
  usage: `Usage: slant eval roles --data <dir> [--folds K] [--repeats R] [--write-predictions <file>]

<dir> holds articles/ and subtask-1-annotations.txt. Folds split articles (every mention of an
article is in the same fold). Prints main-role accuracy and fine-role exact match, the task's
metrics, and the always-Antagonist baseline. --repeats R averages R fold assignments.`,
  async run(argv) {
    const { values } = args(argv, { data: { type: 'string' }, folds: { type: 'string' }, repeats: { type: 'string' }, 'write-predictions': { type: 'string' } });
    const k = folds(values.folds);
    const reps = repeats(values.repeats);
    const p = dataPaths(need(values.data, '--data <dir>'));
    const mentions = readMentions(p.roles);
    const files = new Set(mentions.map((m) => m.file));
    const articles = readArticleDir(p.articles).filter((a) => files.has(a.file));
    log(`analysing ${articles.length} articles`);
    const docs = await analyseArticles(articles);
    const ex = roleExamples(mentions, docs);
    const runs = Array.from({ length: reps }, (_, i) => crossValidateRoles(ex, k, DEFAULT_ROLE_TRAIN, i + 1));
    const r = { ...mean(runs), predictions: runs[0]!.predictions };
    if (values['write-predictions']) {
      writeAtomic(values['write-predictions'], r.predictions.map((x) => [x.file, x.entity, x.start, x.end, x.main, ...x.fine].join('\t')).join('\n') + '\n');
    }
    await out(
      [
        `mentions\t${ex.length} in ${files.size} articles, ${k}-fold CV by article${reps > 1 ? `, mean of ${reps} fold assignments` : ''}`,
        `main-role accuracy\t${f3(r.mainAccuracy)}\t(always Antagonist: ${f3(r.baseline)})`,
        `fine-role exact match\t${f3(r.exactMatch)}`,
      ].join('\n') + '\n',
    );
    return 0;
  },
};

export const evalNarrativeCommands: Command[] = [evalNarrativesCommand, evalRolesCommand, trainNarrativesCommand];
