/** POST /api/analyze: analyse text, HTML or a URL in a worker, store the result, return it. */
import { createRoute } from '@hono/zod-openapi';
import type { Input } from '../../analyze.js';
import { E, fail } from '../../core/errors.js';
import type { App, ServerContext } from '../context.js';
import { AnalyzeRequest, err, json, StoredDocumentSchema, type AnalyzeBody } from '../schemas.js';

const analyze = createRoute({
  method: 'post',
  path: '/api/analyze',
  summary: 'Analyse text, HTML or a URL; store and return the document',
  description: 'Needs the bearer token when the server was started with SLANT_TOKEN.',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: AnalyzeRequest } } } },
  responses: {
    200: json(StoredDocumentSchema, 'Already stored (same canonical URL or same text): the stored document'),
    201: json(StoredDocumentSchema, 'Analysed and stored'),
    400: err('Invalid input (the message names the field)'),
    401: err('Token required'),
    403: err('Read-only server'),
    413: err('Body or text too large'),
    415: err('Body is not application/json'),
    422: err('URL refused (scheme or private address)'),
    502: err('URL could not be fetched'),
    503: err('Too many analyses waiting, or the storage failed'),
    504: err('Analysis timed out'),
    507: err('The disk is full: nothing was stored'),
  },
});

export function registerAnalyze(app: App, ctx: ServerContext): void {
  // Token and read-only checks, then the body read within its limit, before validation.
  app.on('POST', '/api/analyze', ctx.writeGuard, ctx.jsonBody);
  app.openapi(analyze, async (c) => {
    const input = await toInput(c.req.valid('json'), ctx.opts.allowPrivateUrls === true);
    const result = await ctx.analyzer.analyze(input);
    if (typeof result?.text !== 'string' || !Array.isArray(result.techniques)) fail(E.COMPONENT_CONTRACT, 'the analysis returned no result');
    // Stored as a corpus document (ingest keys, outlet, near-copies); the same text or URL again is not stored twice.
    const added = await ctx.corpus.add(result, 'api');
    const stored = await ctx.corpus.get(added.id);
    if (!stored) fail(E.STORAGE, `the document ${added.id} was stored but cannot be read back`);
    c.header('location', `/api/documents/${stored.id}`);
    return c.json(stored as never, added.duplicate ? 200 : 201);
  });
}

/** The validated body as an analysis input; a URL is fetched here (with the address checks). */
async function toInput(body: AnalyzeBody, allowPrivate: boolean): Promise<Input> {
  if (body.text != null && body.text.trim() === '') fail(E.EMPTY_INPUT, '"text" is empty');
  if (body.html != null && body.html.trim() === '') fail(E.EMPTY_INPUT, '"html" is empty');
  const meta = Object.fromEntries(Object.entries({ title: body.title, date: body.date, source: body.source, byline: body.byline }).filter(([, v]) => v != null)) as Record<string, string>;
  if (body.url != null) {
    if (!/^https?:\/\//i.test(body.url)) fail(E.URL_FORBIDDEN, '"url" must start with http:// or https://');
    const { loadInput } = await import('../../input/load.js');
    const loaded = (await loadInput(body.url, { allowPrivate })) as Record<string, unknown>;
    return { ...loaded, ...meta } as Input;
  }
  return { ...(body.text != null ? { text: body.text } : { html: body.html! }), ...meta } as Input;
}
