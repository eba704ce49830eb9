/**
 * Scoring the events slant shows against the real-news development set (data/ptc-events, written
 * by following docs/annotation-guideline-events.md): gold events as offsets and codes, never text.
 *
 * A predicted event is right when it is in an annotated article, its evidence sentence overlaps the
 * gold evidence, the actors match at country level (first three letters; either order when either
 * side is symmetric) and the quad class matches (stance S- counts as quad 3, S+ as quad 1). Gold
 * and predicted events are matched one to one, most confident prediction first.
 */
import { codeInfo } from './lexicon.js';

export interface NewsGold {
  article: string;
  /** Code points into the article text, end exclusive. */
  start: number;
  end: number;
  source: string;
  target: string;
  code: string;
  factivity: string;
  symmetric: boolean;
}

export interface NewsPred {
  article: string;
  /** Code points of the evidence sentence. */
  start: number;
  end: number;
  source: string;
  target: string;
  code: string;
  via: string;
  symmetric: boolean;
  confidence: number;
  factivity: string;
  modality: string;
}

export function parseNewsGold(tsv: string, file: string): NewsGold[] {
  const out: NewsGold[] = [];
  tsv.split('\n').forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const f = line.split('\t');
    if (f.length < 8 || !/^\d+$/.test(f[1]!) || !/^\d+$/.test(f[2]!)) throw new Error(`${file}:${i + 1}: expected article, start, end, source, target, code, factivity, symmetric`);
    out.push({ article: f[0]!, start: Number(f[1]), end: Number(f[2]), source: f[3]!, target: f[4]!, code: f[5]!, factivity: f[6]!, symmetric: f[7] === '1' });
  });
  return out;
}

const quadOf = (code: string): number => (code === 'S-' ? 3 : code === 'S+' ? 1 : codeInfo(code).quad);
const rootOf = (code: string): string => (code.startsWith('S') ? code : code.slice(0, 2));
const c3 = (code: string): string | null => (code.startsWith('---') || code.length < 3 ? null : code.slice(0, 3));

function dyadMatch(p: NewsPred, g: NewsGold): boolean {
  const ps = c3(p.source);
  const pt = c3(p.target);
  if (!ps || !pt) return false;
  const gs = g.source.slice(0, 3);
  const gt = g.target.slice(0, 3);
  return (ps === gs && pt === gt) || ((p.symmetric || g.symmetric) && ps === gt && pt === gs);
}

export interface NewsScore {
  shown: number;
  gold: number;
  /** Matches in the dyad-only view (actors right, any code), the dyad + quad view and the dyad + root view. */
  dyad: number;
  quad: number;
  root: number;
  /** Among quad matches: the factivity agrees (asserted/endorsed, reported, doubted, rejected, hypothetical). */
  factivity: number;
  /** Per prediction (in the order given): whether it matched in the quad view. */
  correct: boolean[];
}

/** Gold factivity in the prediction's terms: a hypothetical gold event matches a non-asserted modality. */
function factivityAgrees(p: NewsPred, g: NewsGold): boolean {
  if (g.factivity === 'hypothetical') return p.modality !== 'asserted';
  const v = p.factivity === 'endorsed' ? 'asserted' : p.factivity;
  return v === g.factivity && p.modality === 'asserted';
}

export function scoreNews(preds: readonly NewsPred[], gold: readonly NewsGold[]): NewsScore {
  const byArticle = new Map<string, NewsGold[]>();
  for (const g of gold) byArticle.set(g.article, [...(byArticle.get(g.article) ?? []), g]);
  const order = preds.map((p, i) => i).sort((a, b) => preds[b]!.confidence - preds[a]!.confidence);
  const usedQ = new Set<NewsGold>();
  const usedR = new Set<NewsGold>();
  const usedD = new Set<NewsGold>();
  let dyad = 0;
  const correct = new Array<boolean>(preds.length).fill(false);
  let quad = 0;
  let root = 0;
  let fact = 0;
  for (const i of order) {
    const p = preds[i]!;
    const cands = (byArticle.get(p.article) ?? []).filter((g) => g.start < p.end && g.end > p.start && dyadMatch(p, g));
    const dd = cands.find((g) => !usedD.has(g));
    if (dd) {
      usedD.add(dd);
      dyad++;
    }
    const q = cands.find((g) => !usedQ.has(g) && quadOf(g.code) === quadOf(p.code));
    if (q) {
      usedQ.add(q);
      quad++;
      correct[i] = true;
      if (factivityAgrees(p, q)) fact++;
    }
    const r = cands.find((g) => !usedR.has(g) && rootOf(g.code) === (p.via === 'stance' ? (quadOf(p.code) >= 3 ? 'S-' : 'S+') : rootOf(p.code)));
    if (r) {
      usedR.add(r);
      root++;
    }
  }
  return { shown: preds.length, gold: gold.length, dyad, quad, root, factivity: fact, correct };
}

/** Precision, recall, F1. */
export function prf(hit: number, shown: number, gold: number): { p: number; r: number; f: number } {
  const p = shown ? hit / shown : 0;
  const r = gold ? hit / gold : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}
