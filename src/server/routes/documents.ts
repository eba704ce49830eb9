/** /api/documents: search, one document, its standalone HTML report, delete. */
import { createRoute, z } from '@hono/zod-openapi';
import { E, fail } from '../../core/errors.js';
import type { App, ServerContext } from '../context.js';
import { err, FILTERS, IdParam, json, PAGING, queryOf, SearchPageSchema, SORTING, StoredDocumentSchema, toSearchQuery } from '../schemas.js';

const search = createRoute({
  method: 'get',
  path: '/api/documents',
  summary: 'Search stored documents',
  request: { query: queryOf({ ...FILTERS, ...SORTING, ...PAGING }) },
  responses: { 200: json(SearchPageSchema, 'One page of results'), 400: err('Invalid parameter') },
});

const one = createRoute({
  method: 'get',
  path: '/api/documents/{id}',
  summary: 'One stored document with its full result',
  request: { params: IdParam },
  responses: { 200: json(StoredDocumentSchema, 'The document'), 404: err('No such document') },
});

const report = createRoute({
  method: 'get',
  path: '/api/documents/{id}/report',
  summary: 'The document as one standalone HTML page (what `slant analyze --format html` writes)',
  request: { params: IdParam },
  responses: { 200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } }, 404: err('No such document') },
});

const remove = createRoute({
  method: 'delete',
  path: '/api/documents/{id}',
  summary: 'Delete a document',
  description: 'Needs the bearer token when the server was started with SLANT_TOKEN.',
  security: [{ bearer: [] }],
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, 401: err('Token required'), 403: err('Read-only server'), 404: err('No such document') },
});

export function registerDocuments(app: App, ctx: ServerContext): void {
  app.openapi(search, async (c) => c.json(await ctx.corpus.search(toSearchQuery(c.req.valid('query'))), 200));

  app.openapi(one, async (c) => {
    const { id } = c.req.valid('param');
    const doc = await ctx.corpus.get(id);
    if (!doc) fail(E.NOT_FOUND, `no document with id "${id}"`);
    return c.json(doc as never, 200);
  });

  app.openapi(report, async (c) => {
    const { id } = c.req.valid('param');
    const doc = await ctx.corpus.get(id);
    if (!doc) fail(E.NOT_FOUND, `no document with id "${id}"`);
    const { renderReportHtml } = await import('../../report/index.js');
    // The standalone report (same as `slant analyze --format html`): inline styles, no script at all.
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    return c.html(renderReportHtml(doc.result), 200);
  });

  app.on('DELETE', '/api/documents/:id', ctx.writeGuard);
  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await ctx.corpus.delete(id))) fail(E.NOT_FOUND, `no document with id "${id}"`);
    return c.body(null, 204);
  });
}
