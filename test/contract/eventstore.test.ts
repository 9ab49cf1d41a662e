import { EsdbEventStore } from '../../src/eventstore/esdb';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { FakeEsdbServer } from '../support/fake-esdb';
import { describeEventStoreContract } from './eventstore.contract';

describeEventStoreContract('embedded SQLite (better-sqlite3, :memory:)', async ({ clock, ids }) => {
  const store = new SqliteEventStore({ path: ':memory:', clock, ids, pollIntervalMs: 10 });
  return {
    store,
    letTimePass: async () => clock.advance(1000),
    close: () => store.close(),
  };
});

describeEventStoreContract(
  "EventStoreDB adapter over an in-memory client with the server's documented behaviour",
  async ({ clock, ids }) => {
    const server = new FakeEsdbServer(clock);
    const store = new EsdbEventStore({
      connectionString: 'esdb://fake',
      client: server.client,
      clock,
      ids,
    });
    return {
      store,
      letTimePass: async () => clock.advance(1000),
      close: () => store.close(),
    };
  },
);

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
