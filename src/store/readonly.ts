/**
 * Opening an existing SQLite file read-only, also from read-only media (a mounted archive, a
 * write-protected folder). A database in WAL mode needs its -shm file, which SQLite cannot create
 * there; then the file is opened with `immutable=1` (a URI filename), which skips locking and the
 * -shm file — safe only because nothing can write to such media.
 */
import Database from 'better-sqlite3';
import { pathToFileURL } from 'node:url';

// better-sqlite3 reads this once, when the first database is opened (URI filenames are off by default).
process.env.SQLITE_USE_URI ??= '1';

export function openReadOnly(path: string): Database.Database {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('user_version'); // the first read is where a missing -shm fails
    return db;
  } catch (first) {
    const code = String((first as { code?: unknown }).code ?? '');
    if (!code.startsWith('SQLITE_CANTOPEN') && !code.startsWith('SQLITE_READONLY')) throw first;
    try {
      const db = new Database(`${pathToFileURL(path).href}?immutable=1`, { readonly: true, fileMustExist: true });
      db.pragma('user_version');
      return db;
    } catch {
      throw first;
    }
  }
}
