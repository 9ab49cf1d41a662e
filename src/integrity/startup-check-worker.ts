/**
 * A start-up check thread: checks its range of the SQLite log (`startup-check.ts`), posting its
 * progress after each page and its report at the end. Readiness waits for it, so it runs at the
 * read models' catch-up priority, below the serving thread.
 */
import { workerData } from 'node:worker_threads';
import { CATCH_UP_NICE, runCatchUpThread } from '../projector/worker-thread';
import { checkRange, type StartupMessage, type StartupRange } from './startup-check';

const range = workerData as StartupRange;

runCatchUpThread(
  CATCH_UP_NICE,
  async (signal, port) => {
    const post = (message: StartupMessage) => port.postMessage(message);
    // Between pages the thread's loop turns, so that a stop message is heard.
    const report = await checkRange(range, (checked) => {
      post({ type: 'progress', checked });
      return signal.aborted ? false : new Promise((resolve) => setImmediate(() => resolve(true)));
    });
    if (!signal.aborted) post({ type: 'done', report });
  },
  () => Promise.resolve(),
);
