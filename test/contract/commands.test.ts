import { EsdbEventStore } from '../../src/eventstore/esdb';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { FakeEsdbServer } from '../support/fake-esdb';
import { describeIdempotentCommandContract } from './commands.contract';

describeIdempotentCommandContract('embedded SQLite', async () => {
  const store = new SqliteEventStore({ path: ':memory:' });
  return { store, close: () => store.close() };
});

describeIdempotentCommandContract(
  "EventStoreDB adapter over an in-memory client with the server's documented behaviour",
  async () => {
    const server = new FakeEsdbServer();
    const store = new EsdbEventStore({ connectionString: 'esdb://fake', client: server.client });
    return { store, close: () => store.close() };
  },
);

const eventstoreUrl = process.env.EVENTSTORE_URL;
if (eventstoreUrl) {
  describeIdempotentCommandContract(`EventStoreDB (${eventstoreUrl})`, async () => {
    const store = new EsdbEventStore({ connectionString: eventstoreUrl });
    return { store, close: () => store.close() };
  });
} else {
  console.info(
    'Idempotent commands contract: EventStoreDB skipped (set EVENTSTORE_URL to run it).',
  );
}
