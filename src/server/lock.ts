/**
 * One writing server per data directory: `slant.lock` holds the pid, host and address of the
 * server that owns it. A second writing server is refused with a message naming the first; a lock
 * left by a process that no longer runs (kill -9, a crash) is taken over. Read-only servers do not
 * take the lock (several may share a directory, even on read-only media) and only warn.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { E, fail } from '../core/errors.js';

export interface LockInfo {
  pid: number;
  host: string;
  started: string;
  url?: string;
}

export const LOCK_FILE = 'slant.lock';

/** The live server holding the directory, or null (no lock, or a stale one). */
export function lockHolder(dataDir: string): LockInfo | null {
  let info: LockInfo;
  try {
    info = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
  if (!Number.isInteger(info.pid) || info.pid <= 0) return null;
  // Another machine's lock on a shared folder cannot be checked: treat it as live.
  if (info.host !== hostname()) return info;
  return alive(info.pid) ? info : null;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(info: LockInfo): string {
  return `pid ${info.pid}${info.host !== hostname() ? ` on ${info.host}` : ''}${info.url ? ` at ${info.url}` : ''}, since ${info.started}`;
}

/** Take the lock for a writing server; returns a release function. */
export function acquireLock(dataDir: string): { release(): void; update(url: string): void } {
  const path = join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const write = (): void => {
    const fd = openSync(path, 'wx');
    try {
      writeSync(fd, JSON.stringify(info));
    } finally {
      closeSync(fd);
    }
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      write();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const holder = lockHolder(dataDir);
      if (holder) fail(E.UNAVAILABLE, `another slant server (${describe(holder)}) is using ${dataDir}; stop it, use another --data-dir, or start this one with --read-only`);
      // Stale: its process is gone.
      unlinkSync(path);
    }
  }
  let released = false;
  return {
    update(url: string) {
      info.url = url;
      try {
        writeFileSync(path, JSON.stringify(info));
      } catch {
        /* the lock stays as first written */
      }
    },
    release() {
      if (released) return;
      released = true;
      try {
        const now = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
        if (now.pid === process.pid) unlinkSync(path);
      } catch {
        /* already gone */
      }
    },
  };
}

/** For a read-only server: a line to print when a writing server holds the directory. */
export function lockWarning(dataDir: string): string | null {
  const holder = lockHolder(dataDir);
  return holder ? `slant: note: a writing server (${describe(holder)}) also uses ${dataDir}; this read-only server sees its changes` : null;
}
