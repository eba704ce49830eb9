/**
 * The article-extraction-benchmark metric: tokens are `\w+` matches; per page, multisets of
 * 4-token shingles give TP/FP/FN normalised to sum 1; precision and recall are means over pages,
 * F1 their harmonic mean. Matches /shared/tools/extract_score.py (Python's Unicode `\w`).
 */

// Python 3 `\w` on str: characters with str.isalnum() (letters, numbers; not combining marks) and "_".
const WORD = /[\p{L}\p{N}_]+/gu;

export function tokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function shingles(text: string, n = 4): Map<string, number> {
  const toks = tokens(text);
  const m = new Map<string, number>();
  if (!toks.length) return m;
  const count = Math.max(toks.length - n + 1, 1);
  for (let i = 0; i < count; i++) {
    const k = toks.slice(i, i + n).join('\u0001');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

export interface PageScore {
  precision: number;
  recall: number;
}

export function scorePage(gold: string, pred: string): PageScore {
  const g = shingles(gold), p = shingles(pred);
  let tp = 0, fp = 0, fn = 0;
  for (const [k, c] of g) {
    const d = p.get(k) ?? 0;
    tp += Math.min(c, d);
    fn += Math.max(c - d, 0);
  }
  for (const [k, c] of p) fp += Math.max(c - (g.get(k) ?? 0), 0);
  const tot = tp + fp + fn;
  if (tot === 0) return { precision: 1, recall: 1 };
  return { precision: tp + fp ? tp / (tp + fp) : 0, recall: tp + fn ? tp / (tp + fn) : 0 };
}

export function aggregate(pages: PageScore[]): { precision: number; recall: number; f1: number } {
  const n = Math.max(pages.length, 1);
  const precision = pages.reduce((s, p) => s + p.precision, 0) / n;
  const recall = pages.reduce((s, p) => s + p.recall, 0) / n;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}
