/** GET /api/graph: the merged actor graph of a selection, built in a read worker and cached. */
import { createRoute, z } from '@hono/zod-openapi';
import { INTERVALS } from '../../corpus/timeline.js';
import type { App, ServerContext } from '../context.js';
import { ActorGraphSchema, err, FILTERS, json, MAX_GRAPH_DOCS, qEnum, queryOf, toSearchQuery } from '../schemas.js';

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
    const bytes = await ctx.reads.json({ op: 'graph', query: toSearchQuery(c.req.valid('query')), limit: ctx.opts.maxGraphDocs ?? MAX_GRAPH_DOCS });
    // Already serialised by the worker: passed through as bytes.
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json; charset=utf-8' }) as never;
  });
}

/** Most documents read for a graph over time, and per window. */
const MAX_SLICES_DOCS = 20_000;

const overTime = createRoute({
  method: 'get',
  path: '/api/graph/timeline',
  summary: 'The merged actor graph per time window of a selection (for a time slider)',
  description: `One graph per day, week or month with documents (the latest 36 windows, at most ${MAX_GRAPH_DOCS} documents each); cumulative=true merges everything up to the end of each window.`,
  request: {
    query: queryOf({
      ...FILTERS,
      interval: qEnum('interval', INTERVALS, 'day, week or month (default month).'),
      cumulative: qEnum('cumulative', ['true', 'false'] as const, 'Each window holds everything up to its end (default false).'),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          interval: z.enum(INTERVALS),
          cumulative: z.boolean(),
          slices: z.array(z.object({ period: z.string(), from: z.string(), to: z.string(), documents: z.number().int(), graph: ActorGraphSchema })),
          undated: z.number().int(),
        })
        .openapi('GraphTimeline'),
      'The graphs, oldest window first',
    ),
    400: err('Invalid parameter'),
    503: err('Too many heavy reads waiting'),
    504: err('Over the time limit'),
  },
});

export function registerGraphTimeline(app: App, ctx: ServerContext): void {
  app.openapi(overTime, async (c) => {
    const { interval, cumulative, ...filters } = c.req.valid('query');
    const options = { interval: interval ?? 'month', cumulative: cumulative === 'true', maxDocs: ctx.opts.maxGraphDocs ?? MAX_GRAPH_DOCS, maxSlices: 36 };
    const bytes = await ctx.reads.json({ op: 'graphOverTime', query: toSearchQuery(filters), options, limit: MAX_SLICES_DOCS });
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json; charset=utf-8' }) as never;
  });
}
