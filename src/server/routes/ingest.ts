/**
 * Ingest from the browser: POST /api/ingest with a file's content (a folder's worth of JSON Lines,
 * CSV, an RSS/Atom feed, a WARC, a sitemap, a URL list, or one article) starts a job on the Corpus
 * API with the server's analysis pool; GET /api/ingest/{job} reports its progress. One job at a
 * time; the last few are remembered until the server stops.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import { FORMATS } from '../../corpus/readers/index.js';
import { E, errorLine, fail } from '../../core/errors.js';
import type { App, ServerContext } from '../context.js';
import { err, json } from '../schemas.js';

const KEEP_JOBS = 20;
const MAX_ERRORS = 50;

const Progress = z.object({ read: z.number().int(), ingested: z.number().int(), duplicates: z.number().int(), copies: z.number().int(), errors: z.number().int() });
const Job = z
  .object({
    job: z.string(),
    name: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    started: z.string(),
    finished: z.string().nullable(),
    progress: Progress,
    /** The first records that could not be read, analysed or stored. */
    errors: z.array(z.object({ where: z.string(), error: z.string() })),
    /** Why the whole job failed, when it did. */
    error: z.string().nullable(),
  })
  .openapi('IngestJob');
type JobState = z.infer<typeof Job>;

const IngestRequest = z
  .strictObject(
    {
      name: z
        .string({ error: '"name" must be a string' })
        .min(1, { error: '"name" is empty' })
        .max(200, { error: '"name" is longer than 200 characters' })
        .openapi({ description: 'The file name; its extension tells the format (.jsonl, .csv, .xml/.rss/.atom, .warc(.gz), .txt, .html, .json).', example: 'articles.jsonl' }),
      content: z.string({ error: '"content" must be a string' }).openapi({ description: 'The file content: text, or base64 when "encoding" is base64 (WARC.gz, .html.gz).' }),
      encoding: z.enum(['utf8', 'base64'], { error: '"encoding" must be utf8 or base64' }).optional(),
      format: z.enum(FORMATS, { error: `"format" must be one of ${FORMATS.join(', ')}` }).optional().openapi({ description: 'Read as this format instead of detecting it.' }),
    },
    { error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown field "${String(iss.keys[0]).slice(0, 40)}" (expected name, content, and optionally encoding, format)` : undefined) },
  )
  .openapi('IngestRequest');

const start = createRoute({
  method: 'post',
  path: '/api/ingest',
  summary: 'Ingest a file into the corpus (analysed, stored once, near-copies linked); returns a job to poll',
  description: 'Needs the bearer token when the server was started with SLANT_TOKEN.',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: IngestRequest } } } },
  responses: {
    202: json(Job, 'Started'),
    400: err('Invalid input'),
    401: err('Token required'),
    403: err('Read-only server'),
    413: err('Body too large'),
    503: err('Another ingest is running'),
  },
});

const status = createRoute({
  method: 'get',
  path: '/api/ingest/{job}',
  summary: 'Progress of an ingest job',
  request: { params: z.object({ job: z.string().max(64, { error: '"job" is longer than 64 characters: not a job id' }).openapi({ param: { name: 'job', in: 'path' } }) }) },
  responses: { 200: json(Job, 'The job'), 404: err('No such job') },
});

export function registerIngest(app: App, ctx: ServerContext): void {
  const jobs = new Map<string, JobState>();

  app.on('POST', '/api/ingest', ctx.writeGuard, ctx.jsonBody);
  app.openapi(start, async (c) => {
    const body = c.req.valid('json');
    if ([...jobs.values()].some((j) => j.status === 'running')) fail(E.BUSY, 'another ingest is running; wait for it to finish');
    const dir = mkdtempSync(join(tmpdir(), 'slant-upload-'));
    // Only the base name, in safe characters, keeps its extension for format detection.
    const safe = (body.name.split(/[\\/]/).pop() ?? 'upload').replace(/[^A-Za-z0-9._-]+/g, '_').slice(-100) || 'upload';
    const path = join(dir, safe);
    writeFileSync(path, body.encoding === 'base64' ? Buffer.from(body.content, 'base64') : body.content);
    const id = randomBytes(6).toString('hex');
    const job: JobState = { job: id, name: safe, status: 'running', started: new Date().toISOString(), finished: null, progress: { read: 0, ingested: 0, duplicates: 0, copies: 0, errors: 0 }, errors: [], error: null };
    jobs.set(id, job);
    for (const k of jobs.keys()) if (jobs.size > KEEP_JOBS && jobs.get(k)!.status !== 'running') jobs.delete(k);
    const where = (w: string): string => w.split(dir).join('').replace(/^[\\/]/, '');
    ctx.corpus
      .ingest([path], {
        pool: ctx.analyzer,
        format: body.format,
        allowPrivate: ctx.opts.allowPrivateUrls === true,
        onProgress: (p) => (job.progress = { ...p }),
        onError: (e) => {
          if (job.errors.length < MAX_ERRORS) job.errors.push({ where: where(e.where), error: e.error.slice(0, 500) });
        },
      })
      .then(
        (summary) => {
          job.progress = { ...summary };
          job.status = 'done';
        },
        (e: unknown) => {
          job.status = 'failed';
          job.error = where(errorLine(e));
        },
      )
      .finally(() => {
        job.finished = new Date().toISOString();
        rmSync(dir, { recursive: true, force: true });
      });
    c.header('location', `/api/ingest/${id}`);
    return c.json(job, 202);
  });

  app.openapi(status, (c) => {
    const job = jobs.get(c.req.valid('param').job);
    if (!job) fail(E.NOT_FOUND, `no ingest job "${c.req.valid('param').job}" (jobs are kept until the server stops)`);
    return c.json(job, 200);
  });
}
