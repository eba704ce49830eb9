/** Small HTTP helpers: one error shape everywhere, JSON bodies with a size limit, status mapping. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { E, SlantError, fail, type ErrorCode } from '../core/errors.js';

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
      return 503;
    case E.STORAGE:
    case 999:
      return 500;
    default:
      // 1xx input problems and 410 validation: the client sent something we cannot use.
      return code < 200 || code === E.BAD_REQUEST ? 400 : 500;
  }
}

export function errorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof SlantError) return { status: statusOf(err.code), body: { error: { code: `E${err.code}`, message: err.message } } };
  const msg = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  return { status: 500, body: { error: { code: 'E999', message: `internal error: ${msg}` } } };
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const { status, body } = errorBody(err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, body);
}

/** Read a JSON object body of at most `limit` bytes; only application/json is accepted (it also forces a CORS preflight). */
export async function readJson(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') fail(E.UNSUPPORTED_MEDIA, `the body must be application/json (got ${type ? `"${type}"` : 'no content-type'})`);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) fail(E.INPUT_TOO_LARGE, `the request body is ${declared} bytes; the limit is ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) fail(E.INPUT_TOO_LARGE, `the request body is over the limit of ${limit} bytes`);
    chunks.push(chunk);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (err) {
    fail(E.BAD_JSON, `the request body is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(E.BAD_REQUEST, 'the request body must be a JSON object');
  return value as Record<string, unknown>;
}

/** An optional string field of a JSON body, with a length cap; names the field when wrong. */
export function optString(body: Record<string, unknown>, field: string, max: number): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') fail(E.BAD_REQUEST, `"${field}" must be a string`);
  if (v.length > max) fail(E.INPUT_TOO_LARGE, `"${field}" is ${v.length} characters; the limit is ${max}`);
  return v;
}
