import { EsdbEventStore } from '../../src/eventstore/esdb';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { describeEventStoreContract } from './eventstore.contract';

describeEventStoreContract('embedded SQLite (better-sqlite3, :memory:)', async ({ clock, ids }) => {
  const store = new SqliteEventStore({ path: ':memory:', clock, ids, pollIntervalMs: 10 });
  return {
    store,
    letTimePass: async () => clock.advance(1000),
    close: () => store.close(),
  };
});

const eventstoreUrl = process.env.EVENTSTORE_URL;
if (eventstoreUrl) {
  describeEventStoreContract(`EventStoreDB (${eventstoreUrl})`, async ({ clock, ids }) => {
    const store = new EsdbEventStore({ connectionString: eventstoreUrl, clock, ids });
    return {
      store,
      // The server stamps `created` itself; let its clock move on.
      letTimePass: () => new Promise((resolve) => setTimeout(resolve, 20)),
      close: () => store.close(),
    };
  });
} else {
  console.info('EventStore contract: EventStoreDB skipped (set EVENTSTORE_URL to run it).');
}
