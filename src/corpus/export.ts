/**
 * Exports of a selection of stored documents: JSON Lines (one full result per line), CSV (one row
 * per document, or one per finding) and the findings as W3C Web Annotations (JSON-LD, an
 * AnnotationCollection; every target has a TextPositionSelector in code points and a
 * TextQuoteSelector with exact/prefix/suffix). Each export is a stream of string chunks so that a
 * large selection never sits in memory whole.
 */
import { CodePoints } from '../core/text.js';
import type { AnalysisResult } from '../result.js';
import { outletOf } from './publisher.js';
import { csvCell, narrativesOf, wordCount } from './timeline.js';

export interface ExportDoc {
  id: string;
  created?: string;
  result: AnalysisResult;
}

export const EXPORT_FORMATS = ['jsonl', 'csv', 'findings-csv', 'w3c'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Characters of context around a quote (W3C TextQuoteSelector prefix/suffix), in code points. */
export const QUOTE_CONTEXT = 32;

export async function* jsonl(docs: AsyncIterable<ExportDoc> | Iterable<ExportDoc>): AsyncGenerator<string> {
  for await (const d of docs) yield JSON.stringify({ ...d.result, id: d.id, created: d.created ?? null, outlet: outletOf(d.result) }) + '\n';
}

export const DOC_COLUMNS = ['id', 'created', 'title', 'date', 'outlet', 'url', 'language', 'words', 'actors', 'techniques', 'events', 'narratives', 'text'] as const;

export async function* csvDocuments(docs: AsyncIterable<ExportDoc> | Iterable<ExportDoc>): AsyncGenerator<string> {
  yield DOC_COLUMNS.join(',') + '\r\n';
  for await (const { id, created, result: r } of docs) {
    const tech = new Map<string, number>();
    for (const t of r.techniques) tech.set(t.technique, (tech.get(t.technique) ?? 0) + 1);
    const row = [
      id,
      created ?? '',
      r.meta.title ?? '',
      r.meta.date ?? '',
      outletOf(r) ?? '',
      r.meta.canonicalUrl ?? r.meta.url ?? '',
      r.meta.language ?? '',
      String(wordCount(r.text)),
      r.actors.map((a) => a.code).join('; '),
      [...tech].map(([k, n]) => `${k}=${n}`).join('; '),
      String(r.events.length),
      narrativesOf(r).join('; '),
      r.text,
    ];
    yield row.map(csvCell).join(',') + '\r\n';
  }
}

/** One finding: a technique span, a coded event or a narrative (an evidence sentence), or an actor mention. */
export interface Finding {
  doc: string;
  kind: 'technique' | 'event' | 'narrative' | 'actor';
  label: string;
  start: number;
  end: number;
  text: string;
  confidence: number | null;
  explanation: string;
}

export const FINDING_KINDS = ['technique', 'event', 'narrative', 'actor'] as const;

export function* findingsOf(id: string, r: AnalysisResult, kinds: ReadonlySet<Finding['kind']> = new Set(FINDING_KINDS)): Generator<Finding> {
  if (kinds.has('technique'))
    for (const t of r.techniques) yield { doc: id, kind: 'technique', label: t.technique, start: t.start, end: t.end, text: t.text, confidence: t.confidence, explanation: t.explanation };
  if (kinds.has('event'))
    for (const e of r.events)
      yield {
        doc: id,
        kind: 'event',
        label: `${e.source} ${e.cameo} ${e.target}`,
        start: e.evidence.start,
        end: e.evidence.end,
        text: e.evidence.text,
        confidence: e.confidence,
        explanation: `${e.description} (CAMEO ${e.cameo}, Goldstein ${e.goldstein}). ${e.explanation}`.trim(),
      };
  if (kinds.has('narrative'))
    for (const n of r.narratives ?? [])
      for (const e of n.evidence ?? [])
        yield { doc: id, kind: 'narrative', label: n.label, start: e.start, end: e.end, text: e.text, confidence: n.confidence ?? null, explanation: n.explanation ?? '' };
  if (kinds.has('actor'))
    for (const a of r.actors)
      for (const m of a.mentions) yield { doc: id, kind: 'actor', label: a.code, start: m.start, end: m.end, text: m.text, confidence: null, explanation: `"${m.text}" names ${a.name} (${a.code}), found by ${m.via}.` };
}

export const FINDING_COLUMNS = ['doc', 'kind', 'label', 'start', 'end', 'text', 'confidence', 'explanation'] as const;

export async function* csvFindings(docs: AsyncIterable<ExportDoc> | Iterable<ExportDoc>, kinds?: ReadonlySet<Finding['kind']>): AsyncGenerator<string> {
  yield FINDING_COLUMNS.join(',') + '\r\n';
  for await (const d of docs)
    for (const f of findingsOf(d.id, d.result, kinds)) yield [f.doc, f.kind, f.label, String(f.start), String(f.end), f.text, f.confidence === null ? '' : String(f.confidence), f.explanation].map(csvCell).join(',') + '\r\n';
}

export interface W3cOptions {
  /** Base IRI for annotation ids (default urn:slant:). */
  base?: string;
  kinds?: ReadonlySet<Finding['kind']>;
  /** Generator version recorded on the collection. */
  version?: string;
}

/** A W3C Web Annotation for one finding; offsets are code points, as the Web Annotation model counts characters. */
export function toAnnotation(f: Finding, r: AnalysisResult, cp: CodePoints, n: number, base = 'urn:slant:'): Record<string, unknown> {
  const source = r.meta.canonicalUrl ?? r.meta.url ?? `${base}doc:${f.doc}`;
  const motivation = f.kind === 'actor' ? 'identifying' : 'classifying';
  return {
    id: `${base}doc:${f.doc}#${f.kind}-${n}`,
    type: 'Annotation',
    motivation,
    body: [
      { type: 'TextualBody', purpose: f.kind === 'actor' ? 'identifying' : 'classifying', value: f.label },
      { type: 'TextualBody', purpose: 'describing', value: f.explanation, format: 'text/plain' },
    ],
    target: {
      source,
      selector: [
        { type: 'TextPositionSelector', start: f.start, end: f.end },
        { type: 'TextQuoteSelector', exact: cp.slice(f.start, f.end), prefix: cp.slice(Math.max(0, f.start - QUOTE_CONTEXT), f.start), suffix: cp.slice(f.end, Math.min(cp.length, f.end + QUOTE_CONTEXT)) },
      ],
    },
    ...(f.confidence !== null ? { 'slant:confidence': f.confidence } : {}),
    'slant:kind': f.kind,
  };
}

/** An AnnotationCollection (JSON-LD) holding one AnnotationPage with every finding of the selection. */
export async function* w3c(docs: AsyncIterable<ExportDoc> | Iterable<ExportDoc>, options: W3cOptions = {}): AsyncGenerator<string> {
  const base = options.base ?? 'urn:slant:';
  const head = {
    '@context': ['http://www.w3.org/ns/anno.jsonld', { slant: 'https://slant.invalid/ns#' }],
    id: `${base}export`,
    type: 'AnnotationCollection',
    label: 'slant findings',
    generator: { type: 'Software', name: 'slant', ...(options.version ? { 'schema:softwareVersion': options.version } : {}) },
  };
  yield JSON.stringify(head).slice(0, -1) + ',"first":{"type":"AnnotationPage","items":[\n';
  let first = true;
  let total = 0;
  for await (const d of docs) {
    const cp = new CodePoints(d.result.text);
    const counters = new Map<string, number>();
    for (const f of findingsOf(d.id, d.result, options.kinds)) {
      const n = (counters.get(f.kind) ?? 0) + 1;
      counters.set(f.kind, n);
      yield (first ? '' : ',\n') + JSON.stringify(toAnnotation(f, d.result, cp, n, base));
      first = false;
      total++;
    }
  }
  yield `\n]},"total":${total}}\n`;
}

export function exportChunks(format: ExportFormat, docs: AsyncIterable<ExportDoc> | Iterable<ExportDoc>, options: W3cOptions = {}): AsyncGenerator<string> {
  switch (format) {
    case 'jsonl':
      return jsonl(docs);
    case 'csv':
      return csvDocuments(docs);
    case 'findings-csv':
      return csvFindings(docs, options.kinds);
    case 'w3c':
      return w3c(docs, options);
  }
}
