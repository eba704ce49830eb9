/** Reading and writing CoNLL-U (https://universaldependencies.org/format.html). */
import { E, fail } from '../core/errors.js';

export interface Word {
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  /** 0 = root; -1 when unknown. */
  head: number;
  deprel: string;
  deps: string;
  misc: string;
}

/** A multiword token ("don't" = do + n't) covering words first..last (1-based, inclusive). */
export interface MultiWord {
  first: number;
  last: number;
  form: string;
  misc: string;
}

export interface Sentence {
  comments: string[];
  /** The `# text =` line, if present. */
  text: string | null;
  words: Word[];
  multi: MultiWord[];
}

/** Sentences longer than this many words are refused by the reader (bounded work per line). */
const MAX_WORDS = 2000;

export function readConllu(src: string, name = 'input'): Sentence[] {
  const out: Sentence[] = [];
  let cur: Sentence = { comments: [], text: null, words: [], multi: [] };
  const lines = src.split(/\r?\n/);
  const flush = (): void => {
    if (cur.words.length) out.push(cur);
    cur = { comments: [], text: null, words: [], multi: [] };
  };
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln]!;
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.startsWith('#')) {
      cur.comments.push(line);
      const m = /^#\s*text\s*=\s?(.*)$/.exec(line);
      if (m) cur.text = m[1]!;
      continue;
    }
    const c = line.split('\t');
    if (c.length !== 10) fail(E.BAD_DATA_FILE, `${name}:${ln + 1}: a CoNLL-U line needs 10 tab-separated columns, found ${c.length}`);
    const id = c[0]!;
    if (id.includes('.')) continue; // empty nodes (enhanced graphs) are not part of the basic tree
    const range = /^(\d+)-(\d+)$/.exec(id);
    if (range) {
      cur.multi.push({ first: Number(range[1]), last: Number(range[2]), form: c[1]!, misc: c[9]! });
      continue;
    }
    if (!/^\d+$/.test(id) || Number(id) !== cur.words.length + 1) fail(E.BAD_DATA_FILE, `${name}:${ln + 1}: word id "${id}" out of sequence`);
    if (cur.words.length >= MAX_WORDS) fail(E.BAD_DATA_FILE, `${name}:${ln + 1}: sentence longer than ${MAX_WORDS} words`);
    const head = c[6] === '_' ? -1 : Number(c[6]);
    cur.words.push({ form: c[1]!, lemma: c[2]!, upos: c[3]!, xpos: c[4]!, feats: c[5]!, head: Number.isInteger(head) ? head : -1, deprel: c[7]!, deps: c[8]!, misc: c[9]! });
  }
  flush();
  return out;
}

export function writeConllu(sents: readonly Sentence[]): string {
  const parts: string[] = [];
  for (const s of sents) {
    for (const c of s.comments) parts.push(c);
    let mi = 0;
    const multi = [...s.multi].sort((a, b) => a.first - b.first);
    s.words.forEach((w, i) => {
      while (mi < multi.length && multi[mi]!.first === i + 1) {
        const m = multi[mi++]!;
        parts.push(`${m.first}-${m.last}\t${m.form}\t_\t_\t_\t_\t_\t_\t_\t${m.misc || '_'}`);
      }
      parts.push([i + 1, w.form, w.lemma || '_', w.upos || '_', w.xpos || '_', w.feats || '_', w.head < 0 ? '_' : w.head, w.deprel || '_', w.deps || '_', w.misc || '_'].join('\t'));
    });
    parts.push('');
  }
  return parts.join('\n') + (parts.length ? '\n' : '');
}

/** Whether MISC says there is no space after this token. */
export function noSpaceAfter(misc: string): boolean {
  return misc.split('|').includes('SpaceAfter=No');
}
