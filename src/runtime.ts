/** Wires the adapters the configuration names: servers when their URLs are set, else embedded. */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ALL_PROJECTIONS } from '../projections';
import type { Config } from './config';
import type { Clock, EventStore } from './eventstore/port';
import { SqliteEventStore } from './eventstore/sqlite';
import type { Logger } from './logging';
import { derivedDocuments, projectionsSignature } from './projector/derived';
import { Projector } from './projector/projector';
import { WorkerCatchUp } from './projector/worker-runner';
import type { MongoReadStore } from './readstore/mongo';
import { esdbAdapter, mongoAdapter } from './late-modules';
import type { ReadStore } from './readstore/port';
import { layoutDifferences, SqliteReadStore, type OnIncompatible } from './readstore/sqlite';
import { connectWithRetry } from './startup';
import { InProcessLeases, type LeaseStore } from './readstore/lease';
import { SqliteLeases } from './readstore/lease-sqlite';
import { GenerationalReadStore } from './readstore/generations';

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

/** How often a replica checks whether a rebuild switched the read models' generation. */
const GENERATION_WATCH_MS = 1_000;

export interface Stores {
  events: EventStore;
  clock: OverridableClock;
  readStore: GenerationalReadStore;
  /** Leases of jobs one process at a time may run (seeding the demo, projections, rebuild). */
  leases: LeaseStore;
  projector: Projector;
  /** Both stores embedded in files (SQLite): other consumers of the log may read them directly. */
  embedded?: {
    eventstorePath: string;
    readstorePath: string;
    builtBy: string;
    /** The read models' catch-up in worker threads. */
    catchUp: WorkerCatchUp;
    /** The same catch-up writing another generation (`npm run rebuild` builds the next one). */
    catchUpAt: (generation: number) => WorkerCatchUp;
    /** The log's store, for what only its own connection can tell (`verified-log.ts`). */
    log: SqliteEventStore;
  };
  /**
   * Closes the stores; `beforeLogCloses` runs once everything but the event store is closed (no
   * projection reads the log any more), on the log as this process leaves it.
   */
  close(options?: { beforeLogCloses?: () => Promise<unknown> }): Promise<void>;
}

export interface OpenStoresOptions {
  /**
   * An embedded read-model file built by another version or configuration: `rebuild` empties it
   * (the server, `npm run rebuild`: they rebuild the read models from the log); `refuse` (the
   * default) fails and leaves it as it is. See `SqliteReadStore`.
   */
  incompatibleReadStore?: OnIncompatible;
}

/** The embedded read models beside the log; an incompatible file emptied is logged (warn). */
function openSqliteReadStore(
  config: Config,
  builtBy: string,
  sqliteLog: SqliteEventStore | null,
  options: OpenStoresOptions,
  logger: Logger,
): SqliteReadStore {
  const store = new SqliteReadStore({
    path: config.readstorePath,
    cacheBytes: config.readstoreCacheMb * 1024 * 1024,
    builtBy,
    // Beside the SQLite log, the audit trail is its index; the log holds the entries.
    ...(sqliteLog ? { derived: derivedDocuments(ALL_PROJECTIONS, sqliteLog) } : {}),
    onIncompatible: options.incompatibleReadStore ?? 'refuse',
  });
  if (store.emptiedOnOpen) {
    const { found, expected } = store.emptiedOnOpen;
    logger.warn(
      { readStore: config.readstorePath, found, expected },
      `modelos de lectura vaciados: el archivo fue construido con otra configuración (${layoutDifferences(found, expected)}); se reconstruyen desde la bitácora`,
    );
  }
  return store;
}

export async function openStores(
  config: Config,
  logger: Logger,
  options: OpenStoresOptions = {},
): Promise<Stores> {
  const clock = new OverridableClock();
  const builtBy = projectionsSignature(ALL_PROJECTIONS);
  const sqliteLog = config.eventstoreUrl
    ? null
    : new SqliteEventStore({ path: config.eventstorePath, clock });
  const events: EventStore =
    sqliteLog ??
    new (esdbAdapter().EsdbEventStore)({ connectionString: config.eventstoreUrl!, clock });
  // The servers may still be starting or electing a leader: the first contact is retried.
  if (!sqliteLog) await connectWithRetry('EventStoreDB', () => events.headPosition(), logger);
  const mongodbUrl = config.mongodbUrl;
  const mongo: MongoReadStore | null = mongodbUrl
    ? await connectWithRetry(
        'MongoDB',
        () => mongoAdapter().MongoReadStore.connect({ url: mongodbUrl }),
        logger,
      )
    : null;
  let storage: ReadStore;
  try {
    storage = mongo ?? openSqliteReadStore(config, builtBy, sqliteLog, options, logger);
  } catch (error) {
    // Refused (another configuration's file): nothing is left open.
    await events.close();
    throw error;
  }
  // Both embedded in files: a long catch-up runs in worker threads with their own connections (a
  // database in memory is the connection's own, which no worker could open).
  const catchUpOptions =
    sqliteLog &&
    !config.mongodbUrl &&
    config.eventstorePath !== ':memory:' &&
    config.readstorePath !== ':memory:'
      ? {
          eventstorePath: config.eventstorePath,
          readstorePath: config.readstorePath,
          builtBy,
          projections: ALL_PROJECTIONS,
          workers: config.catchUpWorkers ?? ('auto' as const),
          logger,
        }
      : undefined;
  const catchUp = catchUpOptions ? new WorkerCatchUp(catchUpOptions) : undefined;
  // The read models by generation: `npm run rebuild` builds the next one while this one serves.
  const readStore = await GenerationalReadStore.open(storage, { projections: ALL_PROJECTIONS });
  const leases: LeaseStore = mongo
    ? mongo.leases()
    : config.readstorePath === ':memory:'
      ? new InProcessLeases()
      : new SqliteLeases(`${config.readstorePath}.leases`);
  // One replica runs each projection at a time (the others wait in standby, see projector.ts).
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  const projector = new Projector(events, readStore, ALL_PROJECTIONS, {
    logger,
    leases: { store: leases, owner },
    ...(catchUp ? { catchUp } : {}),
  });
  readStore.onSwitch((generation) => {
    logger.info({ generation }, 'modelos de lectura reconstruidos: se sirve la nueva generación');
    projector.restart();
  });
  readStore.watch(GENERATION_WATCH_MS, (error) =>
    logger.warn({ err: error }, 'no se pudo consultar la generación de los modelos de lectura'),
  );
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
    leases,
    projector,
    ...(catchUp && catchUpOptions && sqliteLog
      ? {
          embedded: {
            eventstorePath: config.eventstorePath,
            readstorePath: config.readstorePath,
            builtBy,
            catchUp,
            catchUpAt: (generation: number) => new WorkerCatchUp({ ...catchUpOptions, generation }),
            log: sqliteLog,
          },
        }
      : {}),
    close: async (options = {}) => {
      try {
        await projector.stop();
        await leases.close();
        await readStore.close();
        await options.beforeLogCloses?.();
      } finally {
        await events.close();
      }
    },
  };
}
