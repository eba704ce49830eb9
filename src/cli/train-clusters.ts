/** `slant train clusters`: word clusters from unlabelled text, for the tagger and parser's features. */
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { args, out, type Command } from './command.js';
import { E, fail } from '../core/errors.js';
import { splitSentences } from '../sentences/index.js';
import { exchangeClusters, normWord } from '../syntax/clusters.js';
import { readConllu } from '../syntax/conllu.js';
import { tokenize } from '../syntax/tokenizer.js';

/** String fields of JSON records that hold prose. */
const PROSE_KEYS = new Set(['title', 'summary', 'text', 'articleBody', 'body']);
const MAX_FILES = 100_000;

function prose(v: unknown, acc: string[], depth = 0): void {
  if (depth > 6 || v === null || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (typeof x === 'string' && PROSE_KEYS.has(k)) acc.push(x);
    else prose(x, acc, depth + 1);
  }
}

async function files(path: string, acc: string[]): Promise<void> {
  if (acc.length >= MAX_FILES) return;
  const st = await stat(path).catch(() => fail(E.FILE_NOT_FOUND, `no such file or folder: ${path}`));
  if (!st.isDirectory()) {
    acc.push(path);
    return;
  }
  for (const name of (await readdir(path)).sort()) await files(join(path, name), acc);
}

function textSentences(text: string, acc: string[][]): void {
  for (const s of splitSentences(text)) {
    const toks = tokenize(text.slice(s.start, s.end)).map((t) => normWord(t.form));
    if (toks.length) acc.push(toks);
  }
}

export const trainClustersCommand: Command = {
  name: 'train clusters',
  summary: 'Word clusters (exchange algorithm) from unlabelled text, for the parser',
  usage: `Usage: slant train clusters --out <file.tsv> <file|dir>...

  Reads *.txt (prose), *.jsonl / *.json (the title, summary, text and articleBody fields) and
  *.conllu (word forms) under the given paths, tokenises them as the parser does, and writes
  "word<TAB>fine class<TAB>coarse class" for every word seen at least --min-count times.

  --fine N        classes of the fine clustering (default 256)
  --coarse N      classes of the coarse clustering (default 32)
  --min-count N   (default 3)
  --passes N      at most N passes of the exchange algorithm (default 15)

Deterministic: the same text and options give the same table.`,
  async run(argv) {
    const { values, positionals } = args(argv, {
      out: { type: 'string' },
      fine: { type: 'string' },
      coarse: { type: 'string' },
      'min-count': { type: 'string' },
      passes: { type: 'string' },
    });
    if (!values.out) fail(E.BAD_ARGUMENT, '--out <file.tsv> is required');
    if (!positionals.length) fail(E.BAD_ARGUMENT, 'give at least one file or folder of text');
    const num = (v: string | undefined, name: string, d: number, max: number): number => {
      if (v === undefined) return d;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 2 || n > max) fail(E.BAD_ARGUMENT, `--${name} must be an integer from 2 to ${max}, not "${v}"`);
      return n;
    };
    const fine = num(values.fine, 'fine', 256, 4096);
    const coarse = num(values.coarse, 'coarse', 32, 4096);
    const minCount = num(values['min-count'], 'min-count', 3, 1000);
    const passes = num(values.passes, 'passes', 15, 100);
    const paths: string[] = [];
    for (const p of positionals) await files(p, paths);
    const sents: string[][] = [];
    for (const p of paths) {
      const src = await readFile(p, 'utf8');
      if (p.endsWith('.conllu')) for (const s of readConllu(src, p)) sents.push(s.words.map((w) => normWord(w.form)));
      else if (p.endsWith('.jsonl') || p.endsWith('.json')) {
        const texts: string[] = [];
        const records = p.endsWith('.json') ? [src] : src.split('\n');
        for (const line of records) {
          if (!line.trim()) continue;
          try {
            prose(JSON.parse(line), texts);
          } catch {
            fail(E.BAD_DATA_FILE, `${p} holds a line that is not JSON`);
          }
        }
        for (const t of texts) textSentences(t, sents);
      } else if (p.endsWith('.txt')) textSentences(src, sents);
    }
    const words = sents.reduce((a, s) => a + s.length, 0);
    if (words < 1000) fail(E.BAD_DATA_FILE, `only ${words} words of text found: too few to cluster`);
    const log = (m: string): void => void process.stderr.write(`${m}\n`);
    log(`${paths.length} files, ${sents.length} sentences, ${words} words`);
    const f = exchangeClusters(sents, { classes: fine, minCount, iterations: passes, log });
    const c = exchangeClusters(sents, { classes: coarse, minCount, iterations: passes, log });
    const lines = [...f.keys()].sort().map((w) => `${w}\t${f.get(w)}\t${c.get(w)}`);
    const head = `# word clusters: exchange algorithm, ${fine} and ${coarse} classes, words seen >= ${minCount} times in ${words} words of text\n`;
    const tmp = `${values.out}.tmp-${process.pid}`;
    await writeFile(tmp, head + lines.join('\n') + '\n');
    await rename(tmp, values.out);
    await out(`wrote ${values.out} (${lines.length} words)\n`);
    return 0;
  },
};
