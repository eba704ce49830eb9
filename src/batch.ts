/**
 * Batch analysis on every core: a pool of worker threads, each with its own pipeline, fed one
 * input at a time; results come back in input order. A failing document yields an error record
 * instead of stopping the batch.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Input } from './analyze.js';
import { errorLine } from './core/errors.js';
import type { AnalysisResult } from './result.js';

export interface BatchError {
  id: string | null;
  error: string;
}

export type BatchItem = AnalysisResult | BatchError;

export function isBatchError(x: BatchItem): x is BatchError {
  return 'error' in x;
}

export interface BatchOptions {
  /** Worker threads (default: available cores). 1 runs in this thread, without workers. */
  workers?: number;
  pipeline?: readonly string[];
}

type Job = { seq: number; input: Input } ;
type Reply = { seq: number; result?: AnalysisResult; error?: string };

export async function* analyzeParallel(inputs: AsyncIterable<Input> | Iterable<Input>, opts: BatchOptions = {}): AsyncGenerator<BatchItem> {
  const n = Math.max(1, opts.workers ?? availableParallelism());
  if (n === 1) {
    const { analyze } = await import('./analyze.js');
    for await (const input of inputs) {
      try {
        yield await analyze(input, { pipeline: opts.pipeline });
      } catch (err) {
        yield { id: typeof input === 'string' ? null : input.id ?? null, error: errorLine(err) };
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
  }
  try {
    let next = 0; // next result to yield, in input order
    let seq = 0;
    const it = (Symbol.asyncIterator in inputs ? inputs[Symbol.asyncIterator]() : (inputs as Iterable<Input>)[Symbol.iterator]()) as AsyncIterator<Input> | Iterator<Input>;
    let exhausted = false;
    while (true) {
      // Keep every idle worker busy, but never run more than 2n ahead of what was yielded (memory).
      while (!exhausted && idle.length > 0 && seq - next < 2 * n) {
        let r: IteratorResult<Input>;
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
        ids.set(seq, typeof input === 'string' ? null : input.id ?? null);
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
      if (!done.has(next)) await waitForChange();
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
