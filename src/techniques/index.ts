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
import { coveredBy, isShown, ruleConfidence } from './rules.js';
import type { Technique, TechniqueSpan } from './types.js';

export { techniqueRules } from './rules.js';
export { TECHNIQUE_INFO } from './definitions.js';

export const modelPath = fileURLToPath(new URL('./data/model.bin.gz', import.meta.url));

let cached: TechniqueModel | undefined;
export function loadDefaultModel(): TechniqueModel {
  return (cached ??= TechniqueModel.load(modelPath));
}

/** Model spans for a document (UTF-16 offsets). */
export function modelSpans(doc: Doc, model: TechniqueModel, component = 'techniques.model'): Span<TechniqueSpan>[] {
  return model.detect(prepare(doc.text)).map((d) => ({
    start: d.start,
    end: d.end,
    component,
    confidence: Math.round(d.confidence * 1000) / 1000,
    reason: d.explanation,
    data: { technique: d.technique },
  }));
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
}

/**
 * What `slant techniques detect` prints: model spans, plus the shown rule spans the model did not
 * already mark with the same technique on about the same words (the pipeline does the same with its
 * two components). UTF-16 offsets, sorted.
 */
export function detectAll(text: string, model: TechniqueModel = loadDefaultModel(), withRules = true): Finding[] {
  const p = prepare(text);
  const out: Finding[] = model.detect(p).map((d) => ({ start: d.start, end: d.end, technique: d.technique, confidence: d.confidence, explanation: d.explanation, component: 'techniques.model' }));
  if (withRules) {
    const fromModel = out.slice(); // sorted by start (decoding runs left to right)
    const seen = new Set<string>();
    for (const h of p.hits.filter(isShown)) {
      const key = `${h.technique}:${h.start}:${h.end}`;
      if (seen.has(key) || coveredBy(fromModel, h)) continue;
      seen.add(key);
      out.push({ start: h.start, end: h.end, technique: h.technique, confidence: ruleConfidence(h), explanation: h.explanation, component: 'techniques.rules' });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
