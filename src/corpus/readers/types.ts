/**
 * What a reader yields: input records for analysis, each with the place it came from, or a
 * malformed record's error with its place. A new input format is one file exporting a Reader.
 */
import type { InputRecord } from '../../analyze.js';

/** Where a record was read: the file or URL, and the line, record number or byte offset in it. */
export interface Place {
  file: string;
  line?: number;
  /** Byte offset of the record (WARC). */
  offset?: number;
  /** 1-based record number (CSV rows, feed items, WARC records). */
  record?: number;
}

export interface SourceRecord extends InputRecord {
  kind: 'record';
  place: Place;
}

export interface ReadError {
  kind: 'error';
  place: Place;
  error: string;
}

export type ReadItem = SourceRecord | ReadError;

/** CSV column names for each field (defaults: text, html, title, date, url, source, id). */
export interface ColumnMap {
  text?: string;
  html?: string;
  title?: string;
  date?: string;
  url?: string;
  source?: string;
  id?: string;
}

export interface ReaderOptions {
  /** Fetch the page behind a feed item that holds only a summary, and URLs in lists and sitemaps (default true). */
  fetch?: boolean;
  /** Let fetches reach loopback/private addresses (tests, intranets). */
  allowPrivate?: boolean;
  /** CSV / JSON Lines field names. */
  columns?: ColumnMap;
  /** CSV delimiter (default: "," or tab for .tsv). */
  delimiter?: string;
  /** Stop reading when aborted. */
  signal?: AbortSignal;
}

export type Reader = (source: string, opts: ReaderOptions) => AsyncIterable<ReadItem>;

/** "file:12" / "file@1024" / "file#3", for messages and the origin column. */
export function placeText(p: Place): string {
  if (p.line !== undefined) return `${p.file}:${p.line}`;
  if (p.offset !== undefined) return `${p.file}@${p.offset}`;
  if (p.record !== undefined) return `${p.file}#${p.record}`;
  return p.file;
}

/** Largest single record accepted (bytes/characters): bigger ones are reported and skipped. */
export const MAX_RECORD = 32 * 1024 * 1024;
