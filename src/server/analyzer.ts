/**
 * Runs analyses in one worker thread, one at a time, each with a time limit. A job over its limit
 * terminates the worker (the only way to stop synchronous code) and a fresh one takes the queue.
 */
import { Worker } from 'node:worker_threads';
import { E, SlantError, fail, type ErrorCode } from '../core/errors.js';
import type { Input } from '../analyze.js';
import type { AnalysisResult } from '../result.js';
import type { Job, Reply } from './analyze-worker.js';

interface Pending {
  job: Job;
  resolve: (r: AnalysisResult) => void;
  reject: (e: Error) => void;
}

export class Analyzer {
  private worker: Worker | null = null;
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private closed = false;

  constructor(
    readonly timeoutMs: number,
    readonly maxQueue = 32,
  ) {}

  analyze(input: Input): Promise<AnalysisResult> {
    if (this.closed) return Promise.reject(new SlantError(E.UNAVAILABLE, 'the server is shutting down'));
    if (this.queue.length >= this.maxQueue) return Promise.reject(new SlantError(E.BUSY, `${this.queue.length} analyses are waiting; try again shortly`));
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, input }, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new SlantError(E.UNAVAILABLE, 'the server is shutting down'));
    if (this.timer) clearTimeout(this.timer);
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private spawn(): Worker {
    const w = new Worker(new URL('./analyze-worker.js', import.meta.url));
    w.on('message', (reply: Reply) => this.settle(reply));
    w.on('error', (err) => this.crashed(err));
    w.on('exit', () => {
      if (this.worker === w) this.worker = null;
    });
    w.unref();
    return w;
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const next = this.queue.shift();
    if (!next) return;
    this.current = next;
    this.worker ??= this.spawn();
    this.timer = setTimeout(() => this.timedOut(), this.timeoutMs);
    this.worker.postMessage(next.job);
  }

  private settle(reply: Reply): void {
    const p = this.current;
    if (!p || p.job.id !== reply.id) return;
    this.finish();
    if ('error' in reply) p.reject(new SlantError(reply.error.code as ErrorCode, reply.error.message));
    else p.resolve(reply.result as AnalysisResult);
    this.pump();
  }

  private timedOut(): void {
    const p = this.current;
    this.finish();
    const w = this.worker;
    this.worker = null;
    void w?.terminate();
    p?.reject(new SlantError(E.TIMEOUT, `the analysis took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped`));
    this.pump();
  }

  private crashed(err: Error): void {
    const p = this.current;
    this.finish();
    this.worker = null;
    p?.reject(new SlantError(E.UNAVAILABLE, `the analysis worker failed: ${err.message.split('\n')[0]}`));
    this.pump();
  }

  private finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = null;
  }
}

/** Throws unless `value` is a well-formed result (the worker's output crosses a thread boundary). */
export function checkResult(value: AnalysisResult): AnalysisResult {
  if (typeof value?.text !== 'string' || !Array.isArray(value.techniques)) fail(E.COMPONENT_CONTRACT, 'the analysis returned no result');
  return value;
}
