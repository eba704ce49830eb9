/** GET /api/timeline: counts per day, week or month by outlet, technique, actor, event pair or narrative. */
import { createRoute, z } from '@hono/zod-openapi';
import { INTERVALS, TIMELINE_BY } from '../../corpus/timeline.js';
import type { App, ServerContext } from '../context.js';
import { err, FILTERS, json, qEnum, qInt, queryOf, toSearchQuery } from '../schemas.js';

/** Most documents one timeline reads. */
export const MAX_TIMELINE_DOCS = 50_000;

const Point = z.object({
  period: z.string(),
  value: z.number(),
  count: z.number(),
  goldstein: z.number().optional(),
  cooperative: z.number().optional(),
  conflictual: z.number().optional(),
  docs: z.array(z.string()),
});
export const TimelineSchema = z
  .object({
    by: z.enum(TIMELINE_BY),
    interval: z.enum(INTERVALS),
    measure: z.string(),
    periods: z.array(z.string()),
    series: z.array(z.object({ key: z.string(), label: z.string(), total: z.number(), points: z.array(Point) })),
    documents: z.number().int(),
    undated: z.number().int(),
  })
  .openapi('Timeline', { description: 'One series per outlet, technique, actor, pair or narrative; every point lists the documents behind it.' });

const timeline = createRoute({
  method: 'get',
  path: '/api/timeline',
  summary: 'Timeline of the selection by outlet, technique (per 1,000 words), actor (share of attention), event pair (count, mean Goldstein) or narrative',
  request: {
    query: queryOf({
      by: qEnum('by', TIMELINE_BY, 'What each series counts (default outlet).'),
      interval: qEnum('interval', INTERVALS, 'day, week or month (default month).'),
      outlet: FILTERS.outlet,
      actor: FILTERS.actor.describe('by actor: follow this actor, one series per outlet; by pair: pairs with this actor, or "CHN-RUS" for one pair.'),
      technique: FILTERS.technique,
      maxSeries: qInt('maxSeries', 1, 50, 'Series kept, largest first (default 12).'),
      q: FILTERS.q,
      from: FILTERS.from,
      to: FILTERS.to,
      ids: FILTERS.ids,
    }),
  },
  responses: { 200: json(TimelineSchema, 'The timeline'), 400: err('Invalid parameter'), 503: err('Too many heavy reads waiting'), 504: err('Over the time limit') },
});

export function registerTimeline(app: App, ctx: ServerContext): void {
  app.openapi(timeline, async (c) => {
    const v = c.req.valid('query');
    const query = toSearchQuery({ q: v.q, from: v.from, to: v.to, ids: v.ids });
    const options = { by: v.by ?? 'outlet', interval: v.interval ?? 'month', outlet: v.outlet || undefined, actor: v.actor || undefined, technique: v.technique || undefined, maxSeries: v.maxSeries };
    const bytes = await ctx.reads.json({ op: 'timeline', query, options, limit: MAX_TIMELINE_DOCS });
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json; charset=utf-8' }) as never;
  });
}
