/**
 * The zod schemas the routes share. One schema drives validation, the handler's types and the
 * OpenAPI document; each check carries the message a user sees (validationError() in http.ts).
 */
import { z } from '@hono/zod-openapi';
import { MAX_TEXT } from '../analyze.js';
import { MAX_PAGE_SIZE, SORT_KEYS, type SearchQuery } from '../store/types.js';

/** Most documents one graph or timeline request reads (newest first, or by the given sort). */
export const MAX_GRAPH_DOCS = 500;

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string().openapi({ example: 'E410' }), message: z.string() }) })
  .openapi('Error', { description: 'Every error: a numbered code and one sentence naming what was wrong.' });

/** `{ description, content: { 'application/json': { schema } } }` for a response. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
export const err = (description: string) => json(ErrorSchema, description);

// --- request body of POST /api/analyze -------------------------------------------------------------

const bodyString = (field: string, max: number, description: string) =>
  z
    .string({ error: `"${field}" must be a string` })
    .max(max, { error: `"${field}" is over the limit of ${max} characters` })
    .nullish()
    .openapi({ description });

const ANALYZE_FIELDS = {
  text: bodyString('text', MAX_TEXT, 'The article as plain text (UTF-8).'),
  html: bodyString('html', MAX_TEXT * 2, 'An HTML page: the main text and its metadata (title, date, byline, site) are extracted.'),
  url: bodyString('url', 2000, 'http(s) only; loopback and private addresses are refused unless the server allows them.'),
  title: bodyString('title', 1000, 'Overrides the title found in the input.'),
  date: bodyString('date', 40, 'Publication date, ISO 8601, e.g. 2022-05-05.').refine((v) => v == null || /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(v), {
    error: '"date" must be an ISO 8601 date such as 2022-05-05',
  }),
  source: bodyString('source', 200, 'Where the document came from (outlet, feed, collection); searchable as an outlet.'),
  byline: bodyString('byline', 500, 'Author(s).'),
};

export const AnalyzeRequest = z
  .strictObject(ANALYZE_FIELDS, {
    error: (iss) =>
      iss.code === 'unrecognized_keys' ? `unknown field "${String(iss.keys[0]).slice(0, 40)}" (expected text, html or url, and optionally title, date, source, byline)` : undefined,
  })
  .superRefine((b, ctx) => {
    const given = [b.text, b.html, b.url].filter((x) => x != null).length;
    if (given !== 1) ctx.addIssue({ code: 'custom', message: given ? 'give only one of "text", "html" or "url"' : 'the body needs a "text", "html" or "url" field' });
  })
  .openapi('AnalyzeRequest', { description: 'Exactly one of text, html or url, and optional metadata.' });
export type AnalyzeBody = z.infer<typeof AnalyzeRequest>;

// --- query parameters -------------------------------------------------------------------------------

const qString = (name: string, max: number, description: string) =>
  z
    .string({ error: `"${name}" must be given once` })
    .max(max, { error: `"${name}" is longer than ${max} characters` })
    .optional()
    .openapi({ param: { name, in: 'query' }, description });
const qDate = (name: string, description: string) =>
  z
    .string({ error: `"${name}" must be given once` })
    .regex(/^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?)?$/, { error: `"${name}" must be a date such as 2022-05-05` })
    .optional()
    .openapi({ param: { name, in: 'query' }, description, example: '2022-05-05' });
export const qInt = (name: string, lo: number, hi: number, description: string) => {
  const error = `"${name}" must be a whole number from ${lo} to ${hi}`;
  return z.coerce
    .number({ error })
    .int({ error })
    .min(lo, { error })
    .max(hi, { error })
    .optional()
    .openapi({ param: { name, in: 'query' }, description });
};
export const qEnum = <T extends readonly [string, ...string[]]>(name: string, values: T, description: string) =>
  z.enum(values, { error: `"${name}" must be one of ${values.join(', ')}` }).optional().openapi({ param: { name, in: 'query' }, description });

export const FILTERS = {
  q: qString('q', 500, 'Full-text search over title and text: words (all must match), "quoted phrases", prefix*.'),
  from: qDate('from', 'Publication date on or after (YYYY, YYYY-MM or YYYY-MM-DD).'),
  to: qDate('to', 'Publication date on or before.'),
  outlet: qString('outlet', 200, 'Credited outlet, site name or declared source (name or code, case-insensitive).'),
  actor: qString('actor', 40, 'Actor code, e.g. RUS.'),
  technique: qString('technique', 80, 'Technique label, e.g. Loaded_Language.'),
  ids: z
    .string({ error: '"ids" must be given once' })
    .max(20_000, { error: `"ids" must be up to ${MAX_GRAPH_DOCS} comma-separated document ids` })
    .refine((v) => /^[A-Za-z0-9_,-]*$/.test(v) && v.split(',').filter(Boolean).length <= MAX_GRAPH_DOCS, {
      error: `"ids" must be up to ${MAX_GRAPH_DOCS} comma-separated document ids`,
    })
    .optional()
    .openapi({ param: { name: 'ids', in: 'query' }, description: 'Comma-separated document ids.' }),
};
export const SORTING = {
  sort: qEnum('sort', SORT_KEYS, 'Sort key (default: relevance with q, else created).'),
  order: qEnum('order', ['asc', 'desc'] as const, 'asc or desc (default desc; asc for title).'),
};
export const PAGING = {
  page: qInt('page', 1, 1_000_000, '1-based page number.'),
  pageSize: qInt('pageSize', 1, MAX_PAGE_SIZE, `Items per page (1–${MAX_PAGE_SIZE}, default 20).`),
};

/** A query object that refuses unknown parameters and names the allowed ones. */
export function queryOf<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown query parameter "${String(iss.keys[0]).slice(0, 40)}" (allowed: ${allowed})` : undefined),
  });
}

type FilterValues = { [K in keyof typeof FILTERS]?: string } & { sort?: SearchQuery['sort']; order?: SearchQuery['order']; page?: number; pageSize?: number };

/** Validated query values as a store query; empty parameters count as absent. */
export function toSearchQuery(v: FilterValues): SearchQuery {
  const s = (x: string | undefined): string | undefined => (x === undefined || x === '' ? undefined : x);
  return {
    q: s(v.q),
    from: s(v.from),
    to: s(v.to),
    outlet: s(v.outlet),
    actor: s(v.actor),
    technique: s(v.technique),
    ids: s(v.ids)?.split(',').filter(Boolean),
    sort: v.sort,
    order: v.order,
    page: v.page,
    pageSize: v.pageSize,
  };
}

// --- responses ----------------------------------------------------------------------------------------

export const AnalysisResultSchema = z
  .looseObject({
    schemaVersion: z.string(),
    id: z.string().nullable(),
    text: z.string(),
    meta: z.looseObject({}),
    sentences: z.array(z.looseObject({})),
    actors: z.array(z.looseObject({})),
    relations: z.array(z.looseObject({})),
    techniques: z.array(z.looseObject({})),
  })
  .openapi('AnalysisResult', { description: 'The result of `slant analyze --format json` (offsets in code points; see the README for every field).' });

export const StoredDocumentSchema = z
  .object({ id: z.string(), created: z.string().openapi({ format: 'date-time' }), result: AnalysisResultSchema })
  .openapi('StoredDocument');

export const DocumentSummarySchema = z
  .object({
    id: z.string(),
    created: z.string(),
    title: z.string().nullable(),
    date: z.string().nullable(),
    language: z.string().nullable(),
    url: z.string().nullable(),
    outlets: z.array(z.string()),
    actors: z.array(z.string()),
    techniques: z.record(z.string(), z.number().int()),
    words: z.number().int(),
    snippet: z.string(),
  })
  .openapi('DocumentSummary');

export const SearchPageSchema = z
  .object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(DocumentSummarySchema) })
  .openapi('SearchPage');

export const ActorGraphSchema = z
  .looseObject({
    documents: z.array(z.object({ id: z.string(), title: z.string().nullable() })),
    basis: z.enum(['events', 'co-mentions']),
    nodes: z.array(z.looseObject({})),
    edges: z.array(z.looseObject({})),
    triads: z.array(z.looseObject({})),
    balance: z.looseObject({}),
    events: z.record(z.string(), z.array(z.looseObject({}))),
  })
  .openapi('ActorGraph', {
    description: 'Signed actor graph: edges with sign (+1 cooperation, −1 conflict, 0 co-mention), weight, direction and evidence; triads with their structural balance; the coded events behind each edge.',
  });

export const FacetsSchema = z
  .object({
    outlets: z.array(z.object({ value: z.string(), count: z.number().int() })),
    actors: z.array(z.object({ value: z.string(), name: z.string(), count: z.number().int() })),
    techniques: z.array(z.object({ value: z.string(), count: z.number().int() })),
  })
  .openapi('Facets');

export const IdParam = z.object({
  id: z.string().max(64, { error: '"id" is longer than 64 characters: not a document id' }).openapi({ param: { name: 'id', in: 'path' }, example: 'k3j9x2m4p7qa' }),
});
