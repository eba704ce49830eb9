/**
 * `slant parse`: tokens, tags, lemmas and dependency trees as CoNLL-U, from raw text (files,
 * folders, standard input) or from already tokenised CoNLL-U (`--input-format conllu`).
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { args, out, type Command } from './command.js';
import { E, fail } from '../core/errors.js';
import { toDoc } from '../analyze.js';
import { loadInput } from '../input/load.js';
import { splitSentences } from '../sentences/index.js';
import { readConllu, writeConllu, type Sentence } from '../syntax/conllu.js';
import { defaultModel, loadModelFile, type SyntaxModel } from '../syntax/model.js';
import { looksEnglish, parseSentences, reparse } from '../syntax/index.js';
import { MAX_BEAM } from '../syntax/beam.js';

export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail(E.FILE_NOT_FOUND, code === 'ENOENT' ? `no such ${what}: ${path}` : `cannot read ${what} ${path}: ${code ?? (err as Error).message}`);
  }
}

export function modelFrom(path: string | undefined): SyntaxModel {
  return path ? loadModelFile(path) : defaultModel();
}

/** CoNLL-U sentences for a raw text (sentence split, tokenised, parsed). */
export function parseText(model: SyntaxModel, text: string, id: string): Sentence[] {
  const sentences = splitSentences(text);
  const { tokens, syntax } = parseSentences(model, text, sentences);
  return syntax.map((s, k) => {
    const toks = tokens.slice(s.data.first, s.data.first + s.data.count);
    return {
      comments: [`# sent_id = ${id}-${k + 1}`, `# text = ${text.slice(s.start, s.end).replace(/\s+/g, ' ')}`],
      text: null,
      multi: [],
      words: toks.map((t, i) => {
        const next = i + 1 < toks.length ? toks[i + 1]!.start : t.end + 1;
        return {
          form: text.slice(t.start, t.end).replace(/\s/g, ''),
          lemma: t.data.lemma,
          upos: t.data.upos,
          xpos: t.data.xpos,
          feats: '_',
          head: t.data.head < 0 ? 0 : t.data.head - s.data.first + 1,
          deprel: t.data.deprel,
          deps: '_',
          misc: next === t.end ? 'SpaceAfter=No' : '_',
        };
      }),
    };
  });
}

async function inputsOf(target: string): Promise<Array<{ id: string; arg: string }>> {
  if (target === '-') return [{ id: 'stdin', arg: '-' }];
  let isDir = false;
  try {
    isDir = (await stat(target)).isDirectory();
  } catch {
    fail(E.FILE_NOT_FOUND, `no such file or folder: ${target}`);
  }
  if (!isDir) return [{ id: target.split('/').pop()!.replace(/\.[^.]*$/, ''), arg: target }];
  const names = (await readdir(target)).filter((n) => !n.startsWith('.')).sort();
  const files: Array<{ id: string; arg: string }> = [];
  for (const n of names) if ((await stat(join(target, n))).isFile()) files.push({ id: n.replace(/\.[^.]*$/, ''), arg: join(target, n) });
  if (!files.length) fail(E.FILE_NOT_FOUND, `no files in ${target}`);
  return files;
}

export const parseCommand: Command = {
  name: 'parse',
  summary: 'Tokens, tags, lemmas and dependency trees as CoNLL-U',
  usage: `Usage: slant parse <file | folder | -> [--model FILE] [--beam W]
       slant parse --input-format conllu <file.conllu> [--model FILE] [--beam W]

  <file>      a text, HTML or JSON article; a folder parses each file in it; - reads standard input
  --input-format conllu
              keep the tokens of a CoNLL-U file and replace UPOS, XPOS, LEMMA, HEAD and DEPREL
  --model F   a model made by "slant train parser" (default: the shipped English model)
  --beam W    parser beam width: 1 = greedy (default, the fastest); 4 was the most accurate on
              held-out data (+0.5 UAS / +0.6 LAS on the EWT dev split) at about 3x the parse time

Output: CoNLL-U, one block per sentence with "# sent_id" and "# text" lines; SpaceAfter=No where
the text has no space after a word. English only (other languages are parsed blind, with a warning).`,
  async run(argv) {
    const { values, positionals } = args(argv, {
      'input-format': { type: 'string', default: 'text' },
      model: { type: 'string' },
      beam: { type: 'string' },
    });
    const target = positionals[0];
    if (!target || positionals.length > 1) fail(E.BAD_ARGUMENT, 'give one file, folder or - (see slant parse --help)');
    const format = values['input-format'];
    if (format !== 'text' && format !== 'conllu') fail(E.BAD_ARGUMENT, `--input-format must be text or conllu, not "${format}"`);
    const model = modelFrom(values.model);
    setBeam(model, values.beam);
    if (format === 'conllu') {
      const src = target === '-' ? await readStdinText() : await readTextFile(target, 'file');
      const sents = readConllu(src, target);
      if (!sents.length) fail(E.EMPTY_INPUT, `${target} holds no CoNLL-U sentences`);
      await out(writeConllu(reparse(model, sents)));
      return 0;
    }
    for (const { id, arg } of await inputsOf(target)) {
      const doc = await toDoc(await loadInput(arg));
      if (!looksEnglish(doc)) process.stderr.write(`slant: warning: ${id} does not look like English; the parser is trained on English only\n`);
      await out(writeConllu(parseText(model, doc.text, id)));
    }
    return 0;
  },
};

/** Apply a --beam value (1 … MAX_BEAM) to the model. */
export function setBeam(model: SyntaxModel, value: string | undefined): void {
  if (value === undefined) return;
  const w = Number(value);
  if (!Number.isInteger(w) || w < 1 || w > MAX_BEAM) fail(E.BAD_ARGUMENT, `--beam must be an integer from 1 to ${MAX_BEAM}, not "${value}"`);
  model.beam = w;
}

async function readStdinText(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
