/** Reports of one analysis for people: the terminal report and the standalone HTML page. */
import { renderGraphSvg, renderGraphText } from '../graph/render.js';
import type { AnalysisResult } from '../result.js';
import { TECHNIQUE_INFO } from '../techniques/definitions.js';
import { renderHtml } from './html.js';
import { renderText, type TextReportOptions } from './text.js';

export { renderHtml, escapeHtml } from './html.js';
export { renderText } from './text.js';


/** Reports for people show the technique spans worth showing (measured precision ≥ 0.4) unless asked for all. */
function shownOnly(r: AnalysisResult, all: boolean): AnalysisResult {
  return all ? r : { ...r, techniques: r.techniques.filter((t) => t.shown !== false) };
}

export function renderReportText(result: AnalysisResult, opts: TextReportOptions & { all?: boolean } = {}): string {
  const r = shownOnly(result, opts.all === true);
  const graph = r.graph;
  return renderText(r, { ...opts, graphText: graph ? renderGraphText(graph, { color: opts.color }) : undefined });
}

export function renderReportHtml(result: AnalysisResult, opts: { all?: boolean } = {}): string {
  const r = shownOnly(result, opts.all === true);
  const graph = r.graph;
  const definitions = Object.fromEntries(Object.entries(TECHNIQUE_INFO).map(([k, v]) => [k, v.definition]));
  return renderHtml(r, { definitions, graphSvg: graph && graph.nodes.length ? renderGraphSvg(graph) : undefined });
}
