/**
 * The integrity monitor's catch-up thread: its own connections to the SQLite log (read directly)
 * and read store, the monitor's batches committed with its checkpoint, and a message to the main
 * thread after each one.
 */
import { workerData } from 'node:worker_threads';
import { SqliteEventStore } from '../eventstore/sqlite';
import { runCatchUpThread, VERIFY_NICE } from '../projector/worker-thread';
import { openWorkerReadStore } from '../projector/worker-read-store';
import type { IntegrityCatchUpData } from './catch-up';
import { IntegrityMonitor, type IntegrityProgress } from './monitor';

const options = workerData as IntegrityCatchUpData;
const events = new SqliteEventStore({ path: options.eventstorePath });
// The main thread's layout (builtBy): another is refused, never emptied under the server.
const store = openWorkerReadStore(options.readstorePath, events, options.builtBy, {
  cacheBytes: 1024 * 1024,
});
const monitor = new IntegrityMonitor(events, store, {
  sqlitePath: options.eventstorePath,
  fullCheckHours: 0,
});

runCatchUpThread(
  VERIFY_NICE,
  (signal, port) =>
    monitor.catchUpAlone(
      signal,
      (progress: IntegrityProgress) => port.postMessage(progress),
      options.verified,
      options.checked,
    ),
  async () => {
    await store.close();
    await events.close();
  },
);
