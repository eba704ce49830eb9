/** GET /api/export: matching documents as a JSON or CSV download, streamed from a read worker. */
import { createRoute, z } from '@hono/zod-openapi';
import type { App, ServerContext } from '../context.js';
import { err, FILTERS, qEnum, queryOf, SORTING, StoredDocumentSchema, toSearchQuery } from '../schemas.js';

export const MAX_EXPORT_DOCS = 100_000;

const exportRoute = createRoute({
  method: 'get',
  path: '/api/export',
  summary: `Export matching documents as JSON (full results) or CSV (at most ${MAX_EXPORT_DOCS.toLocaleString('en')})`,
  request: { query: queryOf({ format: qEnum('format', ['json', 'csv'] as const, 'json (default) or csv'), ...FILTERS, ...SORTING }) },
  responses: {
    200: {
      description: 'A file download',
      content: { 'application/json': { schema: z.array(StoredDocumentSchema) }, 'text/csv': { schema: z.string() } },
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
    return c.body(stream, 200, {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="slant-${stamp}.${format}"`,
    }) as never;
  });
}
