/** The app's calls to the HTTP API; every failure becomes an ApiError carrying the server's message. */
import type { AnalysisResult } from '../result.js';
import type { Facets, SearchPage, StoredDocument } from '../store/types.js';
import type { ActorGraph } from '../corpus/graph.js';
import type { CopyFamily, FamilyDetail, GraphTimeline, OutletProfile, RepublicationRow, Timeline } from '../corpus/index.js';

export type { AnalysisResult, Facets, SearchPage, StoredDocument, ActorGraph, CopyFamily, FamilyDetail, GraphTimeline, OutletProfile, RepublicationRow, Timeline };

export interface IngestJob {
  job: string;
  name: string;
  status: 'running' | 'done' | 'failed';
  started: string;
  finished: string | null;
  progress: { read: number; ingested: number; duplicates: number; copies: number; errors: number };
  errors: Array<{ where: string; error: string }>;
  error: string | null;
}

export interface TechniqueInfo {
  label: string;
  title: string;
  definition: string;
}
export interface Meta {
  schemaVersion: string;
  readOnly: boolean;
  tokenRequired: boolean;
  techniques: TechniqueInfo[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'slant.token';
export function getToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}
export function setToken(t: string): void {
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = getToken();
  if (token && method !== 'GET') headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(0, 'E0', `cannot reach the server (${(err as Error).message})`);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(res.status, 'E0', `unexpected answer from the server (HTTP ${res.status})`);
  }
  if (!res.ok) {
    const e = (value as { error?: { code?: string; message?: string } }).error;
    throw new ApiError(res.status, e?.code ?? 'E0', e?.message ?? `HTTP ${res.status}`);
  }
  return value as T;
}

export type Filters = Record<string, string | undefined>;

export function qs(f: Filters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

let metaPromise: Promise<Meta> | undefined;
export const api = {
  meta: (): Promise<Meta> => (metaPromise ??= call<Meta>('GET', '/api/meta')),
  analyze: (input: Record<string, string>): Promise<StoredDocument> => call('POST', '/api/analyze', input),
  document: (id: string): Promise<StoredDocument> => call('GET', `/api/documents/${encodeURIComponent(id)}`),
  remove: (id: string): Promise<void> => call('DELETE', `/api/documents/${encodeURIComponent(id)}`),
  search: (f: Filters): Promise<SearchPage> => call('GET', `/api/documents${qs(f)}`),
  facets: (): Promise<Facets> => call('GET', '/api/facets'),
  graph: (f: Filters): Promise<ActorGraph> => call('GET', `/api/graph${qs(f)}`),
  openapi: (): Promise<Record<string, unknown>> => call('GET', '/openapi.json'),
  ingest: (body: { name: string; content: string; encoding?: 'utf8' | 'base64' }): Promise<IngestJob> => call('POST', '/api/ingest', body),
  ingestJob: (job: string): Promise<IngestJob> => call('GET', `/api/ingest/${encodeURIComponent(job)}`),
  timeline: (f: Filters): Promise<Timeline> => call('GET', `/api/timeline${qs(f)}`),
  copies: (): Promise<{ families: CopyFamily[]; republication: RepublicationRow[] }> => call('GET', '/api/copies'),
  family: (id: string): Promise<FamilyDetail> => call('GET', `/api/copies/${encodeURIComponent(id)}`),
  outlet: (name: string): Promise<OutletProfile> => call('GET', `/api/outlets/${encodeURIComponent(name)}`),
  graphTimeline: (f: Filters): Promise<GraphTimeline> => call('GET', `/api/graph/timeline${qs(f)}`),
};
