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

/**
 * What the corpus keeps beside a document it ingests (src/corpus): the keys that make ingest
 * idempotent, the normalised outlet, and the near-copy signature with its LSH bands and verified links.
 */
export interface CorpusEntry {
  /** Unique keys: 'url:<canonical url>', 'text:<hash of normalised text>', 'raw:<hash of the input>'. A clash means "already stored". */
  keys: string[];
  /** Normalised outlet id or name (src/corpus/publisher.ts), or null when unknown. */
  outlet: string | null;
  /** Where the record came from (file:line, WARC offset, feed URL), for people. */
  origin: string | null;
  /** MinHash signature over word shingles (src/corpus/copies/minhash.ts) and the shingle count. */
  minhash: Uint32Array;
  shingles: number;
  /** LSH bucket keys of the signature. */
  bands: string[];
  /** Verified near-copies among documents already stored. */
  links: Array<{ doc: string; similarity: number; containment: number }>;
}

/** The outcome of putEntry: stored, or refused because a key already names another document. */
export type PutOutcome = { stored: StoredDocument; duplicateOf?: undefined } | { stored?: undefined; duplicateOf: string };

/** Listing facts about a corpus document, for copy families and timelines. */
export interface CorpusInfo {
  id: string;
  /** Insertion order: "first seen". */
  seq: number;
  created: string;
  title: string | null;
  date: string | null;
  url: string | null;
  outlet: string | null;
  origin: string | null;
}

/** A verified near-copy pair; `a` was stored before `b`. */
export interface CopyLink {
  a: string;
  b: string;
  /** Jaccard similarity of the shingle sets. */
  similarity: number;
  /** Shared shingles over the smaller set (1 = one is inside the other). */
  containment: number;
}

export interface Store {
  put(result: AnalysisResult): Promise<StoredDocument>;
  /**
   * Store a document with its corpus entry in one transaction, unless one of its keys is already
   * taken (then nothing is written and the other document's id is returned). Safe under
   * concurrent writers: keys are unique in the database.
   */
  putEntry(result: AnalysisResult, entry: CorpusEntry): Promise<PutOutcome>;
  /** The document holding any of these keys, or null. */
  findKey(keys: string[]): Promise<string | null>;
  /** Documents sharing at least one LSH band with these, with their signatures (at most `limit`). */
  copyCandidates(bands: string[], limit: number): Promise<Array<{ id: string; minhash: Uint32Array; shingles: number }>>;
  /**
   * The texts of these documents, for verifying near-copies, without the rest of their results
   * (optional: stores without it are asked get() for each).
   */
  copyTexts?(ids: string[]): Promise<Map<string, string>>;
  /** Every verified copy link (families are built from them in src/corpus/copies). */
  copyLinks(): AsyncIterable<CopyLink>;
  /** Listing facts for these corpus documents (unknown ids are left out). */
  corpusInfo(ids: string[]): Promise<CorpusInfo[]>;
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
