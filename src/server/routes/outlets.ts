/** GET /api/outlets/{name}: one outlet against the rest of the corpus. */
import { createRoute, z } from '@hono/zod-openapi';
import type { App, ServerContext } from '../context.js';
import { err, json, qInt, queryOf } from '../schemas.js';

const MAX_OUTLET_DOCS = 50_000;

const LogOdds = z.looseObject({ term: z.string(), z: z.number() });
export const OutletProfileSchema = z
  .looseObject({
    outlet: z.string(),
    documents: z.number().int(),
    restDocuments: z.number().int(),
    words: z.number().int(),
    first: z.string().nullable(),
    last: z.string().nullable(),
    techniques: z.array(LogOdds),
    overused: z.array(LogOdds),
    underused: z.array(LogOdds),
    actors: z.array(z.looseObject({ code: z.string(), name: z.string() })),
    graph: z.looseObject({ nodes: z.array(z.looseObject({})), edges: z.array(z.looseObject({})) }),
    copiesFrom: z.array(z.object({ outlet: z.string(), count: z.number().int() })),
    copiedBy: z.array(z.object({ outlet: z.string(), count: z.number().int() })),
  })
  .openapi('OutletProfile', {
    description: 'Over- and under-used techniques and words (weighted log-odds with an informative Dirichlet prior, z-scores), most-mentioned actors and their portrayal, its actor graph, who it copies and who copies it.',
  });

const profile = createRoute({
  method: 'get',
  path: '/api/outlets/{name}',
  summary: 'Profile of one outlet against the rest of the corpus',
  request: {
    params: z.object({ name: z.string().min(1).max(200).openapi({ param: { name: 'name', in: 'path' }, example: 'TASS' }) }),
    query: queryOf({ top: qInt('top', 1, 100, 'Rows per list (default 20).') }),
  },
  responses: { 200: json(OutletProfileSchema, 'The profile'), 400: err('Invalid parameter'), 503: err('Too many heavy reads waiting'), 504: err('Over the time limit') },
});

export function registerOutlets(app: App, ctx: ServerContext): void {
  app.openapi(profile, async (c) => {
    const { name } = c.req.valid('param');
    const { top } = c.req.valid('query');
    const bytes = await ctx.reads.json({ op: 'outlet', name, options: top ? { top } : {}, limit: MAX_OUTLET_DOCS });
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json; charset=utf-8' }) as never;
  });
}
