/**
 * The persuasion-technique components. 'techniques.model' (the trained model, default) and
 * 'techniques.rules' (explained rules) both write the 'techniques' layer; the default pipeline
 * runs both, so a span can come from either and says which in `component`.
 */
import { fileURLToPath } from 'node:url';
import type { Doc, Span } from '../core/document.js';
import type { Component } from '../core/pipeline.js';
import { prepare } from './features.js';
import { TechniqueModel } from './model.js';
import { isShown, ruleConfidence, shownByDefault } from './rules.js';
import { isShownPrecision, mergeNested, modelPrecision } from './display.js';
import type { Technique, TechniqueSpan } from './types.js';

export { techniqueRules } from './rules.js';
export { TECHNIQUE_INFO } from './definitions.js';
export { SHOWN_PRECISION, PRECISION } from './display.js';

export const modelPath = fileURLToPath(new URL('./data/model.bin.gz', import.meta.url));

let cached: TechniqueModel | undefined;
export function loadDefaultModel(): TechniqueModel {
  return (cached ??= TechniqueModel.load(modelPath));
}

/** Model spans for a document (UTF-16 offsets), each with its measured precision and shown flag. A model
 * span nested with a more precise rule hit of the same technique gives way to it (techniques.rules
 * outputs that one): nested and duplicate spans of one technique merge into one. */
export function modelSpans(doc: Doc, model: TechniqueModel, component = 'techniques.model'): Span<TechniqueSpan>[] {
  const p = prepare(doc.text);
  const spans = model.detect(p).map((d) => {
    const precision = modelPrecision(d.technique, d.confidence);
    return {
      start: d.start,
      end: d.end,
      component,
      confidence: Math.round(d.confidence * 1000) / 1000,
      reason: d.explanation,
      data: { technique: d.technique, rule: null, precision, shown: isShownPrecision(precision) },
      technique: d.technique,
      precision,
    };
  });
  const hits = p.hits.filter(isShown).map((h) => ({ start: h.start, end: h.end, technique: h.technique, precision: ruleConfidence(h), span: null }));
  const all = [...spans.map((s) => ({ start: s.start, end: s.end, technique: s.technique, precision: s.precision, span: s as Span<TechniqueSpan> | null })), ...hits];
  return mergeNested(all).flatMap((m) => (m.span ? [{ start: m.span.start, end: m.span.end, component: m.span.component, confidence: m.span.confidence, reason: m.span.reason, data: m.span.data }] : []));
}

export function techniqueModel(model: TechniqueModel = loadDefaultModel()): Component {
  return {
    name: 'techniques.model',
    requires: [],
    // Trained on English articles (PTC).
    languages: ['en'],
    assigns: ['techniques'],
    annotate(doc: Doc) {
      return { spans: { techniques: modelSpans(doc, model) } };
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
  /** Shown by default (measured precision >= 0.4, or a promised scare-quote construction). */
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
  const out: Finding[] = model.detect(p).map((d) => {
    const precision = modelPrecision(d.technique, d.confidence);
    return { start: d.start, end: d.end, technique: d.technique, confidence: d.confidence, explanation: d.explanation, component: 'techniques.model', rule: null, precision, shown: isShownPrecision(precision) };
  });
  if (!withRules) return out;
  for (const h of p.hits.filter(isShown)) {
    out.push({ start: h.start, end: h.end, technique: h.technique, confidence: ruleConfidence(h), explanation: h.explanation, component: 'techniques.rules', rule: h.key, precision: ruleConfidence(h), shown: shownByDefault(h) });
  }
  return mergeNested(out).sort((a, b) => a.start - b.start || a.end - b.end);
}
