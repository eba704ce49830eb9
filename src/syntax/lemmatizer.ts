/**
 * Lemmas: an exception table learned from the training treebank (form + UPOS → lemma, kept only
 * where the suffix rules get it wrong) and suffix rewrite rules per UPOS ("-ies" → "-y" for NOUN),
 * also learned from the treebank. Proper nouns keep their case; other words are lower-cased.
 */

export interface LemmaData {
  /** "form\tUPOS" → lemma. */
  exceptions: Record<string, string>;
  /** "UPOS\tsuffix" → [cut, add]. */
  rules: Record<string, [number, string]>;
}

const MAX_SUFFIX = 5;

function norm(form: string, upos: string): string {
  return upos === 'PROPN' ? form : form.toLowerCase();
}

function ruleOf(form: string, lemma: string): [number, string] {
  let p = 0;
  while (p < form.length && p < lemma.length && form[p] === lemma[p]) p++;
  return [form.length - p, lemma.slice(p)];
}

function applyRules(rules: LemmaData['rules'], f: string, upos: string): string {
  for (let k = Math.min(MAX_SUFFIX, f.length - 1); k >= 1; k--) {
    const r = rules[`${upos}\t${f.slice(f.length - k)}`];
    if (r) return f.slice(0, f.length - r[0]) + r[1];
  }
  return f;
}

/** Bound on remembered lemmas per tag (the cache is dropped when it fills). */
const CACHE_MAX = 50_000;

export class Lemmatizer {
  /** UPOS → form → lemma: most words repeat, so rules run once per (form, tag). */
  private cache = new Map<string, Map<string, string>>();
  constructor(readonly data: LemmaData) {}

  lemma(form: string, upos: string): string {
    let m = this.cache.get(upos);
    if (!m) this.cache.set(upos, (m = new Map()));
    let l = m.get(form);
    if (l === undefined) {
      const f = norm(form, upos);
      l = this.data.exceptions[`${f}\t${upos}`] ?? (f.length > 40 ? f : applyRules(this.data.rules, f, upos));
      if (m.size >= CACHE_MAX) m.clear();
      m.set(form, l);
    }
    return l;
  }
}

export function trainLemmatizer(items: Iterable<{ form: string; upos: string; lemma: string }>): LemmaData {
  const pairs = new Map<string, Map<string, number>>();
  for (const { form, upos, lemma } of items) {
    if (!lemma || lemma === '_') continue;
    const key = `${norm(form, upos)}\t${upos}`;
    let m = pairs.get(key);
    if (!m) pairs.set(key, (m = new Map()));
    m.set(lemma, (m.get(lemma) ?? 0) + 1);
  }
  const best = new Map<string, string>();
  for (const [key, m] of [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let top = '';
    let n = -1;
    for (const [l, c] of [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (c > n) (top = l), (n = c);
    best.set(key, top);
  }
  // suffix rules: the most frequent rewrite per (UPOS, suffix), over distinct word types
  const votes = new Map<string, Map<string, number>>();
  for (const [key, lemma] of best) {
    const [f, upos] = key.split('\t') as [string, string];
    const r = JSON.stringify(ruleOf(f, lemma));
    for (let k = 1; k <= Math.min(MAX_SUFFIX, f.length - 1); k++) {
      const rk = `${upos}\t${f.slice(f.length - k)}`;
      let m = votes.get(rk);
      if (!m) votes.set(rk, (m = new Map()));
      m.set(r, (m.get(r) ?? 0) + 1);
    }
  }
  const rules: LemmaData['rules'] = {};
  for (const [rk, m] of [...votes].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let top = '';
    let n = 0;
    let total = 0;
    for (const [r, c] of [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      total += c;
      if (c > n) (top = r), (n = c);
    }
    if (n >= 2 && n / total >= 0.6) rules[rk] = JSON.parse(top) as [number, string];
  }
  // drop rules that say what the next-shorter suffix already says
  const effective = (upos: string, suf: string): string => {
    for (let k = suf.length; k >= 1; k--) {
      const r = rules[`${upos}\t${suf.slice(suf.length - k)}`];
      if (r) return JSON.stringify(r);
    }
    return '[0,""]';
  };
  for (const rk of Object.keys(rules)) {
    const [upos, suf] = rk.split('\t') as [string, string];
    if (JSON.stringify(rules[rk]) === effective(upos, suf.slice(1))) delete rules[rk];
  }
  const exceptions: Record<string, string> = {};
  for (const [key, lemma] of best) {
    const [f, upos] = key.split('\t') as [string, string];
    if (applyRules(rules, f, upos) !== lemma) exceptions[key] = lemma;
  }
  return { exceptions, rules };
}
