/**
 * The API over the embedded adapters wrapped in fault injectors (test/support/faults.ts): a client
 * that retries every failed mutation with its Idempotency-Key ends with each change recorded once,
 * whatever failed on the way: calls refused by a restarting store, answers lost after the write,
 * slow calls.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { ALL_PROJECTIONS } from '../../projections';
import { sectorPlanScript } from '../../src/demo/sector-plan';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { createVerifier } from '../../src/graphql/auth';
import { createLogger } from '../../src/logging';
import { Projector } from '../../src/projector/projector';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { startServer } from '../../src/server';
import { TestClock } from '../support/clock';
import { FaultyEventStore, FaultyReadStore, type Fault } from '../support/faults';
import { territory } from '../support/plan';
import { asMutation, jwtConfig, token, type GraphQLResponse } from '../support/server';

async function startFaultyServer() {
  const clock = new TestClock('2024-02-12T10:00:00-05:00');
  const log = new SqliteEventStore({ path: ':memory:', clock, pollIntervalMs: 5 });
  const events = new FaultyEventStore(log);
  const readStore = new FaultyReadStore(new EmbeddedReadStore());
  // The projector reads the log itself: these tests inject faults into the API's calls only.
  const projector = new Projector(log, readStore.inner, ALL_PROJECTIONS, { batchSize: 200 });
  await projector.start();
  const server = await startServer({
    services: {
      events,
      readStore,
      projector,
      territory,
      logger: createLogger('silent'),
      now: () => clock.now(),
      readModelWaitMs: 2_000,
    },
    verify: createVerifier(jwtConfig),
    port: 0,
    development: false,
  });
  return {
    clock,
    log,
    events,
    readStore,
    async send(query: string, variables: Record<string, unknown>, bearer: string, key: string) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${bearer}`,
          'idempotency-key': key,
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<
        Record<string, { eventIds: string[]; revision: number; replayed: boolean }>
      >;
    },
    stop: async () => {
      await server.stop();
      await projector.stop();
      await log.close();
    },
  };
}

type FaultyServer = Awaited<ReturnType<typeof startFaultyServer>>;

/** A plan command as its mutation, asking for the whole receipt. */
function mutationOf(...args: Parameters<typeof asMutation>) {
  const mutation = asMutation(...args);
  return {
    ...mutation,
    query: mutation.query.replace('eventIds revision', 'eventIds revision replayed'),
  };
}

/** Sends a mutation until it succeeds, with the same key every time, as a careful client does. */
async function sendUntilDone(
  api: FaultyServer,
  query: string,
  variables: Record<string, unknown>,
  bearer: string,
) {
  const key = randomUUID();
  const codes: string[] = [];
  for (let attempt = 1; attempt <= 20; attempt++) {
    const body = await api.send(query, variables, bearer, key);
    if (!body.errors) return { result: Object.values(body.data!)[0]!, codes };
    const code = String(body.errors[0]!.extensions?.code);
    codes.push(code);
    if (code !== 'SERVICE_UNAVAILABLE') throw new Error(JSON.stringify(body.errors));
  }
  throw new Error('no terminó en 20 intentos');
}

describe('the API under injected faults, with clients that retry by Idempotency-Key', () => {
  let api: FaultyServer;
  let planner: string;
  beforeEach(async () => {
    api = await startFaultyServer();
    planner = await token({ role: 'PLANNER', entity: '73001' });
  });
  afterEach(() => api.stop());

  it('an append whose answer was lost says so, and its retry returns it without a second copy', async () => {
    const open = mutationOf(
      { type: 'OpenPlan', daneCode: '73001', firstYear: 2024 },
      '73001',
      2024,
    );
    api.events.faults.add('append', { kind: 'error-after' });
    const key = randomUUID();
    const lost = await api.send(open.query, { input: open.input }, planner, key);
    expect(lost.errors![0]!.extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      outcome: 'unknown',
    });
    expect(await api.log.count()).toBe(1); // it was recorded
    const retry = await api.send(open.query, { input: open.input }, planner, key);
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.openPlan!).toMatchObject({ replayed: true, revision: 0 });
    const [event] = await api.log.readStream('plan-73001-2024');
    expect(retry.data!.openPlan!.eventIds).toEqual([event!.id]);
    expect(await api.log.count()).toBe(1);
  });

  it('a store that refuses while restarting appends nothing, and the retry goes through', async () => {
    const open = mutationOf(
      { type: 'OpenPlan', daneCode: '73001', firstYear: 2024 },
      '73001',
      2024,
    );
    api.events.faults.fail('readStream', 2);
    const { result, codes } = await sendUntilDone(api, open.query, { input: open.input }, planner);
    expect(codes).toEqual(['SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE']);
    expect(result.replayed).toBe(false);
    expect(await api.log.count()).toBe(1);
  });

  it('a whole plan sent through random faults is recorded exactly once, change by change', async () => {
    const script = sectorPlanScript('73001', 2024).slice(0, 40);
    const faults: Fault[] = [{ kind: 'error' }, { kind: 'error-after' }, { kind: 'slow', ms: 20 }];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            operation: fc.constantFrom('append' as const, 'readStream' as const),
            fault: fc.constantFrom(...faults),
          }),
          { minLength: 10, maxLength: 30 },
        ),
        async (plan) => {
          for (const { operation, fault } of plan) api.events.faults.add(operation, fault);
          for (const step of script) {
            api.clock.set(step.at);
            const mutation = mutationOf(step.command, '73001', 2024);
            await sendUntilDone(api, mutation.query, { input: mutation.input }, planner);
          }
          const events = await api.log.readStream('plan-73001-2024');
          // One event per change, in the script's order: nothing lost, nothing twice.
          expect(events).toHaveLength(script.length);
          expect(new Set(events.map((e) => e.metadata.idempotencyKey)).size).toBe(script.length);
          expect(events.map((e) => e.revision)).toEqual(script.map((_, index) => index));
          // Every planned fault met a call.
          expect(api.events.faults.pending()).toBe(0);
          expect(api.events.faults.injected).toHaveLength(plan.length);
        },
      ),
      { numRuns: 1 },
    );
  });
});
