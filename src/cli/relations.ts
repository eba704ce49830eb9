/**
 * CLI of the relations area:
 *   slant events <file|dir>...                         coded events of documents (TSV)
 *   slant events --petrarch-xml <file> [--actors f]... PETRARCH validation records → sentence-id, source, target, cameo
 *   slant eval events --gold <jsonl|xml>               P/R/F1 as PETRARCH is scored
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ActorDictionary } from '../actors/dictionary.js';
import { args, out, type Command } from './command.js';
import { E, fail, SlantError } from '../core/errors.js';
import { splitSentences } from '../sentences/index.js';
import { toDoc } from '../analyze.js';
import type { Doc, Span } from '../core/document.js';
import { loadInput } from '../input/load.js';
import { createPipeline } from '../registry.js';
import type { EventData } from '../relations/types.js';
import { asDirected, codeSentence, type CodedEvent, type Mention } from '../relations/coder.js';
import { formatScores, goldFromJson, ploverActor, quadOfCode, predCode, score, type GoldRecord, type PredEvent } from '../relations/evaluate.js';
import { buildLexicon, loadDefaultLexicon, type Lexicon } from '../relations/lexicon.js';
import { isoDate, parsePetrarchXml } from '../relations/petrarch-xml.js';
import { parseNewsGold, prf, scoreNews, type NewsPred } from '../relations/news-eval.js';
import { SHOW_THRESHOLD, supportOf } from '../relations/index.js';
import { defaultModel, parseSentences, type SentenceTree, type TreeToken } from '../syntax/index.js';
import { eventFeatures, fitConfidence, predict } from '../relations/confidence.js';
import { writeFileSync } from 'node:fs';
import { parseVerbDict, type VerbDict } from '../relations/verbdict.js';

const log = (s: string): void => void process.stderr.write(`slant: ${s}\n`);

/** Files larger than this are refused rather than coded partially. */
const MAX_FILE = 50 * 1024 * 1024;

function readText(path: string): string {
  if (!existsSync(path)) fail(E.FILE_NOT_FOUND, `no such file: ${path}`);
  const st = statSync(path);
  if (st.size > MAX_FILE) fail(E.INPUT_TOO_LARGE, `${path} is ${st.size} bytes; the limit is ${MAX_FILE}`);
  const buf = readFileSync(path);
  if (buf.includes(0)) fail(E.BINARY_INPUT, `${path} looks binary (contains NUL bytes)`);
  return buf.toString('utf8');
}

export interface Coder {
  actors: ActorDictionary;
  lexicon: Lexicon;
  /** Drop negated events (PETRARCH does not code them). */
  dropNegated: boolean;
  /** CAMEO-manual convention: stated futures coded as intent (03x) or threat (13x). */
  intentCodes?: boolean;
  /** Code a pattern's reciprocal act too (PETRARCH); PLOVER gold codes one event per act. */
  reciprocal?: boolean;
  /** PETRARCH discard phrases (sports, history, ...): sentences containing one are not coded. */
  discards?: RegExp | null;
  /** Parse each sentence and take event arguments from the tree ('off': word windows only). */
  tree?: 'strict' | 'fill' | 'check' | 'add' | 'off';
}

/** The dependency parse of one sentence as a SentenceTree (tokens numbered from 0). */
function parseOne(text: string, s: { start: number; end: number }): SentenceTree | undefined {
  const { tokens, syntax } = parseSentences(defaultModel(), text, [s]);
  const st = syntax[0];
  if (!st) return undefined;
  const toks: TreeToken[] = tokens.map((t, i) => ({ index: i, start: t.start, end: t.end, text: text.slice(t.start, t.end), upos: t.data.upos, xpos: t.data.xpos, lemma: t.data.lemma, head: t.data.head, deprel: t.data.deprel, children: [] }));
  for (const t of toks) if (t.head >= 0) toks[t.head]?.children.push(t.index);
  return { start: st.start, end: st.end, root: st.data.root, first: 0, tokens: toks };
}

/**
 * A PETRARCH discards file ("BASEBALL", "+AFRICAN NATIONS CUP # comment"): one phrase per line,
 * '+' marks story-level discards (here, as for one-sentence records, the sentence is skipped).
 * Compiled into one case-insensitive, word-bounded alternation of literal phrases.
 */
export function parseDiscards(text: string): RegExp | null {
  const phrases = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*(#|<)/.test(raw)) continue;
    const p = raw.replace(/#.*$/, '').replace(/^\s*\+/, '').replace(/_/g, ' ').trim().toLowerCase();
    if (p.length >= 3) phrases.add(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  }
  if (phrases.size === 0) return null;
  // Longest first so overlapping phrases resolve the same way every time; literals only, no nested quantifiers.
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...phrases].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

export interface SentenceEvents {
  index: number;
  start: number;
  end: number;
  events: CodedEvent[];
}

/** Code every sentence of a text with a given actor dictionary and lexicon. */
export function codeText(text: string, coder: Coder, date?: string): SentenceEvents[] {
  const out: SentenceEvents[] = [];
  splitSentences(text).forEach((s, index) => {
    if (coder.discards && coder.discards.test(text.slice(s.start, s.end))) {
      out.push({ index, start: s.start, end: s.end, events: [] });
      return;
    }
    const mentions: Mention[] = coder.actors.find(text, { start: s.start, end: s.end, date: date ?? null }).map((m) => ({ start: m.start, end: m.end, code: m.code, name: m.name, country: m.country }));
    const tree = coder.tree && coder.tree !== 'off' && mentions.length >= 2 ? parseOne(text, s) : undefined;
    const events = codeSentence(text, s.start, s.end, mentions, coder.lexicon, { dropNegated: coder.dropNegated, intentCodes: coder.intentCodes, reciprocal: coder.reciprocal, treeMode: coder.tree }, tree);
    out.push({ index, start: s.start, end: s.end, events: asDirected(events) });
  });
  return out;
}

function lexiconFrom(verbFiles: string[]): Lexicon {
  if (verbFiles.length === 0) return loadDefaultLexicon();
  const dicts: VerbDict[] = verbFiles.map((f) => parseVerbDict(readText(f), f));
  const merged: VerbDict = { source: verbFiles.join(', '), synsets: Object.assign({}, ...dicts.map((d) => d.synsets)), blocks: dicts.flatMap((d) => d.blocks) };
  if (merged.blocks.length === 0) fail(E.BAD_DATA_FILE, `no verb blocks found in ${verbFiles.join(', ')}`);
  return buildLexicon(merged, false);
}

function actorsFrom(actorFiles: string[], agentFiles: string[]): ActorDictionary {
  if (actorFiles.length === 0) return ActorDictionary.default();
  return ActorDictionary.fromPetrarch({ actors: actorFiles.map(readText), agents: agentFiles.map(readText) });
}

/** The dictionaries shipped beside a validation set (PETR.Validate.actors.txt, ...) when none were named. */
function siblings(file: string, kind: 'actors' | 'agents' | 'verbs' | 'discards'): string[] {
  const dir = dirname(file);
  return readdirSync(dir)
    .filter((f) => new RegExp(`[._]${kind}[._].*txt$|[._]${kind}\\.txt$`, 'i').test(f))
    .map((f) => join(dir, f));
}

const DICT_OPTIONS = {
  actors: { type: 'string', multiple: true },
  agents: { type: 'string', multiple: true },
  verbs: { type: 'string', multiple: true },
  discards: { type: 'string', multiple: true },
  'keep-negated': { type: 'boolean' },
  'no-siblings': { type: 'boolean' },
  convention: { type: 'string' },
  tree: { type: 'string' },
} as const;

function treeOption(v: string | undefined): 'strict' | 'fill' | 'check' | 'add' | 'off' {
  const t = v ?? 'check';
  if (t !== 'strict' && t !== 'fill' && t !== 'check' && t !== 'add' && t !== 'off') fail(E.BAD_ARGUMENT, `--tree must be strict, fill, check, add or off, got "${t}"`);
  return t;
}

/** 'petrarch': the action's own code (PETRARCH); 'cameo': futures as intent/threat (CAMEO manual, PLOVER). */
function convention(v: string | undefined, fallback: 'petrarch' | 'cameo'): boolean {
  const c = v ?? fallback;
  if (c !== 'petrarch' && c !== 'cameo') fail(E.BAD_ARGUMENT, `--convention must be petrarch or cameo, got "${c}"`);
  return c === 'cameo';
}

function listFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) fail(E.FILE_NOT_FOUND, `no such file or directory: ${p}`);
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) {
        const full = join(p, f);
        if (statSync(full).isFile() && /\.(txt|md|text|html?|json)(\.gz)?$/i.test(f)) files.push(full);
      }
    } else files.push(p);
  }
  return files;
}

export const eventsCommand: Command = {
  name: 'events',
  summary: 'Code who does what to whom (CAMEO, Goldstein, quad, PLOVER) per sentence',
  usage: `Usage: slant events <file|dir>... [--format tsv|jsonl] [--date YYYY-MM-DD]
       slant events --petrarch-xml <file> [--actors <dict>]... [--agents <dict>]... [--verbs <dict>]... [--discards <file>]...

Documents: prints doc-id<TAB>sentence<TAB>source<TAB>target<TAB>cameo<TAB>goldstein<TAB>quad<TAB>plover,
one line per coded event (sentence numbers start at 1; files as for slant analyze: .txt, .html,
.json; directories: every such file in them).
--format jsonl prints one JSON object per event with qualifiers (negated, modality, attribution,
stance, factivity, symmetric), the explanation, and offsets in code points into the normalised text.
Events are shown from confidence ${SHOW_THRESHOLD} up (confidences are calibrated on a real-news
development set, the threshold chosen by cross-validation, see docs/results-events.md), except
CAMEO 01 statements on a topic, which are no act towards the other actor; --all shows every event.
Sentences are parsed (dependency parse): events whose light verb and event noun, or whose event
noun and its two participants, only the parse links are added, and each event records whether the
parse names the same source and target; --no-parse codes from word windows only (faster start).

PETRARCH validation XML: prints sentence-id<TAB>source<TAB>target<TAB>cameo per coded event. The
validation sets ship their own dictionaries: pass them with --actors/--agents/--verbs (PETRARCH
format). Without --actors the shipped actor dictionary is used; without --verbs the shipped CAMEO
verb patterns. --discards skips sentences with PETRARCH discard phrases (sports, history).
Negated events are left out, as PETRARCH does (--keep-negated keeps them).
--convention cameo codes stated futures as CAMEO intent (03x) or threat (13x), as the CAMEO
manual and PLOVER do; the default (petrarch) keeps the action's own code.`,
  async run(argv) {
    const { values, positionals } = args(argv, { ...DICT_OPTIONS, 'petrarch-xml': { type: 'string' }, format: { type: 'string' }, date: { type: 'string' }, all: { type: 'boolean' }, 'no-parse': { type: 'boolean' } });
    const format = values.format ?? 'tsv';
    if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) fail(E.BAD_ARGUMENT, `--date must be YYYY-MM-DD, got "${values.date}"`);
    if (format !== 'tsv' && format !== 'jsonl') fail(E.BAD_ARGUMENT, `--format must be tsv or jsonl, got "${format}"`);
    const coder: Coder = {
      actors: actorsFrom(values.actors ?? [], values.agents ?? []),
      lexicon: lexiconFrom(values.verbs ?? []),
      dropNegated: values['petrarch-xml'] !== undefined && !values['keep-negated'],
      intentCodes: convention(values.convention, 'petrarch'),
      discards: values.discards?.length ? parseDiscards(values.discards.map(readText).join('\n')) : null,
    };
    const lines: string[] = [];
    if (values['petrarch-xml'] !== undefined) {
      const file = values['petrarch-xml'];
      const records = parsePetrarchXml(readText(file), file);
      if (records.length === 0) fail(E.BAD_DATA_FILE, `${file}: no <Sentence> records found`);
      for (const r of records) {
        for (const s of codeText(r.text, coder, isoDate(r.date))) {
          for (const e of s.events) lines.push(`${r.id}\t${e.source}\t${e.target}\t${e.code}`);
        }
      }
      await out(lines.length ? lines.join('\n') + '\n' : '');
      return 0;
    }
    if (positionals.length === 0) fail(E.BAD_ARGUMENT, 'give a file or directory (or --petrarch-xml <file>); see slant events --help');
    const files = listFiles(positionals);
    // Documents go through the same input handling, normalisation and components as `slant analyze`.
    // With the dependency parse (as eval news-events measures it): light-verb and noun events and each event's parse verdict.
    const pipeline = await createPipeline(values['no-parse'] ? ['sentences', 'actors', 'events'] : ['sentences', 'parse', 'actors', 'events']).catch(async (err: unknown) => {
      if (!(err instanceof SlantError)) throw err;
      log(`no parse (${err.line()}); events from word windows only`);
      return createPipeline(['sentences', 'actors', 'events']);
    });
    for (const f of files) {
      const input = await loadInput(f, {});
      // --date: the document date for dated roles ("President X" before/after a term), if the file has none.
      if (values.date && typeof input === 'object' && !input.date) input.date = values.date;
      const doc = pipeline.run(await toDoc(typeof input === 'string' && values.date ? { text: input, date: values.date } : input));
      const id = basename(f).replace(/\.(txt|md|text|html?|json)(\.gz)?$/i, '');
      const sents = doc.spans('sentences');
      let si = 0;
      for (const e of doc.spans('events')) {
        // Events below the display threshold (calibrated confidence) are shown only with --all.
        if (!values.all && e.data.shown === false) continue;
        while (si < sents.length && sents[si]!.end <= e.start) si++;
        const d = e.data;
        if (format === 'tsv') lines.push([id, si + 1, d.source, d.target, d.cameo, d.goldstein, d.quad, d.plover ?? ''].join('\t'));
        else lines.push(JSON.stringify(eventJson(id, si + 1, doc, e)));
      }
    }
    await out(lines.length ? lines.join('\n') + '\n' : '');
    return 0;
  },
};

function eventJson(id: string, sentence: number, doc: Doc, e: Span<EventData>): Record<string, unknown> {
  const cp = doc.codePoints;
  const ref = (r: { start: number; end: number }): { start: number; end: number; text: string } => ({ start: cp.cp(r.start), end: cp.cp(r.end), text: doc.textOf(r) });
  const { trigger, sourceMention, targetMention, ...rest } = e.data;
  return { doc: id, sentence, ...rest, trigger: ref(trigger), source_mention: ref(sourceMention), target_mention: ref(targetMention), evidence: ref(e), confidence: e.confidence, explanation: e.reason };
}

export const evalEventsCommand: Command = {
  name: 'eval events',
  summary: 'Score the event coder on gold records (exact triple, dyad+root, dyad+quad P/R/F1)',
  usage: `Usage: slant eval events --gold <file.jsonl|file.xml> [--actors <dict>]... [--agents <dict>]... [--verbs <dict>]... [--discards <file>]... [--pred <tsv>] [--errors]

Gold: JSONL {id, text, date, events:[{source,target,code}]} (the PETRARCH validation sets), the
PLOVER GSR JSONL {id, text, event_v2, actor[], recipient[]} (then codes compare as PLOVER types),
or PETRARCH validation XML. Without --actors/--agents/--verbs, dictionaries found beside the gold
file (*actors*.txt, *agents*.txt, *verbs*.txt, *discards*.txt) are used, else the shipped ones (--no-siblings to
force the shipped ones). --pred scores a prediction file (sentence-id<TAB>source<TAB>target<TAB>code)
instead of running the coder. Prints precision, recall and F1 for exact (source, target, code)
triples, country dyad + two-digit root code, and country dyad + quad class. Conventions follow
the gold: PETRARCH records are coded as PETRARCH does (--convention petrarch, negated events left
out); PLOVER records as the CAMEO manual does (--convention cameo: stated futures are intent or
threat; one event per act, no reciprocals; actors as country or IGO/NGO plus one sector).
--errors also prints, on standard error, every record whose dyad + quad view differs: the text,
the actors found, the gold and the predicted events (with how each was found).`,
  async run(argv) {
    const { values } = args(argv, { ...DICT_OPTIONS, gold: { type: 'string' }, pred: { type: 'string' }, errors: { type: 'boolean' } });
    const goldPath = values.gold;
    if (!goldPath) fail(E.BAD_ARGUMENT, 'missing --gold <file> (see slant eval events --help)');
    const raw = readText(goldPath);
    const gold: GoldRecord[] = [];
    let plover = false;
    if (/^\s*</.test(raw)) {
      for (const r of parsePetrarchXml(raw, goldPath)) gold.push({ id: r.id, text: r.text, date: r.date, events: r.events });
    } else {
      raw.split('\n').forEach((line, i) => {
        if (!line.trim()) return;
        let obj: Record<string, unknown>;
        try {
          obj = JSON.parse(line) as Record<string, unknown>;
        } catch {
          fail(E.BAD_JSON, `${goldPath}:${i + 1}: not valid JSON`);
        }
        if (typeof obj.id !== 'string' && typeof obj.id !== 'number') fail(E.BAD_DATA_FILE, `${goldPath}:${i + 1}: record has no "id"`);
        const g = goldFromJson(obj);
        plover ||= g.plover;
        gold.push(g.record);
      });
    }
    if (gold.length === 0) fail(E.BAD_DATA_FILE, `${goldPath}: no gold records`);
    const pred: PredEvent[] = [];
    if (values.pred) {
      readText(values.pred).split('\n').forEach((line, i) => {
        if (!line.trim()) return;
        const p = line.split('\t');
        if (p.length < 4) fail(E.BAD_LABEL_LINE, `${values.pred}:${i + 1}: expected sentence-id<TAB>source<TAB>target<TAB>code`);
        // PLOVER gold is compared in its own actor form (see ploverActor).
        pred.push({ id: p[0]!, source: plover ? ploverActor(p[1]!) : p[1]!, target: plover ? ploverActor(p[2]!) : p[2]!, code: p[3]! });
      });
    } else {
      const sib = !values['no-siblings'] && !plover;
      const actors = values.actors ?? (sib ? siblings(goldPath, 'actors') : []);
      const agents = values.agents ?? (sib && !values.actors ? siblings(goldPath, 'agents') : []);
      const verbs = values.verbs ?? (sib ? siblings(goldPath, 'verbs') : []);
      const discards = values.discards ?? (sib ? siblings(goldPath, 'discards') : []);
      if (actors.length || verbs.length || discards.length) log(`dictionaries: ${[...actors, ...agents, ...verbs, ...discards].map((f) => basename(f)).join(', ')}`);
      const coder: Coder = {
        actors: actorsFrom(actors, agents),
        lexicon: lexiconFrom(verbs),
        dropNegated: !values['keep-negated'],
        intentCodes: convention(values.convention, plover ? 'cameo' : 'petrarch'),
        reciprocal: !plover,
        discards: discards.length ? parseDiscards(discards.map(readText).join('\n')) : null,
        tree: treeOption(values.tree),
      };
      const errors: string[] = [];
      for (const r of gold) {
        if (!r.text) continue;
        const mine: string[] = [];
        for (const s of codeText(r.text, coder, r.date ? isoDate(r.date) : undefined)) {
          for (const e of s.events) {
            const code = predCode(e.code, plover);
            if (code) pred.push({ id: r.id, source: plover ? ploverActor(e.source) : e.source, target: plover ? ploverActor(e.target) : e.target, code });
            if (code) mine.push(`${e.source} ${e.target} ${code} (${e.code} ${e.via} "${e.lemma}")`);
          }
        }
        if (values.errors) {
          // Records whose dyad + quad view differs: the text, the actors found, gold and predicted events.
          const key = (s: string, t: string, c: string): string => `${s.slice(0, 3)} ${t.slice(0, 3)} ${quadOfCode(c)}`;
          const g = r.events.filter((e) => e.source && e.target && !e.source.startsWith('---') && !e.target.startsWith('---')).map((e) => key(e.source, e.target, e.code)).sort();
          const p = pred.filter((e) => e.id === r.id && !e.source.startsWith('---') && !e.target.startsWith('---')).map((e) => key(e.source, e.target, e.code)).sort();
          if (g.join('|') !== p.join('|')) {
            const found = coder.actors.find(r.text, { date: r.date ? isoDate(r.date) : null }).map((m) => `${r.text.slice(m.start, m.end)}=${m.code}`);
            errors.push(`# ${r.id}\n${r.text}\n  actors: ${found.join('; ')}\n  gold: ${r.events.map((e) => `${e.source} ${e.target} ${e.code}`).join('; ')}\n  pred: ${mine.join('; ')}`);
          }
        }
      }
      if (errors.length) log(errors.join('\n'));
    }
    const s = score(gold, pred);
    await out(`gold: ${goldPath} (${gold.length} records${plover ? ', PLOVER types' : ''})\n` + formatScores(s));
    return 0;
  },
};

/**
 * Fit the confidence model: labels are whether each event is right (dyad + quad view, all events
 * shown); nested CV by article reports the precision and recall of the shown events, then the
 * model fitted on all articles and the threshold chosen by CV on all articles are written to `file`
 * (the shipped src/relations/data/confidence.json).
 */
function fitAndReport(preds: NewsPred[], feats: number[][], gold: ReturnType<typeof parseNewsGold>, ids: string[], k: number, file: string): string {
  const labels = scoreNews(preds, gold).correct;
  const cv = nestedCv(preds, feats, gold, ids, k);
  const all = fitConfidence(feats, labels);
  const model = { about: `Logistic model of whether an event is right (country dyad + quad class) on the real-news development set data/ptc-events (${ids.length} articles, ${preds.length} coded events, ${labels.filter(Boolean).length} right); threshold for showing chosen by ${k}-fold CV (F0.5); fitted by slant eval news-events --fit-confidence.`, ...all, threshold: cv.threshold };
  writeFileSync(file, JSON.stringify(model, null, 1) + '\n');
  return cv.report + `\nmodel fitted on all articles written to ${file}\n`;
}

/** Thresholds tried when one is chosen (CV) for showing events. */
const THRESHOLDS = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6];

/** F-beta with beta = 0.5: precision weighs twice recall (the issue asks for precision first). */
const fHalf = (p: number, r: number): number => (p + r ? (1.25 * p * r) / (0.25 * p + r) : 0);

/**
 * Out-of-fold confidences for the events of `articles` (folds by article, round-robin), and the
 * threshold that maximises F0.5 of the shown events over those articles.
 */
function chooseThreshold(preds: NewsPred[], feats: number[][], labels: boolean[], gold: ReturnType<typeof parseNewsGold>, articles: string[], k: number): number {
  const fold = new Map(articles.map((a, i) => [a, i % k]));
  const idx = preds.map((_, i) => i).filter((i) => fold.has(preds[i]!.article));
  const conf = new Map<number, number>();
  for (let f = 0; f < k; f++) {
    const train = idx.filter((i) => fold.get(preds[i]!.article) !== f);
    const m = fitConfidence(train.map((i) => feats[i]!), train.map((i) => labels[i]!));
    for (const i of idx) if (fold.get(preds[i]!.article) === f) conf.set(i, predict(m, feats[i]!));
  }
  const g = gold.filter((x) => fold.has(x.article));
  let best = 0;
  let bestF = -1;
  for (const t of THRESHOLDS) {
    const st = scoreNews(idx.filter((i) => conf.get(i)! >= t).map((i) => preds[i]!), g);
    const x = prf(st.quad, st.shown, st.gold);
    if (fHalf(x.p, x.r) > bestF + 1e-9) (bestF = fHalf(x.p, x.r)), (best = t);
  }
  return best;
}

/**
 * Nested cross-validation of the shown events: articles in `k` folds; for each, the model is fitted
 * and the threshold chosen (inner CV, F0.5) on the other folds only, then the held-out fold's events
 * are shown when their confidence reaches that threshold. Returns the report and the threshold
 * chosen the same way on all articles (the shipped one).
 */
function nestedCv(preds: NewsPred[], feats: number[][], gold: ReturnType<typeof parseNewsGold>, ids: string[], k: number): { report: string; threshold: number } {
  const labels = scoreNews(preds, gold).correct;
  const fold = new Map(ids.map((a, i) => [a, i % k]));
  const shown: NewsPred[] = [];
  const lines = [`nested ${k}-fold CV by article (model and threshold chosen on the other folds; threshold by inner ${k - 1}-fold CV, F0.5):`, 'fold  threshold  shown  right'];
  for (let f = 0; f < k; f++) {
    const trainIds = ids.filter((a) => fold.get(a) !== f);
    const t = chooseThreshold(preds, feats, labels, gold, trainIds, k - 1);
    const train = preds.map((_, i) => i).filter((i) => fold.get(preds[i]!.article) !== f);
    const m = fitConfidence(train.map((i) => feats[i]!), train.map((i) => labels[i]!));
    const test = preds.map((_, i) => i).filter((i) => fold.get(preds[i]!.article) === f);
    const mine = test.filter((i) => predict(m, feats[i]!) >= t).map((i) => ({ ...preds[i]!, confidence: predict(m, feats[i]!) }));
    shown.push(...mine);
    const st = scoreNews(mine, gold.filter((x) => fold.get(x.article) === f));
    lines.push(`${String(f).padEnd(5)} ${t.toFixed(2).padEnd(10)} ${String(mine.length).padEnd(6)} ${st.quad}`);
  }
  const st = scoreNews(shown, gold);
  const x = prf(st.quad, st.shown, st.gold);
  const all = prf(scoreNews(preds, gold).quad, preds.length, gold.length);
  lines.push(`shown (pooled over folds): ${st.shown} events, ${st.quad} right: P ${x.p.toFixed(3)}  R ${x.r.toFixed(3)}  F1 ${x.f.toFixed(3)}`);
  lines.push(`every coded event:         ${preds.length} events: P ${all.p.toFixed(3)}  R ${all.r.toFixed(3)}  F1 ${all.f.toFixed(3)}`);
  // Out-of-fold confidences over all articles: how well the model ranks (precision and recall by threshold).
  const oof = preds.map((p) => ({ ...p }));
  for (let f = 0; f < k; f++) {
    const train = preds.map((_, i) => i).filter((i) => fold.get(preds[i]!.article) !== f);
    const m = fitConfidence(train.map((i) => feats[i]!), train.map((i) => labels[i]!));
    preds.forEach((p, i) => {
      if (fold.get(p.article) === f) oof[i]!.confidence = predict(m, feats[i]!);
    });
  }
  lines.push('', 'out-of-fold confidences: threshold  shown  P      R');
  for (const t of THRESHOLDS) {
    const o = scoreNews(oof.filter((p) => p.confidence >= t), gold);
    const x2 = prf(o.quad, o.shown, o.gold);
    lines.push(`                         ${t.toFixed(2)}       ${String(o.shown).padEnd(6)} ${x2.p.toFixed(3)}  ${x2.r.toFixed(3)}`);
  }
  const threshold = chooseThreshold(preds, feats, labels, gold, ids, k);
  lines.push(`threshold chosen the same way on all articles: ${threshold}`);
  return { report: lines.join('\n') + '\n', threshold };
}

/** The shipped development set (offsets and codes only) and where the PTC articles usually are. */
const NEWS_GOLD = 'data/ptc-events/events.tsv';
const NEWS_ARTICLES = '../shared/data/ptc/train/articles';

export const evalNewsEventsCommand: Command = {
  name: 'eval news-events',
  summary: 'Precision and recall of the events slant shows on the real-news development set (data/ptc-events)',
  usage: `Usage: slant eval news-events [--gold data/ptc-events/events.tsv] [--articles <dir>] [--threshold x | --all] [--half tune|test] [--errors]
       slant eval news-events --cv K                       nested K-fold CV of the shown events
       slant eval news-events --fit-confidence <file.json> [--cv K]   fit the model and threshold (CV), write them

Runs sentences, actors and events on every annotated PTC article (article<ID>.txt in --articles,
default ${NEWS_ARTICLES}) and scores the events shown (confidence at or above the display
threshold, ${SHOW_THRESHOLD} by default, and not a CAMEO 01 statement; --all: every event) against the gold events (offsets and
codes; docs/annotation-guideline-events.md). Right = same article, the evidence sentence overlaps
the gold evidence, the actors match at country level (either order when symmetric) and the quad
class matches; the root view also needs the CAMEO root. Also prints precision and recall at
several thresholds, and per coder path (via). --errors lists false events on stderr. --half
scores one half of the articles (alternate ones): 'tune' is the half rules and confidences were
developed on, 'test' the held-out half.`,
  async run(argv) {
    const { values } = args(argv, { gold: { type: 'string' }, articles: { type: 'string' }, threshold: { type: 'string' }, all: { type: 'boolean' }, errors: { type: 'boolean' }, half: { type: 'string' }, 'fit-confidence': { type: 'string' }, cv: { type: 'string' } });
    const folds = values.cv !== undefined ? Number(values.cv) : 5;
    if (!Number.isInteger(folds) || folds < 3 || folds > 50) fail(E.BAD_ARGUMENT, `--cv must be a whole number of folds from 3 to 50, got "${values.cv}"`);
    const fitOut = values['fit-confidence'];
    if (fitOut !== undefined && values.half) fail(E.BAD_ARGUMENT, '--fit-confidence uses both halves itself; leave out --half');
    const goldPath = values.gold ?? NEWS_GOLD;
    if (values.half !== undefined && values.half !== 'tune' && values.half !== 'test') fail(E.BAD_ARGUMENT, `--half must be tune or test, got "${values.half}"`);
    const dir = values.articles ?? NEWS_ARTICLES;
    if (!existsSync(goldPath)) fail(E.FILE_NOT_FOUND, `no such file: ${goldPath}`);
    if (!existsSync(dir)) fail(E.FILE_NOT_FOUND, `no such directory: ${dir} (give --articles <PTC train articles dir>)`);
    const threshold = values.all ? 0 : values.threshold !== undefined ? Number(values.threshold) : SHOW_THRESHOLD;
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) fail(E.BAD_ARGUMENT, `--threshold must be a number in [0, 1], got "${values.threshold}"`);
    let gold;
    try {
      gold = parseNewsGold(readText(goldPath), goldPath);
    } catch (err) {
      fail(E.BAD_DATA_FILE, (err as Error).message);
    }
    const listPath = join(dirname(goldPath), 'articles.txt');
    let ids = existsSync(listPath) ? readText(listPath).split('\n').filter((l) => l.trim() && !l.startsWith('#')) : [...new Set(gold.map((g) => g.article))];
    // Two halves (alternate articles in list order): rules and confidences are tuned on 'tune' only; 'test' is held out.
    if (values.half) {
      ids = ids.filter((_, i) => (i % 2 === 0) === (values.half === 'tune'));
      const keep = new Set(ids);
      gold = gold.filter((g) => keep.has(g.article));
    }
    // The parse adds each event's tree verdict (a confidence feature); without a usable parser model it is left out.
    let pipeline;
    try {
      pipeline = await createPipeline(['sentences', 'parse', 'actors', 'events']);
    } catch (err) {
      if (!(err instanceof SlantError)) throw err;
      process.stderr.write(`slant: no parse (${err.line()}); tree-support figures left out\n`);
      pipeline = await createPipeline(['sentences', 'actors', 'events']);
    }
    const preds: NewsPred[] = [];
    const support: string[] = [];
    const feats: number[][] = [];
    const texts = new Map<string, string>();
    for (const id of ids) {
      const file = join(dir, `article${id}.txt`);
      if (!existsSync(file)) fail(E.FILE_NOT_FOUND, `no such article: ${file}`);
      const raw = readFileSync(file, 'utf8');
      texts.set(id, raw);
      const doc = pipeline.run(await toDoc({ text: raw, id }));
      // Offsets in the gold count code points of the original file.
      const cpOf = (i: number): number => Array.from(raw.slice(0, doc.toOriginal(i))).length;
      const actorSpans = doc.spans('actors');
      for (const e of doc.spans('events')) {
        const d = e.data;
        const inSentence = actorSpans.filter((a) => a.start >= e.start && a.end <= e.end).length;
        const sup = supportOf(d.tree);
        feats.push(eventFeatures({ ...d, code: d.cameo }, e, inSentence, sup));
        support.push(d.tree ?? 'unparsed');
        preds.push({ article: id, start: cpOf(e.start), end: cpOf(e.end), source: d.source, target: d.target, code: d.cameo, via: d.via, symmetric: d.symmetric, confidence: e.confidence, factivity: d.factivity.value, modality: d.modality });
      }
    }
    // The model and threshold are fitted on the events that can be shown (CAMEO 01 statements never are by default).
    const can = preds.map((_, i) => i).filter((i) => !preds[i]!.code.startsWith('01'));
    if (fitOut !== undefined) {
      await out(fitAndReport(can.map((i) => preds[i]!), can.map((i) => feats[i]!), gold, ids, folds, fitOut));
      return 0;
    }
    if (values.cv !== undefined) {
      await out(nestedCv(can.map((i) => preds[i]!), can.map((i) => feats[i]!), gold, ids, folds).report);
      return 0;
    }
    const shown = preds.filter((p) => p.confidence >= threshold && (values.all || values.threshold !== undefined || !p.code.startsWith('01')));
    const s = scoreNews(shown, gold);
    const q = prf(s.quad, s.shown, s.gold);
    const r = prf(s.root, s.shown, s.gold);
    const f3 = (x: number): string => x.toFixed(3);
    const lines = [
      `gold: ${goldPath} (${ids.length} articles, ${gold.length} events); shown: confidence >= ${threshold} (${s.shown} of ${preds.length} events)`,
      'view                 P      R      F1     hits',
      `dyad + quad class    ${f3(q.p)}  ${f3(q.r)}  ${f3(q.f)}  ${s.quad}`,
      `dyad only            ${f3(prf(s.dyad, s.shown, s.gold).p)}  ${f3(prf(s.dyad, s.shown, s.gold).r)}  ${f3(prf(s.dyad, s.shown, s.gold).f)}  ${s.dyad}`,
      `dyad + root code     ${f3(r.p)}  ${f3(r.r)}  ${f3(r.f)}  ${s.root}`,
      `factivity agrees on ${s.factivity} of ${s.quad} right events`,
      '',
      'threshold  shown  P      R',
    ];
    for (const t of [0, 0.3, 0.4, 0.5, 0.6, 0.7]) {
      const sub = preds.filter((p) => p.confidence >= t);
      const st = scoreNews(sub, gold);
      const x = prf(st.quad, st.shown, st.gold);
      lines.push(`${t.toFixed(2)}       ${String(st.shown).padEnd(6)} ${f3(x.p)}  ${f3(x.r)}`);
    }
    const all = scoreNews(preds, gold);
    lines.push('', 'parse support (all events)  n    right');
    for (const k of ['agrees', 'differs', 'silent', 'unparsed']) {
      const idx = preds.map((_, i) => i).filter((i) => support[i] === k);
      lines.push(`${k.padEnd(27)} ${String(idx.length).padEnd(4)} ${idx.filter((i) => all.correct[i]).length}`);
    }
    const vias = new Map<string, { n: number; ok: number }>();
    preds.forEach((p, i) => {
      const v = vias.get(p.via.split('+')[0]!) ?? { n: 0, ok: 0 };
      v.n++;
      if (all.correct[i]) v.ok++;
      vias.set(p.via.split('+')[0]!, v);
    });
    lines.push('', 'via (all events)  n    right');
    for (const [v, c] of [...vias].sort((a, b) => b[1].n - a[1].n)) lines.push(`${v.padEnd(17)} ${String(c.n).padEnd(4)} ${c.ok}`);
    if (values.errors) {
      const errs: string[] = [];
      shown.forEach((p, i) => {
        if (s.correct[i] && !process.env.SLANT_SHOW_RIGHT) return;
        const t = texts.get(p.article)!;
        errs.push(`${s.correct[i] ? 'RIGHT' : 'FALSE'} ${p.article} ${p.source}>${p.target} ${p.code} ${p.via} ${p.confidence.toFixed(2)} | ${Array.from(t).slice(p.start, p.end).join('').slice(0, 160).replace(/\s+/g, ' ')}`);
      });
      process.stderr.write(errs.join('\n') + '\n');
    }
    await out(lines.join('\n') + '\n');
    return 0;
  },
};

export const relationsCommands: Command[] = [eventsCommand, evalEventsCommand, evalNewsEventsCommand];
