#!/usr/bin/env node
// The event coder of several builds on the same sentences, in one process, alternately (issue 15:
// a fair comparison on a shared machine; CPU time, median of 7 rounds). The sentences are
// bench/events.mjs's generated templates (no third-party text); the first build's sentence
// splitter and actor dictionary give every build the same mentions.
//
// Usage: npm run build && nice -n 10 node bench/coder-compare.mjs . /tmp/wt-<rev> [...]
//   MODE=full also times actor recognition per sentence (actors + coder).
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
const actors = ['Russia', 'China', 'the United States', 'Ukraine', 'the European Union', 'NATO', 'Iran', 'Israel', 'France', 'Germany', 'Japan', 'India', 'Turkey', 'Britain', 'the West', 'Moscow', 'Beijing', 'Washington', 'Chinese officials', 'Russian troops', 'the United Nations'];
const verbs = ['accused', 'criticized', 'praised', 'threatened to impose sanctions on', 'signed an agreement with', 'met', 'attacked', 'urged', 'rejected a proposal from', 'agreed to cooperate with', 'warned', 'condemned', 'visited', 'expelled diplomats from', 'pledged aid to', 'imposed sanctions on', 'held talks with', 'demanded an apology from', 'will not recognize', 'is pressuring'];
const tails = ['on Tuesday', 'over the border dispute', 'after weeks of tension', 'in a statement released by its foreign ministry', 'despite earlier promises', 'according to state media', 'amid growing concern about the economy', 'for the second time this month'];
const frames = [
  (a, v, b, t) => `${a} ${v} ${b} ${t}, officials said.`,
  (a, v, b, t) => `A spokesman said ${a} ${v} ${b} ${t} and would continue to monitor the situation closely.`,
  (a, v, b, t) => `“${a} ${v} ${b} ${t},” the minister told reporters in the capital on Monday.`,
  (a, v, b, t) => `Although talks had resumed, ${a} ${v} ${b} ${t}, which analysts described as a serious setback for relations between the two countries.`,
  (a, v, b, t) => `${b} was ${v.split(' ')[0]} by ${a} ${t}.`,
];
let seed = 42;
const rnd = (n) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
const sentences = [];
for (let i = 0; i < 4000; i++) { const a = actors[rnd(actors.length)]; let b = actors[rnd(actors.length)]; if (b === a) b = actors[(actors.indexOf(a) + 1) % actors.length]; sentences.push(frames[rnd(frames.length)](a, verbs[rnd(verbs.length)], b, tails[rnd(tails.length)])); }
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
