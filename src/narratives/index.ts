/**
 * The `narratives` component: which narratives of the SemEval-2025 taxonomy an article carries (with
 * the sentences that carry them) and the role the text gives each actor mention. Runs late in the
 * pipeline: it reads techniques, actors and events.
 */
import type { Doc, Span } from '../core/document.js';
import type { Component } from '../core/pipeline.js';
import '../actors/types.js';
import { occurrences, type Occ } from './features.js';
import { NarrativeModel, type Prediction } from './model.js';
import { mentionFeatures, RoleModel } from './roles.js';
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
    default:
      return `"${body}"`;
  }
};

/** Evidence: the sentences whose features add most to the label's linear score. */
export function evidence(doc: Doc, occ: readonly Occ[], model: NarrativeModel, label: string): Array<{ start: number; end: number; contribution: number; top: string[] }> {
  const sents = doc.spans('sentences');
  const w = model.weightsOf(label);
  if (!w || sents.length === 0) return [];
  const { perOcc } = model.core.vec.vector(occ);
  const score = new Float64Array(sents.length);
  const feats: Array<Map<string, number>> = sents.map(() => new Map());
  for (const o of occ) {
    const i = model.core.vec.index.get(o.key);
    if (i === undefined) continue;
    const c = w[i]! * (perOcc.get(i) ?? 0);
    if (c === 0) continue;
    const k = sentenceAt(sents, o.at);
    if (k < 0) continue;
    score[k] += c;
    const f = feats[k]!;
    f.set(o.key, (f.get(o.key) ?? 0) + c);
  }
  const order = [...score.keys()].sort((a, b) => score[b]! - score[a]! || a - b);
  const best = score[order[0]!]!;
  const chosen = order.filter((k, r) => r === 0 || (r < MAX_EVIDENCE && score[k]! > 0 && score[k]! >= best * 0.5));
  return chosen.map((k) => ({
    start: sents[k]!.start,
    end: sents[k]!.end,
    contribution: score[k]!,
    top: [...feats[k]!.entries()].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([key]) => readable(key)),
  }));
}

function narrativeSpans(doc: Doc, occ: readonly Occ[], model: NarrativeModel, p: Prediction): Span<NarrativeEvidence>[] {
  const out: Span<NarrativeEvidence>[] = [];
  const add = (label: string, prob: number, level: NarrativeEvidence['level']): void => {
    evidence(doc, occ, model, label).forEach((e, r) => {
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

function roleSpans(doc: Doc, model: RoleModel, domain: string): Span<RoleData>[] {
  const out: Span<RoleData>[] = [];
  for (const a of doc.spans('actors').slice(0, MAX_MENTIONS)) {
    const p = model.predict(mentionFeatures(doc, a.start, a.end, doc.textOf(a), domain));
    out.push({
      start: a.start,
      end: a.end,
      component: NAME,
      confidence: Math.round(p.mainConfidence * 1000) / 1000,
      reason: `Cast as ${p.main}${p.fine.length ? ` (${p.fine.join(', ')})` : ''} from the words around this mention, its sentence's techniques and the events it takes part in.`,
      data: { code: a.data.code, main: p.main, fine: p.fine },
    });
  }
  return out;
}

/** Narratives and roles of one analysed document (also used by the CLI on task files). */
export function classify(doc: Doc): { prediction: Prediction; narratives: Span<NarrativeEvidence>[]; roles: Span<RoleData>[] } {
  const model = loadNarrativeModel();
  const occ = occurrences(doc);
  const prediction = model.predict(occ);
  return { prediction, narratives: narrativeSpans(doc, occ, model, prediction), roles: roleSpans(doc, loadRoleModel(), prediction.domain) };
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
