/** Worker thread that runs `analyze()`, so a long analysis never blocks the server and can be stopped. */
import { parentPort } from 'node:worker_threads';
import { analyze, type Input } from '../analyze.js';
import { SlantError } from '../core/errors.js';

export interface Job {
  id: number;
  input: Input;
}
export type Reply = { id: number; result: unknown } | { id: number; error: { code: number; message: string } };

parentPort!.on('message', (job: Job) => {
  analyze(job.input).then(
    (result) => parentPort!.postMessage({ id: job.id, result } satisfies Reply),
    (err: unknown) => {
      const code = err instanceof SlantError ? err.code : 999;
      const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
      parentPort!.postMessage({ id: job.id, error: { code, message } } satisfies Reply);
    },
  );
});
