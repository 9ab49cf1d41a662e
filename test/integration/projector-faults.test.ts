/**
 * The projector under faults (test/support/faults.ts) over the embedded adapters: whatever fails
 * on the way, it resumes from its checkpoints with backoff and ends with exactly the read models
 * of a clean rebuild; a poison event parks its projection only; two projectors over one read store
 * run each projection once, under a lease, and end as one.
 */
import { ALL_PROJECTIONS } from '../../projections';
import { handleCommand } from '../../src/application/command-handler';
import { seedDemo } from '../../src/demo/seed';
import { sectorPlanScript } from '../../src/demo/sector-plan';
import { sectorPlan } from '../../src/domain/plan/aggregate';
import type { EventStore } from '../../src/eventstore/port';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import type { Projection } from '../../src/projector/projection';
import { Projector, type ProjectorOptions } from '../../src/projector/projector';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { InProcessLeases } from '../../src/readstore/lease';
import { FencedError, type ReadStore } from '../../src/readstore/port';
import { OverridableClock } from '../../src/runtime';
import { FaultyEventStore, FaultyReadStore, poisonedProjection } from '../support/faults';
import { planner } from '../support/history';
import { territory } from '../support/plan';

const quick: ProjectorOptions = {
  batchSize: 40,
  catchUpBatchSize: 120,
  retry: { firstDelayMs: 1, maxDelayMs: 20 },
};

async function demoLog() {
  const clock = new OverridableClock();
  const log = new SqliteEventStore({ path: ':memory:', clock, pollIntervalMs: 5 });
  await seedDemo(log, territory, clock, new Date('2026-11-25T12:00:00Z'));
  return { clock, log };
}

/** A later cuatrienio of Ibagué, appended while projectors run. */
async function appendCuatrienio(log: EventStore, clock: OverridableClock, firstYear = 2028) {
  for (const [index, step] of sectorPlanScript('73001', firstYear).entries()) {
    clock.set(new Date(step.at));
    await handleCommand(
      log,
      sectorPlan,
      `plan-73001-${firstYear}`,
      step.command,
      { actor: planner, correlationId: `later-${firstYear}-${index}` },
      { territory },
    );
  }
  clock.set(null);
}

/** Every document of every read model, in id order. */
async function readModels(store: ReadStore, projections: readonly Projection[] = ALL_PROJECTIONS) {
  const models: Record<string, unknown[]> = {};
  for (const projection of projections) {
    models[projection.collection] = await store
      .collection(projection.collection)
      .find({}, { sort: { _id: 1 } });
  }
  return models;
}

async function cleanRebuild(log: EventStore, projections: readonly Projection[] = ALL_PROJECTIONS) {
  const store = new EmbeddedReadStore();
  await new Projector(log, store, projections).rebuild();
  return readModels(store, projections);
}

const warnings = () => {
  const seen: string[] = [];
  const logger = {
    warn: (_fields: unknown, message: string) => seen.push(message),
    error: (_fields: unknown, message: string) => seen.push(message),
    info: () => undefined,
  } as never;
  return { seen, logger };
};

describe('projector under injected faults', () => {
  it('resumes from its checkpoints with backoff after transient errors, dropped subscriptions, slow calls, errors after a write and death between documents and checkpoint, and equals a clean rebuild', async () => {
    const { clock, log } = await demoLog();
    const events = new FaultyEventStore(log);
    const store = new FaultyReadStore(new EmbeddedReadStore());
    store.faults
      .fail('getCheckpoint', 2)
      .pass('commit', 2)
      .fail('commit')
      .add('commit', { kind: 'error-after' })
      .add('commit', { kind: 'slow', ms: 30 })
      .add('commit', { kind: 'die-before-checkpoint' })
      .fail('find', 2);
    events.faults.fail('subscribeAll', 2).pass('subscription', 25).fail('subscription');
    const { seen, logger } = warnings();
    // Live from the start (no catch-up threshold): every fault meets the subscription path.
    const projector = new Projector(events, store, ALL_PROJECTIONS, {
      ...quick,
      catchUpThreshold: Number.POSITIVE_INFINITY,
      logger,
    });
    await projector.start();
    await projector.waitFor(undefined, 20_000);
    // A server restart while following live, and new events after it.
    expect(events.dropSubscriptions()).toBe(1);
    await appendCuatrienio(log, clock);
    await projector.waitFor(undefined, 20_000);
    await projector.stop();

    expect(store.faults.pending() + events.faults.pending()).toBe(0);
    // One start over per failure (and the dropped subscription), but the first: it met `start`,
    // which reports `retrying` and leaves the retry to the run.
    expect(seen.filter((m) => /se reanuda desde el punto de control/.test(m)).length).toBe(
      store.faults.injected.filter((f) => f.fault !== 'pass' && f.fault !== 'slow').length +
        events.faults.injected.filter((f) => f.fault !== 'pass').length,
    );
    expect(projector.statuses().every((s) => s.parked === null)).toBe(true);
    expect(await readModels(store.inner)).toEqual(await cleanRebuild(log));
    await log.close();
  });

  it('a catch-up that fails midway (in large batches, drafts held) starts over from what it committed and equals a clean rebuild', async () => {
    const { log } = await demoLog();
    const store = new FaultyReadStore(new EmbeddedReadStore());
    store.faults
      .pass('commit', 1)
      .add('commit', { kind: 'die-before-checkpoint' })
      .pass('commit', 1)
      .fail('commit', 2);
    const projector = new Projector(log, store, ALL_PROJECTIONS, {
      ...quick,
      catchUpThreshold: 0,
      holdLimit: 50,
    });
    await projector.start();
    await projector.waitFor(undefined, 20_000);
    await projector.stop();
    expect(store.faults.pending()).toBe(0);
    expect(await readModels(store.inner)).toEqual(await cleanRebuild(log));
    await log.close();
  });

  it('after a process death between documents and checkpoint, a new projector over the same store ends as a clean rebuild', async () => {
    const { clock, log } = await demoLog();
    const inner = new EmbeddedReadStore();
    const dying = new FaultyReadStore(inner);
    dying.faults.pass('commit', 3).add('commit', { kind: 'die-before-checkpoint' });
    const first = new Projector(log, dying, ALL_PROJECTIONS, {
      ...quick,
      catchUpThreshold: Number.POSITIVE_INFINITY,
      // The death is the end of this process: it does not come back by itself.
      retry: { firstDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    await first.start();
    for (let waited = 0; dying.faults.pending() > 0 && waited < 10_000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(dying.faults.injected.at(-1)).toEqual({
      operation: 'commit',
      fault: 'die-before-checkpoint',
    });
    const stopped = first.stop();
    await appendCuatrienio(log, clock);
    const second = new Projector(log, inner, ALL_PROJECTIONS, quick);
    await second.start();
    await second.waitFor(undefined, 20_000);
    await second.stop();
    await stopped;
    expect(await readModels(inner)).toEqual(await cleanRebuild(log));
    await log.close();
  }, 20_000);

  it.each(['apply', 'idsOf'] as const)(
    'parks a projection at an event it throws on (in %s), names it, and the other projections go on',
    async (throwsIn) => {
      const { clock, log } = await demoLog();
      const amended = (await log.readStream('plan-73001-2024')).find(
        (e) => e.type === 'GoalAmended',
      )!;
      const poisoned = poisonedProjection(
        (event) => event.id === amended.id,
        'dato imposible',
        throwsIn,
      );
      const projections = [...ALL_PROJECTIONS, poisoned];
      const store = new EmbeddedReadStore();
      const { logger } = warnings();
      const projector = new Projector(log, store, projections, { ...quick, logger });
      await projector.start();
      await expect(projector.waitFor(undefined, 10_000)).rejects.toThrow(/dato imposible/);
      await appendCuatrienio(log, clock);
      const head = await log.headPosition();
      // Every other projection follows the log to its head.
      const others = () => projector.statuses().filter((s) => s.projection !== 'poisoned');
      for (
        let waited = 0;
        others().some((s) => s.checkpoint !== head) && waited < 10_000;
        waited += 10
      )
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(others().every((s) => s.checkpoint === head && s.state === 'running')).toBe(true);
      const parked = projector.statuses().find((s) => s.projection === 'poisoned')!;
      expect(parked).toMatchObject({
        state: 'parked',
        parked: {
          eventId: amended.id,
          type: 'GoalAmended',
          stream: 'plan-73001-2024',
          revision: amended.revision,
          position: amended.position,
          error: 'dato imposible',
        },
      });
      expect(parked.checkpoint).toBeLessThan(amended.position);
      await projector.stop();
      expect(await readModels(store)).toEqual(await cleanRebuild(log));
      await log.close();
    },
  );
});

describe('two projectors over one read store (two replicas)', () => {
  it('run each projection once, under a lease: the other waits in standby, follows the checkpoints and takes over when the holder stops; the read models equal one projector', async () => {
    const { clock, log } = await demoLog();
    const store = new EmbeddedReadStore();
    const leases = new InProcessLeases();
    const commits = { a: 0, b: 0 };
    const counted = (name: keyof typeof commits): ReadStore => {
      const faulty = new FaultyReadStore(store);
      const commitMany = faulty.commitMany.bind(faulty);
      faulty.commitMany = async (entries) => {
        commits[name] += 1;
        return commitMany(entries);
      };
      return faulty;
    };
    const replica = (name: keyof typeof commits) =>
      new Projector(log, counted(name), ALL_PROJECTIONS, {
        ...quick,
        leases: { store: leases, owner: name, ttlMs: 1_000 },
      });
    const a = replica('a');
    const b = replica('b');
    await a.start();
    await b.start();
    expect(a.statuses().every((s) => s.state !== 'standby')).toBe(true);
    expect(b.statuses().every((s) => s.state === 'standby')).toBe(true);
    await appendCuatrienio(log, clock);
    // The standby replica sees the holder's checkpoints: a mutation there reads its own write.
    await Promise.all([a.waitFor(undefined, 20_000), b.waitFor(undefined, 20_000)]);
    expect(commits.b).toBe(0);
    expect(commits.a).toBeGreaterThan(0);

    await a.stop();
    await appendCuatrienio(log, clock, 2032);
    await b.waitFor(undefined, 20_000);
    expect(b.statuses().every((s) => s.state === 'running')).toBe(true);
    expect(commits.b).toBeGreaterThan(0);
    await b.stop();
    expect(await readModels(store)).toEqual(await cleanRebuild(log));
    await log.close();
  }, 30_000);

  it('a holder that lost its lease without knowing is fenced out: its commit writes nothing', async () => {
    let now = 0;
    const leases = new InProcessLeases(() => now);
    const store = new EmbeddedReadStore();
    const first = await leases.acquire('projection:goals', 'a', 100);
    now = 200;
    const second = await leases.acquire('projection:goals', 'b', 100);
    expect(second!.token).toBeGreaterThan(first!.token);
    const put = (value: number, position: number) =>
      new Map([
        ['goals', [{ kind: 'put' as const, document: { _id: 'g', value, _position: position } }]],
      ]);
    await store.commit('goals', put(2, 20), 20, { name: 'goals', token: second!.token });
    await expect(
      store.commit('goals', put(1, 30), 30, { name: 'goals', token: first!.token }),
    ).rejects.toBeInstanceOf(FencedError);
    expect(await store.getCheckpoint('goals')).toBe(20);
    expect(await store.collection('goals').findByIds(['g'])).toEqual([
      { _id: 'g', value: 2, _position: 20 },
    ]);
  });
});

describe('following a subscription that delivers in network chunks', () => {
  /** Commits of a projector that follows the demo log delivered five events at a time. */
  async function commitsFollowing(idleFlushMs: number | undefined) {
    const { log } = await demoLog();
    const total = await log.count();
    const events = new FaultyEventStore(log);
    // A pause after every fifth event: the next network chunk is on its way.
    for (let n = 0; n < total; n += 5)
      events.faults.pass('subscription', 4).add('subscription', { kind: 'slow', ms: 2 });
    const store = new FaultyReadStore(new EmbeddedReadStore());
    const projector = new Projector(events, store, ALL_PROJECTIONS, {
      ...quick,
      catchUpThreshold: Number.POSITIVE_INFINITY,
      ...(idleFlushMs === undefined ? {} : { idleFlushMs }),
    });
    await projector.start();
    await projector.waitFor(undefined, 30_000);
    await projector.stop();
    await log.close();
    return { commits: store.faults.calls.get('commit') ?? 0, total };
  }

  it('writes a batch per batchSize events, not one per chunk (an idle flush after 0 ms did)', async () => {
    const chunked = await commitsFollowing(0);
    const batched = await commitsFollowing(undefined);
    expect(chunked.commits).toBeGreaterThanOrEqual(chunked.total / 5 - 2);
    expect(batched.commits * 3).toBeLessThan(chunked.commits);
  }, 30_000);
});
