/**
 * The catch-up worker thread: its own connections to the SQLite log and read store, one
 * projector catching up in large batches, and a message to the main thread after every batch.
 * The main thread keeps serving meanwhile (WAL lets it read the committed read models).
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { ALL_PROJECTIONS } from '../../projections';
import { SqliteEventStore } from '../eventstore/sqlite';
import { SqliteReadStore } from '../readstore/sqlite';
import { derivedDocuments } from './derived';
import { Projector } from './projector';
import type { CatchUpMessage, CatchUpWorkerData } from './worker-runner';

/**
 * Serving comes first: on Linux a thread has its own nice value, and this one yields a core to the
 * main thread when both want it (the catch-up is background work). Best effort.
 */
function yieldToServing(): void {
  try {
    setPriority(CATCH_UP_NICE);
  } catch {
    // Not permitted here: the catch-up runs at the process's priority.
  }
}

const CATCH_UP_NICE = 3;

async function main(): Promise<void> {
  yieldToServing();
  const options = workerData as CatchUpWorkerData;
  const port = parentPort!;
  const events = new SqliteEventStore({ path: options.eventstorePath });
  const store = new SqliteReadStore({
    path: options.readstorePath,
    derived: derivedDocuments(ALL_PROJECTIONS, events),
    // The main thread's: a different one would empty the file under it.
    builtBy: options.builtBy ?? '',
    // It writes; what it reads back is only what a batch touches.
    cacheBytes: 1024 * 1024,
    // Its own connection, closed when it is done: a large page cache for the growing indexes,
    // and the WAL copied into the file less often (the same pages are not copied many times).
    pageCacheKib: 262_144,
    walAutocheckpoint: 20_000,
  });
  const mine = options.projections
    ? ALL_PROJECTIONS.filter((p) => options.projections!.includes(p.name))
    : ALL_PROJECTIONS;
  const projector = new Projector(events, store, mine, {
    ...(options.catchUpBatchSize ? { catchUpBatchSize: options.catchUpBatchSize } : {}),
  });
  const controller = new AbortController();
  port.on('message', (message: { type: string }) => {
    if (message.type === 'stop') controller.abort();
  });
  const send = (message: CatchUpMessage) => port.postMessage(message);
  try {
    await projector.prepare();
    await projector.catchUp(controller.signal, (done, statuses) =>
      send({ type: 'progress', done, statuses: [...statuses] }),
    );
    send({ type: 'done', done: 0, statuses: projector.statuses() });
  } finally {
    await store.close();
    await events.close();
    // The message listener would keep the thread alive.
    port.close();
  }
}

main().catch((error: unknown) => {
  // Reaches the main thread as the worker's 'error' event.
  throw error;
});
