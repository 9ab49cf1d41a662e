/**
 * Idempotent commands over an event store adapter: what a client that retries a mutation with the
 * same idempotency key may count on, whichever store is behind the API.
 */
import { randomUUID } from 'node:crypto';
import { handleCommand } from '../../src/application/command-handler';
import { eventIdFor, IdempotencyKeyReused, scopedKey } from '../../src/application/idempotency';
import { sectorPlan } from '../../src/domain/plan/aggregate';
import type { PlanCommand } from '../../src/domain/plan/commands';
import { ConcurrencyError } from '../../src/eventstore/errors';
import { verifyChain } from '../../src/eventstore/integrity';
import type { EventStore } from '../../src/eventstore/port';
import { territory } from '../support/plan';

const planner = { id: 'u-ibague-1', name: 'Ana Gómez', role: 'PLANNER', entity: '73001' };

export function describeIdempotentCommandContract(
  adapter: string,
  open: () => Promise<{ store: EventStore; close(): Promise<void> }>,
): void {
  describe(`Idempotent commands: ${adapter}`, () => {
    let store: EventStore;
    let close: () => Promise<void>;
    /** A plan stream of its own per test, so a shared server keeps tests apart. */
    let firstYear: number;
    let stream: string;

    beforeEach(async () => {
      ({ store, close } = await open());
      firstYear = 2024;
      stream = `plan-73001-${firstYear}-${randomUUID().slice(0, 8)}`;
    });
    afterEach(() => close());

    const openPlan = (): PlanCommand => ({ type: 'OpenPlan', daneCode: '73001', firstYear });
    const baseline = (value: number): PlanCommand => ({
      type: 'SetBaseline',
      indicator: 'ACU-COB-URB',
      value,
      measuredAt: { year: firstYear - 1 },
      source: 'SUI',
    });
    const run = (
      command: PlanCommand,
      key?: string,
      options: { expectedRevision?: number | 'no_stream'; correlationId?: string } = {},
    ) =>
      handleCommand(
        store,
        sectorPlan,
        stream,
        command,
        {
          actor: planner,
          correlationId: options.correlationId ?? randomUUID(),
          ...(key ? { idempotencyKey: key } : {}),
          ...(options.expectedRevision === undefined
            ? {}
            : { expectedRevision: options.expectedRevision }),
        },
        { territory },
      );

    it('a retry with the same key and input returns the original result and appends nothing', async () => {
      const key = scopedKey(planner.id, randomUUID(), 0);
      await run(openPlan());
      const first = await run(baseline(80), key, { expectedRevision: 0 });
      const retry = await run(baseline(80), key, { expectedRevision: 0 });
      expect(first.replayed).toBe(false);
      expect(retry.replayed).toBe(true);
      expect(retry.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
      expect(retry.revision).toBe(first.revision);
      expect(retry.state).toEqual(first.state);
      const events = await store.readStream(stream);
      expect(events.map((e) => e.type)).toEqual(['PlanOpened', 'BaselineSet']);
    });

    it('event ids derive from the key, the stream and the index', async () => {
      const key = scopedKey(planner.id, 'clave-cliente-1', 0);
      const result = await run(openPlan(), key);
      expect(result.events.map((e) => e.id)).toEqual([eventIdFor(key, stream, 0)]);
      expect(result.events[0]!.metadata.idempotencyKey).toBe(key);
      expect(result.events[0]!.metadata.requestHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('a retry after others wrote is still the original result, not a conflict', async () => {
      const key = scopedKey(planner.id, randomUUID(), 0);
      await run(openPlan());
      const first = await run(baseline(80), key, { expectedRevision: 0 });
      await run({ ...baseline(81), reason: 'Corrección del SUI' }); // someone else's later change
      const retry = await run(baseline(80), key, { expectedRevision: 0 });
      expect(retry.replayed).toBe(true);
      expect(retry.revision).toBe(first.revision);
      expect((await store.readStream(stream)).map((e) => e.data.value ?? null)).toEqual([
        null,
        80,
        81,
      ]);
    });

    it.each([
      ['other data', () => baseline(90), undefined],
      ['another expected revision', () => baseline(80), 'no_stream' as const],
    ])('the same key with %s is refused and appends nothing', async (_label, command, expected) => {
      const key = scopedKey(planner.id, randomUUID(), 0);
      await run(openPlan());
      await run(baseline(80), key, { expectedRevision: 0 });
      const before = await store.readStream(stream);
      const reuse = run(
        command(),
        key,
        expected === undefined ? {} : { expectedRevision: expected },
      );
      await expect(reuse).rejects.toBeInstanceOf(IdempotencyKeyReused);
      expect(await store.readStream(stream)).toEqual(before);
    });

    it('twin requests sent at once append once and both answer with the same events', async () => {
      const key = scopedKey(planner.id, randomUUID(), 0);
      await run(openPlan());
      const [a, b] = await Promise.all([
        run(baseline(80), key, { expectedRevision: 0 }),
        run(baseline(80), key, { expectedRevision: 0 }),
      ]);
      expect(a!.events.map((e) => e.id)).toEqual(b!.events.map((e) => e.id));
      expect([a!.replayed, b!.replayed].sort()).toEqual([false, true]);
      const events = await store.readStream(stream);
      expect(events).toHaveLength(2);
      expect(verifyChain(events).ok).toBe(true);
    });

    it('without a key, a stale expected revision is still a conflict', async () => {
      await run(openPlan());
      await run(baseline(80), undefined, { expectedRevision: 0 });
      await expect(run(baseline(80), undefined, { expectedRevision: 0 })).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
    });

    it('a key whose first request was refused by the domain appended nothing and may be used again', async () => {
      const key = scopedKey(planner.id, randomUUID(), 0);
      // A baseline before the plan is opened is refused: nothing is recorded under the key.
      await expect(run(baseline(80), key)).rejects.toThrow();
      expect(await store.readStream(stream)).toEqual([]);
      const opened = await run(openPlan(), key);
      expect(opened.replayed).toBe(false);
    });

    it("two actors' identical client keys are independent", async () => {
      const clientKey = randomUUID();
      await run(openPlan(), scopedKey('u-otro', clientKey, 0));
      const mine = await run(baseline(80), scopedKey(planner.id, clientKey, 0));
      expect(mine.replayed).toBe(false);
      expect(await store.readStream(stream)).toHaveLength(2);
    });
  });
}
