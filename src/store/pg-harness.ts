/**
 * A fresh PostgreSQL database for a test: in the server named by $SLANT_TEST_DATABASE_URL (CI
 * starts one with scripts/pg-cluster.sh), else in a throwaway cluster started here when Debian's
 * postgresql is installed. Without either, the PostgreSQL tests say why they did not run — and
 * fail instead when $SLANT_REQUIRE_POSTGRES is set (as in CI), so a missing server is never a pass.
 */
import pg from 'pg';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

export type PgTestDb = { url: string; done: () => Promise<void> } | { skip: string };

function serverBinaries(): boolean {
  try {
    return readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
  } catch {
    return false;
  }
}

const SCRIPT = fileURLToPath(new URL('../../scripts/pg-cluster.sh', import.meta.url));
/** The server this process uses: the given one, or one cluster started once and stopped at exit. */
let base: string | null | undefined;

function serverUrl(): string | null {
  if (base !== undefined) return base;
  base = process.env.SLANT_TEST_DATABASE_URL || null;
  if (!base && serverBinaries() && existsSync(SCRIPT)) {
    const r = spawnSync('bash', [SCRIPT, 'start'], { encoding: 'utf8' });
    if (r.status === 0) {
      const [url, dir] = r.stdout.trim().split(' ') as [string, string];
      base = url;
      // Synchronous, so it also runs when the test runner ends the process.
      process.on('exit', () => spawnSync('bash', [SCRIPT, 'stop', dir]));
    }
  }
  return base;
}

export async function pgTestDatabase(): Promise<PgTestDb> {
  const server = serverUrl();
  if (!server) {
    const why = 'no PostgreSQL server: set SLANT_TEST_DATABASE_URL or apt-get install postgresql';
    if (process.env.SLANT_REQUIRE_POSTGRES) throw new Error(why);
    return { skip: why };
  }
  const name = `slant_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    done: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
