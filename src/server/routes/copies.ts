/** /api/copies: republished copies — families, one family with what each copy changed, who copies whom. */
import { createRoute, z } from '@hono/zod-openapi';
import { E, fail } from '../../core/errors.js';
import type { App, ServerContext } from '../context.js';
import { err, IdParam, json } from '../schemas.js';

const Member = z.object({
  id: z.string(),
  url: z.string().nullable(),
  outlet: z.string().nullable(),
  date: z.string().nullable(),
  title: z.string().nullable(),
  similarity: z.number(),
  containment: z.number(),
});
const Family = z.object({ family: z.string(), earliest: z.string(), members: z.array(Member) }).openapi('CopyFamily', { description: 'Near-copies of one article; the earliest member (by date, then first seen) first.' });
const Republication = z.object({ from: z.string(), to: z.string(), count: z.number().int() }).openapi('Republication');
const Changes = z
  .looseObject({
    headline: z.object({ earliest: z.string().nullable(), copy: z.string().nullable() }).nullable(),
    added: z.array(z.string()),
    removed: z.array(z.string()),
    reworded: z.array(z.object({ earliest: z.string(), copy: z.string() })),
    reordered: z.boolean(),
    credits: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
    scareQuotes: z.array(z.string()),
    findings: z.object({ added: z.array(z.object({ technique: z.string(), text: z.string() })), removed: z.array(z.object({ technique: z.string(), text: z.string() })) }),
  })
  .openapi('CopyChanges', { description: 'What a copy changed against the earliest member.' });
const FamilyDetail = Family.extend({ document: z.string(), changes: z.array(z.object({ id: z.string(), changes: Changes })) }).openapi('CopyFamilyDetail');

const list = createRoute({
  method: 'get',
  path: '/api/copies',
  summary: 'Every copy family (largest first) and the outlet-to-outlet republication table',
  responses: { 200: json(z.object({ families: z.array(Family), republication: z.array(Republication) }), 'Families and who copies whom'), 503: err('Too many heavy reads waiting') },
});

const one = createRoute({
  method: 'get',
  path: '/api/copies/{id}',
  summary: 'The copy family of one document, with what each copy changed against the earliest',
  request: { params: IdParam },
  responses: { 200: json(FamilyDetail, 'The family'), 404: err('No such document, or it has no copies') },
});

export function registerCopies(app: App, ctx: ServerContext): void {
  app.openapi(list, async (c) => {
    const [families, republication] = await Promise.all([ctx.reads.json({ op: 'copies' }), ctx.reads.json({ op: 'republication' })]);
    // Both are JSON already: joined as bytes.
    const body = Buffer.concat([Buffer.from('{"families":'), families, Buffer.from(',"republication":'), republication, Buffer.from('}')]);
    return c.body(new Uint8Array(body), 200, { 'content-type': 'application/json; charset=utf-8' }) as never;
  });
  app.openapi(one, async (c) => {
    const { id } = c.req.valid('param');
    const bytes = await ctx.reads.json({ op: 'family', id });
    if (bytes.length === 4 && Buffer.from(bytes).toString() === 'null') fail(E.NOT_FOUND, `the document "${id}" has no copies in the corpus`);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json; charset=utf-8' }) as never;
  });
}
