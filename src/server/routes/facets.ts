/** GET /api/facets: outlets, actors and techniques present in the store, for filter menus. */
import { createRoute } from '@hono/zod-openapi';
import type { App, ServerContext } from '../context.js';
import { FacetsSchema, json } from '../schemas.js';

const facets = createRoute({
  method: 'get',
  path: '/api/facets',
  summary: 'Outlets, actors and techniques present in the store, with counts',
  responses: { 200: json(FacetsSchema, 'Facets') },
});

export function registerFacets(app: App, ctx: ServerContext): void {
  app.openapi(facets, async (c) => c.json(await ctx.corpus.facets(), 200));
}
