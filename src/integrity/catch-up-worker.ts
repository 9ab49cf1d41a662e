/**
 * The integrity monitor's catch-up thread: its own connections to the SQLite log (read directly)
 * and read store, the monitor's batches committed with its checkpoint, and a message to the main
 * thread after each one.
 */
import { workerData } from 'node:worker_threads';
import { ALL_PROJECTIONS } from '../../projections';
import { SqliteEventStore } from '../eventstore/sqlite';
import { runCatchUpThread, VERIFY_NICE } from '../projector/worker-thread';
import { derivedDocuments } from '../projector/derived';
import { SqliteReadStore } from '../readstore/sqlite';
import type { IntegrityCatchUpData } from './catch-up';
import { IntegrityMonitor, type IntegrityProgress } from './monitor';

const options = workerData as IntegrityCatchUpData;
const events = new SqliteEventStore({ path: options.eventstorePath });
const store = new SqliteReadStore({
  path: options.readstorePath,
  // The main thread's layout: another would empty the file under it.
  derived: derivedDocuments(ALL_PROJECTIONS, events),
  builtBy: options.builtBy,
  cacheBytes: 1024 * 1024,
});
const monitor = new IntegrityMonitor(events, store, {
  sqlitePath: options.eventstorePath,
  fullCheckHours: 0,
});

runCatchUpThread(
  VERIFY_NICE,
  (signal, port) =>
    monitor.catchUpAlone(signal, (progress: IntegrityProgress) => port.postMessage(progress)),
  async () => {
    await store.close();
    await events.close();
  },
);
