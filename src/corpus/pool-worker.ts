/**
 * One pool worker (see pool.ts): loads the input when given a path, analyses it with a pipeline
 * built once per thread, and serialises the output here, so that only bytes cross the thread
 * boundary (transferred, not copied). Errors come back as data with their number.
 */
import { Piscina } from 'piscina';
import { toDoc, type Input, type InputRecord } from '../analyze.js';
import { readFileSync, statSync } from 'node:fs';
import { SlantError } from '../core/errors.js';
import { fromBytes, loadInput, MAX_INPUT_BYTES, type LoadOptions } from '../input/load.js';
import { createPipeline, DEFAULT_PIPELINE } from '../registry.js';
import { toResult, type AnalysisResult } from '../result.js';
import type { PoolInput } from './pool.js';

export type OutputFormat = 'json' | 'json-pretty' | 'text' | 'text-color' | 'html';

export interface Task {
  input: PoolInput;
  pipeline?: readonly string[];
  format: OutputFormat;
  profile: boolean;
}

export type TaskReply =
  | { ok: true; id: string | null; bytes: Uint8Array; timings?: Record<string, number> }
  | { ok: false; id: string | null; code: number; message: string };

const encoder = new TextEncoder();

export default async function analyzeTask(task: Task): Promise<unknown> {
  const id = idOf(task.input);
  try {
    const timings: Record<string, number> = {};
    let t = performance.now();
    const lap = (name: string): void => {
      const now = performance.now();
      timings[name] = (timings[name] ?? 0) + (now - t);
      t = now;
    };
    let input: Input;
    if (typeof task.input !== 'string' && 'load' in task.input) {
      const loaded = readLocal(task.input.load, task.input.options) ?? (await loadInput(task.input.load, task.input.options));
      input = { ...loaded, id: loaded.id ?? task.input.load };
    } else input = task.input;
    lap('load');
    const pipeline = await createPipeline(task.pipeline ?? DEFAULT_PIPELINE);
    lap('setup'); // building the pipeline: once per worker
    const doc = await toDoc(input);
    lap('normalize');
    pipeline.takeTimings(); // drop anything left over from an earlier (failed) document
    pipeline.run(doc);
    Object.assign(timings, pipeline.takeTimings());
    t = performance.now();
    const result = toResult(doc, pipeline.names);
    lap('result');
    const bytes = encoder.encode(await serialise(result, task.format));
    lap('serialize');
    const reply: TaskReply = { ok: true, id: doc.meta.id ?? id, bytes, timings: task.profile ? timings : undefined };
    // Transfer the buffer instead of copying it (Piscina's transferable protocol).
    const movable = {
      get [Piscina.transferableSymbol]() {
        return [bytes.buffer];
      },
      get [Piscina.valueSymbol]() {
        return reply;
      },
    };
    return Piscina.move(movable as never);
  } catch (err) {
    const code = err instanceof SlantError ? err.code : 999;
    const message = err instanceof SlantError ? err.message : `internal error: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`;
    return { ok: false, id, code, message } satisfies TaskReply;
  }
}

async function serialise(result: AnalysisResult, format: OutputFormat): Promise<string> {
  switch (format) {
    case 'json':
      return JSON.stringify(result) + '\n';
    case 'json-pretty':
      return JSON.stringify(result, null, 2) + '\n';
    case 'html': {
      const { renderReportHtml } = await import('../report/index.js');
      return renderReportHtml(result);
    }
    default: {
      const { renderReportText } = await import('../report/index.js');
      return renderReportText(result, { color: format === 'text-color' }) + '\n';
    }
  }
}

/**
 * A plain local file read synchronously: blocking costs nothing in a worker, while an async read
 * hops through libuv's thread pool, which on a busy machine costs milliseconds per document.
 * Anything else (URLs, stdin, missing or odd files) returns null: loadInput handles it, errors included.
 */
function readLocal(path: string, options?: LoadOptions): InputRecord | null {
  if (path === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return null;
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_INPUT_BYTES) return null;
    return fromBytes(readFileSync(path), path, options);
  } catch (err) {
    if (err instanceof SlantError) throw err;
    return null;
  }
}

function idOf(input: PoolInput): string | null {
  if (typeof input === 'string') return null;
  return 'load' in input ? input.load : input.id ?? null;
}
