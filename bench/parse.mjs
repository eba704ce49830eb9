// Speed of the syntax model on one core: model load, tagging + parsing with given tokens, and the
// whole path from raw text (tokenise + tag + parse + label + lemmas). Medians of 5 runs; peak RSS.
// Usage: node bench/parse.mjs [file.conllu] [--runs N] [--model F] [--beams 1,2,4,8]   (build first: npm run build)
// --beams: also time tagging + parsing at each parser beam width (default: 1 only).
// Default input: the UD English EWT dev split (not shipped; any CoNLL-U file with "# text" lines works).
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { readConllu } from '../dist/syntax/conllu.js';
import { loadModelBytes, DEFAULT_MODEL_URL } from '../dist/syntax/model.js';
import { tokenize } from '../dist/syntax/tokenizer.js';

const args = process.argv.slice(2);
const opt = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const runs = Number(opt('--runs') ?? 5);
const beams = (opt('--beams') ?? '1').split(',').map(Number);
const modelFile = opt('--model');
const file = args.find((a, i) => !a.startsWith('--') && !['--runs', '--beams', '--model'].includes(args[i - 1])) ?? '/work/shared/data/ud/en_ewt-ud-dev.conllu';
const sents = readConllu(readFileSync(file, 'utf8'), file);
const words = sents.map((s) => s.words.map((w) => w.form));
const texts = sents.map((s) => s.text ?? s.words.map((w) => w.form).join(' '));
const nWords = words.reduce((a, w) => a + w.length, 0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// CPU time of this process (ms): on a shared machine wall time also counts waiting for a core.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Median wall and CPU milliseconds of `runs` calls of fn. */
function time(fn) {
  const wall = [];
  const cpu = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const c = cpuMs();
    fn();
    wall.push(performance.now() - t);
    cpu.push(cpuMs() - c);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const bytes = readFileSync(modelFile ?? DEFAULT_MODEL_URL);
const loads = [];
let model;
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  model = loadModelBytes(bytes);
  loads.push(performance.now() - t);
}
// warm-up
for (const w of words.slice(0, 300)) model.analyze(w);

const tagParse = time(() => {
  for (const w of words) model.analyze(w);
});
const rate = (n, ms) => Math.round(n / (ms / 1000));
const byBeam = {};
for (const b of beams.filter((b) => b > 1)) {
  model.beam = b;
  const t = time(() => {
    for (const w of words) model.analyze(w);
  });
  byBeam[b] = { wordsPerSec: rate(nWords, t.wall), wordsPerCpuSec: rate(nWords, t.cpu) };
}
model.beam = 1;
let rawTokens = 0;
const raw = time(() => {
  rawTokens = 0;
  for (const text of texts) {
    const toks = tokenize(text);
    rawTokens += toks.length;
    if (toks.length) model.analyze(toks.map((x) => x.form));
  }
});
const tokOnly = time(() => {
  for (const text of texts) tokenize(text);
});
const result = {
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
  input: `${file}: ${sents.length} sentences, ${nWords} words`,
  modelBytes: bytes.length,
  loadMs: Math.round(median(loads)),
  tagParseWordsPerSec: rate(nWords, tagParse.wall),
  tagParseWordsPerCpuSec: rate(nWords, tagParse.cpu),
  rawTextTokensPerSec: rate(rawTokens, raw.wall),
  rawTextTokensPerCpuSec: rate(rawTokens, raw.cpu),
  tokenizerTokensPerSec: rate(rawTokens, tokOnly.wall),
  ...(Object.keys(byBeam).length ? { tagParseByBeamWidth: byBeam } : {}),
  loadAvg: (await import('node:os')).loadavg()[0].toFixed(1),
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  runs,
};
console.log(JSON.stringify(result, null, 2));
