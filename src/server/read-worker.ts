/**
 * A read worker (see reads.ts): opens the corpus read-only itself and does the heavy reads — the
 * merged graph of a selection, graphs over time, timelines, copy families, outlet profiles,
 * exports — so the server's main thread only passes bytes along. Replies are data (never thrown),
 * with slant's error numbers.
 */
import { getPriority, setPriority } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import { Corpus, openCorpus, type ExportFormat, type OutletOptions, type TimelineOptions } from '../corpus/index.js';
import { isDatabaseUrl } from '../corpus/location.js';
import type { Interval } from '../corpus/timeline.js';
import { SlantError } from '../core/errors.js';
import { SqliteStore } from '../store/sqlite.js';
import type { SearchQuery } from '../store/types.js';
import { storageError } from './http.js';

/** One Corpus API call whose answer goes back as JSON. */
export type CorpusCall =
  | { op: 'graph'; query: SearchQuery; limit: number }
  | { op: 'graphOverTime'; query: SearchQuery; options: { interval?: Interval; cumulative?: boolean; maxDocs?: number; maxSlices?: number }; limit: number }
  | { op: 'timeline'; query: SearchQuery; options: TimelineOptions; limit: number }
  | { op: 'copies' }
  | { op: 'family'; id: string }
  | { op: 'republication' }
  | { op: 'outlet'; name: string; options: OutletOptions; limit: number };

export type ReadTask =
  | { kind: 'json'; db: string; call: CorpusCall }
  | { kind: 'export'; db: string; query: SearchQuery; limit: number; format: 'json' | ExportFormat; port: MessagePort };

export type ReadReply = { ok: true; bytes?: Uint8Array } | { ok: false; code: number; message: string; status?: number };

// On Linux a thread's nice value is its own: a busy machine then serves the main thread (health,
// searches, small reads) before these long reads. Elsewhere this may not apply; harmless.
try {
  setPriority(0, Math.min(19, getPriority(0) + 10));
} catch {
  /* not permitted: keep the default */
}

/** Bytes gathered before one chunk goes to the main thread (which asks for the next). */
const CHUNK = 256 * 1024;
const encoder = new TextEncoder();
const corpora = new Map<string, Promise<Corpus>>();

/** The SQLite file opened read-only, or the PostgreSQL corpus; one per worker thread. */
function corpusFor(location: string): Promise<Corpus> {
  let c = corpora.get(location);
  if (!c) {
    c = isDatabaseUrl(location) ? openCorpus(location) : Promise.resolve(new Corpus(new SqliteStore(location, { readOnly: true }), location));
    // A failed open is tried again by the next request.
    c.catch(() => corpora.delete(location));
    corpora.set(location, c);
  }
  return c;
}

async function answer(corpus: Corpus, call: CorpusCall): Promise<unknown> {
  switch (call.op) {
    case 'graph':
      return corpus.graph(call.query, call.limit);
    case 'graphOverTime':
      return corpus.graphOverTime(call.query, call.options, call.limit);
    case 'timeline':
      return corpus.timeline(call.options, call.query, call.limit);
    case 'copies':
      return corpus.copies();
    case 'family':
      return corpus.family(call.id);
    case 'republication':
      return corpus.republication();
    case 'outlet':
      return corpus.outlet(call.name, call.options, call.limit);
  }
}

export default async function read(task: ReadTask): Promise<ReadReply> {
  try {
    const corpus = await corpusFor(task.db);
    if (task.kind === 'json') {
      // A Uint8Array is copied with one memcpy across the thread boundary; no object graph is cloned.
      return { ok: true, bytes: encoder.encode(JSON.stringify(await answer(corpus, task.call))) };
    }
    return await exportTo(corpus, task);
  } catch (err) {
    const s = storageError(err);
    if (s) return { ok: false, code: s.code, message: s.message, status: s.status };
    if (err instanceof SlantError) return { ok: false, code: err.code, message: err.message };
    return { ok: false, code: 999, message: `internal error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}

/** Stream the selection to `port` in chunks; the main thread answers 'more' or 'stop' to each. */
async function exportTo(corpus: Corpus, task: Extract<ReadTask, { kind: 'export' }>): Promise<ReadReply> {
  const port = task.port;
  let buffer = '';
  let stopped = false;
  const flush = (): Promise<void> =>
    new Promise((resolve) => {
      port.once('message', (m: 'more' | 'stop') => {
        stopped = m === 'stop';
        resolve();
      });
      const bytes = encoder.encode(buffer);
      buffer = '';
      port.postMessage(bytes, [bytes.buffer]);
    });
  try {
    for await (const chunk of chunks(corpus, task)) {
      buffer += chunk;
      if (buffer.length >= CHUNK) await flush();
      if (stopped) return { ok: true };
    }
    await flush();
    port.postMessage(null);
    return { ok: true };
  } finally {
    port.close();
  }
}

/** `json` is one array of stored documents (the app's first export); the rest are the Corpus API's formats. */
async function* chunks(corpus: Corpus, task: Extract<ReadTask, { kind: 'export' }>): AsyncGenerator<string> {
  if (task.format !== 'json') {
    yield* corpus.export(task.format, task.query, {}, task.limit);
    return;
  }
  yield '[\n';
  let n = 0;
  for await (const d of corpus.documents(task.query, task.limit)) yield `${n++ ? ',\n' : ''}${JSON.stringify(d)}`;
  yield `${n ? '\n' : ''}]\n`;
}
