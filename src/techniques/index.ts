/**
 * The persuasion-technique components. 'techniques.model' (the trained model, default) and
 * 'techniques.rules' (explained rules) both write the 'techniques' layer; the default pipeline
 * runs both, so a span can come from either and says which in `component`.
 */
import { fileURLToPath } from 'node:url';
import type { Doc, Span } from '../core/document.js';
import type { Component } from '../core/pipeline.js';
import { lowerBound, prepare, type Prepared } from './features.js';
import { TechniqueModel, type Detected } from './model.js';
import { isShown, measuredText, ruleConfidence, shownByDefault, type RuleHit } from './rules.js';
import { agreementOf, groupOf, isShownPrecision, mergeNested, modelPrecision, type Agreement } from './display.js';
import { TECHNIQUES } from './types.js';
import type { Technique, TechniqueSpan } from './types.js';

export { techniqueRules } from './rules.js';
export { TECHNIQUE_INFO } from './definitions.js';
export { SHOWN_PRECISION, PRECISION } from './display.js';

export const modelPath = fileURLToPath(new URL('./data/model.bin.gz', import.meta.url));

let cached: TechniqueModel | undefined;

/** The rule hits listed in results, each with its agreement with the model's spans, measured precision and shown flag. */
function listedHits(p: Prepared, decoded: readonly Detected[]): Array<{ hit: RuleHit; agree: Agreement; precision: number; shown: boolean }> {
  return p.hits.flatMap((hit) => {
    const agree = agreementOf(hit, decoded);
    return isShown(hit, agree) ? [{ hit, agree, precision: ruleConfidence(hit, agree), shown: shownByDefault(hit, agree) }] : [];
  });
}

/** A rule hit of the span's technique overlaps it (the rule mask marks the tokens each rule covers). */
function ruleAgrees(p: Prepared, d: { start: number; end: number; technique: Technique }): boolean {
  const bit = 1 << TECHNIQUES.indexOf(d.technique);
  for (let i = lowerBound(p.tokens, d.start); i < p.tokens.length && p.tokens[i]!.start < d.end; i++) if (p.ruleMask[i]! & bit) return true;
  return false;
}

/** Measured precision and shown flag of a model span. */
function measured(p: Prepared, d: Detected): { precision: number | null; shown: boolean } {
  const precision = modelPrecision({ technique: d.technique, confidence: d.confidence, chars: d.end - d.start, ruleAgrees: ruleAgrees(p, d) });
  return { precision, shown: isShownPrecision(precision, groupOf(null, d.technique)) };
}
export function loadDefaultModel(): TechniqueModel {
  return (cached ??= TechniqueModel.load(modelPath));
}

/** Model spans for a document (UTF-16 offsets), each with its measured precision and shown flag. A model
 * span nested with a more precise rule hit of the same technique gives way to it (techniques.rules
 * outputs that one): nested and duplicate spans of one technique merge into one. */
export function modelSpans(doc: Doc, model: TechniqueModel, component = 'techniques.model'): Span<TechniqueSpan>[] {
  return modelLayers(doc, model, component).techniques;
}

/** The 'techniques' spans and, as 'techniques.modelSpans', every decoded model span (what techniques.rules reads). */
export function modelLayers(doc: Doc, model: TechniqueModel, component = 'techniques.model'): { techniques: Span<TechniqueSpan>[]; 'techniques.modelSpans': Span<{ technique: Technique }>[] } {
  const p = prepare(doc.text);
  const decoded = model.detect(p);
  const decodedSpans = decoded.map((d) => ({ start: d.start, end: d.end, component, confidence: Math.round(d.confidence * 1000) / 1000, reason: d.explanation, data: { technique: d.technique } }));
  const spans = decoded.map((d) => {
    const { precision, shown } = measured(p, d);
    return {
      start: d.start,
      end: d.end,
      component,
      confidence: Math.round(d.confidence * 1000) / 1000,
      reason: d.explanation,
      data: { technique: d.technique, rule: null, precision, shown },
      technique: d.technique,
      precision,
    };
  });
  const hits = listedHits(p, decoded).map((x) => ({ start: x.hit.start, end: x.hit.end, technique: x.hit.technique, precision: x.precision, shown: x.shown, span: null }));
  const all = [...spans.map((s) => ({ start: s.start, end: s.end, technique: s.technique, precision: s.precision, shown: s.data.shown, span: s as Span<TechniqueSpan> | null })), ...hits];
  const techniques = mergeNested(all).flatMap((m) => (m.span ? [{ start: m.span.start, end: m.span.end, component: m.span.component, confidence: m.span.confidence, reason: m.span.reason, data: m.span.data }] : []));
  return { techniques, 'techniques.modelSpans': decodedSpans };
}

export function techniqueModel(model: TechniqueModel = loadDefaultModel()): Component {
  return {
    name: 'techniques.model',
    requires: [],
    // Trained on English articles (PTC).
    languages: ['en'],
    // the decoded spans as a layer of their own: techniques.rules reads them (declared, not module state)
    assigns: ['techniques', 'techniques.modelSpans'],
    annotate(doc: Doc) {
      return { spans: modelLayers(doc, model) };
    },
  };
}

export interface Finding {
  start: number;
  end: number;
  technique: Technique;
  confidence: number;
  explanation: string;
  component: 'techniques.model' | 'techniques.rules';
  /** The rule key, null for the model. */
  rule: string | null;
  /** Measured precision on PTC (cross-validated), null when never measured. */
  precision: number | null;
  /** Shown by default (measured precision >= 0.4 and the display threshold of its rule or technique). */
  shown: boolean;
}

/**
 * What `slant techniques detect` prints: model spans and rule spans with their measured precision,
 * nested and duplicate spans of one technique merged into one (the most precise; the model wins
 * ties), as the pipeline does with its two components. UTF-16 offsets, sorted. Without rules: the
 * model's spans as decoded (for the SemEval tasks).
 */
export function detectAll(text: string, model: TechniqueModel = loadDefaultModel(), withRules = true): Finding[] {
  const p = prepare(text);
  const decoded = model.detect(p);
  const out: Finding[] = decoded.map((d) => {
    const { precision, shown } = measured(p, d);
    return { start: d.start, end: d.end, technique: d.technique, confidence: d.confidence, explanation: d.explanation, component: 'techniques.model', rule: null, precision, shown };
  });
  if (!withRules) return out;
  for (const { hit: h, agree, precision, shown } of listedHits(p, decoded)) {
    out.push({ start: h.start, end: h.end, technique: h.technique, confidence: precision, explanation: `${h.explanation} (rule ${h.key}; ${measuredText(h, agree)})`, component: 'techniques.rules', rule: h.key, precision, shown });
  }
  return mergeNested(out).sort((a, b) => a.start - b.start || a.end - b.end);
}
