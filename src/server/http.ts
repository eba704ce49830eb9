/**
 * One error shape everywhere (`{"error":{"code":"E…","message":"…"}}`): slant's numbered errors
 * mapped to HTTP statuses, storage failures (disk full, read-only media, a locked file) reported as
 * the storage error rather than an internal one, and zod validation issues turned into one message
 * that names the field.
 */
import { E, SlantError, type ErrorCode } from '../core/errors.js';

/** The one error body the API ever returns. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** HTTP status for a slant error code. */
export function statusOf(code: ErrorCode | 999): number {
  switch (code) {
    case E.INPUT_TOO_LARGE:
      return 413;
    case E.URL_FAILED:
      return 502;
    case E.URL_FORBIDDEN:
      return 422;
    case E.NOT_FOUND:
      return 404;
    case E.UNAUTHORIZED:
      return 401;
    case E.READ_ONLY:
      return 403;
    case E.TIMEOUT:
      return 504;
    case E.METHOD_NOT_ALLOWED:
      return 405;
    case E.UNSUPPORTED_MEDIA:
      return 415;
    case E.BUSY:
    case E.UNAVAILABLE:
    case E.STORAGE:
      return 503;
    case 999:
      return 500;
    default:
      // 1xx input problems and 410 validation: the client sent something we cannot use.
      return code < 200 || code === E.BAD_REQUEST ? 400 : 500;
  }
}

/** A storage failure with the HTTP status that fits it (507 when the disk is full). */
export class StorageError extends SlantError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(E.STORAGE, message);
  }
}

/**
 * better-sqlite3 and fs errors that mean "the storage cannot do this", as the storage error.
 * SQLite names them SQLITE_FULL, SQLITE_IOERR_*, SQLITE_READONLY_*, …; fs uses errno names.
 */
export function storageError(err: unknown): StorageError | null {
  if (!(err instanceof Error)) return null;
  const code = String((err as { code?: unknown }).code ?? '');
  const msg = err.message.split('\n')[0]!;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return new StorageError(`the disk is full: the document was not stored (${msg})`, 507);
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return new StorageError(`the database is on read-only storage: ${msg} (start the server with SLANT_READONLY=1 to serve it)`, 503);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new StorageError(`the database is locked by another process; try again shortly (${msg})`, 503);
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO' || code.startsWith('SQLITE_CANTOPEN')) return new StorageError(`the database could not be read or written: ${msg}`, 503);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new StorageError(`the database file is damaged: ${msg}`, 503);
  return null;
}

export function errorBody(err: unknown): { status: number; body: ErrorBody } {
  const stored = err instanceof StorageError ? err : storageError(err);
  if (stored) return { status: stored.status, body: { error: { code: `E${E.STORAGE}`, message: stored.message } } };
  if (err instanceof SlantError) return { status: statusOf(err.code), body: { error: { code: `E${err.code}`, message: err.message } } };
  const msg = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  return { status: 500, body: { error: { code: 'E999', message: `internal error: ${msg}` } } };
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  origin?: string;
}

/**
 * The first zod issue as a slant error. Schemas carry their own messages (see schemas.ts); an
 * over-long body string is "input too large" (413), everything else a bad request naming the field.
 */
export function validationError(issues: readonly Issue[], target: string): SlantError {
  const issue = issues[0];
  if (!issue) return new SlantError(E.BAD_REQUEST, 'the request is not valid');
  const field = issue.path.map(String).join('.');
  const message = field && !issue.message.includes(`"${String(issue.path[0])}"`) ? `"${field}": ${issue.message}` : issue.message;
  const code = issue.code === 'too_big' && issue.origin === 'string' && target === 'json' ? E.INPUT_TOO_LARGE : E.BAD_REQUEST;
  return new SlantError(code, message);
}
