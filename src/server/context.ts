/** What every route file receives: the app to register on, the store, the workers and the options. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Corpus } from '../corpus/index.js';
import type { Pool } from '../corpus/pool.js';
import type { Reads } from './reads.js';

export interface ServerOptions {
  /** Folder holding slant.db (created when missing). */
  dataDir: string;
  /** A postgres:// URL: serve that corpus instead of DIR/slant.db (no lock file; the database handles writers). */
  database?: string;
  port?: number;
  /** Interface to listen on (default 127.0.0.1: only this machine). */
  host?: string;
  /** When set, POST and DELETE need `Authorization: Bearer <token>`. */
  token?: string;
  /** Refuse every write (analyse, delete) and open the database read-only (read-only media work). */
  readOnly?: boolean;
  /** Largest request body in bytes (default 12 MB). */
  maxBodyBytes?: number;
  /** Longest one analysis may run (default 60 s). */
  analyzeTimeoutMs?: number;
  /** Let `url` analyses fetch loopback/private addresses (default false). */
  allowPrivateUrls?: boolean;
  /** Analysis worker threads (default: 2, or 1 on a single core). */
  analyzeWorkers?: number;
  /** Worker threads for heavy reads: graphs, exports (default 2). */
  readWorkers?: number;
  /** Longest one graph may take (default 30 s). */
  readTimeoutMs?: number;
  /** Most documents one graph reads (default 500). */
  maxGraphDocs?: number;
  /** Load the pipeline in a worker at start, not on the first request (default true; tests turn it off). */
  warmUp?: boolean;
}

export interface ServerContext {
  opts: ServerOptions;
  /** Everything the routes read and write goes through the Corpus API (never the store). */
  corpus: Corpus;
  /** The one analysis pool (src/corpus/pool.ts), shared with browser ingests. */
  analyzer: Pool;
  reads: Reads;
  /** Checks the token and read-only mode; put on every route that writes. */
  writeGuard: MiddlewareHandler;
  /** Reads an application/json object body within the size limit; put before body validation. */
  jsonBody: MiddlewareHandler;
}

export type App = OpenAPIHono;
