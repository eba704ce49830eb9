/**
 * The library entry points: `analyze` one input, `analyzeMany` a stream of them. The CLI, server
 * and web app call these and nothing deeper.
 */
import { Doc, type DocMeta } from './core/document.js';
import { E, fail } from './core/errors.js';
import { normalize } from './input/normalize.js';
import { createPipeline, DEFAULT_PIPELINE } from './registry.js';
import { toResult, type AnalysisResult } from './result.js';
import { pipelineWithParse } from './syntax/result.js';

import { checkInput, type Input } from './input/record.js';
import { MAX_TEXT } from './core/limits.js';

export type { Input, InputRecord } from './input/record.js';
export { MAX_TEXT };

export interface AnalyzeOptions {
  /** Component names, in order (default: DEFAULT_PIPELINE). */
  pipeline?: readonly string[];
  /** Optional parts of the result: 'syntax' runs the parser and adds each sentence's tokens and dependencies. */
  include?: readonly 'syntax'[];
}

export async function toDoc(input: Input): Promise<Doc> {
  // Callers in plain JavaScript can pass anything: wrong types become E111, a bad date too.
  const checked = checkInput(input);
  const raw = typeof checked === 'string' ? { text: checked } : checked;
  let text = raw.text;
  const meta: DocMeta = { id: raw.id, title: raw.title, date: raw.date, byline: raw.byline, source: raw.source, url: raw.url };
  if (text === undefined && raw.html !== undefined) {
    const { fromHtml } = await import('./input/html.js');
    const page = fromHtml(raw.html, raw.url);
    text = page.text;
    for (const [k, v] of Object.entries(page.meta)) if ((meta as Record<string, unknown>)[k] == null) (meta as Record<string, unknown>)[k] = v;
  }
  if (text === undefined) fail(E.EMPTY_INPUT, 'input has neither "text" nor "html"');
  if (text.length > MAX_TEXT) fail(E.INPUT_TOO_LARGE, `text is ${text.length} characters; the limit is ${MAX_TEXT}`);
  if (text.trim() === '') fail(E.EMPTY_INPUT, 'input text is empty');
  const n = normalize(text);
  return new Doc(n.text, meta, text, n.edits);
}

export async function analyze(input: Input, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  checkOptions(options);
  const syntax = options.include?.includes('syntax') === true;
  const names = options.pipeline ?? DEFAULT_PIPELINE;
  const pipeline = await createPipeline(syntax ? pipelineWithParse(names) : names);
  const doc = pipeline.run(await toDoc(input));
  return toResult(doc, pipeline.names, { syntax });
}

/** Stream inputs through the pipeline in order (see batch.ts for the multi-core version). */
export async function* analyzeMany(inputs: AsyncIterable<Input> | Iterable<Input>, options: AnalyzeOptions = {}): AsyncGenerator<AnalysisResult> {
  for await (const input of inputs) yield analyze(input, options);
}

function checkOptions(options: unknown): asserts options is AnalyzeOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) fail(E.BAD_INPUT, 'options must be an object');
  const p = (options as AnalyzeOptions).pipeline;
  if (p !== undefined && (!Array.isArray(p) || p.some((n) => typeof n !== 'string'))) fail(E.BAD_INPUT, 'options.pipeline must be an array of component names');
  const inc = (options as AnalyzeOptions).include as unknown;
  if (inc !== undefined && (!Array.isArray(inc) || inc.some((n) => n !== 'syntax'))) fail(E.BAD_INPUT, "options.include must be an array of optional parts (known: 'syntax')");
}
