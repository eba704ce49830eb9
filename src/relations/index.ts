/**
 * Relations between actors, two components:
 *  - 'relations': actors named together in a sentence (co-mention, no direction or sign claimed);
 *  - 'events': coded events — who does what to whom, CAMEO/PLOVER, with qualifiers (coder.ts).
 */
import type { Doc, Span } from '../core/document.js';
import type { Component } from '../core/pipeline.js';
import { codeSentence, type CodedEvent, type Mention } from './coder.js';
import { loadDefaultLexicon, type Lexicon } from './lexicon.js';
import { eventFeatures, predict, shippedConfidence } from './confidence.js';
import { layerTrees, type TreeSupport } from './coder/tree.js';

/** The coder's tree check as the confidence feature. */
export const supportOf = (t: 'agrees' | 'differs' | 'silent' | undefined): TreeSupport => (t === 'agrees' ? 'confirmed' : t === 'differs' ? 'contradicted' : 'unknown');
import { nodeCode } from '../actors/node.js';
import type { EventData, RelationData } from './types.js';
import './types.js';
import '../actors/types.js';

/** Co-mention pairs per sentence are capped so a list of 200 countries does not yield 20,000 spans. */
const MAX_ACTORS_PER_SENTENCE = 12;

/** Actor mentions of the doc as coder mentions, sorted and without overlaps. */
export function docMentions(doc: Doc): Mention[] {
  const out: Mention[] = [];
  for (const s of doc.spans('actors')) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) continue;
    out.push({ start: s.start, end: s.end, code: s.data.code, name: s.data.name, country: s.data.country });
  }
  return out;
}

export const relationsComponent: Component = {
  name: 'relations',
  requires: ['sentences', 'actors'],
  languages: ['en'],
  assigns: ['relations'],
  annotate(doc: Doc) {
    const mentions = docMentions(doc);
    const spans: Span<RelationData>[] = [];
    const counts = new Map<string, number>();
    let mi = 0;
    for (const sent of doc.spans('sentences')) {
      while (mi < mentions.length && mentions[mi]!.end <= sent.start) mi++;
      const first = new Map<string, Mention>();
      for (let k = mi; k < mentions.length && mentions[k]!.start < sent.end; k++) {
        const m = mentions[k]!;
        // Country-less agents ("officials", "---GOV") and dates are no actor a relation could name.
        if (m.code.startsWith('---')) continue;
        if (m.end <= sent.end && !first.has(m.code) && first.size < MAX_ACTORS_PER_SENTENCE) first.set(m.code, m);
      }
      const list = [...first.values()];
      for (let a = 0; a < list.length; a++) {
        for (let b = a + 1; b < list.length; b++) {
          // "the US" and "the US government" in one sentence are one actor system node, not a relation.
          if (nodeCode(list[a]!.code) === nodeCode(list[b]!.code)) continue;
          const [x, y] = list[a]!.code < list[b]!.code ? [list[a]!, list[b]!] : [list[b]!, list[a]!];
          const key = `${x.code}|${y.code}`;
          const count = (counts.get(key) ?? 0) + 1;
          counts.set(key, count);
          spans.push({
            start: sent.start,
            end: sent.end,
            component: 'relations',
            confidence: 1,
            reason: `${x.name ?? x.code} and ${y.name ?? y.code} are both named in this sentence.`,
            data: { source: x.code, target: y.code, kind: 'co-mention', sourceMention: { start: x.start, end: x.end }, targetMention: { start: y.start, end: y.end }, count },
          });
        }
      }
    }
    return { spans: { relations: spans } };
  },
};

/** Events at or above this confidence are shown by default (`--all` shows every event): chosen by CV with the shipped model (data/confidence.json). */
export const SHOW_THRESHOLD = shippedConfidence()?.threshold ?? 0.1;

/**
 * Whether an event is shown by default: its confidence reaches the threshold and it is an act
 * towards the other actor. CAMEO 01 (public statements on a topic: "made a statement",
 * "described", "considered options") is not an event under the annotation guideline
 * (docs/annotation-guideline-events.md: reporting is an event only when it says something about
 * another actor) and PLOVER drops the category; those events stay in the layer, shown with --all.
 */
export function shownByDefault(cameo: string, confidence: number): boolean {
  return confidence >= SHOW_THRESHOLD && !cameo.startsWith('01');
}

/** Measured precision is not yet per source; these reflect how direct the evidence is. */
const CONFIDENCE: Record<string, number> = { domestic: 0.35, demand: 0.45, pattern: 0.6, verb: 0.5, passive: 0.5, reciprocal: 0.45, compound: 0.5, noun: 0.45 };

/** Calibrated on the real-news development set when a fitted model ships (data/confidence.json), else the per-path priors. */
export function eventConfidence(e: CodedEvent, sentence: { start: number; end: number }, actors: number, support: TreeSupport = 'unknown'): number {
  const m = shippedConfidence();
  if (m) return Math.round(predict(m, eventFeatures({ ...e, quad: e.info.quad }, sentence, actors, support)) * 1000) / 1000;
  return (CONFIDENCE[e.via.split('+')[0]!] ?? 0.4) * (e.via.includes('+inferred') ? 0.8 : 1);
}

export function eventData(e: CodedEvent): EventData {
  return {
    source: e.source,
    target: e.target,
    cameo: e.code,
    description: e.info.description,
    goldstein: e.info.goldstein,
    quad: e.info.quad,
    plover: e.info.plover,
    ploverMode: e.info.mode,
    trigger: e.trigger,
    sourceMention: e.sourceMention,
    targetMention: e.targetMention,
    negated: e.negated,
    modality: e.modality,
    attribution: e.attribution,
    stance: e.stance,
    factivity: e.factivity ?? { value: e.attribution.kind === 'author' ? 'endorsed' : 'reported', cue: null, framedBy: null },
    symmetric: e.symmetric ?? false,
    ...(e.tree ? { tree: e.tree } : {}),
    via: e.via,
    lemma: e.lemma,
    pattern: e.pattern,
  };
}

/** One sentence a journalist can check: what was coded and from which words. */
export function eventReason(e: CodedEvent, text: string): string {
  const w = (r: { start: number; end: number }): string => `"${text.slice(r.start, r.end)}"`;
  const f = e.factivity;
  const fact = f && (f.value === 'doubted' || f.value === 'rejected') ? `${f.value} by the text${f.cue ? ` ("${f.cue}")` : ''}${f.framedBy ? `, the framing of ${f.framedBy}` : ''}` : '';
  const qual = [e.negated ? 'negated' : '', e.modality !== 'asserted' ? e.modality : '', e.attribution.kind !== 'author' ? `${e.attribution.kind}${e.attribution.text ? ` (${e.attribution.text})` : ''}` : '', fact].filter(Boolean);
  const how =
    e.via === 'stance'
      ? `the text states ${w(e.sourceMention)}'s ${e.info.quad >= 3 ? 'hostile' : 'friendly'} stance towards ${w(e.targetMention)} with ${w(e.trigger)} (a stated attitude, not an event)`
      : e.via === 'noun'
      ? `the relational noun ${w(e.trigger)} links ${w(e.sourceMention)} and ${w(e.targetMention)}`
      : e.via === 'noun-tree'
      ? `the dependency parse attaches ${w(e.sourceMention)} (the doer) and ${w(e.targetMention)} (the one it is done to) to the event noun ${w(e.trigger)}`
      : e.via === 'light'
      ? `${w(e.sourceMention)} is the subject of "${e.lemma}" (a light verb with the event noun ${w(e.trigger)}, linked by the dependency parse) and ${w(e.targetMention)} its target`
      : e.via === 'domestic'
        ? `${w(e.sourceMention)} protests with ${w(e.trigger)} and names no target, so its own state (${e.target}) is taken as the target`
        : e.via === 'passive'
        ? `${w(e.targetMention)} is the subject of the passive ${w(e.trigger)} done by ${w(e.sourceMention)}`
        : e.via === 'passive+location'
          ? `${w(e.targetMention)} is the subject of the passive ${w(e.trigger)} with no agent, in ${w(e.sourceMention)}, whose authorities are taken as the source`
        : `${w(e.sourceMention)} is the subject of ${w(e.trigger)} and ${w(e.targetMention)} its ${e.via === 'reciprocal' ? 'counterpart' : 'object'}`;
  const inferred = e.via.includes('+inferred-country') ? ` (${w(e.targetMention)} names no country; it is placed in the source's country, ${e.target.slice(0, 3)})` : '';
  return `${e.source} ${e.symmetric ? '↔' : '→'} ${e.target}${inferred}: CAMEO ${e.code} "${e.info.description}" (Goldstein ${e.info.goldstein}) because ${how}${e.pattern ? ` (pattern ${e.pattern})` : ''}${qual.length ? `; ${qual.join(', ')}` : ''}.`;
}

/** How the parse is used (experiments: SLANT_EVENTS_TREE=strict|fill|off). */
const TREE_MODE = (['strict', 'fill', 'check', 'add', 'off'] as const).find((m) => m === process.env.SLANT_EVENTS_TREE) ?? 'check';

export function eventsComponentWith(lex: () => Lexicon): Component {
  return {
    name: 'events',
    requires: ['sentences', 'actors'],
    // The dependency parse, when the pipeline has one, tells whether it supports each event (confidence).
    reads: ['tokens', 'syntax'],
    // English verb patterns and dictionaries: on other languages it says so instead of coding blind.
    languages: ['en'],
    assigns: ['events'],
    annotate(doc: Doc) {
      const mentions = docMentions(doc);
      const lexicon = lex();
      const trees = doc.has('syntax') ? layerTrees(doc) : [];
      let ti = 0;
      const spans: Span<EventData>[] = [];
      let mi = 0;
      for (const sent of doc.spans('sentences')) {
        while (mi < mentions.length && mentions[mi]!.end <= sent.start) mi++;
        let mj = mi;
        while (mj < mentions.length && mentions[mj]!.start < sent.end) mj++;
        if (mj - mi === 0) continue;
        while (ti < trees.length && trees[ti]!.end <= sent.start) ti++;
        const tree = trees[ti] && trees[ti]!.start < sent.end ? trees[ti] : undefined;
        for (const e of codeSentence(doc.text, sent.start, sent.end, mentions.slice(mi, mj), lexicon, { treeMode: TREE_MODE }, tree)) {
          const confidence = eventConfidence(e, sent, mj - mi, supportOf(e.tree));
          spans.push({ start: sent.start, end: sent.end, component: 'events', confidence, reason: eventReason(e, doc.text), data: { ...eventData(e), shown: shownByDefault(e.code, confidence) } });
        }
      }
      return { spans: { events: spans } };
    },
  };
}

export const eventsComponent: Component = eventsComponentWith(loadDefaultLexicon);
