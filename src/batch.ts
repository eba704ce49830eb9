/**
 * The library's batch entry point, kept for its callers: a thin wrapper over the one worker pool
 * (src/corpus/pool.ts), which new code should use directly (`createPool`). Results come back in
 * input order; a failing document yields an error record instead of stopping the batch.
 */
import type { Input } from './analyze.js';
import { createPool, type LoadRequest } from './corpus/pool.js';
import type { AnalysisResult } from './result.js';

export type { LoadRequest };

export interface BatchError {
  id: string | null;
  error: string;
}

export type BatchItem = AnalysisResult | BatchError;

export function isBatchError(x: BatchItem): x is BatchError {
  return 'error' in x;
}

export type BatchInput = Input | LoadRequest;

export interface BatchOptions {
  /** Worker threads (default: available cores). */
  workers?: number;
  pipeline?: readonly string[];
  /** Time limit per document (ms; default none). */
  timeoutMs?: number;
}

export async function* analyzeParallel(inputs: AsyncIterable<BatchInput> | Iterable<BatchInput>, opts: BatchOptions = {}): AsyncGenerator<BatchItem> {
  const pool = createPool({ workers: opts.workers, pipeline: opts.pipeline, timeoutMs: opts.timeoutMs });
  try {
    for await (const item of pool.analyzeStream(inputs, { format: 'json' })) {
      if (item.error) yield { id: item.id, error: item.error.line() };
      else yield JSON.parse(item.bytes!.toString('utf8')) as AnalysisResult;
    }
  } finally {
    await pool.close();
  }
}
