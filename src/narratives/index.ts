/**
 * The `narratives` component: which narratives of the SemEval-2025 taxonomy an article carries (with
 * the sentences that carry them) and the role the text gives each actor mention. Runs late in the
 * pipeline: it reads techniques, actors and events.
 */
import type { Doc, Span } from '../core/document.js';
import type { Component } from '../core/pipeline.js';
import '../actors/types.js';
import { occurrences, STEM, type Occ, type Vectorized } from './features.js';
import { NarrativeModel, type Prediction } from './model.js';
import { DEFAULT_ROLE_TRAIN, groupOf, mentionFeatures, RoleModel, smoothLogits } from './roles.js';
import { PARENT } from './taxonomy.js';
import type { NarrativeEvidence, RoleData } from './types.js';
import './types.js';

export { NarrativeModel } from './model.js';
export { RoleModel } from './roles.js';
export * from './taxonomy.js';
export type { NarrativeEvidence, RoleData, MainRole } from './types.js';

const NAME = 'narratives';
const MAX_EVIDENCE = 3;
/** Mentions beyond this many get no role (bounded work on huge inputs). */
const MAX_MENTIONS = 5000;

let narrativeModel: NarrativeModel | undefined;
let roleModel: RoleModel | undefined;

export function loadNarrativeModel(): NarrativeModel {
  return (narrativeModel ??= NarrativeModel.load(new URL('./data/narratives.json', import.meta.url)));
}
export function loadRoleModel(): RoleModel {
  return (roleModel ??= RoleModel.load(new URL('./data/roles.json', import.meta.url)));
}

/** Index of the sentence containing offset `at` (binary search), or -1. */
function sentenceAt(sents: ReadonlyArray<{ start: number; end: number }>, at: number): number {
  let lo = 0;
  let hi = sents.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sents[mid]!;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

const readable = (key: string): string => {
  const body = key.slice(2);
  switch (key[0]) {
    case 't':
      return `technique ${body}`;
    case 'z':
      if (body.startsWith('t:')) return `technique ${body.slice(2)}`;
      if (body.startsWith('a:')) return `actor ${body.slice(2)}`;
      if (body.startsWith('s:')) return `${body.slice(2)} style`;
      return body === 'tech' ? 'persuasion techniques' : `${body.slice(2) === 'neg' ? 'hostile' : 'cooperative'} events`;
    case 'a':
      return `actor ${body}`;
    case 'e':
      return `events ${body}`;
    case 'w':
    case 'h':
      return body.length >= STEM ? `"${body}…"` : `"${body}"`; // words are cut to STEM letters
    default:
      return `"${body}"`;
  }
};

/**
 * Each kept feature occurrence with its sentence and its share of the feature's value, grouped by
 * sentence (in text order), built once per document in linear time: a counting sort by sentence,
 * no comparator sort and no per-occurrence strings (pathological inputs have 10⁵+ occurrences).
 */
export interface EvidenceIndex {
  feature: Int32Array;
  sentence: Int32Array;
  value: Float64Array;
  /** Where each sentence's run of items starts (length: sentences + 1). */
  runStart: Int32Array;
}

export function evidenceIndex(doc: Doc, occ: readonly Occ[], model: NarrativeModel, vec: Vectorized = model.core.vec.vector(occ)): EvidenceIndex {
  const sents = doc.spans('sentences');
  const f = new Int32Array(occ.length);
  const k = new Int32Array(occ.length);
  const count = new Int32Array(sents.length + 1);
  const inside = (c: number, at: number): boolean => c >= 0 && c < sents.length && at >= sents[c]!.start && at < sents[c]!.end;
  let n = 0;
  let cur = -1; // occurrences come mostly in text order: try the last sentence and the next before searching
  for (let j = 0; j < occ.length; j++) {
    const i = vec.featureOf[j]!;
    if (i < 0) continue;
    const at = occ[j]!.at;
    const c = inside(cur, at) ? cur : inside(cur + 1, at) ? cur + 1 : sentenceAt(sents, at);
    if (c < 0) continue;
    cur = c;
    f[n] = i;
    k[n] = c;
    count[c + 1]!++;
    n++;
  }
  for (let s = 0; s < sents.length; s++) count[s + 1]! += count[s]!;
  const runStart = Int32Array.from(count);
  const feature = new Int32Array(n);
  const sentence = new Int32Array(n);
  const value = new Float64Array(n);
  const perOcc = new Float64Array(model.core.vec.vocab.length);
  for (const [i, v] of vec.perOcc) perOcc[i] = v;
  for (let j = 0; j < n; j++) {
    const at = count[k[j]!]!++;
    feature[at] = f[j]!;
    sentence[at] = k[j]!;
    value[at] = perOcc[f[j]!]!;
  }
  return { feature, sentence, value, runStart };
}

/** Evidence: the sentences whose features add most to the label's linear score. */
export function evidence(doc: Doc, idx: EvidenceIndex, model: NarrativeModel, label: string): Array<{ start: number; end: number; contribution: number; top: string[] }> {
  const sents = doc.spans('sentences');
  const w = model.weightsOf(label);
  if (!w || sents.length === 0) return [];
  const score = new Float64Array(sents.length);
  for (let j = 0; j < idx.feature.length; j++) score[idx.sentence[j]!] += w[idx.feature[j]!]! * idx.value[j]!;
  // The best MAX_EVIDENCE sentences by score (ties: the earlier sentence), in one pass.
  const top: number[] = [];
  for (let s = 0; s < score.length; s++) {
    if (top.length === MAX_EVIDENCE && score[s]! <= score[top[MAX_EVIDENCE - 1]!]!) continue;
    let r = top.length < MAX_EVIDENCE ? top.length : MAX_EVIDENCE - 1;
    top[r] = s;
    while (r > 0 && score[top[r - 1]!]! < score[s]!) (top[r] = top[r - 1]!), (top[--r] = s);
  }
  const best = score[top[0]!]!;
  const chosen = top.filter((k, r) => r === 0 || (score[k]! > 0 && score[k]! >= best * 0.5));
  const vocab = model.core.vec.vocab;
  return chosen.map((k) => {
    const feats = new Map<string, number>();
    for (let j = idx.runStart[k]!; j < idx.runStart[k + 1]!; j++) {
      const c = w[idx.feature[j]!]! * idx.value[j]!;
      if (c > 0) feats.set(vocab[idx.feature[j]!]!, (feats.get(vocab[idx.feature[j]!]!) ?? 0) + c);
    }
    return {
      start: sents[k]!.start,
      end: sents[k]!.end,
      contribution: score[k]!,
      top: [...feats.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([key]) => readable(key)),
    };
  });
}

function narrativeSpans(doc: Doc, occ: readonly Occ[], vec: Vectorized, model: NarrativeModel, p: Prediction): Span<NarrativeEvidence>[] {
  const out: Span<NarrativeEvidence>[] = [];
  if (p.narratives.length === 0) return out;
  const idx = evidenceIndex(doc, occ, model, vec);
  const add = (label: string, prob: number, level: NarrativeEvidence['level']): void => {
    evidence(doc, idx, model, label).forEach((e, r) => {
      out.push({
        start: e.start,
        end: e.end,
        component: NAME,
        confidence: Math.round(prob * 1000) / 1000,
        reason: `Sentence ${r + 1} of the evidence for "${label}" (p=${prob.toFixed(2)}): ${e.top.length ? e.top.join(', ') : 'its words'} weigh towards this ${level} in the training articles.`,
        data: { label, level, parent: level === 'subnarrative' ? (PARENT.get(label) ?? null) : null, contribution: Math.round(e.contribution * 1e4) / 1e4, rank: r + 1 },
      });
    });
  };
  for (const n of p.narratives) add(n.label, n.p, 'narrative');
  for (const s of p.subnarratives) add(s.label, s.p, 'subnarrative');
  return out;
}

/**
 * Mentions per actor whose context is read; later mentions take the actor's majority role (bounded
 * work: the roles were a third of the analysis time of a short article when 6 were read).
 */
const MENTIONS_PER_ACTOR = 1;

function roleSpans(doc: Doc, model: RoleModel, domain: string, smooth = DEFAULT_ROLE_TRAIN.smooth): Span<RoleData>[] {
  const out: Span<RoleData>[] = [];
  const seen = new Map<string, Array<{ main: RoleData['main']; fine: string[]; confidence: number }>>();
  const spans = doc.spans('actors').slice(0, MAX_MENTIONS);
  const later: Array<(typeof spans)[number]> = [];
  const read: Array<(typeof spans)[number]> = [];
  const count = new Map<string, number>();
  for (const a of spans) {
    const key = `${a.data.code} ${a.data.name}`;
    const n = count.get(key) ?? 0;
    count.set(key, n + 1);
    if (n >= MENTIONS_PER_ACTOR) later.push(a);
    else read.push(a);
  }
  // Logits of the read mentions, moved towards the mean of the mentions of the same actor (as trained).
  const logits = smoothLogits(
    read.map((a) => model.logits(mentionFeatures(doc, a.start, a.end, doc.textOf(a), domain))),
    read.map((a) => groupOf(doc, a.start, a.end, doc.textOf(a))),
    smooth,
  );
  read.forEach((a, i) => {
    const key = `${a.data.code} ${a.data.name}`;
    const p = model.decide(logits[i]!);
    const list = seen.get(key) ?? [];
    seen.set(key, list);
    list.push({ main: p.main, fine: p.fine, confidence: p.mainConfidence });
    out.push({
      start: a.start,
      end: a.end,
      component: NAME,
      confidence: Math.round(p.mainConfidence * 1000) / 1000,
      reason: `Cast as ${p.main}${p.fine.length ? ` (${p.fine.join(', ')})` : ''} from the words around this mention and the other mentions of this actor, their sentences' techniques and the events they take part in.`,
      data: { code: a.data.code, main: p.main, fine: p.fine },
    });
  });
  // The majority of each actor's read mentions, once per actor (a long text has thousands of later mentions).
  const majority = new Map<string, { main: RoleData['main']; fine: string[]; confidence: number; reason: string }>();
  for (const a of later) {
    const key = `${a.data.code} ${a.data.name}`;
    let best = majority.get(key);
    if (!best) {
      const list = seen.get(key)!;
      const count = new Map<string, number>();
      for (const x of list) count.set(x.main, (count.get(x.main) ?? 0) + 1);
      const m = list.reduce((m, x) => (count.get(x.main)! > count.get(m.main)! ? x : m), list[0]!);
      best = { ...m, reason: `Cast as ${m.main} like the first ${list.length} mentions of this actor (later mentions are not read one by one).` };
      majority.set(key, best);
    }
    out.push({
      start: a.start,
      end: a.end,
      component: NAME,
      confidence: Math.round(best.confidence * 1000) / 1000,
      reason: best.reason,
      data: { code: a.data.code, main: best.main, fine: best.fine },
    });
  }
  return out;
}

/** Narratives and roles of one analysed document (also used by the CLI on task files). */
export function classify(doc: Doc): { prediction: Prediction; narratives: Span<NarrativeEvidence>[]; roles: Span<RoleData>[] } {
  const model = loadNarrativeModel();
  const occ = occurrences(doc);
  const vec = model.core.vec.vector(occ);
  const prediction = model.predictVector(vec.x);
  return { prediction, narratives: narrativeSpans(doc, occ, vec, model, prediction), roles: roleSpans(doc, loadRoleModel(), prediction.domain) };
}

export const narrativesComponent: Component = {
  name: NAME,
  requires: ['sentences', 'actors'],
  reads: ['techniques', 'events'],
  // Trained on English articles.
  languages: ['en'],
  assigns: ['narratives', 'roles'],
  annotate(doc) {
    const r = classify(doc);
    return { spans: { narratives: r.narratives, roles: r.roles } };
  },
};
