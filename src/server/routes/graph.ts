/** GET /api/graph: the merged actor graph of a selection, built in a read worker and cached. */
import { createRoute } from '@hono/zod-openapi';
import type { App, ServerContext } from '../context.js';
import { ActorGraphSchema, err, FILTERS, json, MAX_GRAPH_DOCS, queryOf, toSearchQuery } from '../schemas.js';

const graph = createRoute({
  method: 'get',
  path: '/api/graph',
  summary: `Actor graph of a selection (ids or search filters; at most ${MAX_GRAPH_DOCS} documents, newest first)`,
  description: 'Built off the main thread and cached until the library changes. Over the time limit the request fails with E413 (504).',
  request: { query: queryOf(FILTERS) },
  responses: {
    200: json(ActorGraphSchema, 'The graph'),
    400: err('Invalid parameter'),
    503: err('Too many heavy reads waiting'),
    504: err('The graph took longer than the time limit'),
  },
});

export function registerGraph(app: App, ctx: ServerContext): void {
  app.openapi(graph, async (c) => {
    const bytes = await ctx.reads.graph(toSearchQuery(c.req.valid('query')), ctx.opts.maxGraphDocs ?? MAX_GRAPH_DOCS);
    // Already serialised by the worker: passed through as bytes.
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json; charset=utf-8' }) as never;
  });
}
