/**
 * The store of analysed documents, behind an interface so that a PostgreSQL backend can sit beside
 * the embedded SQLite one (sqlite.ts). Every method is async for that reason, even where SQLite is
 * synchronous.
 */
import type { AnalysisResult } from '../result.js';

/** One analysed document as kept: the full result plus when it was stored. */
export interface StoredDocument {
  id: string;
  /** ISO 8601 timestamp of storage. */
  created: string;
  result: AnalysisResult;
}

/** The columns a library listing shows (no full text, no spans). */
export interface DocumentSummary {
  id: string;
  created: string;
  title: string | null;
  date: string | null;
  language: string | null;
  url: string | null;
  /** Credited outlets and the site name / declared source, deduplicated. */
  outlets: string[];
  /** Actor codes, most mentioned first. */
  actors: string[];
  /** Technique label → number of spans. */
  techniques: Record<string, number>;
  words: number;
  /** A short piece of the text around the first search hit (plain text, never markup). */
  snippet: string;
}

export const SORT_KEYS = ['relevance', 'created', 'date', 'title', 'techniques', 'words'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface SearchQuery {
  /** Full-text query: words (all must match) and "quoted phrases". */
  q?: string;
  /** Inclusive ISO date bounds on the publication date (YYYY-MM-DD prefixes compare correctly). */
  from?: string;
  to?: string;
  /** Outlet / credit name or code (case-insensitive exact match). */
  outlet?: string;
  /** Actor code, e.g. RUS. */
  actor?: string;
  /** Technique label, e.g. Loaded_Language. */
  technique?: string;
  /** Restrict to these ids. */
  ids?: string[];
  sort?: SortKey;
  order?: 'asc' | 'desc';
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface SearchPage {
  total: number;
  page: number;
  pageSize: number;
  items: DocumentSummary[];
}

/** Values present in the store, for filter menus. */
export interface Facets {
  outlets: Array<{ value: string; count: number }>;
  actors: Array<{ value: string; name: string; count: number }>;
  techniques: Array<{ value: string; count: number }>;
}

export interface Store {
  put(result: AnalysisResult): Promise<StoredDocument>;
  get(id: string): Promise<StoredDocument | null>;
  delete(id: string): Promise<boolean>;
  search(query: SearchQuery): Promise<SearchPage>;
  /** Every matching document in the query's order, ignoring pagination (for export and graphs). */
  each(query: SearchQuery, limit: number): AsyncIterable<StoredDocument>;
  facets(): Promise<Facets>;
  count(): Promise<number>;
  close(): Promise<void>;
}

export const MAX_PAGE_SIZE = 200;
