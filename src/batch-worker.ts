/** One batch worker thread: builds its pipeline once, analyses what the pool sends. */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeOne, type BatchInput } from './batch.js';
import { errorLine } from './core/errors.js';

const { pipeline } = workerData as { pipeline?: readonly string[] };
parentPort!.on('message', async ({ seq, input }: { seq: number; input: BatchInput }) => {
  try {
    parentPort!.postMessage({ seq, result: await analyzeOne(input, pipeline) });
  } catch (err) {
    parentPort!.postMessage({ seq, error: errorLine(err) });
  }
});
