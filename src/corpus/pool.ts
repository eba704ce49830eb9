/**
 * One worker pool for the CLI, the server and ingest (Piscina underneath). Each worker builds its
 * pipeline once, loads/decodes the input itself when given a path, analyses, and serialises the
 * output (JSON or a rendered report) into a buffer that is *transferred* back — the main thread
 * never structured-clones a result object, so it stays free to read inputs and write output.
 *
 * API
 *   const pool = createPool({ workers?, maxQueue?, pipeline?, timeoutMs? });
 *   pool.analyze(input, { signal?, timeoutMs? })        → Promise<AnalysisResult>
 *   pool.render(input, { format?, signal?, timeoutMs?, profile? })
 *                                                       → Promise<Rendered>  ({ id, bytes, timings? })
 *   pool.analyzeStream(inputs, { ordered?, inFlight?, format?, timeoutMs?, signal?, profile? })
 *                                                       → AsyncGenerator<StreamItem>  (never throws per document)
 *   pool.close()                                        → Promise<void>
 *   pool.workers, pool.pending
 *
 * - `input` is an `Input` (text or record, as for analyze()) or `{ load: path|url, options? }`
 *   (read inside the worker; the record's id becomes the path).
 * - Time limit: `timeoutMs` (per call, else the pool's default; 0 = none). A document over its limit
 *   rejects with E413 and its worker is terminated and replaced (the only way to stop synchronous
 *   code). An aborted `signal` does the same, rejecting with E417.
 * - Queue limit: more than `workers + maxQueue` documents pending rejects at once with E416 (busy);
 *   `analyzeStream` never hits it: it keeps at most `inFlight` documents pending.
 * - Errors are SlantError (numbered); a failing document in a stream becomes `{ error }`.
 * - `format`: 'json' (one compact line + "\n", for JSON Lines), 'json-pretty', 'text', 'text-color',
 *   'html'. `profile: true` returns per-component milliseconds for that document (`timings`),
 *   including the pseudo-components `load`, `setup` (once per worker), `normalize`, `result` (building the JSON result, the
 *   graph included) and `serialize`.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Input } from '../analyze.js';
import { E, SlantError, type ErrorCode } from '../core/errors.js';
import type { LoadOptions } from '../input/load.js';
import type { AnalysisResult } from '../result.js';
import type { OutputFormat, Task, TaskReply } from './pool-worker.js';

export type { OutputFormat };

/** A file, URL or `-`, read and decoded inside the worker. */
export interface LoadRequest {
  load: string;
  options?: LoadOptions;
}
export type PoolInput = Input | LoadRequest;

export interface PoolOptions {
  /** Worker threads (default: available cores). */
  workers?: number;
  /** Documents that may wait beyond one per worker before analyze()/render() refuse with E416 (default 64). */
  maxQueue?: number;
  /** Component names (default: the default pipeline). */
  pipeline?: readonly string[];
  /** Default time limit per document in ms (default 0 = none). */
  timeoutMs?: number;
  /**
   * V8's young generation per worker, in MB (default 192: semi-spaces of 64 MB instead of 16).
   * An analysis allocates tens of MB that die with the document; with the default size much of it
   * was promoted and collected again by full collections. 64 MB semi-spaces gave 7 % more articles
   * per CPU-second (median of 7 alternated pairs of runs, docs/results-speed.md) for about 90 MB more memory
   * per worker.
   */
  youngGenerationMb?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Time limit for this document (ms); overrides the pool's default; 0 = none. */
  timeoutMs?: number;
}

export interface RenderOptions extends CallOptions {
  format?: OutputFormat;
  profile?: boolean;
}

export interface Rendered {
  /** The record's id (or the loaded path). */
  id: string | null;
  /** The serialised output (UTF-8). */
  bytes: Buffer;
  timings?: Record<string, number>;
}

export interface StreamOptions extends RenderOptions {
  /** Yield in input order (default true; a bounded reorder buffer) or as documents finish. */
  ordered?: boolean;
  /** Documents pending at once (default 4 per worker): bounds memory whatever the input length. */
  inFlight?: number;
}

export interface StreamItem<T extends PoolInput = PoolInput> {
  /** Position in the input sequence. */
  index: number;
  input: T;
  id: string | null;
  bytes?: Buffer;
  timings?: Record<string, number>;
  error?: SlantError;
}

export interface Pool {
  readonly workers: number;
  /** Documents submitted and not yet settled. */
  readonly pending: number;
  analyze(input: PoolInput, opts?: CallOptions): Promise<AnalysisResult>;
  render(input: PoolInput, opts?: RenderOptions): Promise<Rendered>;
  analyzeStream<T extends PoolInput>(inputs: AsyncIterable<T> | Iterable<T>, opts?: StreamOptions): AsyncGenerator<StreamItem<T>>;
  close(): Promise<void>;
}

const WORKER = new URL('./pool-worker.js', import.meta.url);

export function createPool(options: PoolOptions = {}): Pool {
  const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const maxQueue = Math.max(0, options.maxQueue ?? 64);
  const pipeline = options.pipeline ? [...options.pipeline] : undefined;
  const piscina = new Piscina({
    filename: WORKER.href,
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: 1,
    // Our own limit below (Piscina's maxQueue does not count tasks that carry a signal).
    maxQueue: Number.MAX_SAFE_INTEGER,
    idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: options.youngGenerationMb ?? 192 },
  });
  let pending = 0;
  let closed = false;

  const render = (input: PoolInput, opts: RenderOptions = {}): Promise<Rendered> => run(input, opts, true);

  async function run(input: PoolInput, opts: RenderOptions, limited: boolean): Promise<Rendered> {
    if (closed) throw new SlantError(E.UNAVAILABLE, 'the worker pool is closed');
    if (limited && pending >= workers + maxQueue) throw new SlantError(E.BUSY, `${pending} analyses are pending; try again shortly`);
    const timeoutMs = opts.timeoutMs ?? options.timeoutMs ?? 0;
    const id = idOf(input);
    const signals: AbortSignal[] = [];
    if (opts.signal) signals.push(opts.signal);
    let timer: AbortController | null = null;
    let handle: NodeJS.Timeout | null = null;
    if (timeoutMs > 0) {
      timer = new AbortController();
      handle = setTimeout(() => timer!.abort(new SlantError(E.TIMEOUT, `the analysis took longer than ${fmtSeconds(timeoutMs)} and was stopped`)), timeoutMs);
      signals.push(timer.signal);
    }
    const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    pending++;
    try {
      const task: Task = { input, pipeline, format: opts.format ?? 'json', profile: opts.profile === true };
      const reply = (await piscina.run(task, { signal })) as TaskReply;
      if (!reply.ok) throw new SlantError(reply.code as ErrorCode, reply.message);
      return { id: reply.id ?? id, bytes: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength), timings: reply.timings };
    } catch (err) {
      throw toSlantError(err, timer?.signal, opts.signal);
    } finally {
      pending--;
      if (handle) clearTimeout(handle);
    }
  }

  async function analyze(input: PoolInput, opts: CallOptions = {}): Promise<AnalysisResult> {
    const r = await render(input, { ...opts, format: 'json' });
    return JSON.parse(r.bytes.toString('utf8')) as AnalysisResult;
  }

  async function* analyzeStream<T extends PoolInput>(inputs: AsyncIterable<T> | Iterable<T>, opts: StreamOptions = {}): AsyncGenerator<StreamItem<T>> {
    const ordered = opts.ordered ?? true;
    const inFlight = Math.max(1, Math.floor(opts.inFlight ?? 4 * workers));
    const it = (Symbol.asyncIterator in inputs ? (inputs as AsyncIterable<T>)[Symbol.asyncIterator]() : (inputs as Iterable<T>)[Symbol.iterator]()) as AsyncIterator<T> | Iterator<T>;
    const done = new Map<number, StreamItem<T>>(); // finished, not yet yielded
    let submitted = 0;
    let nextOut = 0; // ordered: next index to yield
    let running = 0;
    let exhausted = false;
    let wake: (() => void) | null = null;
    const finish = (item: StreamItem<T>): void => {
      running--;
      done.set(item.index, item);
      wake?.();
      wake = null;
    };
    // Ordered: the window counts from the oldest unyielded index, so the reorder buffer stays bounded.
    const room = (): boolean => (ordered ? submitted - nextOut < inFlight : running + done.size < inFlight);
    try {
      while (true) {
        while (!exhausted && room()) {
          if (opts.signal?.aborted) {
            exhausted = true;
            break;
          }
          let r: IteratorResult<T>;
          try {
            r = await it.next();
          } catch (err) {
            exhausted = true;
            throw err;
          }
          if (r.done) {
            exhausted = true;
            break;
          }
          const index = submitted++;
          const input = r.value;
          running++;
          // Not subject to maxQueue: inFlight bounds a stream instead.
          run(input, opts, false).then(
            (out) => finish({ index, input, id: out.id, bytes: out.bytes, timings: out.timings }),
            (err: unknown) => finish({ index, input, id: idOf(input), error: toSlantError(err) }),
          );
        }
        if (ordered) {
          while (done.has(nextOut)) {
            const item = done.get(nextOut)!;
            done.delete(nextOut++);
            yield item;
          }
        } else {
          for (const [k, item] of done) {
            done.delete(k);
            nextOut++;
            yield item;
          }
        }
        if (exhausted && running === 0 && done.size === 0) return;
        if (!(ordered ? done.has(nextOut) : done.size > 0) && !(!exhausted && room())) {
          await new Promise<void>((r) => (wake = r));
        }
      }
    } finally {
      if (typeof it.return === 'function' && !exhausted) await it.return();
    }
  }

  return {
    workers,
    get pending() {
      return pending;
    },
    analyze,
    render,
    analyzeStream,
    async close() {
      if (closed) return;
      closed = true;
      await piscina.destroy();
    },
  };
}

function idOf(input: PoolInput): string | null {
  if (typeof input === 'string') return null;
  return 'load' in input ? input.load : input.id ?? null;
}

function fmtSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** Map whatever a task rejected with to a numbered error (the abort reason when it was a time limit). */
function toSlantError(err: unknown, timeout?: AbortSignal, user?: AbortSignal): SlantError {
  if (err instanceof SlantError) return err;
  if (timeout?.aborted && timeout.reason instanceof SlantError) return timeout.reason;
  if (user?.aborted) return new SlantError(E.UNAVAILABLE, 'the analysis was cancelled');
  const name = (err as Error | undefined)?.name;
  if (name === 'AbortError') return new SlantError(E.UNAVAILABLE, 'the analysis was cancelled');
  const msg = err instanceof Error ? err.message : String(err);
  return new SlantError(E.UNAVAILABLE, `the analysis worker failed: ${msg.split('\n')[0]}`);
}
