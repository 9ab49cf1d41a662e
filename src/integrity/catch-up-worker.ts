/**
 * The integrity monitor's catch-up thread: its own connections to the SQLite log (read directly)
 * and read store, the monitor's batches committed with its checkpoint, and a message to the main
 * thread after each one.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ALL_PROJECTIONS } from '../../projections';
import { SqliteEventStore } from '../eventstore/sqlite';
import { VERIFY_NICE, yieldToServing } from '../projector/thread-priority';
import { derivedDocuments } from '../projector/derived';
import { SqliteReadStore } from '../readstore/sqlite';
import type { IntegrityCatchUpData } from './catch-up';
import { IntegrityMonitor, type IntegrityProgress } from './monitor';

async function main(): Promise<void> {
  yieldToServing(VERIFY_NICE);
  const options = workerData as IntegrityCatchUpData;
  const port = parentPort!;
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
  const controller = new AbortController();
  port.on('message', (message: { type: string }) => {
    if (message.type === 'stop') controller.abort();
  });
  try {
    await monitor.catchUpAlone(controller.signal, (progress: IntegrityProgress) =>
      port.postMessage(progress),
    );
  } finally {
    await store.close();
    await events.close();
    port.close();
  }
}

main().catch((error: unknown) => {
  throw error;
});
