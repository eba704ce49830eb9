/**
 * Heavy reads off the main thread: a few read workers (Piscina) that open the database read-only
 * themselves, a time limit per request that terminates the worker (synchronous JSON parsing cannot
 * be interrupted any other way), a queue limit, and a cache of graphs keyed by the database's
 * change counter (`PRAGMA data_version` on a connection of our own: it moves whenever any other
 * connection — this server's store, `slant ingest` — commits).
 */
import { MessageChannel } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Piscina } from 'piscina';
import { E, SlantError, type ErrorCode } from '../core/errors.js';
import type { SearchQuery } from '../store/types.js';
import { StorageError } from './http.js';
import type { ExportFormat } from '../corpus/index.js';
import type { CorpusCall, ReadReply, ReadTask } from './read-worker.js';

export type { CorpusCall };

export interface ReadsOptions {
  /** The SQLite file. */
  db: string;
  /** Worker threads for reads (default 2). */
  workers?: number;
  /** Longest one graph may take (default 30 s). */
  timeoutMs?: number;
  /** Longest one export may take (default 10 min). */
  exportTimeoutMs?: number;
  /** Requests that may wait beyond one per worker (default 16). */
  maxQueue?: number;
  /** Graphs kept in the cache (default 32). */
  cacheEntries?: number;
  /** A read-only server: when the change counter cannot be read (read-only media), the data cannot change either. */
  immutable?: boolean;
}

interface Cached {
  version: string;
  bytes: Uint8Array;
}

export class Reads {
  private readonly pool: Piscina;
  private readonly workers: number;
  private readonly maxQueue: number;
  private pending = 0;
  private readonly cache = new Map<string, Cached>();
  private readonly inflight = new Map<string, Promise<Uint8Array>>();
  /** Our own connection for the change counter; false once it could not be opened. */
  private versionDb: Database.Database | null | false = null;
  /** Graphs answered from the cache or a request already running (for the benchmark and tests). */
  hits = 0;
  misses = 0;

  constructor(readonly opts: ReadsOptions) {
    this.workers = Math.max(1, opts.workers ?? 2);
    this.maxQueue = opts.maxQueue ?? 16;
    this.pool = new Piscina({
      filename: new URL('./read-worker.js', import.meta.url).href,
      minThreads: 0,
      maxThreads: this.workers,
      concurrentTasksPerWorker: 1,
      idleTimeout: 60_000,
      maxQueue: Number.MAX_SAFE_INTEGER, // counted below: Piscina does not count tasks that carry a signal
    });
  }

  /** A Corpus API call's answer as JSON bytes; cached until the database changes. */
  async json(call: CorpusCall, timeoutMs = this.opts.timeoutMs ?? 30_000): Promise<Uint8Array> {
    const version = this.version();
    const key = JSON.stringify(call);
    const hit = this.cache.get(key);
    if (hit && version !== null && hit.version === version) {
      this.hits++;
      // Most recently used last.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit.bytes;
    }
    const running = this.inflight.get(`${version}|${key}`);
    if (running) {
      this.hits++;
      return running;
    }
    this.misses++;
    const what = call.op === 'graph' ? 'the graph' : call.op === 'timeline' ? 'the timeline' : `the ${call.op} request`;
    const job = this.run({ kind: 'json', db: this.opts.db, call }, timeoutMs, what).then((r) => {
      const bytes = r.bytes ?? new Uint8Array();
      if (version !== null) this.remember(key, { version, bytes });
      return bytes;
    });
    this.inflight.set(`${version}|${key}`, job);
    try {
      return await job;
    } finally {
      this.inflight.delete(`${version}|${key}`);
    }
  }

  /**
   * An export as a byte stream. Resolves once the first chunk is ready, so that a failure to read
   * the database is still an error response rather than a broken download.
   */
  async export(query: SearchQuery, limit: number, format: 'json' | ExportFormat, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const { port1, port2 } = new MessageChannel();
    let first: ((v: unknown) => void) | null = null;
    const started = new Promise((resolve) => (first = resolve));
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let waiting = false;
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (c) => {
          controller = c;
        },
        pull: () => {
          if (waiting) {
            waiting = false;
            port1.postMessage('more');
          }
        },
        cancel: () => {
          port1.postMessage('stop');
          port1.close();
        },
      },
      { highWaterMark: 2 },
    );
    port1.on('message', (m: Uint8Array | null) => {
      first?.(undefined);
      if (m === null) {
        controller.close();
        port1.close();
        return;
      }
      controller.enqueue(m);
      if ((controller.desiredSize ?? 0) > 0) port1.postMessage('more');
      else waiting = true;
    });
    const done = this.run({ kind: 'export', db: this.opts.db, query, limit, format, port: port2 }, this.opts.exportTimeoutMs ?? 600_000, 'the export', [port2], signal);
    done.catch((err: unknown) => {
      try {
        controller.error(err);
      } catch {
        /* already closed */
      }
      port1.close();
    });
    await Promise.race([started, done]);
    return stream;
  }

  async close(): Promise<void> {
    if (this.versionDb) this.versionDb.close();
    this.versionDb = null;
    await this.pool.destroy();
  }

  /** The database's change counter, or null when it cannot be read (then nothing is cached). */
  private version(): string | null {
    if (this.versionDb === false) return this.opts.immutable ? 'immutable' : null;
    // PostgreSQL: no change counter here, so nothing is cached.
    if (/^postgres(?:ql)?:\/\//i.test(this.opts.db)) return null;
    try {
      this.versionDb ??= new Database(this.opts.db, { readonly: true, fileMustExist: true });
      return String(this.versionDb.pragma('data_version', { simple: true }));
    } catch {
      // A read-only server that cannot open its own connection is on read-only media: nothing
      // changes there. Otherwise nothing is cached. Either way, not tried again.
      this.versionDb?.close();
      this.versionDb = false;
      return this.version();
    }
  }

  private remember(key: string, value: Cached): void {
    this.cache.delete(key);
    this.cache.set(key, value);
    const max = this.opts.cacheEntries ?? 32;
    for (const k of this.cache.keys()) {
      if (this.cache.size <= max) break;
      this.cache.delete(k);
    }
  }

  private async run(task: ReadTask, timeoutMs: number, what: string, transferList: Transferable[] = [], outer?: AbortSignal): Promise<ReadReply & { ok: true }> {
    if (this.pending >= this.workers + this.maxQueue) throw new SlantError(E.BUSY, `${this.pending} heavy reads are waiting; try again shortly`);
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(), timeoutMs);
    const signal = outer ? AbortSignal.any([timer.signal, outer]) : timer.signal;
    this.pending++;
    try {
      const reply = (await this.pool.run(task, { signal, transferList: transferList as never })) as ReadReply;
      if (!reply.ok) {
        if (reply.status) throw new StorageError(reply.message, reply.status);
        throw new SlantError(reply.code as ErrorCode, reply.message);
      }
      return reply;
    } catch (err) {
      if (timer.signal.aborted) throw new SlantError(E.TIMEOUT, `${what} took longer than ${Math.round(timeoutMs / 1000)} s and was stopped; select fewer documents`);
      if (outer?.aborted) throw new SlantError(E.UNAVAILABLE, `${what} was cancelled`);
      throw err;
    } finally {
      clearTimeout(handle);
      this.pending--;
    }
  }
}
