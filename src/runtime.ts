/** Wires the adapters the configuration names: servers when their URLs are set, else embedded. */
import { ALL_PROJECTIONS } from '../projections';
import type { Config } from './config';
import { EsdbEventStore } from './eventstore/esdb';
import type { Clock, EventStore } from './eventstore/port';
import { SqliteEventStore } from './eventstore/sqlite';
import type { Logger } from './logging';
import { Projector } from './projector/projector';
import { EmbeddedReadStore } from './readstore/embedded';
import { MongoReadStore } from './readstore/mongo';
import type { ReadStore } from './readstore/port';

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
  close(): Promise<void>;
}

export async function openStores(config: Config, logger: Logger): Promise<Stores> {
  const clock = new OverridableClock();
  const events: EventStore = config.eventstoreUrl
    ? new EsdbEventStore({ connectionString: config.eventstoreUrl, clock })
    : new SqliteEventStore({ path: config.eventstorePath, clock });
  const readStore: ReadStore = config.mongodbUrl
    ? await MongoReadStore.connect({ url: config.mongodbUrl })
    : new EmbeddedReadStore();
  const projector = new Projector(events, readStore, ALL_PROJECTIONS, { logger });
  logger.info(
    {
      eventStore: config.eventstoreUrl ? 'eventstoredb' : `sqlite:${config.eventstorePath}`,
      readStore: config.mongodbUrl ? 'mongodb' : 'embedded',
    },
    'almacenes abiertos',
  );
  return {
    events,
    clock,
    readStore,
    projector,
    close: async () => {
      await projector.stop();
      await readStore.close();
      await events.close();
    },
  };
}
