/**
 * Jobs panel on the corpus page (issue 10): the PostgreSQL job queue that `slant worker` processes
 * drain — queued, active, done, failed, dead letters and the rate — refreshed every few seconds.
 * A SQLite corpus has no queue (GET /api/jobs answers 404): then there is no panel.
 */
import { h } from './dom.js';

/** As GET /api/jobs returns it (src/server/routes/jobs.ts). */
import type { JobStats } from '../corpus/queue.js';
export type { JobStats };

const REFRESH_MS = 3000;

async function fetchJobs(): Promise<JobStats | null> {
  const res = await fetch('/api/jobs');
  if (res.status === 404) return null;
  const body = (await res.json()) as JobStats | { error?: { message?: string } };
  if (!res.ok) throw new Error(('error' in body && body.error?.message) || `HTTP ${res.status}`);
  return body as JobStats;
}

/** The panel, or null when the corpus has no job queue. Stops refreshing once it leaves the page. */
export async function jobsPanel(): Promise<HTMLElement | null> {
  let first: JobStats | null;
  try {
    first = await fetchJobs();
  } catch {
    first = null;
  }
  if (!first) return null;
  const cells = {
    queued: h('td', { 'data-jobs': 'queued' }),
    active: h('td', { 'data-jobs': 'active' }),
    done: h('td', { 'data-jobs': 'done' }),
    failed: h('td', { 'data-jobs': 'failed' }),
    dead: h('td', { 'data-jobs': 'dead' }),
    rate: h('td', { 'data-jobs': 'rate' }),
  };
  const status = h('p', { class: 'status muted', role: 'status', 'aria-live': 'polite' });
  const dead = h('ul', { class: 'ingest-errors' });
  const panel = h(
    'section',
    { class: 'jobs', id: 'jobs-panel' },
    h('h2', null, 'Jobs'),
    h('p', { class: 'muted' }, 'Documents queued with ', h('code', null, 'slant ingest --queue'), ' and analysed by ', h('code', null, 'slant worker'), ' processes.'),
    h(
      'table',
      { class: 'jobs-table' },
      h('thead', null, h('tr', null, h('th', null, 'Queued'), h('th', null, 'Active'), h('th', null, 'Done'), h('th', null, 'Failed'), h('th', null, 'Dead letters'), h('th', null, 'Rate'))),
      h('tbody', null, h('tr', null, cells.queued, cells.active, cells.done, cells.failed, cells.dead, cells.rate)),
    ),
    status,
    dead,
  );
  const show = (s: JobStats): void => {
    cells.queued.textContent = String(s.queued + s.retrying) + (s.retrying ? ` (${s.retrying} retrying)` : '');
    cells.active.textContent = String(s.active);
    cells.done.textContent = String(s.done);
    cells.failed.textContent = String(s.failed);
    cells.dead.textContent = String(s.dead);
    cells.rate.textContent = `${s.rate.toFixed(2)} documents/s`;
    status.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    dead.replaceChildren(...s.deadLetters.slice(0, 10).map((d) => h('li', null, h('code', null, d.origin ?? d.id), ' ', d.error)));
  };
  show(first);
  const tick = async (): Promise<void> => {
    if (!panel.isConnected) return; // the page changed: stop
    try {
      const s = await fetchJobs();
      if (s) show(s);
    } catch (err) {
      status.textContent = `Cannot read the job queue: ${(err as Error).message}`;
    }
    setTimeout(() => void tick(), REFRESH_MS);
  };
  setTimeout(() => void tick(), REFRESH_MS);
  return panel;
}
