/**
 * What a copy changed against the earliest member of its family: the headline, sentences added,
 * removed or reworded (aligned by their words), credit lines, scare quotes put around words, and
 * findings (technique spans) one has and the other lacks.
 */
import { CodePoints } from '../../core/text.js';
import type { AnalysisResult } from '../../result.js';
import { words } from './minhash.js';

export interface SentenceChange {
  earliest: string;
  copy: string;
}

export interface Finding {
  technique: string;
  text: string;
}

export interface CopyChanges {
  /** Null when the headline is the same (ignoring case and punctuation). */
  headline: { earliest: string | null; copy: string | null } | null;
  added: string[];
  removed: string[];
  reworded: SentenceChange[];
  /** Order of the shared sentences changed (paragraphs moved). */
  reordered: boolean;
  credits: { added: string[]; removed: string[] };
  /** Words the copy puts in quotation marks where the earliest has them bare. */
  scareQuotes: string[];
  findings: { added: Finding[]; removed: Finding[] };
}

const MAX_LIST = 40;
const MAX_SENTENCE = 600;

export function diffCopy(earliest: AnalysisResult, copy: AnalysisResult): CopyChanges {
  const a = sentences(earliest), b = sentences(copy);
  const keyA = new Map<string, number>();
  a.forEach((s, i) => keyA.has(s.key) || keyA.set(s.key, i));
  const matchedA = new Set<number>();
  const scare: string[] = [];
  const order: Array<[number, number]> = []; // [copy sentence, earliest sentence]
  const unmatchedB: number[] = [];
  b.forEach((s, j) => {
    const i = keyA.get(s.key);
    if (i !== undefined && !matchedA.has(i)) {
      matchedA.add(i);
      order.push([j, i]);
      // Same words, different marks: quotation marks put around words show up here.
      if (a[i]!.text !== s.text) scare.push(...addedQuotes(a[i]!.text, s.text));
    } else unmatchedB.push(j);
  });
  // Reworded: an unmatched copy sentence sharing most of its words with an unmatched earliest one.
  const reworded: SentenceChange[] = [];
  const added: string[] = [];
  for (const j of unmatchedB) {
    const sb = b[j]!;
    let best = -1, bestSim = 0;
    for (let i = 0; i < a.length; i++) {
      if (matchedA.has(i)) continue;
      const sim = wordJaccard(a[i]!.words, sb.words);
      if (sim > bestSim) [best, bestSim] = [i, sim];
    }
    if (best >= 0 && bestSim >= 0.5) {
      matchedA.add(best);
      order.push([j, best]);
      reworded.push({ earliest: cut(a[best]!.text), copy: cut(sb.text) });
      scare.push(...addedQuotes(a[best]!.text, sb.text));
    } else if (sb.words.size) added.push(cut(sb.text));
  }
  const removed = a.filter((s, i) => !matchedA.has(i) && s.words.size).map((s) => cut(s.text));
  order.sort((x, y) => x[0] - y[0]);
  const reordered = order.some((x, k) => k > 0 && x[1] < order[k - 1]![1]);
  const ha = earliest.meta.title, hb = copy.meta.title;
  const headline = norm(ha ?? '') === norm(hb ?? '') ? null : { earliest: ha, copy: hb };
  const creditsA = new Set(earliest.meta.credits.map((c) => c.code ?? c.name));
  const creditsB = new Set(copy.meta.credits.map((c) => c.code ?? c.name));
  const fa = findings(earliest), fb = findings(copy);
  return {
    headline,
    added: added.slice(0, MAX_LIST),
    removed: removed.slice(0, MAX_LIST),
    reworded: reworded.slice(0, MAX_LIST),
    reordered,
    credits: {
      added: copy.meta.credits.filter((c) => !creditsA.has(c.code ?? c.name)).map((c) => c.name),
      removed: earliest.meta.credits.filter((c) => !creditsB.has(c.code ?? c.name)).map((c) => c.name),
    },
    scareQuotes: [...new Set(scare)].slice(0, MAX_LIST),
    findings: {
      added: [...fb.values()].filter((f) => !fa.has(findingKey(f))).slice(0, MAX_LIST),
      removed: [...fa.values()].filter((f) => !fb.has(findingKey(f))).slice(0, MAX_LIST),
    },
  };
}

interface Sentence {
  text: string;
  key: string;
  words: Set<string>;
}

function sentences(r: AnalysisResult): Sentence[] {
  const cp = new CodePoints(r.text);
  const spans = r.sentences.length ? r.sentences : [{ start: 0, end: cp.length }];
  return spans.map((s) => {
    const text = r.text.slice(cp.u16(s.start), cp.u16(s.end)).trim();
    const w = words(text);
    return { text, key: w.join(' '), words: new Set(w) };
  });
}

function wordJaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  const union = a.size + b.size - shared;
  return union ? shared / union : 0;
}

/** Words quoted in the copy's sentence that stand bare in the earliest one. */
function addedQuotes(earliest: string, copy: string): string[] {
  const before = quotedWords(earliest);
  return quotedWords(copy).filter((q) => !before.includes(q) && earliest.toLowerCase().includes(q.toLowerCase()));
}

/** Short runs in quotation marks: "so-called" 'democracy' «liberators». */
function quotedWords(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/["“«‘'](\p{L}[\p{L}\p{N}' -]{0,40}?)["”»’']/gu)) {
    const inner = m[1]!.trim();
    if (inner.split(/\s+/).length <= 4) out.push(inner);
  }
  return out;
}

function findings(r: AnalysisResult): Map<string, Finding> {
  const out = new Map<string, Finding>();
  for (const t of r.techniques) {
    const f = { technique: t.technique, text: cut(t.text) };
    out.set(findingKey(f), f);
  }
  return out;
}

function findingKey(f: Finding): string {
  return `${f.technique} ${norm(f.text)}`;
}

function norm(s: string): string {
  return words(s).join(' ');
}

function cut(s: string): string {
  return s.length > MAX_SENTENCE ? `${s.slice(0, MAX_SENTENCE - 1)}…` : s;
}
