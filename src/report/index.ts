/** Reports of one analysis for people: the terminal report and the standalone HTML page. */
import { renderGraphSvg, renderGraphText } from '../graph/render.js';
import type { AnalysisResult } from '../result.js';
import { TECHNIQUE_INFO } from '../techniques/definitions.js';
import { renderHtml } from './html.js';
import { renderText, type TextReportOptions } from './text.js';

export { renderHtml, escapeHtml } from './html.js';
export { renderText } from './text.js';


export function renderReportText(r: AnalysisResult, opts: TextReportOptions = {}): string {
  const graph = r.graph;
  return renderText(r, { ...opts, graphText: graph ? renderGraphText(graph, { color: opts.color }) : undefined });
}

export function renderReportHtml(r: AnalysisResult): string {
  const graph = r.graph;
  const definitions = Object.fromEntries(Object.entries(TECHNIQUE_INFO).map(([k, v]) => [k, v.definition]));
  return renderHtml(r, { definitions, graphSvg: graph && graph.nodes.length ? renderGraphSvg(graph) : undefined });
}
