/**
 * Batch analysis on every core: a pool of worker threads, each with its own pipeline, fed one
 * input at a time; results come back in input order. A failing document yields an error record
 * instead of stopping the batch.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Input } from './analyze.js';
import { errorLine } from './core/errors.js';
import type { LoadOptions } from './input/load.js';
import type { AnalysisResult } from './result.js';

export interface BatchError {
  id: string | null;
  error: string;
}

export type BatchItem = AnalysisResult | BatchError;

export function isBatchError(x: BatchItem): x is BatchError {
  return 'error' in x;
}

/** A file, URL or `-` to load inside the worker (reading and decoding run in parallel too). */
export interface LoadRequest {
  load: string;
  options?: LoadOptions;
}

export type BatchInput = Input | LoadRequest;

export interface BatchOptions {
  /** Worker threads (default: available cores). 1 runs in this thread, without workers. */
  workers?: number;
  pipeline?: readonly string[];
}

type Job = { seq: number; input: BatchInput };
type Reply = { seq: number; result?: AnalysisResult; error?: string };

export async function* analyzeParallel(inputs: AsyncIterable<BatchInput> | Iterable<BatchInput>, opts: BatchOptions = {}): AsyncGenerator<BatchItem> {
  const n = Math.max(1, opts.workers ?? availableParallelism());
  if (n === 1) {
    for await (const input of inputs) {
      try {
        yield await analyzeOne(input, opts.pipeline);
      } catch (err) {
        yield { id: idOf(input), error: errorLine(err) };
      }
    }
    return;
  }
  const workers = Array.from({ length: n }, () => new Worker(new URL('./batch-worker.js', import.meta.url), { workerData: { pipeline: opts.pipeline } }));
  const idle: Worker[] = [...workers];
  const done = new Map<number, BatchItem>();
  const ids = new Map<number, string | null>();
  let wake: (() => void) | null = null;
  const signal = (): void => {
    wake?.();
    wake = null;
  };
  const waitForChange = (): Promise<void> => new Promise((r) => (wake = r));
  let failure: Error | null = null;
  let closing = false;
  for (const w of workers) {
    w.on('message', (msg: Reply) => {
      done.set(msg.seq, msg.result ?? { id: ids.get(msg.seq) ?? null, error: msg.error ?? 'unknown error' });
      idle.push(w);
      signal();
    });
    w.on('error', (err) => {
      failure = err;
      signal();
    });
    w.on('exit', (code) => {
      // A worker that dies outside terminate() (out of memory, a crash) must not leave us waiting.
      if (!closing) failure ??= new Error(`a batch worker exited with code ${code}`);
      signal();
    });
  }
  try {
    let next = 0; // next result to yield, in input order
    let seq = 0;
    const it = (Symbol.asyncIterator in inputs ? inputs[Symbol.asyncIterator]() : (inputs as Iterable<BatchInput>)[Symbol.iterator]()) as AsyncIterator<BatchInput> | Iterator<BatchInput>;
    let exhausted = false;
    while (true) {
      // Keep every idle worker busy, but never run more than 2n ahead of what was yielded (memory).
      while (!exhausted && idle.length > 0 && seq - next < 2 * n) {
        let r: IteratorResult<BatchInput>;
        try {
          r = await it.next();
        } catch (err) {
          done.set(seq, { id: null, error: errorLine(err) });
          seq++;
          continue;
        }
        if (r.done) {
          exhausted = true;
          break;
        }
        const input = r.value;
        ids.set(seq, idOf(input));
        idle.pop()!.postMessage({ seq, input } satisfies Job);
        seq++;
      }
      while (done.has(next)) {
        const item = done.get(next)!;
        done.delete(next);
        ids.delete(next);
        next++;
        yield item;
      }
      if (exhausted && next === seq) return;
      if (failure) throw failure;
      // Sleep only when nothing can move: no result due, and no idle worker that could take an input.
      const canFeed = !exhausted && idle.length > 0 && seq - next < 2 * n;
      if (!done.has(next) && !canFeed) await waitForChange();
    }
  } finally {
    closing = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function idOf(input: BatchInput): string | null {
  if (typeof input === 'string') return null;
  return 'load' in input ? input.load : input.id ?? null;
}

/** Load (when asked) and analyse one input; a loaded file is identified by its path. */
export async function analyzeOne(input: BatchInput, pipeline?: readonly string[]): Promise<AnalysisResult> {
  const { analyze } = await import('./analyze.js');
  if (typeof input !== 'string' && 'load' in input) {
    const { loadInput } = await import('./input/load.js');
    const loaded = await loadInput(input.load, input.options);
    return analyze({ ...loaded, id: loaded.id ?? input.load }, { pipeline });
  }
  return analyze(input, { pipeline });
}
