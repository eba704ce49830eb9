/**
 * Ingest: reader → dedupe → analyse → store, one document at a time through each stage.
 *
 * - read:    readers/ turn each source into records (or malformed-record errors with their place).
 * - dedupe:  a record whose URL or raw content is already stored is skipped before analysis.
 * - analyse: the shared worker pool (pool.ts), in input order, a bounded number in flight.
 * - store:   keys, outlet, near-copy signature and verified copy links are computed here and the
 *            document is written with them in one transaction (Store.putEntry); a key clash there
 *            (same canonical URL or normalised text) makes it a duplicate.
 *
 * Each document is its own transaction, so a killed ingest leaves complete documents only, and
 * running it again skips what is stored and continues. A queue mode (issue 10) keeps the first two
 * stages (`freshRecords`: read + dedupe), enqueues each record (its `raw` key travels with it), and
 * lets workers run the last two (analyse, then `storeResult`, which is idempotent by key).
 */
import { errorLine } from '../core/errors.js';
import type { InputRecord } from '../analyze.js';
import type { AnalysisResult } from '../result.js';
import type { Store } from '../store/types.js';
import { createPool, type Pool } from './pool.js';
import { readSource, placeText, type Format, type Place, type ReaderOptions, type SourceRecord } from './readers/index.js';
import { rawKey, textKey, urlKey } from './keys.js';
import { outletOf } from './publisher.js';
import { DEFAULT_RULE, plausible, sign, verify, withoutBoilerplate, type CopyRule } from './copies/detect.js';
import { shingles } from './copies/minhash.js';

export interface IngestOptions extends ReaderOptions {
  /** Read every source as this format instead of detecting it. */
  format?: Format;
  /** Worker threads for analysis (default: all cores). */
  workers?: number;
  /** An existing pool to use (the server's); not closed at the end. */
  pool?: Pool;
  /** Time limit per document (ms; default 120000). */
  timeoutMs?: number;
  pipeline?: readonly string[];
  rule?: CopyRule;
  /** Called after every record with the running counts. */
  onProgress?: (p: IngestProgress) => void;
  /** Called for every record that could not be read, analysed or stored. */
  onError?: (e: IngestError) => void;
  /** Called for each stored document. */
  onStored?: (d: { id: string; place: Place; copies: number }) => void;
}

export interface IngestProgress {
  read: number;
  ingested: number;
  duplicates: number;
  /** Documents stored with at least one near-copy already in the corpus. */
  copies: number;
  errors: number;
}

export type IngestSummary = IngestProgress;

export interface IngestError {
  place: Place;
  /** "file:line" etc. */
  where: string;
  error: string;
}

/** Candidates checked per new document (buckets of boilerplate can be large). */
const MAX_CANDIDATES = 200;

export async function ingest(store: Store, sources: readonly string[], opts: IngestOptions = {}): Promise<IngestSummary> {
  const counts: IngestProgress = { read: 0, ingested: 0, duplicates: 0, copies: 0, errors: 0 };
  const progress = (): void => opts.onProgress?.({ ...counts });
  const error = (place: Place, message: string): void => {
    counts.errors++;
    opts.onError?.({ place, where: placeText(place), error: message });
    progress();
  };

  const pool = opts.pool ?? createPool({ workers: opts.workers, pipeline: opts.pipeline });
  const fresh = (): AsyncGenerator<FreshRecord> =>
    freshRecords(store, sources, opts, {
      read: () => counts.read++,
      duplicate: () => {
        counts.duplicates++;
        progress();
      },
      error,
    });
  try {
    // Stage 3: analyse in the pool (input order kept, so a rerun after a kill sees the same prefix stored).
    const records = new Map<number, FreshRecord>();
    const stream = pool.analyzeStream(toInputs(fresh(), records), { ordered: true, format: 'json', timeoutMs: opts.timeoutMs ?? 120_000 });
    for await (const item of stream) {
      const rec = records.get(item.index)!;
      records.delete(item.index);
      if (item.error || !item.bytes) {
        error(rec.place, item.error?.line() ?? 'analysis failed');
        continue;
      }
      // Stage 4: store with keys and copy links.
      try {
        const result = JSON.parse(item.bytes.toString('utf8')) as AnalysisResult;
        const outcome = await storeResult(store, result, rec.raw, placeText(rec.place), opts.rule ?? DEFAULT_RULE);
        if ('duplicateOf' in outcome) counts.duplicates++;
        else {
          counts.ingested++;
          if (outcome.copies > 0) counts.copies++;
          opts.onStored?.({ id: outcome.id, place: rec.place, copies: outcome.copies });
        }
        progress();
      } catch (err) {
        error(rec.place, errorLine(err));
      }
    }
  } finally {
    if (!opts.pool) await pool.close();
  }
  return counts;
}

/** A record read and not yet stored, with the hash of its raw content (its `raw:` key). */
export type FreshRecord = SourceRecord & { raw: string };

/** Stages 1+2: read every source and drop records whose URL or raw content is already stored. */
export async function* freshRecords(
  store: Store,
  sources: readonly string[],
  opts: IngestOptions,
  on: { read: () => void; duplicate: () => void; error: (place: Place, message: string) => void },
): AsyncGenerator<FreshRecord> {
  for (const source of sources) {
    try {
      for await (const item of readSource(source, opts, opts.format)) {
        if (opts.signal?.aborted) return;
        on.read();
        if (item.kind === 'error') {
          on.error(item.place, item.error);
          continue;
        }
        const raw = rawKey(item.text ?? item.html ?? '');
        const keys = [raw, urlKey(item.url)].filter((k): k is string => k !== null);
        if (await store.findKey(keys)) {
          on.duplicate();
          continue;
        }
        yield { ...item, raw };
      }
    } catch (err) {
      on.error({ file: source }, errorLine(err));
    }
  }
}

/** What crosses to the worker: only the analysis input; the record stays here (by index) for its place and key. */
async function* toInputs<T extends SourceRecord>(records: AsyncIterable<T>, keep: Map<number, T>): AsyncGenerator<InputRecord> {
  let i = 0;
  for await (const r of records) {
    keep.set(i++, r);
    yield { text: r.text, html: r.html, title: r.title, date: r.date, url: r.url, source: r.source, byline: r.byline, id: r.id };
  }
}

/** Keys, outlet, signature and verified copy links for one analysed result, then one transactional write. */
export async function storeResult(store: Store, result: AnalysisResult, raw: string | null, origin: string | null, rule: CopyRule = DEFAULT_RULE): Promise<{ id: string; copies: number } | { duplicateOf: string }> {
  const keys = [textKey(result.text), urlKey(result.meta.canonicalUrl), urlKey(result.meta.url), raw].filter((k): k is string => k !== null);
  const sig = sign(result.text);
  const me = { minhash: sig.minhash, shingles: sig.set.size };
  const links: Array<{ doc: string; similarity: number; containment: number }> = [];
  // A document we would refuse anyway needs no copy search.
  const dup = await store.findKey(keys);
  if (dup) return { duplicateOf: dup };
  const verified: Array<{ id: string; set: Set<number> }> = [];
  const likely = (await store.copyCandidates(sig.bands, MAX_CANDIDATES)).filter((c) => plausible(me, c, rule));
  // Only the texts are compared: one query for all of them where the store can (PostgreSQL).
  const texts = likely.length && store.copyTexts ? await store.copyTexts(likely.map((c) => c.id)) : null;
  for (const c of likely) {
    const text = texts ? texts.get(c.id) : (await store.get(c.id))?.result.text;
    if (text === undefined) continue;
    const set = shingles(text);
    if (verify(sig.set, set, rule).copy) verified.push({ id: c.id, set });
  }
  for (const c of withoutBoilerplate(sig.set, verified, rule)) links.push(c);
  const outcome = await store.putEntry(result, { keys, outlet: outletOf(result), origin, minhash: sig.minhash, shingles: sig.set.size, bands: sig.bands, links });
  if (outcome.duplicateOf !== undefined) return { duplicateOf: outcome.duplicateOf };
  return { id: outcome.stored.id, copies: links.length };
}
