/** GET /api/jobs: the analysis job queue (issue 10) — what `slant jobs` prints — when the corpus is on PostgreSQL. */
import { createRoute, z } from '@hono/zod-openapi';
import { E, fail } from '../../core/errors.js';
import { isDatabaseUrl } from '../../corpus/location.js';
import { jobStats } from '../../corpus/queue.js';
import type { App, ServerContext } from '../context.js';
import { err, json } from '../schemas.js';

const JobStatsSchema = z
  .object({
    queued: z.number().int(),
    retrying: z.number().int(),
    active: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    dead: z.number().int().describe('Documents in the dead-letter list'),
    rate: z.number().describe('Jobs completed per second over the last minute'),
    deadLetters: z.array(z.object({ id: z.string(), origin: z.string().nullable(), error: z.string(), at: z.string() })).describe('The latest dead letters with their errors'),
  })
  .openapi('JobStats');

const jobs = createRoute({
  method: 'get',
  path: '/api/jobs',
  summary: 'The analysis job queue: queued, retrying, active, done, failed, dead letters and the rate (PostgreSQL corpora; workers: `slant worker`)',
  responses: {
    200: json(JobStatsSchema, 'Jobs by state'),
    404: err('No job queue: the corpus is a SQLite file (workers need PostgreSQL)'),
    503: err('The database cannot be reached'),
  },
});

export function registerJobs(app: App, ctx: ServerContext): void {
  app.openapi(jobs, async (c) => {
    if (!isDatabaseUrl(ctx.corpus.location)) fail(E.NOT_FOUND, 'no job queue: this corpus is a SQLite file; queued analysis by workers needs PostgreSQL (slant serve --db postgres://…)');
    return c.json(await jobStats(ctx.corpus.location), 200);
  });
}
