/**
 * A catch-up worker thread's connection to the main thread's read-model file. The main thread
 * opened it first (and rebuilt it if it was another configuration's): a worker expecting another
 * layout is a bug, so it refuses the file and fails loudly instead of emptying it under the
 * server.
 */
import { ALL_PROJECTIONS } from '../../projections';
import type { SqliteEventStore } from '../eventstore/sqlite';
import { SqliteReadStore, type SqliteReadStoreOptions } from '../readstore/sqlite';
import { derivedDocuments } from './derived';

/** Connection tuning a worker may choose (it writes in large batches, reads little back). */
export type WorkerReadStoreTuning = Pick<
  SqliteReadStoreOptions,
  'cacheBytes' | 'pageCacheKib' | 'walAutocheckpoint' | 'busyTimeoutMs'
>;

export function openWorkerReadStore(
  path: string,
  events: SqliteEventStore,
  builtBy: string,
  tuning: WorkerReadStoreTuning,
): SqliteReadStore {
  return new SqliteReadStore({
    // The other threads' commits take turns with this one's: waiting for them is waiting for work
    // being done (no deadlock: every write transaction takes the lock first). Under a profiler on
    // a loaded machine, a catch-up failed with SQLITE_BUSY after the default 10 s.
    busyTimeoutMs: 300_000,
    ...tuning,
    path,
    derived: derivedDocuments(ALL_PROJECTIONS, events),
    builtBy,
    onIncompatible: 'refuse',
  });
}
