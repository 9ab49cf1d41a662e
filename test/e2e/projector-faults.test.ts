/**
 * The API while its projector meets faults (test/support/faults.ts): a poison event parks one
 * projection, which /readyz and the `projections` query name, while mutations and the other read
 * models go on; a projector whose subscription drops and whose commits fail resumes, and clients
 * retrying by Idempotency-Key record every change once, with read models equal to a rebuild.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_PROJECTIONS } from '../../projections';
import { sectorPlanScript } from '../../src/demo/sector-plan';
import { Projector } from '../../src/projector/projector';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { FaultyEventStore, FaultyReadStore, poisonedProjection } from '../support/faults';
import { asMutation, startTestServer, token, type TestServer } from '../support/server';

/** The README's example (section "Replicas, rebuilds and faults"), as a reader would send it. */
function readmeQuery(): string {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Replicas, rebuilds and faults'));
  return /```graphql\n([\s\S]*?)```/.exec(section)![1]!;
}

interface ProjectionView {
  name: string;
  state: string;
  position: number | null;
  lag: number;
  current: boolean;
  parked: null | { eventId: string; type: string; position: number; error: string };
}

/** Sends a plan command with an Idempotency-Key, again with the same key until it is recorded. */
async function record(api: TestServer, command: Parameters<typeof asMutation>[0], bearer: string) {
  const mutation = asMutation(command, '73001', 2024);
  const key = randomUUID();
  for (let attempt = 1; attempt <= 20; attempt++) {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${bearer}`,
        'idempotency-key': key,
      },
      body: JSON.stringify({
        query: mutation.query.replace('eventIds revision', 'eventIds revision readModelsCurrent'),
        variables: { input: mutation.input },
      }),
    });
    const body = (await response.json()) as {
      data?: Record<string, { readModelsCurrent: boolean }>;
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    if (!body.errors) return Object.values(body.data!)[0]!;
    if (body.errors[0]!.extensions?.code !== 'SERVICE_UNAVAILABLE')
      throw new Error(JSON.stringify(body.errors));
  }
  throw new Error('no terminó en 20 intentos');
}

describe('the API while its projector meets faults', () => {
  let api: TestServer;
  afterEach(() => api.stop());

  it('a poison event parks its projection: /readyz and the projections query (the README example) name it, mutations succeed, the other read models stay current', async () => {
    const poisoned = poisonedProjection((event) => event.type === 'GoalSet', 'meta ilegible');
    api = await startTestServer({
      projections: [...ALL_PROJECTIONS, poisoned],
      readModelWaitMs: 1_000,
    });
    const planner = await token({ role: 'PLANNER', entity: '73001' });
    const script = sectorPlanScript('73001', 2024).slice(0, 27);
    const receipts = [];
    for (const step of script) {
      api.clock.set(step.at);
      receipts.push(await record(api, step.command, planner));
    }
    // Recorded, and said so; the mutations after the poison say the read models lag.
    expect(receipts.at(-1)).toMatchObject({ readModelsCurrent: false });
    const goalSet = (await api.events.readStream('plan-73001-2024')).find(
      (e) => e.type === 'GoalSet',
    )!;
    const head = await api.events.headPosition();

    const ready = await fetch(api.url.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as {
      status: string;
      parked: Array<{ projection: string; event: { eventId: string; error: string } }>;
    };
    expect(body.status).toBe('parked');
    expect(body.parked).toEqual([
      expect.objectContaining({
        projection: 'poisoned',
        event: expect.objectContaining({ eventId: goalSet.id, error: 'meta ilegible' }),
      }),
    ]);

    const { body: status } = await api.gql<{ projections: ProjectionView[] }>(readmeQuery());
    expect(status.errors).toBeUndefined();
    const byName = new Map(status.data!.projections.map((p) => [p.name, p]));
    expect(byName.get('poisoned')).toMatchObject({
      state: 'PARKED',
      current: false,
      parked: { eventId: goalSet.id, type: 'GoalSet', position: goalSet.position },
    });
    expect(byName.get('poisoned')!.lag).toBeGreaterThan(0);
    for (const projection of ALL_PROJECTIONS) {
      expect(byName.get(projection.name)).toMatchObject({
        state: 'RUNNING',
        position: head,
        lag: 0,
        current: true,
        parked: null,
      });
    }
    // The plan's own read models have every change.
    const goals = await api.readStore.collection('goals').count({ planId: 'plan-73001-2024' });
    expect(goals).toBeGreaterThan(0);
  });

  it('a projector whose subscription drops and whose commits fail resumes; every change is recorded once and the read models equal a rebuild', async () => {
    let faulty!: { events: FaultyEventStore; store: FaultyReadStore };
    api = await startTestServer({
      readModelWaitMs: 500,
      projectorOptions: { batchSize: 5, retry: { firstDelayMs: 1, maxDelayMs: 30 } },
      projectorStores: (events, readStore) => {
        faulty = { events: new FaultyEventStore(events), store: new FaultyReadStore(readStore) };
        return [faulty.events, faulty.store];
      },
    });
    const planner = await token({ role: 'PLANNER', entity: '73001' });
    const script = sectorPlanScript('73001', 2024).slice(0, 30);
    for (const [index, step] of script.entries()) {
      if (index % 7 === 3) faulty.events.dropSubscriptions();
      if (index % 5 === 1) faulty.store.faults.fail('commit');
      if (index % 9 === 2) faulty.store.faults.add('commit', { kind: 'error-after' });
      api.clock.set(step.at);
      await record(api, step.command, planner);
    }
    await api.projector.waitFor(undefined, 20_000);
    const stream = await api.events.readStream('plan-73001-2024');
    expect(stream).toHaveLength(script.length);
    expect(new Set(stream.map((e) => e.id)).size).toBe(script.length);
    expect(faulty.store.faults.injected.length).toBeGreaterThan(5);

    const clean = new EmbeddedReadStore();
    await new Projector(api.events, clean, ALL_PROJECTIONS).rebuild();
    for (const projection of ALL_PROJECTIONS) {
      const sorted = { sort: { _id: 1 as const } };
      expect(await api.readStore.collection(projection.collection).find({}, sorted)).toEqual(
        await clean.collection(projection.collection).find({}, sorted),
      );
    }
  });
});
