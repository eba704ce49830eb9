/** `slant serve`: the web app and HTTP API on localhost over an embedded SQLite store. */
import { join } from 'node:path';
import { E, SlantError, fail } from '../core/errors.js';
import { defaultDataDir, isDatabaseUrl } from '../corpus/location.js';
import { args, type Command } from './command.js';

/** A positive whole number from the environment, or undefined; names the variable when wrong. */
function envInt(name: string, max: number): number | undefined {
  const text = process.env[name];
  if (!text) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) fail(E.BAD_ARGUMENT, `${name} must be a whole number from 1 to ${max}, not "${text.slice(0, 20)}"`);
  return n;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start the web app and HTTP API on localhost (documents kept in SQLite)',
  usage: `Usage: slant serve [--port N] [--data-dir DIR | --db postgres://…] [--host ADDR] [--read-only]

Serves the web app and the HTTP API (OpenAPI at /openapi.json, docs at /docs) and prints its
address when ready. Analysed documents are kept in DIR/slant.db, so a restart keeps them.

  --port N         port (env PORT; default 3000; 0 = any free port)
  --data-dir DIR   where the database lives (env SLANT_DATA_DIR; default
                   $XDG_DATA_HOME/slant or ~/.local/share/slant)
  --host ADDR      interface to listen on (env SLANT_HOST; default 127.0.0.1, this machine only)
  --db URL         serve a PostgreSQL corpus instead (env SLANT_DATABASE_URL)
  --read-only      refuse analyses and deletions (env SLANT_READONLY=1)

Environment:
  SLANT_TOKEN              when set, POST and DELETE need "Authorization: Bearer <token>"
  SLANT_ALLOW_PRIVATE_URLS=1  let URL analyses fetch loopback/private addresses
  SLANT_ANALYZE_TIMEOUT_MS    longest one analysis may run (default 60000)
  SLANT_ANALYZE_WORKERS       analysis worker threads (default 2, or 1 on one core)
  SLANT_READ_WORKERS          worker threads for graphs, timelines, exports (default 2)
  SLANT_READ_TIMEOUT_MS       longest one graph or timeline may take (default 30000)

A second writing server on the same data directory is refused (DIR/slant.lock names the first);
read-only servers may share it, also from read-only media.`,
  async run(argv) {
    const { values, positionals } = args(argv, {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      host: { type: 'string' },
      'read-only': { type: 'boolean' },
      db: { type: 'string' },
    });
    if (positionals.length) fail(E.BAD_ARGUMENT, `serve takes no arguments (got "${positionals[0]}")`);
    const portText = values.port ?? process.env.PORT ?? '3000';
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535) fail(E.BAD_ARGUMENT, `port must be a number from 0 to 65535, not "${portText}"`);
    const timeout = envInt('SLANT_ANALYZE_TIMEOUT_MS', 3_600_000);
    const dataDir = values['data-dir'] ?? defaultDataDir();
    const database = values.db ?? (process.env.SLANT_DATABASE_URL || undefined);
    if (database !== undefined && !isDatabaseUrl(database)) fail(E.BAD_ARGUMENT, `--db must be a postgres:// URL (for a folder use --data-dir), not "${database.slice(0, 60)}"`);
    // Loaded here so other commands never load the native SQLite module.
    const { startServer } = await import('../server/app.js');
    const server = await startServer({
      dataDir,
      database,
      port,
      host: values.host ?? process.env.SLANT_HOST ?? '127.0.0.1',
      token: process.env.SLANT_TOKEN || undefined,
      readOnly: values['read-only'] === true || process.env.SLANT_READONLY === '1' || process.env.SLANT_READONLY === 'true',
      allowPrivateUrls: process.env.SLANT_ALLOW_PRIVATE_URLS === '1',
      analyzeTimeoutMs: timeout,
      analyzeWorkers: envInt('SLANT_ANALYZE_WORKERS', 64),
      readWorkers: envInt('SLANT_READ_WORKERS', 64),
      readTimeoutMs: envInt('SLANT_READ_TIMEOUT_MS', 3_600_000),
    }).catch((err: Error) => {
      if (err instanceof SlantError) throw err;
      fail(E.UNAVAILABLE, `cannot start the server: ${err.message}`);
    });
    // Never print a password from the URL.
    const where = database ? database.replace(/\/\/[^@/]*@/, '//…@') : join(dataDir, 'slant.db');
    console.log(`slant: serving ${where} (${await server.corpus.count()} documents)`);
    console.log(server.url);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        void server.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
