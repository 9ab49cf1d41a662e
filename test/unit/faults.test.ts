/** The fault injectors themselves: each fault does to a call what it says. */
import { StoreUnavailableError } from '../../src/eventstore/errors';
import type { RecordedEvent } from '../../src/eventstore/port';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { numbered } from '../support/events';
import { FaultyEventStore, FaultyReadStore, ProcessDeath } from '../support/faults';

describe('FaultyEventStore', () => {
  let store: FaultyEventStore;
  beforeEach(() => {
    store = new FaultyEventStore(new SqliteEventStore({ path: ':memory:', pollIntervalMs: 5 }));
  });
  afterEach(() => store.close());

  it('fails a call before it reaches the store, then lets the next one through', async () => {
    store.faults.fail('append');
    await expect(
      store.append('s-1', numbered(1), { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.inner.count()).toBe(0);
    await store.append('s-1', numbered(1), { expectedRevision: 'no_stream' });
    expect(await store.inner.count()).toBe(1);
  });

  it('fails a call after the store did it (the answer is lost)', async () => {
    store.faults.add('append', { kind: 'error-after' });
    const attempt = store.append('s-1', numbered(2), { expectedRevision: 'no_stream' });
    await expect(attempt).rejects.toMatchObject({ outcomeUnknown: true });
    expect(await store.inner.count()).toBe(2);
  });

  it('slows a call down', async () => {
    store.faults.add('headPosition', { kind: 'slow', ms: 60 });
    const started = Date.now();
    await store.headPosition();
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });

  it('drops a live subscription with an error after what it delivered', async () => {
    await store.append('s-1', numbered(3), { expectedRevision: 'no_stream' });
    const seen: RecordedEvent[] = [];
    const consumed = (async () => {
      for await (const event of store.subscribeAll()) {
        seen.push(event);
        if (seen.length === 3) setTimeout(() => store.dropSubscriptions(), 10);
      }
    })();
    await expect(consumed).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(seen.map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('drops a subscription mid-stream when planned', async () => {
    await store.append('s-1', numbered(5), { expectedRevision: 'no_stream' });
    store.faults.pass('subscription', 2).fail('subscription', 1);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const event of store.subscribeAll()) seen.push(event.revision);
      })(),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(seen).toEqual([0, 1]);
  });
});

describe('FaultyReadStore', () => {
  const writes = new Map([
    ['plans', [{ kind: 'put' as const, document: { _id: 'p-1', _position: 7 } }]],
  ]);

  it('dies between the documents and the checkpoint', async () => {
    const store = new FaultyReadStore(new EmbeddedReadStore());
    store.faults.add('commit', { kind: 'die-before-checkpoint' });
    await expect(store.commit('plans', writes, 7)).rejects.toBeInstanceOf(ProcessDeath);
    expect(await store.inner.collection('plans').findByIds(['p-1'])).toEqual([
      { _id: 'p-1', _position: 7 },
    ]);
    expect(await store.inner.getCheckpoint('plans')).toBeNull();
  });

  it('fails a commit before anything is written, or after it all was', async () => {
    const store = new FaultyReadStore(new EmbeddedReadStore());
    store.faults.fail('commit').add('commit', { kind: 'error-after' });
    await expect(store.commit('plans', writes, 7)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.inner.getCheckpoint('plans')).toBeNull();
    await expect(store.commit('plans', writes, 7)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.inner.getCheckpoint('plans')).toBe(7);
  });
});
