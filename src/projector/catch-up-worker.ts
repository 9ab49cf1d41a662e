/**
 * The catch-up worker thread: its own connections to the SQLite log and read store, one
 * projector catching up in large batches, and a message to the main thread after every batch.
 * The main thread keeps serving meanwhile (WAL lets it read the committed read models).
 */
import { workerData } from 'node:worker_threads';
import { ALL_PROJECTIONS } from '../../projections';
import { SqliteEventStore } from '../eventstore/sqlite';
import { GenerationalReadStore } from '../readstore/generations';
import type { ReadStore } from '../readstore/port';
import type { Projection } from './projection';
import { Projector } from './projector';
import {
  isShared,
  rowsNeeded,
  projectionsOfShare,
  shareCheckpoint,
  type StreamShare,
} from './stream-share';
import { openWorkerReadStore } from './worker-read-store';
import { CATCH_UP_NICE, runCatchUpThread, threadFigures } from './worker-thread';
import type { CatchUpMessage, CatchUpWorkerData } from './worker-runner';

/**
 * A share starts where the projection is, unless it got further on its own (an earlier catch-up
 * stopped midway): a projection's checkpoint holds for every one of its shares.
 */
async function startShares(
  store: ReadStore,
  projections: readonly Projection[],
  share: StreamShare,
): Promise<void> {
  for (const projection of projections) {
    if (!isShared(projection)) continue;
    const whole = await store.getCheckpoint(projection.name);
    const name = shareCheckpoint(projection.name, share);
    const own = await store.getCheckpoint(name);
    if (whole !== null && (own === null || own < whole)) await store.commit(name, new Map(), whole);
  }
}

const options = workerData as CatchUpWorkerData;
// Each worker projects its share: what it passes over stays undecoded, or (a worker carrying no
// projection whole) unread.
const events = new SqliteEventStore({ path: options.eventstorePath, lazyDecode: true });
// The main thread's layout (builtBy): another is refused, never emptied under the server.
const storage = openWorkerReadStore(options.readstorePath, events, options.builtBy ?? '', {
  // It writes; what it reads back is only what a batch touches.
  cacheBytes: 1024 * 1024,
  // Its own connection, closed when it is done: a large page cache for the growing indexes,
  // and the WAL copied into the file less often (the same pages are not copied many times).
  pageCacheKib: 262_144,
  walAutocheckpoint: 20_000,
});
const named = options.projections
  ? ALL_PROJECTIONS.filter((p) => options.projections!.includes(p.name))
  : ALL_PROJECTIONS;
runCatchUpThread(
  CATCH_UP_NICE,
  async (signal, port) => {
    // The generation in force (the main thread starts over if a rebuild switches it meanwhile),
    // or the one a rebuild builds.
    const generations = await GenerationalReadStore.open(storage, { projections: ALL_PROJECTIONS });
    const store =
      options.generation === undefined ? generations.pinned() : generations.at(options.generation);
    const projections = projectionsOfShare(named, options.share);
    // A worker reads only the rows its projections need: its share's (and the streams that feed
    // every share), and for those it carries whole, what they declare (stream prefixes, metadata
    // keys). SQLite passes over the others.
    const rows = rowsNeeded(
      projections,
      (projection) =>
        projection.derivedFromEvent === true && storage.derives(projection.collection),
    );
    if (rows) {
      events.passOver(events.streamNames().filter(rows.passesOver), {
        metadataKeys: rows.metadataKeys,
      });
    }
    const projector = new Projector(events, store, projections, {
      ...(options.catchUpBatchSize ? { catchUpBatchSize: options.catchUpBatchSize } : {}),
      ...(options.fences ? { fences: options.fences } : {}),
    });
    const send = (message: CatchUpMessage) => port.postMessage(message);
    if (options.share) await startShares(store, named, options.share);
    await projector.prepare();
    await projector.catchUp(signal, (done, statuses) =>
      send({ type: 'progress', done, statuses: [...statuses] }),
    );
    await storage.checkpointWal();
    send({ type: 'done', done: 0, statuses: projector.statuses(), thread: threadFigures() });
  },
  async () => {
    await storage.close();
    await events.close();
  },
);
