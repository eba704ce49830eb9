#!/usr/bin/env node
/**
 * Event coder speed: sentences per second on one core (median of runs).
 *
 *   npm run build && node bench/events.mjs [--runs 7] [--sentences 4000]
 *
 * The sentences are generated from templates written for this benchmark (no third-party text):
 * news-like length (20-40 words), actors, verbs from the CAMEO dictionary, clauses, quotes.
 * Three figures: the coder alone (mentions given), actor recognition + coder, and the events as
 * the default pipeline runs them: dependency parse + actors + coder + the parse check of each event
 * (coder/tree.ts). The last is the issue-12 target (>= 2,000 sentences/s including parsing); when no
 * usable parser model is present it is reported as unavailable.
 */
import { ActorDictionary } from '../dist/actors/dictionary.js';
import { codeSentence } from '../dist/relations/coder.js';
import { loadDefaultLexicon } from '../dist/relations/lexicon.js';
import { splitSentences } from '../dist/sentences/index.js';
import { cpus } from 'node:os';
import { treeSupport } from '../dist/relations/coder/tree.js';
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
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
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
// Parse + actors + coder + tree check, as the events component runs after the parse component.
let parseMs = null;
let parseNote = '';
try {
  const { defaultModel, parseSentences, sentenceTrees } = await import('../dist/syntax/index.js');
  const { Doc } = await import('../dist/core/document.js');
  const model = defaultModel();
  parseMs = time(() => {
    const { tokens, syntax } = parseSentences(model, text, spans);
    const doc = new Doc(text);
    doc.setLayer('tokens', tokens);
    doc.setLayer('syntax', syntax);
    const trees = sentenceTrees(doc);
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i];
      const ms = dict.find(text, { start: s.start, end: s.end }).map((m) => ({ start: m.start, end: m.end, code: m.code }));
      for (const e of codeSentence(text, s.start, s.end, ms, lex)) treeSupport(trees[i], e);
    }
  });
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
console.log(`2,000-word run-on sentence:    ${runOnMs.toFixed(1)} ms`);
