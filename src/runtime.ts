/** Wires the adapters the configuration names: servers when their URLs are set, else embedded. */
import { ALL_PROJECTIONS } from '../projections';
import type { Config } from './config';
import { EsdbEventStore } from './eventstore/esdb';
import type { Clock, EventStore } from './eventstore/port';
import { SqliteEventStore } from './eventstore/sqlite';
import type { Logger } from './logging';
import { derivedDocuments, projectionsSignature } from './projector/derived';
import { Projector } from './projector/projector';
import { WorkerCatchUp } from './projector/worker-runner';
import { MongoReadStore } from './readstore/mongo';
import type { ReadStore } from './readstore/port';
import { SqliteReadStore } from './readstore/sqlite';

/** System time, except while the demo seed back-dates the commands it replays. */
export class OverridableClock implements Clock {
  private fixed: Date | null = null;
  now(): Date {
    return this.fixed ?? new Date();
  }
  set(instant: Date | null): void {
    this.fixed = instant;
  }
}

export interface Stores {
  events: EventStore;
  clock: OverridableClock;
  readStore: ReadStore;
  projector: Projector;
  /** Both stores embedded in files (SQLite): other consumers of the log may read them directly. */
  embedded?: {
    eventstorePath: string;
    readstorePath: string;
    builtBy: string;
    /** The read models' catch-up in worker threads. */
    catchUp: WorkerCatchUp;
  };
  close(): Promise<void>;
}

export async function openStores(config: Config, logger: Logger): Promise<Stores> {
  const clock = new OverridableClock();
  const builtBy = projectionsSignature(ALL_PROJECTIONS);
  const sqliteLog = config.eventstoreUrl
    ? null
    : new SqliteEventStore({ path: config.eventstorePath, clock });
  const events: EventStore =
    sqliteLog ?? new EsdbEventStore({ connectionString: config.eventstoreUrl!, clock });
  const readStore: ReadStore = config.mongodbUrl
    ? await MongoReadStore.connect({ url: config.mongodbUrl })
    : new SqliteReadStore({
        path: config.readstorePath,
        cacheBytes: config.readstoreCacheMb * 1024 * 1024,
        builtBy,
        // Beside the SQLite log, the audit trail is its index; the log holds the entries.
        ...(sqliteLog ? { derived: derivedDocuments(ALL_PROJECTIONS, sqliteLog) } : {}),
      });
  // Both embedded: a long catch-up runs in a worker thread with its own connections.
  const catchUp =
    sqliteLog && !config.mongodbUrl && config.eventstorePath !== ':memory:'
      ? new WorkerCatchUp({
          eventstorePath: config.eventstorePath,
          readstorePath: config.readstorePath,
          builtBy,
          projections: ALL_PROJECTIONS,
          workers: config.catchUpWorkers ?? 'auto',
          logger,
        })
      : undefined;
  const projector = new Projector(events, readStore, ALL_PROJECTIONS, {
    logger,
    ...(catchUp ? { catchUp } : {}),
  });
  logger.info(
    {
      eventStore: config.eventstoreUrl ? 'eventstoredb' : `sqlite:${config.eventstorePath}`,
      readStore: config.mongodbUrl ? 'mongodb' : `sqlite:${config.readstorePath}`,
    },
    'almacenes abiertos',
  );
  return {
    events,
    clock,
    readStore,
    projector,
    ...(catchUp
      ? {
          embedded: {
            eventstorePath: config.eventstorePath,
            readstorePath: config.readstorePath,
            builtBy,
            catchUp,
          },
        }
      : {}),
    close: async () => {
      await projector.stop();
      await readStore.close();
      await events.close();
    },
  };
}
