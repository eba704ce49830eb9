#!/usr/bin/env node
// The event coder of several builds on the same sentences, in one process, alternately (issue 15:
// a fair comparison on a shared machine; CPU time, median of 7 rounds). The sentences are
// bench/events.mjs's generated templates (no third-party text); the first build's sentence
// splitter and actor dictionary give every build the same mentions.
//
// Usage: npm run build && nice -n 10 node bench/coder-compare.mjs . /tmp/wt-<rev> [...]
//   MODE=full also times actor recognition per sentence (actors + coder).
import { eventSentences } from './event-sentences.mjs';
const roots = process.argv.slice(2).map((r) => (r.startsWith('/') ? r : new URL(`../${r}`, import.meta.url).pathname.replace(/\/$/, '')));
if (roots.length === 0) roots.push(new URL('..', import.meta.url).pathname.replace(/\/$/, ''));
const mods = [];
for (const root of roots) {
  const { ActorDictionary } = await import(root + '/dist/actors/dictionary.js');
  const { codeSentence } = await import(root + '/dist/relations/coder.js');
  const { loadDefaultLexicon } = await import(root + '/dist/relations/lexicon.js');
  const { splitSentences } = await import(root + '/dist/sentences/index.js');
  mods.push({ root, ActorDictionary, codeSentence, lex: loadDefaultLexicon(), splitSentences });
}
const sentences = eventSentences(4000);
const text = sentences.join(' ');
const m0 = mods[0];
const spans = m0.splitSentences(text);
const dict = m0.ActorDictionary.default();
const mentions = spans.map((s) => dict.find(text, { start: s.start, end: s.end }).map((m) => ({ start: m.start, end: m.end, code: m.code })));
const res = mods.map(() => []);
const mode = process.env.MODE ?? 'coder';
for (let round = 0; round < 7; round++) {
  mods.forEach((m, k) => {
    const d = m.ActorDictionary.default();
    const c0 = process.cpuUsage();
    let ev = 0;
    for (let i = 0; i < spans.length; i++) {
      const ms = mode === 'coder' ? mentions[i] : d.find(text, { start: spans[i].start, end: spans[i].end }).map((x) => ({ start: x.start, end: x.end, code: x.code }));
      ev += m.codeSentence(text, spans[i].start, spans[i].end, ms, m.lex).length;
    }
    const c = process.cpuUsage(c0);
    res[k].push(spans.length / ((c.user + c.system) / 1e6));
    if (round === 0) console.log(m.root, 'events', ev);
  });
}
const med = (xs) => xs.slice().sort((a, b) => a - b)[3];
mods.forEach((m, k) => console.log(m.root, mode, med(res[k]).toFixed(0), 'sentences per CPU-second', res[k].map((x) => x.toFixed(0)).join(' ')));
