/**
 * Every CLI command, in the order `slant --help` lists them. One line per command: its name, the
 * one-line summary `slant --help` prints, and the module that holds it. Modules load only when their
 * command runs, so `slant --version` or `slant analyze` do not pay for the server, the database
 * drivers or the training code (commands.test.ts checks each summary against its module).
 */
import type { Command } from './command.js';

export interface CommandEntry {
  name: string;
  summary: string;
  /** Import the module and return the command. */
  load(): Promise<Command>;
}

type Module = Record<string, unknown>;

/** The command called `name` among a module's exports (a Command or an array of them). */
function pick(mod: Module, name: string): Command {
  for (const v of Object.values(mod)) {
    for (const c of Array.isArray(v) ? v : [v]) {
      if (c && typeof c === 'object' && (c as Command).name === name && typeof (c as Command).run === 'function') return c as Command;
    }
  }
  throw new Error(`command "${name}" not found in its module`);
}

const cmd = (name: string, summary: string, load: () => Promise<Module>): CommandEntry => ({ name, summary, load: () => load().then((m) => pick(m, name)) });

export const commands: CommandEntry[] = [
  cmd('analyze', 'Analyse articles: actors, relations, techniques, metadata', () => import('./analyze.js')),
  cmd('train techniques', 'Train the persuasion-technique model on a PTC split (seeded, reproducible)', () => import('./techniques.js')),
  cmd('eval techniques', 'Cross-validate the technique model on a PTC split (SI, TC, FLC, calibration)', () => import('./techniques.js')),
  cmd('techniques spans', 'SemEval SI: print propaganda spans of every article<ID>.txt (id, start, end)', () => import('./techniques.js')),
  cmd('techniques classify', 'SemEval TC: fill in the technique of every span of a template file', () => import('./techniques.js')),
  cmd('techniques detect', 'SemEval FLC: print spans with their technique (id, technique, start, end)', () => import('./techniques.js')),
  cmd('events', 'Code who does what to whom (CAMEO, Goldstein, quad, PLOVER) per sentence', () => import('./relations.js')),
  cmd('eval events', 'Score the event coder on gold records (exact triple, dyad+root, dyad+quad P/R/F1)', () => import('./relations.js')),
  cmd('eval news-events', 'Precision and recall of the events slant shows on the real-news development set (data/ptc-events)', () => import('./relations.js')),
  cmd('actors resolve', 'Resolve an actor phrase to its code: {code, country, sector, name}', () => import('./actors.js')),
  cmd('actors find', 'List the actor mentions in a text file (or - for standard input)', () => import('./actors.js')),
  cmd('eval actors', 'Actor resolution accuracy (country, sector, code) on NGEC-style cases', () => import('./actors.js')),
  cmd('serve', 'Start the web app and HTTP API on localhost (documents kept in SQLite)', () => import('./serve.js')),
  cmd('ingest', 'Add a collection to the corpus: folders, JSON Lines, CSV, RSS/Atom, WARC, sitemaps, URL lists', () => import('./ingest.js')),
  cmd('worker', 'Take queued documents from PostgreSQL, analyse and store them (run one per machine, or many)', () => import('./worker.js')),
  cmd('jobs', 'Show the job queue: queued, active, done, failed, dead letters and the rate', () => import('./worker.js')),
  cmd('copies', 'Republished copies in the corpus: families, earliest member, what each copy changed', () => import('./copies.js')),
  cmd('eval copies', 'Score near-copy detection on copies built from a folder of articles (pairwise P/R/F1)', () => import('./eval-copies.js')),
  cmd('extract', 'Article text and metadata (title, byline, date, language, credits) from web pages', () => import('./extract.js')),
  cmd('eval extraction', 'Score article extraction: shingle precision/recall/F1 and date accuracy', () => import('./extract.js')),
  cmd('stories', 'Groups of documents about the same story (shared words, names, actors, events, dates)', () => import('./stories.js')),
  cmd('timeline', 'Counts per day/week/month by outlet, technique, actor, event pair or narrative, with the documents behind each point', () => import('./timeline.js')),
  cmd('outlet', 'One outlet against the rest of the corpus: over-used techniques and words, actors and portrayals, graph, copies', () => import('./outlet.js')),
  cmd('export', 'Export a selection of the corpus as JSON Lines, CSV or W3C Web Annotations (JSON-LD)', () => import('./export.js')),
  cmd('eval similarity', 'Score the story similarity on SemEval-2022 Task 8 pairs (Pearson by cross-validation)', () => import('./eval-similarity.js')),
  cmd('eval narratives', 'Narrative classification by K-fold cross-validation by article (SemEval-2025 Task 10, subtask 2)', () => import('./eval-narratives.js')),
  cmd('eval roles', 'Entity roles by K-fold cross-validation by article (SemEval-2025 Task 10, subtask 1)', () => import('./eval-narratives.js')),
  cmd('train narratives', 'Train the narrative and role models on SemEval-2025 Task 10 data', () => import('./eval-narratives.js')),
  cmd('narratives classify', 'SemEval-2025 subtask 2: narratives and subnarratives of every <id>.txt of a folder', () => import('./narratives.js')),
  cmd('narratives roles', 'SemEval-2025 subtask 1: the role (Protagonist/Antagonist/Innocent, fine roles) of given entity mentions', () => import('./narratives.js')),
  cmd('narratives match', 'Match sentences to a narrative catalogue of your own (JSON or YAML), no training', () => import('./narratives.js')),
  cmd('claims import', 'Import known claims from a CSV (id, claim, date, outlets, keywords — EUvsDisinfo case-list shape)', () => import('./claims.js')),
  cmd('claims match', 'Find sentences that repeat known claims from the imported catalogue', () => import('./claims.js')),
  cmd('parse', 'Tokens, tags, lemmas and dependency trees as CoNLL-U', () => import('./parse.js')),
  cmd('eval parser', 'Score the tagger and parser on a gold CoNLL-U file (UPOS, UAS, LAS)', () => import('./eval-parser.js')),
  cmd('train parser', 'Train the tagger and dependency parser on a UD treebank (seeded, reproducible)', () => import('./train-parser.js')),
  cmd('train clusters', 'Word clusters (exchange algorithm) from unlabelled text, for the parser', () => import('./train-clusters.js')),
];
