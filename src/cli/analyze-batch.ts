/**
 * `slant analyze` over many inputs: the worker pool reads, analyses and serialises each document;
 * this thread only writes the bytes, each result as soon as it is due (input order, through a
 * bounded reorder buffer). Memory stays bounded however many files; Ctrl-C stops the batch and
 * leaves every finished result written whole (valid JSON Lines), then exits 130.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { E, fail } from '../core/errors.js';
import { availableParallelism } from 'node:os';
import { createPool, type OutputFormat } from '../corpus/pool.js';
import type { LoadOptions } from '../input/load.js';
import { runSingleThreaded } from './single-threaded.js';

export interface BatchRun {
  sources: string[];
  format: 'json' | 'text';
  color: boolean;
  loadOptions: LoadOptions;
  workers?: number;
  /** Per-document time limit (ms, 0 = none). */
  timeoutMs: number;
  /** Output file (written to a temporary file, renamed at the end or on Ctrl-C). */
  out?: string;
  profile: boolean;
  /** Component names (default: the default pipeline). */
  pipeline?: readonly string[];
}

/** Returns the exit code: 0, 1 when some documents failed, 130 when interrupted. */
export async function runBatch(run: BatchRun): Promise<number> {
  // Workers on every core: V8's helper threads only compete with them. As `node --single-threaded`
  // two workers took 7 % less CPU for the same 742 articles (median of 3 runs each, alternated, load
  // 13-15; docs/results-speed.md). SLANT_SINGLE_THREADED=0 keeps the helpers.
  if ((run.workers ?? availableParallelism()) >= availableParallelism() && run.sources.length > 1) {
    const rerun = runSingleThreaded();
    if (rerun) return rerun;
  }
  const format: OutputFormat = run.format === 'json' ? 'json' : run.color ? 'text-color' : 'text';
  const sink = await openSink(run.out);
  const pool = createPool({ workers: run.workers, timeoutMs: run.timeoutMs, pipeline: run.pipeline });
  const stop = new AbortController();
  let stoppedAt = 0;
  const onSigint = (): void => {
    // A second Ctrl-C leaves at once; one within a second of the first is the same Ctrl-C delivered
    // twice (to the process group and passed on by the parent process, see single-threaded.ts).
    if (stop.signal.aborted) {
      if (Date.now() - stoppedAt > 1000) process.exit(130);
      return;
    }
    stoppedAt = Date.now();
    stop.abort();
  };
  process.on('SIGINT', onSigint);
  const timings: Record<string, number> = {};
  let failed = 0;
  let written = 0;
  const started = performance.now();
  try {
    const inputs = run.sources.map((s) => ({ load: s, options: run.loadOptions }));
    for await (const item of pool.analyzeStream(inputs, { format, signal: stop.signal, profile: run.profile })) {
      if (stop.signal.aborted) break;
      if (item.error) {
        // One bad document must not sink the batch: report it, keep going, exit non-zero at the end.
        console.error(`slant: ${item.id ?? 'input'}: ${item.error.line()}`);
        failed++;
        continue;
      }
      await sink.write(item.bytes!);
      written++;
      for (const [k, v] of Object.entries(item.timings ?? {})) timings[k] = (timings[k] ?? 0) + v;
    }
  } catch (err) {
    await sink.discard();
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
    await pool.close();
  }
  await sink.commit();
  if (run.profile) printProfile(timings, written, performance.now() - started, pool.workers);
  if (stop.signal.aborted) {
    console.error(`slant: interrupted; ${written} of ${run.sources.length} results written`);
    return 130;
  }
  return failed > 0 ? 1 : 0;
}

interface Sink {
  write(bytes: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** Standard output, or a temporary file beside `path` renamed into place when the batch ends. */
async function openSink(path?: string): Promise<Sink> {
  if (!path) {
    return {
      write: (bytes) => writeTo(process.stdout, bytes),
      commit: async () => {},
      discard: async () => {},
    };
  }
  const tmp = `${path}.tmp-${process.pid}`;
  const stream = createWriteStream(tmp);
  await Promise.race([once(stream, 'open'), once(stream, 'error').then(([err]) => fail(E.BAD_ARGUMENT, `cannot write ${path}: ${(err as Error).message.split('\n')[0]}`))]);
  const close = (): Promise<void> => new Promise((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return {
    write: (bytes) => writeTo(stream, bytes),
    async commit() {
      try {
        await close();
        await rename(tmp, path);
      } catch (err) {
        await rm(tmp, { force: true });
        fail(E.BAD_ARGUMENT, `cannot write ${path}: ${(err as Error).message.split('\n')[0]}`);
      }
    },
    async discard() {
      stream.destroy();
      await rm(tmp, { force: true });
    },
  };
}

/** Write and respect back-pressure, so a slow reader bounds memory instead of a growing buffer. */
async function writeTo(stream: NodeJS.WritableStream | WriteStream, bytes: Uint8Array): Promise<void> {
  if (!stream.write(bytes)) await once(stream, 'drain');
}

/** Share of time per component over the whole batch (summed over workers), to stderr. */
export function printProfile(timings: Record<string, number>, docs: number, wallMs: number, workers: number): void {
  const total = Object.values(timings).reduce((a, b) => a + b, 0);
  const lines = Object.entries(timings)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `  ${name.padEnd(20)} ${(ms / 1000).toFixed(2).padStart(8)} s  ${((100 * ms) / (total || 1)).toFixed(1).padStart(5)} %  ${(ms / Math.max(1, docs)).toFixed(2).padStart(8)} ms/doc`);
  console.error(
    [`slant: profile — ${docs} documents in ${(wallMs / 1000).toFixed(2)} s (${((docs * 1000) / wallMs).toFixed(1)} docs/s, ${workers === 0 ? 'in process' : `${workers} worker${workers === 1 ? '' : 's'}`}); time per component, summed over workers:`, ...lines].join('\n'),
  );
}
