/**
 * The EventStoreDB adapter when calls fail halfway, over the in-memory client that behaves like
 * the server (test/support/fake-esdb.ts): a timed-out or interrupted append may still commit, so
 * the adapter must never answer it with a second copy, and the client's errors reach callers as
 * the port's errors.
 */
import { DeadlineExceededError, NotLeaderError, UnavailableError } from '@eventstore/db-client';
import { StoreUnavailableError } from '../../src/eventstore/errors';
import { EsdbEventStore } from '../../src/eventstore/esdb';
import { verifyChain } from '../../src/eventstore/integrity';
import { SequentialIds, TestClock } from '../support/clock';
import { newEvent, numbered } from '../support/events';
import { FakeEsdbServer } from '../support/fake-esdb';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function open(options: { timeoutMs?: number; maxUnknownOutcomeRetries?: number } = {}) {
  const clock = new TestClock();
  const server = new FakeEsdbServer(clock);
  const store = new EsdbEventStore({
    connectionString: 'esdb://fake',
    client: server.client,
    clock,
    ids: new SequentialIds('e5db0000'),
    retryBackoffMs: 20,
    ...options,
  });
  return { server, store };
}

const notLeader = () =>
  Object.assign(Object.create(NotLeaderError.prototype) as NotLeaderError, {
    message: 'Not leader',
  });

describe('EventStoreDB adapter: appends whose outcome is unknown', () => {
  it.each([
    ['the server deadline (commit timeout)', () => new DeadlineExceededError(undefined, 'Timeout')],
    ['an unavailable server', () => new UnavailableError(undefined, 'Connection dropped')],
    ['a leader change', notLeader],
  ])(
    'an append that committed and then failed with %s returns the written events, once',
    async (_label, error) => {
      const { server, store } = open();
      await store.append('plan-73001-2024', numbered(2), { expectedRevision: 'no_stream' });
      server.appendFaults.push({ kind: 'fail-after', error: error() });
      const result = await store.append('plan-73001-2024', numbered(3), { expectedRevision: 1 });
      expect(result.events.map((e) => e.revision)).toEqual([2, 3, 4]);
      expect(server.eventsOf('plan-73001-2024')).toHaveLength(5);
      expect(server.writes).toBe(2);
      expect(verifyChain(await store.readStream('plan-73001-2024')).ok).toBe(true);
    },
  );

  it('an append that timed out here and committed later on the server is stored once', async () => {
    const { server, store } = open({ timeoutMs: 50 });
    server.appendFaults.push({ kind: 'hang-then-commit', afterMs: 150 });
    const result = await store.append('plan-73001-2024', [newEvent('PlanOpened')], {
      expectedRevision: 'any',
    });
    expect(result.nextExpectedRevision).toBe(0);
    await sleep(250); // the first, hung write lands now: the server takes it as the same write
    const stored = server.eventsOf('plan-73001-2024');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toBe(result.events[0]!.id);
  });

  it('an append refused before writing is retried with the same ids', async () => {
    const { server, store } = open();
    server.appendFaults.push(
      { kind: 'fail-before', error: new UnavailableError(undefined, 'restarting') },
      { kind: 'fail-before', error: new DeadlineExceededError(undefined, 'Timeout') },
    );
    const result = await store.append('plan-73001-2024', numbered(2), {
      expectedRevision: 'no_stream',
    });
    expect(result.events.map((e) => e.revision)).toEqual([0, 1]);
    expect(server.writes).toBe(1);
  });

  it('gives up with StoreUnavailableError (outcome unknown) and writes nothing when the server stays away', async () => {
    const { server, store } = open({ maxUnknownOutcomeRetries: 2 });
    for (let n = 0; n < 5; n++)
      server.appendFaults.push({
        kind: 'fail-before',
        error: new UnavailableError(undefined, 'down'),
      });
    const attempt = store.append('plan-73001-2024', numbered(1), { expectedRevision: 'no_stream' });
    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(attempt).rejects.toMatchObject({ outcomeUnknown: true });
    await expect(attempt).rejects.toThrow(/misma clave de idempotencia/);
    expect(server.eventsOf('plan-73001-2024')).toHaveLength(0);
  });
});

describe("EventStoreDB adapter: the client's errors as the port's", () => {
  it('reads fail with StoreUnavailableError when the server is unavailable', async () => {
    const { server, store } = open();
    server.readFaults.push(new UnavailableError(undefined, 'No connection established'));
    await expect(store.readStream('plan-73001-2024')).rejects.toBeInstanceOf(StoreUnavailableError);
    server.readFaults.push(new DeadlineExceededError(undefined, 'Deadline exceeded'));
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('a dropped subscription ends with StoreUnavailableError, for the caller to resubscribe', async () => {
    const { server, store } = open();
    await store.append('plan-73001-2024', numbered(2), { expectedRevision: 'no_stream' });
    const subscription = store.subscribeAll();
    const seen: number[] = [];
    const consumed = (async () => {
      for await (const event of subscription) {
        seen.push(event.revision);
        if (seen.length === 2) server.dropSubscriptions();
      }
    })();
    await expect(consumed).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(seen).toEqual([0, 1]);
  });
});
