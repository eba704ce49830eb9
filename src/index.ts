/** slant: the library API. */
export { analyze, analyzeMany, toDoc, type Input, type InputRecord, type AnalyzeOptions } from './analyze.js';
export { SCHEMA_VERSION, toResult, type AnalysisResult, type ActorResult, type RelationResult, type TechniqueResult } from './result.js';
export { Doc, type Span, type Layers, type DocMeta, type Credit } from './core/document.js';
export { Pipeline, type Component, type Annotations } from './core/pipeline.js';
export { CodePoints, cpSlice } from './core/text.js';
export { SlantError, E } from './core/errors.js';
export { registry, createPipeline, DEFAULT_PIPELINE } from './registry.js';
export { analyzeParallel, isBatchError, type BatchItem, type BatchError, type BatchOptions } from './batch.js';
export { createPool, type Pool, type PoolOptions, type PoolInput, type StreamItem, type Rendered, type OutputFormat } from './corpus/pool.js';
export { loadInput, fromBytes, fromJson, decodeText } from './input/load.js';
export { renderReportHtml, renderReportText } from './report/index.js';
export { buildGraph, mergeGraphs, realign } from './graph/index.js';
export { renderGraphSvg, renderGraphText } from './graph/render.js';
export type { GraphResult, GraphNode, GraphEdge, Triad, Realignment } from './graph/types.js';
export type { EventResult } from './relations/types.js';
export { ActorDictionary } from './actors/index.js';
export { TECHNIQUES, type Technique } from './techniques/types.js';
export { TECHNIQUE_INFO } from './techniques/definitions.js';
