/** `slant eval parser`: UPOS, UAS and LAS against a gold CoNLL-U file (CoNLL 2018 definitions). */
import { writeFile } from 'node:fs/promises';
import { args, out, type Command } from './command.js';
import { E, fail } from '../core/errors.js';
import { readConllu, writeConllu } from '../syntax/conllu.js';
import { predictGoldTokens, scoreRaw, scoreSame } from '../syntax/eval.js';
import { modelFrom, readTextFile, setBeam } from './parse.js';

export const evalParserCommand: Command = {
  name: 'eval parser',
  summary: 'Score the tagger and parser on a gold CoNLL-U file (UPOS, UAS, LAS)',
  usage: `Usage: slant eval parser --gold <file.conllu> [--raw] [--model FILE] [--out pred.conllu] [--json]

  --gold F    gold CoNLL-U (e.g. the UD English EWT dev split)
  --raw       start from each sentence's "# text" (tokenised by slant) and align words by
              character offsets; scores are F1 over words. Default: gold tokens, predicted tags.
  --model F   model file (default: the shipped English model)
  --beam W    parser beam width (default 1 = greedy; 4 scores best on held-out data, ~3x slower)
  --out F     also write the predicted CoNLL-U (check with /work/shared/tools/conll_score.py)
  --json      print the scores as JSON

LAS compares the main relation (before ':'); punctuation is included.`,
  async run(argv) {
    const { values } = args(argv, {
      gold: { type: 'string' },
      raw: { type: 'boolean', default: false },
      model: { type: 'string' },
      beam: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    if (!values.gold) fail(E.BAD_ARGUMENT, '--gold <file.conllu> is required');
    const gold = readConllu(await readTextFile(values.gold, 'gold file'), values.gold);
    if (!gold.length) fail(E.EMPTY_INPUT, `${values.gold} holds no CoNLL-U sentences`);
    const model = modelFrom(values.model);
    setBeam(model, values.beam);
    const t0 = performance.now();
    let scores;
    let predicted;
    if (values.raw) {
      const r = scoreRaw(model, gold);
      predicted = r.predicted;
      scores = { words: r.words, tokens: r.tokens, upos: r.upos, uas: r.uas, las: r.las };
    } else {
      predicted = predictGoldTokens(model, gold);
      scores = scoreSame(gold, predicted);
    }
    const seconds = (performance.now() - t0) / 1000;
    if (values.out) await writeFile(values.out, writeConllu(predicted));
    if (values.json) await out(JSON.stringify({ ...scores, mode: values.raw ? 'raw' : 'gold-tokens', seconds }) + '\n');
    else {
      const f = (x: number | undefined): string => (x === undefined ? '' : x.toFixed(4));
      await out(
        `mode: ${values.raw ? 'raw text (F1 over aligned words)' : 'gold tokens, predicted tags'}\n` +
          `words: ${scores.words}\n` +
          (values.raw ? `tokens F1: ${f(scores.tokens)}\n` : '') +
          `UPOS: ${f(scores.upos)}\nUAS: ${f(scores.uas)}\nLAS: ${f(scores.las)}\n`,
      );
    }
    return 0;
  },
};
