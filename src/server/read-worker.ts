/**
 * A read worker (see reads.ts): opens the SQLite file read-only itself and does the heavy reads —
 * the merged graph of a selection, exports — so the server's main thread only passes bytes along.
 * Replies are data (never thrown), with slant's error numbers.
 */
import type { MessagePort } from 'node:worker_threads';
import { buildActorGraph } from '../corpus/graph.js';
import { SlantError } from '../core/errors.js';
import type { AnalysisResult } from '../result.js';
import { csvHeader, csvRow } from '../store/export.js';
import { SqliteStore } from '../store/sqlite.js';
import type { SearchQuery } from '../store/types.js';
import { storageError } from './http.js';

export type ReadTask =
  | { kind: 'graph'; db: string; query: SearchQuery; limit: number }
  | { kind: 'export'; db: string; query: SearchQuery; limit: number; format: 'json' | 'csv'; port: MessagePort };

export type ReadReply = { ok: true; bytes?: Uint8Array; documents: number } | { ok: false; code: number; message: string; status?: number };

/** Bytes gathered before one chunk goes to the main thread (which asks for the next). */
const CHUNK = 256 * 1024;
const encoder = new TextEncoder();
const stores = new Map<string, SqliteStore>();

function storeFor(path: string): SqliteStore {
  let s = stores.get(path);
  if (!s) stores.set(path, (s = new SqliteStore(path, { readOnly: true })));
  return s;
}

export default async function read(task: ReadTask): Promise<ReadReply> {
  try {
    const store = storeFor(task.db);
    if (task.kind === 'graph') {
      const docs: Array<{ id: string; result: AnalysisResult }> = [];
      for await (const d of store.each(task.query, task.limit)) docs.push(d);
      const bytes = encoder.encode(JSON.stringify(buildActorGraph(docs)));
      // A Uint8Array is copied with one memcpy across the thread boundary; no object graph is cloned.
      return { ok: true, bytes, documents: docs.length };
    }
    return await exportTo(store, task);
  } catch (err) {
    const s = storageError(err);
    if (s) return { ok: false, code: s.code, message: s.message, status: s.status };
    if (err instanceof SlantError) return { ok: false, code: err.code, message: err.message };
    return { ok: false, code: 999, message: `internal error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}

/** Stream the selection to `port` in chunks; the main thread answers 'more' or 'stop' to each. */
async function exportTo(store: SqliteStore, task: Extract<ReadTask, { kind: 'export' }>): Promise<ReadReply> {
  const port = task.port;
  let buffer = task.format === 'csv' ? csvHeader() : '[\n';
  let n = 0;
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
    for await (const d of store.each(task.query, task.limit)) {
      buffer += task.format === 'csv' ? csvRow(d) : `${n ? ',\n' : ''}${JSON.stringify(d)}`;
      n++;
      if (buffer.length >= CHUNK) await flush();
      if (stopped) return { ok: true, documents: n };
    }
    buffer += task.format === 'csv' ? '' : `${n ? '\n' : ''}]\n`;
    await flush();
    port.postMessage(null);
    return { ok: true, documents: n };
  } finally {
    port.close();
  }
}
