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
import type { TechniqueSpan } from './types.js';

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
    assigns: ['techniques'],
    annotate(doc: Doc) {
      return { spans: { techniques: modelSpans(doc, model) } };
    },
  };
}
