/** Where a corpus lives: a data folder (SQLite file slant.db inside), a .db file, or a postgres:// URL. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** $SLANT_DATA_DIR, else $XDG_DATA_HOME/slant, else ~/.local/share/slant (the same as `slant serve`). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SLANT_DATA_DIR) return env.SLANT_DATA_DIR;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'slant');
  return join(homedir(), '.local', 'share', 'slant');
}

export function isDatabaseUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/** The SQLite file for a location: a path ending in .db/.sqlite is the file, anything else a folder. */
export function sqlitePath(location: string): string {
  return /\.(db|sqlite3?)$/i.test(location) || location === ':memory:' ? location : join(location, 'slant.db');
}

/** --db, else $SLANT_DATABASE_URL, else the default data folder. */
export function resolveLocation(given?: string, env: NodeJS.ProcessEnv = process.env): string {
  return given ?? (env.SLANT_DATABASE_URL || defaultDataDir(env));
}
