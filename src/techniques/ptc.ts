/**
 * The Propaganda Techniques Corpus on disk (SemEval-2020 Task 11) and its metrics. Files count
 * offsets in code points; everything here converts to UTF-16 on reading so the rest of the code
 * indexes JavaScript strings directly, and back on writing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodePoints } from '../core/text.js';
import { E, fail } from '../core/errors.js';
import { TECHNIQUES, type Technique } from './types.js';

export interface GoldSpan {
  technique: Technique;
  /** UTF-16 offsets into the article text. */
  start: number;
  end: number;
}

export interface Article {
  id: string;
  text: string;
  cps: CodePoints;
  gold: GoldSpan[];
}

/** Largest article we accept (code units); PTC articles are under 30 kB. */
export const MAX_ARTICLE = 2_000_000;

const TECHNIQUE_SET = new Set<string>(TECHNIQUES);
export function isTechnique(s: string): s is Technique {
  return TECHNIQUE_SET.has(s);
}

/** Read every `article<ID>.txt` in a folder, sorted by id. Empty articles are an error naming the file. */
export function readArticles(dir: string): Article[] {
  if (!existsSync(dir)) fail(E.FILE_NOT_FOUND, `no such folder: ${dir}`);
  const names = readdirSync(dir).filter((n) => /^article.+\.txt$/.test(n)).sort();
  if (names.length === 0) fail(E.EMPTY_INPUT, `no article<ID>.txt files in ${dir}`);
  return names.map((name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    if (text.trim() === '') fail(E.EMPTY_INPUT, `${join(dir, name)}: article has no text`);
    if (text.length > MAX_ARTICLE) fail(E.INPUT_TOO_LARGE, `${join(dir, name)}: ${text.length} characters; the limit is ${MAX_ARTICLE}`);
    if (text.includes('\u0000')) fail(E.BINARY_INPUT, `${join(dir, name)}: looks binary (NUL bytes)`);
    return { id: name.slice(7, -4), text, cps: new CodePoints(text), gold: [] };
  });
}

/** Parse `id<TAB>technique<TAB>start<TAB>end` lines against known articles (code points → UTF-16). */
export function parseLabelLines(content: string, byId: Map<string, Article>, where: string, allowUnknownLabel = false): Array<{ article: Article; label: string } & Omit<GoldSpan, 'technique'>> {
  const out: Array<{ article: Article; label: string; start: number; end: number }> = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const p = line.split('\t');
    const at = `${where} line ${i + 1}`;
    if (p.length !== 4) fail(E.BAD_LABEL_LINE, `${at}: expected id<TAB>technique<TAB>start<TAB>end, got ${p.length} field(s)`);
    const [id, label, s, e] = p as [string, string, string, string];
    const article = byId.get(id);
    if (!article) fail(E.BAD_LABEL_LINE, `${at}: unknown article id "${id}"`);
    if (!(allowUnknownLabel && label === '?') && !isTechnique(label)) fail(E.BAD_LABEL_LINE, `${at}: unknown technique "${label}"`);
    if (!/^\d+$/.test(s) || !/^\d+$/.test(e)) fail(E.BAD_LABEL_LINE, `${at}: offsets must be non-negative integers`);
    const cs = Number(s);
    const ce = Number(e);
    if (ce <= cs) fail(E.BAD_LABEL_LINE, `${at}: end ${ce} is not after start ${cs}`);
    if (ce > article.cps.length) fail(E.BAD_LABEL_LINE, `${at}: span ${cs}-${ce} is past the end of article ${id} (${article.cps.length} code points)`);
    out.push({ article, label, start: article.cps.u16(cs), end: article.cps.u16(ce) });
  }
  return out;
}

/** Load a PTC split: `<dir>/articles/*.txt` and `<dir>/labels/tc/*.labels`. */
export function readPtc(dir: string): Article[] {
  const articles = readArticles(join(dir, 'articles'));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const labelDir = join(dir, 'labels', 'tc');
  if (!existsSync(labelDir)) fail(E.FILE_NOT_FOUND, `no labels/tc folder in ${dir}`);
  for (const name of readdirSync(labelDir).filter((n) => n.endsWith('.labels')).sort()) {
    for (const l of parseLabelLines(readFileSync(join(labelDir, name), 'utf8'), byId, name)) {
      l.article.gold.push({ technique: l.label as Technique, start: l.start, end: l.end });
    }
  }
  for (const a of articles) a.gold.sort((x, y) => x.start - y.start || x.end - y.end);
  return articles;
}

// ---------------------------------------------------------------------------------------------
// Metrics (SemEval-2020 Task 11), on UTF-16 offsets: overlap ratios are the same in code points
// except across astral characters, so the scorer converts to code points first.

type Range = [number, number];

export function mergeRanges(spans: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export interface PRF {
  p: number;
  r: number;
  f: number;
  nPred: number;
  nGold: number;
}

function prf(pSum: number, rSum: number, nPred: number, nGold: number): PRF {
  const p = nPred ? pSum / nPred : 0;
  const r = nGold ? rSum / nGold : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0, nPred, nGold };
}

/** Overlap-credit P/R over groups (an article for SI; an article×technique for FLC). Ranges in code points. */
export function overlapScore(groups: Iterable<{ pred: Range[]; gold: Range[] }>): PRF {
  let pSum = 0, rSum = 0, nPred = 0, nGold = 0;
  for (const g of groups) {
    const s = mergeRanges(g.pred);
    const t = mergeRanges(g.gold);
    nPred += s.length;
    nGold += t.length;
    for (const x of s) {
      for (const y of t) {
        const o = Math.min(x[1], y[1]) - Math.max(x[0], y[0]);
        if (o > 0) {
          pSum += o / (x[1] - x[0]);
          rSum += o / (y[1] - y[0]);
        }
      }
    }
  }
  return prf(pSum, rSum, nPred, nGold);
}

export interface Prediction {
  id: string;
  technique: Technique;
  /** Code points. */
  start: number;
  end: number;
}

/** SI: spans regardless of technique, merged per article. */
export function scoreSI(gold: Prediction[], pred: Prediction[], ids: Iterable<string>): PRF {
  const groups = new Map<string, { pred: Range[]; gold: Range[] }>();
  for (const id of ids) groups.set(id, { pred: [], gold: [] });
  for (const g of gold) groups.get(g.id)?.gold.push([g.start, g.end]);
  for (const p of pred) groups.get(p.id)?.pred.push([p.start, p.end]);
  return overlapScore(groups.values());
}

/** FLC: the SI formula per (article, technique); also returns the per-technique figures. */
export function scoreFLC(gold: Prediction[], pred: Prediction[]): { all: PRF; byTechnique: Map<Technique, PRF> } {
  const groups = new Map<string, { t: Technique; pred: Range[]; gold: Range[] }>();
  const get = (x: Prediction) => {
    const k = `${x.id}\t${x.technique}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { t: x.technique, pred: [], gold: [] }));
    return g;
  };
  for (const g of gold) get(g).gold.push([g.start, g.end]);
  for (const p of pred) get(p).pred.push([p.start, p.end]);
  const byTechnique = new Map<Technique, PRF>();
  for (const t of TECHNIQUES) byTechnique.set(t, overlapScore([...groups.values()].filter((g) => g.t === t)));
  return { all: overlapScore(groups.values()), byTechnique };
}

/** Expected calibration error over equal-width bins: Σ_b (n_b/N)·|acc_b − conf_b|. */
export function ece(items: Array<{ confidence: number; correct: boolean }>, bins = 10): number {
  if (items.length === 0) return 0;
  const n = new Array<number>(bins).fill(0), acc = new Array<number>(bins).fill(0), conf = new Array<number>(bins).fill(0);
  for (const it of items) {
    const b = Math.min(bins - 1, Math.floor(it.confidence * bins));
    n[b]!++;
    acc[b]! += it.correct ? 1 : 0;
    conf[b]! += it.confidence;
  }
  let e = 0;
  for (let b = 0; b < bins; b++) if (n[b]) e += (n[b]! / items.length) * Math.abs(acc[b]! / n[b]! - conf[b]! / n[b]!);
  return e;
}
