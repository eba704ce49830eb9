/**
 * GET /api/export: matching documents as a download, streamed from a read worker — a JSON array of
 * stored documents, or the Corpus API's formats: JSON Lines, CSV (one row per document or per
 * finding) and the findings as W3C Web Annotations (JSON-LD).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { EXPORT_FORMATS } from '../../corpus/export.js';
import type { App, ServerContext } from '../context.js';
import { err, FILTERS, qEnum, queryOf, SORTING, StoredDocumentSchema, toSearchQuery } from '../schemas.js';

export const MAX_EXPORT_DOCS = 50_000;
const FORMATS = ['json', ...EXPORT_FORMATS] as const;
type Format = (typeof FORMATS)[number];

const FILES: Record<Format, { type: string; ext: string }> = {
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
  jsonl: { type: 'application/x-ndjson; charset=utf-8', ext: 'jsonl' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  'findings-csv': { type: 'text/csv; charset=utf-8', ext: 'findings.csv' },
  w3c: { type: 'application/ld+json; charset=utf-8', ext: 'annotations.jsonld' },
};

const exportRoute = createRoute({
  method: 'get',
  path: '/api/export',
  summary: `Export matching documents (at most ${MAX_EXPORT_DOCS.toLocaleString('en')})`,
  description:
    'json: an array of stored documents; jsonl: one full result per line; csv: one row per document; findings-csv: one row per finding (technique span, event, actor mention); w3c: the findings as a W3C Web Annotation collection (JSON-LD; TextPositionSelector in code points plus a TextQuoteSelector).',
  request: { query: queryOf({ format: qEnum('format', FORMATS, FORMATS.join(', ') + ' (default json)'), ...FILTERS, ...SORTING }) },
  responses: {
    200: {
      description: 'A file download',
      content: {
        'application/json': { schema: z.array(StoredDocumentSchema) },
        'application/x-ndjson': { schema: z.string() },
        'text/csv': { schema: z.string() },
        'application/ld+json': { schema: z.looseObject({}) },
      },
    },
    400: err('Invalid parameter'),
    503: err('Too many heavy reads waiting'),
  },
});

export function registerExport(app: App, ctx: ServerContext): void {
  app.openapi(exportRoute, async (c) => {
    const { format = 'json', ...rest } = c.req.valid('query');
    const stream = await ctx.reads.export(toSearchQuery(rest), MAX_EXPORT_DOCS, format, c.req.raw.signal);
    const stamp = new Date().toISOString().slice(0, 10);
    return c.body(stream, 200, { 'content-type': FILES[format].type, 'content-disposition': `attachment; filename="slant-${stamp}.${FILES[format].ext}"` }) as never;
  });
}
