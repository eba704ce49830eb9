/** Reports of one analysis for people: the terminal report and the standalone HTML page. */
import type { AnalysisResult } from '../result.js';
import { renderHtml } from './html.js';
import { renderText, type TextReportOptions } from './text.js';

export { renderHtml, escapeHtml } from './html.js';
export { renderText } from './text.js';

export function renderReportText(r: AnalysisResult, opts: TextReportOptions = {}): string {
  return renderText(r, opts);
}

export function renderReportHtml(r: AnalysisResult): string {
  return renderHtml(r, {});
}
