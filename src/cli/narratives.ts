/** `slant narratives classify|roles|match`: the SemEval-2025 Task 10 formats, and user narrative catalogues. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { args, out, type Command } from './command.js';
import { E, fail } from '../core/errors.js';
import { splitSentences } from '../sentences/index.js';
import { CodePoints } from '../core/text.js';
import { classify } from '../narratives/index.js';
import { labelsOf } from '../narratives/model.js';
import { DEFAULT_ROLE_TRAIN, domainOfFile, groupOf, mentionFeatures, smoothLogits } from '../narratives/roles.js';
import { loadRoleModel } from '../narratives/index.js';
import { readArticleDir, readMentions, type ArticleFile } from '../narratives/semeval.js';
import { narrativeEntries, parseCatalog, Retriever } from '../narratives/catalog.js';
import { analyseArticles } from './eval-narratives.js';

function need(v: string | undefined, what: string): string {
  if (!v) fail(E.BAD_ARGUMENT, `missing ${what} (see --help)`);
  return v;
}

/** A file or every *.txt of a folder. */
export function readInputs(path: string): ArticleFile[] {
  if (!existsSync(path)) fail(E.FILE_NOT_FOUND, `no such file or folder: ${path}`);
  if (statSync(path).isDirectory()) return readArticleDir(path);
  if (statSync(path).size > 5_000_000) fail(E.INPUT_TOO_LARGE, `${path} is larger than 5000000 bytes`);
  return [{ file: basename(path), text: readFileSync(path, 'utf8') }];
}

export function minScore(v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0 || x > 1) fail(E.BAD_ARGUMENT, `--min-score must be a number from 0 to 1, got "${v}"`);
  return x;
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

export const narrativesClassifyCommand: Command = {
  name: 'narratives classify',
  summary: 'SemEval-2025 subtask 2: narratives and subnarratives of every <id>.txt of a folder',
  usage: `Usage: slant narratives classify <articles-dir> [--evidence]

Prints file<TAB>narratives<TAB>subnarratives per article (';'-separated, "Other" when no narrative
of the bundled SemEval-2025 taxonomy fits), the task's format. --evidence adds one line per
narrative: "#<TAB>file<TAB>label<TAB>confidence<TAB>evidence sentence".`,
  async run(argv) {
    const { values, positionals } = args(argv, { evidence: { type: 'boolean' } });
    const articles = readArticleDir(need(positionals[0], '<articles-dir>'));
    const docs = await analyseArticles(articles);
    const lines: string[] = [];
    for (const a of articles) {
      const doc = docs.get(a.file)!;
      const r = classify(doc);
      const l = labelsOf(r.prediction);
      lines.push(`${a.file}\t${l.narratives.join(';')}\t${l.subnarratives.join(';')}`);
      if (values.evidence) {
        for (const s of r.narratives.filter((x) => x.data.rank === 1)) lines.push(`#\t${a.file}\t${s.data.label}\t${s.confidence.toFixed(3)}\t${oneLine(doc.textOf(s))}`);
      }
    }
    await out(lines.join('\n') + '\n');
    return 0;
  },
};

export const narrativesRolesCommand: Command = {
  name: 'narratives roles',
  summary: 'SemEval-2025 subtask 1: the role (Protagonist/Antagonist/Innocent, fine roles) of given entity mentions',
  usage: `Usage: slant narratives roles <articles-dir> <mentions-file>

<mentions-file> has file<TAB>entity<TAB>start<TAB>end lines (code points, end inclusive; extra
columns are ignored). Prints each line's first four columns with <TAB>main role<TAB>fine roles.`,
  async run(argv) {
    const { positionals } = args(argv, {});
    const dir = need(positionals[0], '<articles-dir>');
    const mentions = readMentions(need(positionals[1], '<mentions-file>'));
    const files = new Set(mentions.map((m) => m.file));
    const articles = readArticleDir(dir).filter((a) => files.has(a.file));
    const missing = [...files].filter((f) => !articles.some((a) => a.file === f));
    if (missing.length) fail(E.FILE_NOT_FOUND, `${missing.length} article(s) named in the mentions file are not in ${dir}, e.g. ${missing[0]}`);
    const docs = await analyseArticles(articles);
    const model = loadRoleModel();
    // The task's file names carry the domain (EN_UA_, EN_CC_); other names: the classifier decides.
    const domains = new Map([...docs].map(([f, d]) => [f, domainOfFile(f) ?? classify(d).prediction.domain]));
    const ls = mentions.map((m) => {
      const doc = docs.get(m.file)!;
      const cp = doc.codePoints;
      if (m.end + 1 > cp.length) fail(E.BAD_LABEL_LINE, `${m.file}: mention ${m.start}-${m.end} is past the end of the article`);
      const s = cp.u16(m.start);
      const e = cp.u16(m.end + 1);
      return { logits: model.logits(mentionFeatures(doc, s, e, m.entity, domains.get(m.file)!)), group: `${m.file} ${groupOf(doc, s, e, m.entity)}` };
    });
    // Mentions of one actor in one article move towards their mean (as in training and evaluation).
    const smoothed = smoothLogits(ls.map((x) => x.logits), ls.map((x) => x.group), DEFAULT_ROLE_TRAIN.smooth);
    const lines = mentions.map((m, i) => {
      const p = model.decide(smoothed[i]!);
      return [m.file, m.entity, m.start, m.end, p.main, ...p.fine].join('\t');
    });
    await out(lines.join('\n') + (lines.length ? '\n' : ''));
    return 0;
  },
};

export const narrativesMatchCommand: Command = {
  name: 'narratives match',
  summary: 'Match sentences to a narrative catalogue of your own (JSON or YAML), no training',
  usage: `Usage: slant narratives match <file|dir> --catalog <catalog.json|yaml> [--min-score X]

The catalogue lists narratives with a name, a description and example sentences:
  - name: Sanctions hurt Europe more than Russia
    description: Sanctions against Russia backfire on European economies.
    examples:
      - "Europe pays for the sanctions with its own industry."
Each sentence of each text is scored against the descriptions and examples (BM25, normalised to
0..1 by the entry's score against itself). Prints, per text and narrative above --min-score
(default 0.35): file<TAB>narrative<TAB>score<TAB>start<TAB>end<TAB>sentence<TAB>the description or example
that matched (offsets in code points).`,
  async run(argv) {
    const { values, positionals } = args(argv, { catalog: { type: 'string' }, 'min-score': { type: 'string' } });
    const inputs = readInputs(need(positionals[0], '<file|dir>'));
    const catPath = need(values.catalog, '--catalog <file>');
    if (!existsSync(catPath)) fail(E.FILE_NOT_FOUND, `no such catalogue: ${catPath}`);
    const retriever = new Retriever(narrativeEntries(parseCatalog(readFileSync(catPath, 'utf8'), catPath)));
    const min = minScore(values['min-score'], 0.35);
    const lines: string[] = [];
    for (const a of inputs) lines.push(...matchLines(a, retriever, min));
    await out(lines.join('\n') + (lines.length ? '\n' : ''));
    return 0;
  },
};

/** Lines file<TAB>key<TAB>score<TAB>start<TAB>end<TAB>sentence<TAB>matched entry text for one text (offsets in code points). */
export function matchLines(a: ArticleFile, r: Retriever, min: number): string[] {
  const sents = splitSentences(a.text);
  const cp = new CodePoints(a.text);
  const toCp = (u16: number): number => cp.cp(u16);
  return r.match(a.text, sents, min).map((m) => `${a.file}\t${m.key}\t${m.score.toFixed(3)}\t${toCp(m.sentence.start)}\t${toCp(m.sentence.end)}\t${oneLine(a.text.slice(m.sentence.start, m.sentence.end))}\t${oneLine(m.matched).slice(0, 300)}`);
}

export const narrativesCommands: Command[] = [narrativesClassifyCommand, narrativesRolesCommand, narrativesMatchCommand];
