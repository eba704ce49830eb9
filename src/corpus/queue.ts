/**
 * Analysis spread over many workers on many machines (issue 10), through pg-boss — a kept job queue
 * in the same PostgreSQL database — rather than a queue of our own.
 *
 *   enqueue:  read + dedupe (ingest's first two stages) → one job per document
 *   worker:   take a few jobs → analyse each in the worker pool → storeResult (idempotent by
 *             document key) → acknowledge them together
 *
 * A job that fails is retried with backoff; one that fails for good (or whose input is bad, which no
 * retry mends) lands in the dead-letter queue with its error. A job that runs twice stores its
 * document once (the keys are unique in the store). SIGTERM lets the job in hand finish; after
 * SIGKILL the job's lease expires and another worker takes it again.
 */
import PgBoss from 'pg-boss';
import pg from 'pg';
import { E, fail, SlantError, errorLine } from '../core/errors.js';
import type { InputRecord } from '../analyze.js';
import type { Corpus } from './index.js';
import { freshRecords, storeResult, type IngestOptions } from './ingest.js';
import { createPool } from './pool.js';
import { placeText } from './readers/index.js';
import { isDatabaseUrl } from './location.js';
import { redact } from '../store/postgres.js';

export const QUEUE = 'slant-analyze';
export const DEAD_LETTER = 'slant-dead-letter';
/** A batch is about this much work (ms) at the mean time per document so far. */
const BATCH_MS = 1000;

/** Wait `ms`, or less when the signal aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** What one job carries: the analysis input, its raw-content key and where it came from. */
export interface JobData {
  input: InputRecord;
  raw: string;
  origin: string | null;
}

export interface QueueOptions {
  /** Seconds a worker may hold a job before it is taken back (default 300; set when enqueuing). */
  leaseSeconds?: number;
  /** Retries after the first failure (default 3), with exponential backoff from `retryDelay` s. */
  retryLimit?: number;
  retryDelay?: number;
}

function requireUrl(location: string): string {
  if (!isDatabaseUrl(location)) fail(E.BAD_ARGUMENT, 'the job queue lives in PostgreSQL: give --db postgres://… (or SLANT_DATABASE_URL)');
  return location;
}

async function startBoss(url: string, extra: Partial<PgBoss.ConstructorOptions> = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, max: 4, application_name: 'slant-queue', ...extra } as PgBoss.ConstructorOptions);
  boss.on('error', (err) => process.stderr.write(`slant: queue: ${String((err as Error).message ?? err).split('\n')[0]}\n`));
  try {
    await boss.start();
  } catch (err) {
    fail(E.STORAGE, `PostgreSQL ${redact(url)}: cannot start the job queue: ${String((err as Error).message).split('\n')[0]}`);
  }
  return boss;
}

/** The queues, created on first use; options given again (a new lease, say) update them. */
async function ensureQueues(boss: PgBoss, o: QueueOptions): Promise<PgBoss.QueueResult> {
  if (!(await boss.getQueue(DEAD_LETTER))) await boss.createQueue(DEAD_LETTER, { name: DEAD_LETTER, retentionDays: 30 });
  const current = await boss.getQueue(QUEUE);
  const wanted: PgBoss.Queue = {
    name: QUEUE,
    retryLimit: o.retryLimit ?? current?.retryLimit ?? 3,
    retryDelay: o.retryDelay ?? current?.retryDelay ?? 10,
    retryBackoff: true,
    expireInSeconds: o.leaseSeconds ?? current?.expireInSeconds ?? 300,
    retentionDays: 7,
    deadLetter: DEAD_LETTER,
  };
  if (!current) await boss.createQueue(QUEUE, wanted);
  else if (o.leaseSeconds !== undefined || o.retryLimit !== undefined || o.retryDelay !== undefined) await boss.updateQueue(QUEUE, wanted);
  return (await boss.getQueue(QUEUE)) ?? { ...wanted, createdOn: new Date(), updatedOn: new Date() };
}

export interface EnqueueSummary {
  read: number;
  enqueued: number;
  duplicates: number;
  errors: number;
}

/** `slant ingest --queue`: read and dedupe the sources, enqueue one job per new document, return. */
export async function enqueue(corpus: Corpus, sources: readonly string[], opts: IngestOptions & QueueOptions = {}): Promise<EnqueueSummary> {
  const url = requireUrl(corpus.location);
  const boss = await startBoss(url, { supervise: false, schedule: false });
  const counts: EnqueueSummary = { read: 0, enqueued: 0, duplicates: 0, errors: 0 };
  try {
    await ensureQueues(boss, opts);
    let batch: PgBoss.JobInsert<JobData>[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await boss.insert(batch);
      counts.enqueued += batch.length;
      batch = [];
      opts.onProgress?.({ read: counts.read, ingested: counts.enqueued, duplicates: counts.duplicates, copies: 0, errors: counts.errors });
    };
    const records = freshRecords(corpus.store, sources, opts, {
      read: () => counts.read++,
      duplicate: () => counts.duplicates++,
      error: (place, message) => {
        counts.errors++;
        opts.onError?.({ where: placeText(place), place, error: message });
      },
    });
    for await (const r of records) {
      const input: InputRecord = { text: r.text, html: r.html, title: r.title, date: r.date, url: r.url, source: r.source, byline: r.byline, id: r.id };
      // The raw key names the job too: the same record enqueued twice while waiting is one job.
      batch.push({ name: QUEUE, data: { input, raw: r.raw, origin: placeText(r.place) }, singletonKey: r.raw });
      if (batch.length >= 100) await flush();
    }
    await flush();
  } finally {
    await boss.stop({ graceful: false, wait: true, close: true }).catch(() => {});
  }
  return counts;
}

export interface WorkerOptions extends QueueOptions {
  /** Documents analysed at once (threads in the pool; default 1). */
  concurrency?: number;
  pipeline?: readonly string[];
  /** Time limit per document in ms (default 120000). */
  timeoutMs?: number;
  /** Stops taking jobs when aborted; the jobs in hand finish first. */
  signal?: AbortSignal;
  /** Seconds between polls of an empty queue (default 1). */
  pollSeconds?: number;
  /**
   * Most jobs taken at once per slot (default 8). The batch is sized to about a second of work from
   * the documents seen so far (1 until then), so a slow document is never held behind others.
   */
  maxBatch?: number;
  /** About how much work (ms, at the mean time per document so far) a batch holds (default 1000). */
  batchMs?: number;
  onJob?: (e: { id: string; outcome: 'stored' | 'duplicate' | 'dead'; doc?: string; error?: string }) => void;
}

/** `slant worker`: take jobs until the signal, analyse, store, acknowledge. Resolves after a graceful stop. */
export async function runWorker(corpus: Corpus, opts: WorkerOptions = {}): Promise<{ stored: number; duplicates: number; dead: number }> {
  const url = requireUrl(corpus.location);
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
  // Expired leases are found by pg-boss's maintenance: run it often enough for the queue's lease.
  const probe = await startBoss(url, { supervise: false, schedule: false });
  const queue = await ensureQueues(probe, opts).finally(() => probe.stop({ graceful: false, wait: true, close: true }));
  const every = Math.max(1, Math.min(30, Math.floor(queue.expireInSeconds ?? 300)));
  const boss = await startBoss(url, { maintenanceIntervalSeconds: every, monitorStateIntervalSeconds: 60 });
  const pool = createPool({ workers: concurrency, pipeline: opts.pipeline });
  const counts = { stored: 0, duplicates: 0, dead: 0 };
  const leaseMs = (queue.expireInSeconds ?? 300) * 1000;
  const maxBatch = Math.max(1, Math.floor(opts.maxBatch ?? 8));
  // Mean wall time per document so far (ms), for the batch size; null until one is done.
  let perDoc: number | null = null;
  const batchMs = Math.max(1, opts.batchMs ?? BATCH_MS);
  const batchSize = (): number => (perDoc === null ? 1 : Math.max(1, Math.min(maxBatch, Math.floor(batchMs / Math.max(1, perDoc)))));

  /** One job: analyse, store. True when it is to be acknowledged (stored, already stored, or dead-lettered); false when failed back for a retry. */
  const one = async (job: PgBoss.Job<JobData>): Promise<boolean> => {
    let result;
    try {
      result = await pool.analyze(job.data.input, { timeoutMs: opts.timeoutMs ?? 120_000 });
    } catch (err) {
      // Bad input (1xx) fails the same way every time: straight to the dead letters, no retries.
      if (err instanceof SlantError && err.code >= 100 && err.code < 200) {
        await boss.send(DEAD_LETTER, { ...job.data, error: errorLine(err), job: job.id });
        counts.dead++;
        opts.onJob?.({ id: job.id, outcome: 'dead', error: errorLine(err) });
        return true;
      }
      await failJob(job.id, err); // retried with backoff, then dead-lettered
      return false;
    }
    try {
      const out = await storeResult(corpus.store, result, job.data.raw, job.data.origin);
      if ('duplicateOf' in out) {
        counts.duplicates++;
        opts.onJob?.({ id: job.id, outcome: 'duplicate', doc: out.duplicateOf });
      } else {
        counts.stored++;
        opts.onJob?.({ id: job.id, outcome: 'stored', doc: out.id });
      }
      return true;
    } catch (err) {
      await failJob(job.id, err);
      return false;
    }
  };
  const failJob = async (id: string, why: unknown): Promise<void> => {
    await boss.fail(QUEUE, id, { message: typeof why === 'string' ? why : errorLine(why) }).catch(() => {});
  };

  /**
   * One slot: fetch a batch, run its jobs one after the other, acknowledge the ones that went well
   * in one statement, ask again at once. Each job of a batch is held under its own lease from the
   * fetch: past half the lease (or on SIGTERM) the jobs not started yet are failed back to the queue
   * rather than risk their lease running out while they wait.
   */
  const slot = async (): Promise<void> => {
    while (!opts.signal?.aborted) {
      const jobs = await boss.fetch<JobData>(QUEUE, { batchSize: batchSize() });
      if (jobs.length === 0) {
        await pause(pollMs, opts.signal);
        continue;
      }
      const fetched = Date.now();
      const ok: string[] = [];
      for (const [i, job] of jobs.entries()) {
        if (i > 0 && (opts.signal?.aborted || Date.now() - fetched > leaseMs / 2)) {
          for (const rest of jobs.slice(i)) await failJob(rest.id, 'returned to the queue unstarted (worker stopping, or its batch over half the lease)');
          break;
        }
        const t0 = Date.now();
        try {
          if (await one(job)) ok.push(job.id);
        } catch (err) {
          // The database went away while dead-lettering, say: the job comes back after a retry delay.
          process.stderr.write(`slant: queue: ${errorLine(err)}\n`);
          await failJob(job.id, err);
        }
        const ms = Date.now() - t0;
        perDoc = perDoc === null ? ms : 0.8 * perDoc + 0.2 * ms;
      }
      if (ok.length) await boss.complete(QUEUE, ok).catch((err: unknown) => process.stderr.write(`slant: queue: ${errorLine(err)}\n`));
    }
  };
  const pollMs = (opts.pollSeconds ?? 1) * 1000;
  // `concurrency` slots, each with one document in hand at a time.
  const slots = Array.from({ length: concurrency }, () => slot());
  // Graceful: no new jobs; the documents in hand complete.
  await Promise.all(slots);
  await boss.stop({ graceful: true, wait: true, close: true, timeout: 10_000 });
  await pool.close();
  return counts;
}

export interface JobStats {
  queued: number;
  retrying: number;
  active: number;
  done: number;
  failed: number;
  /** Documents in the dead-letter list. */
  dead: number;
  /** Jobs completed in the last minute, per second. */
  rate: number;
  /** The latest dead letters with their errors. */
  deadLetters: Array<{ id: string; origin: string | null; error: string; at: string }>;
}

/** `slant jobs`: counts by state, the rate of the last minute, the latest dead letters. */
export async function jobStats(location: string): Promise<JobStats> {
  const url = requireUrl(location);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    fail(E.STORAGE, `PostgreSQL ${redact(url)}: ${String((err as Error).message).split('\n')[0]}`);
  }
  try {
    const exists = await client.query(`SELECT to_regclass('pgboss.job') AS t`);
    const empty: JobStats = { queued: 0, retrying: 0, active: 0, done: 0, failed: 0, dead: 0, rate: 0, deadLetters: [] };
    if (!exists.rows[0]?.t) return empty;
    // Completed jobs move to pgboss.archive after a while: count both.
    const hasArchive = (await client.query(`SELECT to_regclass('pgboss.archive') AS t`)).rows[0]?.t;
    const from = hasArchive ? `(SELECT name, state, completed_on FROM pgboss.job UNION ALL SELECT name, state, completed_on FROM pgboss.archive) j` : 'pgboss.job j';
    const r = await client.query<{ name: string; state: string; n: string; recent: string }>(
      `SELECT name, state, count(*) AS n, count(*) FILTER (WHERE completed_on > now() - interval '60 seconds') AS recent
         FROM ${from} WHERE name IN ($1, $2) GROUP BY name, state`,
      [QUEUE, DEAD_LETTER],
    );
    const s = empty;
    let recent = 0;
    for (const row of r.rows) {
      const n = Number(row.n);
      if (row.name === DEAD_LETTER) {
        if (row.state === 'created' || row.state === 'retry') s.dead += n;
        continue;
      }
      if (row.state === 'created') s.queued += n;
      else if (row.state === 'retry') s.retrying += n;
      else if (row.state === 'active') s.active += n;
      else if (row.state === 'completed') {
        s.done += n;
        recent += Number(row.recent);
      } else if (row.state === 'failed') s.failed += n;
    }
    s.rate = recent / 60;
    const dl = await client.query<{ id: string; data: JobData & { error?: string }; output: { message?: string } | null; created_on: Date }>(
      `SELECT id, data, output, created_on FROM pgboss.job WHERE name = $1 ORDER BY created_on DESC LIMIT 20`,
      [DEAD_LETTER],
    );
    s.deadLetters = dl.rows.map((d) => ({ id: d.id, origin: d.data.origin ?? null, error: d.data.error ?? d.output?.message ?? 'failed after its retries', at: d.created_on.toISOString() }));
    return s;
  } finally {
    await client.end().catch(() => {});
  }
}
