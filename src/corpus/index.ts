/**
 * The Corpus API: one entry point for the CLI, the server and the web app to everything about a
 * collection of analysed documents — ingest, search, republished copies, the merged actor graph.
 * Nothing outside src/corpus and src/store talks to a Store directly.
 *
 *   const corpus = await openCorpus();                  // default data folder (as `slant serve`)
 *   const corpus = await openCorpus('/data/news');      // folder → /data/news/slant.db
 *   const corpus = await openCorpus('postgres://…');    // the PostgreSQL store (issue 10)
 *   await corpus.ingest(['feeds/', 'crawl.warc.gz'], { onProgress });
 *   await corpus.search({ q: 'sanctions', outlet: 'TASS' });
 *   await corpus.copies();  await corpus.family(docId);  await corpus.republication();
 *   await corpus.graph({ outlet: 'RT', from: '2022-01-01' });
 *   await corpus.close();
 */
import { E, fail } from '../core/errors.js';
import type { AnalysisResult } from '../result.js';
import type { Facets, SearchPage, SearchQuery, Store, StoredDocument } from '../store/types.js';
import { SqliteStore } from '../store/sqlite.js';
import { buildActorGraph, type ActorGraph } from './graph.js';
import { ingest, storeResult, type IngestOptions, type IngestSummary } from './ingest.js';
import { families, republication, type CopyFamily, type RepublicationRow } from './copies/families.js';
import { diffCopy, type CopyChanges } from './copies/diff.js';
import { isDatabaseUrl, resolveLocation, sqlitePath } from './location.js';
import { timeline, graphSlices, type GraphTimeline, type Timeline, type TimelineOptions } from './timeline.js';
import { outletProfile, type OutletOptions, type OutletProfile } from './outlet.js';
import { similarDocuments, storyGroups, type GroupOptions, type SimilarDocument, type StoryGroup } from './similarity/index.js';
import { exportChunks, type ExportFormat, type W3cOptions } from './export.js';

export type { IngestOptions, IngestSummary, IngestProgress, IngestError } from './ingest.js';
export type { CopyFamily, FamilyMember, RepublicationRow } from './copies/families.js';
export type { CopyChanges } from './copies/diff.js';
export type { ActorGraph } from './graph.js';
export type { SearchQuery, SearchPage, SortKey, StoredDocument, DocumentSummary, Facets, Store, CorpusInfo, CopyLink } from '../store/types.js';
export { SORT_KEYS, MAX_PAGE_SIZE } from '../store/types.js';
export { defaultDataDir, resolveLocation } from './location.js';
export { outletOf } from './publisher.js';

/** One family with what every later member changed against the earliest. */
export interface FamilyDetail extends CopyFamily {
  /** The document asked about. */
  document: string;
  changes: Array<{ id: string; changes: CopyChanges }>;
}

/** Most documents merged into one graph (bounded memory and time). */
export const MAX_GRAPH_DOCS = 2000;
/** Most documents read for a timeline, an outlet profile, story groups or an export. */
export const MAX_SELECTION = 50_000;
export type { Timeline, TimelineOptions, GraphTimeline, GraphSlice } from './timeline.js';
export type { OutletProfile, OutletOptions } from './outlet.js';
export type { StoryGroup, GroupOptions, Similarity, SimilarDocument } from './similarity/index.js';
export type { ExportFormat } from './export.js';

export class Corpus {
  readonly store: Store;
  /** The folder, file or URL the corpus was opened from. */
  readonly location: string;

  constructor(store: Store, location: string) {
    this.store = store;
    this.location = location;
  }

  /** Read, analyse and store every record of the sources (see ingest.ts); resumable and idempotent. */
  ingest(sources: string | readonly string[], opts: IngestOptions = {}): Promise<IngestSummary> {
    return ingest(this.store, typeof sources === 'string' ? [sources] : sources, opts);
  }

  /** Store one analysed result as a corpus document (keys, outlet, copies); a duplicate returns the stored id. */
  async add(result: AnalysisResult, origin: string | null = null): Promise<{ id: string; duplicate: boolean; copies: number }> {
    const r = await storeResult(this.store, result, null, origin);
    return 'duplicateOf' in r ? { id: r.duplicateOf, duplicate: true, copies: 0 } : { id: r.id, duplicate: false, copies: r.copies };
  }

  search(query: SearchQuery): Promise<SearchPage> {
    return this.store.search(query);
  }

  get(id: string): Promise<StoredDocument | null> {
    return this.store.get(id);
  }

  delete(id: string): Promise<boolean> {
    return this.store.delete(id);
  }

  facets(): Promise<Facets> {
    return this.store.facets();
  }

  count(): Promise<number> {
    return this.store.count();
  }

  /** Every copy family, largest first. */
  copies(): Promise<CopyFamily[]> {
    return families(this.store);
  }

  /** The family a document belongs to, with the differences of each copy; null when it has no copies. */
  async family(id: string): Promise<FamilyDetail | null> {
    const fam = (await families(this.store)).find((f) => f.members.some((m) => m.id === id));
    if (!fam) {
      if (!(await this.store.get(id))) fail(E.NOT_FOUND, `no document with id "${id}"`);
      return null;
    }
    const earliest = await this.store.get(fam.earliest);
    const changes: FamilyDetail['changes'] = [];
    for (const m of fam.members.slice(1)) {
      const doc = await this.store.get(m.id);
      if (earliest && doc) changes.push({ id: m.id, changes: diffCopy(earliest.result, doc.result) });
    }
    return { ...fam, document: id, changes };
  }

  /** Outlet-to-outlet republication counts (who copies whom). */
  async republication(): Promise<RepublicationRow[]> {
    return republication(await families(this.store));
  }

  /** The merged signed actor graph of the documents matching a query (at most `limit`). */
  async graph(query: SearchQuery = {}, limit = MAX_GRAPH_DOCS): Promise<ActorGraph> {
    const docs: Array<{ id: string; result: AnalysisResult }> = [];
    for await (const d of this.store.each(query, limit)) docs.push({ id: d.id, result: d.result });
    return buildActorGraph(docs);
  }

  /** Every stored document matching a query, in the query's order (at most `limit`). */
  documents(query: SearchQuery = {}, limit = MAX_SELECTION): AsyncIterable<StoredDocument> {
    return this.store.each(query, limit);
  }

  private async collect(query: SearchQuery, limit: number): Promise<Array<{ id: string; result: AnalysisResult }>> {
    const docs: Array<{ id: string; result: AnalysisResult }> = [];
    for await (const d of this.store.each(query, limit)) docs.push({ id: d.id, result: d.result });
    return docs;
  }

  /** Counts per day/week/month by outlet, technique, actor, event pair or narrative (see timeline.ts). */
  async timeline(options: TimelineOptions, query: SearchQuery = {}, limit = MAX_SELECTION): Promise<Timeline> {
    return timeline(await this.collect(query, limit), options);
  }

  /** The merged actor graph per time window of the selection (for a time slider). */
  async graphOverTime(query: SearchQuery = {}, options: Parameters<typeof graphSlices>[1] = {}, limit = MAX_SELECTION): Promise<GraphTimeline> {
    return graphSlices(await this.collect(query, limit), options);
  }

  /** One outlet against the rest of the corpus (see outlet.ts), with who copies whom from the copy families. */
  async outlet(name: string, options: OutletOptions = {}, limit = MAX_SELECTION): Promise<OutletProfile> {
    return outletProfile(await this.collect({}, limit), name, { republication: await this.republication(), ...options });
  }

  /** Groups of documents about the same story (see similarity/index.ts). */
  async stories(query: SearchQuery = {}, options: GroupOptions = {}, limit = MAX_SELECTION): Promise<StoryGroup[]> {
    return storyGroups(await this.collect(query, limit), options);
  }

  /** Documents telling the same story as one document (best first), scored against the selection. */
  async similar(id: string, options: { top?: number; maxDays?: number } = {}, query: SearchQuery = {}, limit = MAX_SELECTION): Promise<SimilarDocument[]> {
    const docs = await this.collect(query, limit);
    if (!docs.some((d) => d.id === id)) {
      const own = await this.store.get(id);
      if (!own) fail(E.NOT_FOUND, `no document with id "${id}"`);
      docs.push({ id: own.id, result: own.result });
    }
    return similarDocuments(docs, id, options) ?? [];
  }

  /** The selection as JSON Lines, CSV or W3C Web Annotations, streamed in chunks (see export.ts). */
  export(format: ExportFormat, query: SearchQuery = {}, options: W3cOptions = {}, limit = MAX_SELECTION): AsyncGenerator<string> {
    return exportChunks(format, this.store.each(query, limit), options);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** The PostgreSQL store's module (issue 10); loaded only for postgres:// locations. */
const POSTGRES_MODULE = '../store/postgres.js';

/** Open (creating and migrating if needed) the corpus at a folder, .db file or postgres:// URL. */
export async function openCorpus(location?: string): Promise<Corpus> {
  const where = resolveLocation(location);
  if (isDatabaseUrl(where)) {
    let mod: { openPostgresStore?: (url: string) => Promise<Store> };
    try {
      mod = (await import(POSTGRES_MODULE)) as typeof mod;
    } catch {
      fail(E.STORAGE, 'this slant has no PostgreSQL store yet; give a folder or .db file');
    }
    if (!mod.openPostgresStore) fail(E.STORAGE, 'the PostgreSQL store module has no openPostgresStore()');
    return new Corpus(await mod.openPostgresStore(where), where);
  }
  return new Corpus(new SqliteStore(sqlitePath(where)), where);
}
