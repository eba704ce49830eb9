/**
 * Scoring as in the CoNLL 2018 shared task: UPOS accuracy, UAS (right head) and LAS (right head and
 * main relation, the part before ':'); punctuation included. With gold tokens, words correspond
 * one to one; from raw text, words are aligned by character offsets and the scores are F1 over
 * aligned words.
 */
import type { Sentence } from './conllu.js';
import { noSpaceAfter } from './conllu.js';
import type { SyntaxModel } from './model.js';
import { tokenize } from './tokenizer.js';

export interface Scores {
  words: number;
  upos: number;
  uas: number;
  las: number;
  /** Raw mode: F1 of word segmentation. */
  tokens?: number;
}

const main = (r: string): string => r.split(':')[0]!;

/** Predict with gold tokens; returns the predicted sentences (same words, new annotations). */
export function predictGoldTokens(model: SyntaxModel, gold: readonly Sentence[]): Sentence[] {
  return gold.map((s) => {
    const a = model.analyze(s.words.map((w) => w.form));
    return {
      ...s,
      words: s.words.map((w, i) => ({ ...w, upos: a.upos[i]!, xpos: a.xpos[i]!, lemma: a.lemma[i]!, head: a.head[i]!, deprel: a.deprel[i]!, feats: '_', deps: '_' })),
    };
  });
}

export function scoreSame(gold: readonly Sentence[], pred: readonly Sentence[]): Scores {
  let n = 0, upos = 0, uas = 0, las = 0;
  gold.forEach((g, si) => {
    const p = pred[si]!;
    g.words.forEach((w, i) => {
      const q = p.words[i]!;
      n++;
      if (w.upos === q.upos) upos++;
      if (w.head === q.head) {
        uas++;
        if (main(w.deprel) === main(q.deprel)) las++;
      }
    });
  });
  return { words: n, upos: upos / n, uas: uas / n, las: las / n };
}

/** Character spans of gold words in their sentence's `# text` (multiword tokens share the token span). */
function goldSpans(s: Sentence): Array<[number, number]> {
  const text = s.text ?? '';
  const spans: Array<[number, number]> = new Array(s.words.length);
  let pos = 0;
  const multiAt = new Map(s.multi.map((m) => [m.first, m]));
  for (let i = 1; i <= s.words.length; ) {
    const m = multiAt.get(i);
    const form = m ? m.form : s.words[i - 1]!.form;
    let at = text.indexOf(form, pos);
    if (at < 0 || at - pos > 50) at = pos;
    const end = at + form.length;
    if (m) {
      // split the token among its words when their forms spell it out, else share it
      let k = at;
      const joined = s.words.slice(m.first - 1, m.last).map((w) => w.form).join('');
      for (let j = m.first; j <= m.last; j++) {
        const wf = s.words[j - 1]!.form;
        spans[j - 1] = joined.toLowerCase() === form.toLowerCase() ? [k, k + wf.length] : [at, end];
        k += wf.length;
      }
      i = m.last + 1;
    } else {
      spans[i - 1] = [at, end];
      i++;
    }
    pos = end;
  }
  return spans;
}

/** Tokenise each sentence's `# text`, parse, and score against gold by aligned character spans. */
export function scoreRaw(model: SyntaxModel, gold: readonly Sentence[]): Scores & { predicted: Sentence[] } {
  let goldN = 0, predN = 0, aligned = 0, upos = 0, uas = 0, las = 0;
  const predicted: Sentence[] = [];
  for (const g of gold) {
    const text = g.text ?? g.words.map((w) => w.form + (noSpaceAfter(w.misc) ? '' : ' ')).join('').trim();
    const toks = tokenize(text);
    const forms = toks.map((t) => t.form);
    const a = forms.length ? model.analyze(forms) : { upos: [], xpos: [], lemma: [], head: [], deprel: [] };
    const gs = goldSpans({ ...g, text });
    const key = (sp: [number, number], k: number): string => `${sp[0]}:${sp[1]}:${k}`;
    const keyed = (spans: Array<[number, number]>): string[] => {
      const seen = new Map<string, number>();
      return spans.map((sp) => {
        const base = `${sp[0]}:${sp[1]}`;
        const k = seen.get(base) ?? 0;
        seen.set(base, k + 1);
        return key(sp, k);
      });
    };
    const gk = keyed(gs);
    const pk = keyed(toks.map((t) => [t.start, t.end]));
    const goldIndex = new Map(gk.map((k, i) => [k, i + 1]));
    // predicted word index → gold word index (0 = none)
    const toGold = pk.map((k) => goldIndex.get(k) ?? 0);
    goldN += gs.length;
    predN += toks.length;
    toks.forEach((_, i) => {
      const gi = toGold[i]!;
      if (!gi) return;
      aligned++;
      const gw = g.words[gi - 1]!;
      if (gw.upos === a.upos[i]) upos++;
      const ph = a.head[i]!;
      const phGold = ph === 0 ? 0 : toGold[ph - 1]!;
      if ((ph === 0 || phGold > 0) && phGold === gw.head) {
        uas++;
        if (main(gw.deprel) === main(a.deprel[i]!)) las++;
      }
    });
    predicted.push({
      comments: [`# text = ${text}`],
      text,
      multi: [],
      words: toks.map((t, i) => ({ form: t.form, lemma: a.lemma[i]!, upos: a.upos[i]!, xpos: a.xpos[i]!, feats: '_', head: a.head[i]!, deprel: a.deprel[i]!, deps: '_', misc: t.spaceAfter ? '_' : 'SpaceAfter=No' })),
    });
  }
  const f1 = (c: number): number => (c === 0 ? 0 : (2 * c) / (goldN + predN));
  return { words: goldN, tokens: f1(aligned), upos: f1(upos), uas: f1(uas), las: f1(las), predicted };
}
