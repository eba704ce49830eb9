#!/usr/bin/env node
/**
 * Event coder speed: sentences per CPU-second (median of runs; CPU time of this process, so other
 * jobs on a shared machine count less than in wall-clock time).
 *
 *   npm run build && node bench/events.mjs [--runs 7] [--sentences 4000]
 *
 * The sentences are generated from templates written for this benchmark (no third-party text):
 * news-like length (20-40 words), actors, verbs from the CAMEO dictionary, clauses, quotes.
 * Three figures: the coder alone (mentions given), actor recognition + coder, and the events as
 * the pipeline runs them with the parse: dependency parse + actors + coder with the parse check of
 * each event (coder/tree-args.ts), parsing every sentence or only those with two or more actor
 * mentions. The parse figure is the issue-12 target (>= 2,000 sentences/s including parsing); when no
 * usable parser model is present it is reported as unavailable.
 */
import { ActorDictionary } from '../dist/actors/dictionary.js';
import { codeSentence } from '../dist/relations/coder.js';
import { loadDefaultLexicon } from '../dist/relations/lexicon.js';
import { splitSentences } from '../dist/sentences/index.js';
import { cpus } from 'node:os';
import { actors, eventSentences, verbs } from './event-sentences.mjs';

const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
};
const RUNS = opt('runs', 7);
const N = opt('sentences', 4000);

const sentences = eventSentences(N);
const text = sentences.join(' ');
const spans = splitSentences(text);
const dict = ActorDictionary.default();
const lex = loadDefaultLexicon();
const mentions = spans.map((s) => dict.find(text, { start: s.start, end: s.end }).map((m) => ({ start: m.start, end: m.end, code: m.code })));

const median = (xs) => xs.slice().sort((x, y) => x - y)[Math.floor(xs.length / 2)];
function time(fn) {
  const out = [];
  fn(); // warm-up
  for (let r = 0; r < RUNS; r++) {
    // CPU time of this process (user + system): on a shared machine it does not count other jobs' time.
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    out.push((c.user + c.system) / 1000);
  }
  return median(out);
}
let events = 0;
const coderMs = time(() => {
  events = 0;
  for (let i = 0; i < spans.length; i++) events += codeSentence(text, spans[i].start, spans[i].end, mentions[i], lex).length;
});
const fullMs = time(() => {
  for (const s of spans) codeSentence(text, s.start, s.end, dict.find(text, { start: s.start, end: s.end }).map((m) => ({ start: m.start, end: m.end, code: m.code })), lex);
});
// Parse + actors + coder with the parse check of each event (tree mode 'check'), as the events
// component runs after the parse component; and the cheaper way of parsing only the sentences with
// at least two actor mentions (the only ones that can hold an event between actors).
let parseMs = null;
let parse2Ms = null;
let parsed2 = 0;
let parseNote = '';
try {
  const { defaultModel, parseSentences, sentenceTrees } = await import('../dist/syntax/index.js');
  const { Doc } = await import('../dist/core/document.js');
  const model = defaultModel();
  const run = (only2) => {
    const found = spans.map((s) => dict.find(text, { start: s.start, end: s.end }).map((m) => ({ start: m.start, end: m.end, code: m.code })));
    const chosen = only2 ? spans.filter((_, i) => found[i].length >= 2) : spans;
    parsed2 = chosen.length;
    const { tokens, syntax } = parseSentences(model, text, chosen);
    const doc = new Doc(text);
    doc.setLayer('tokens', tokens);
    doc.setLayer('syntax', syntax);
    const trees = sentenceTrees(doc);
    let t = 0;
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i];
      while (t < trees.length && trees[t].end <= s.start) t++;
      const tree = trees[t] && trees[t].start < s.end ? trees[t] : undefined;
      codeSentence(text, s.start, s.end, found[i], lex, { treeMode: 'check' }, tree);
    }
  };
  parseMs = time(() => run(false));
  parse2Ms = time(() => run(true));
} catch (err) {
  parseNote = ` (no usable parser model: ${String(err.message ?? err).slice(0, 80)})`;
}
// Worst case: a 2,000-word run-on sentence full of actors and verbs.
const runOn = Array.from({ length: 200 }, (_, i) => `${actors[i % actors.length]} ${verbs[i % verbs.length]} ${actors[(i + 3) % actors.length]}`).join(' and ').slice(0, 14000);
const runMentions = dict.find(runOn).map((m) => ({ start: m.start, end: m.end, code: m.code }));
const runOnMs = time(() => codeSentence(runOn, 0, runOn.length, runMentions, lex));

console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores), node ${process.version}`);
console.log(`sentences: ${spans.length} (${(text.length / spans.length).toFixed(0)} chars each), events coded: ${events}, runs: ${RUNS} (median)`);
console.log(`coder only (mentions given):   ${(spans.length / (coderMs / 1000)).toFixed(0)} sentences/s`);
console.log(`actors + coder:                ${(spans.length / (fullMs / 1000)).toFixed(0)} sentences/s`);
console.log(`parse + actors + coder + tree: ${parseMs === null ? 'unavailable' + parseNote : (spans.length / (parseMs / 1000)).toFixed(0) + ' sentences/s'}`);
console.log(`same, parsing only sentences with >= 2 actor mentions (${parsed2} of ${spans.length}): ${parse2Ms === null ? 'unavailable' : (spans.length / (parse2Ms / 1000)).toFixed(0) + ' sentences/s'}`);
console.log(`2,000-word run-on sentence:    ${runOnMs.toFixed(1)} ms`);
