/** GET /api/health (liveness, document count) and GET /api/meta (techniques, server mode). */
import { createRoute, z } from '@hono/zod-openapi';
import { SCHEMA_VERSION } from '../../result.js';
import type { App, ServerContext } from '../context.js';
import { json } from '../schemas.js';
import { techniqueInfo } from '../techniques.js';

const health = createRoute({
  method: 'get',
  path: '/api/health',
  summary: 'Liveness and number of stored documents',
  responses: { 200: json(z.object({ ok: z.boolean(), documents: z.number().int(), schemaVersion: z.string() }), 'OK') },
});

const MetaSchema = z
  .object({
    schemaVersion: z.string(),
    readOnly: z.boolean(),
    tokenRequired: z.boolean(),
    techniques: z.array(z.object({ label: z.string(), title: z.string(), definition: z.string() })),
  })
  .openapi('Meta');

const meta = createRoute({
  method: 'get',
  path: '/api/meta',
  summary: 'Technique titles and definitions; whether the server is read-only or needs a token',
  responses: { 200: json(MetaSchema, 'Meta') },
});

export function registerHealth(app: App, ctx: ServerContext): void {
  app.openapi(health, async (c) => c.json({ ok: true, documents: await ctx.corpus.count(), schemaVersion: SCHEMA_VERSION }, 200));
  app.openapi(meta, async (c) =>
    c.json({ schemaVersion: SCHEMA_VERSION, readOnly: ctx.opts.readOnly === true, tokenRequired: Boolean(ctx.opts.token), techniques: await techniqueInfo() }, 200),
  );
}
