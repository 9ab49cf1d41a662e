/**
 * Subscriptions over WebSocket with a real `graphql-ws` client: an amendment made over HTTP
 * arrives once, in order, with the data the queries return; an out-of-scope subscriber gets
 * nothing (or what the query would show it); a client that reconnects with the last cursor it saw
 * misses nothing; the edge's limits and errors are those of HTTP.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { PlanChangedDocument, type PlanChangedSubscription } from '../../schema/client/graphql';
import { sectorPlanScript } from '../../src/demo/sector-plan';
import { SUBSCRIPTION_LIMITS } from '../../src/graphql/limits';
import { asMutation, startTestServer, token, type TestServer } from '../support/server';
import { subscribe, wsClient } from '../support/subscriber';

const ENTRY = `cursor node { id eventType recordedAt planId goalId actor { id name role entity }
  reason legalBasis changes { field before after } hash }`;
const AUDIT = `subscription($filter: AuditFilter, $after: String) {
  auditEntryAdded(filter: $filter, after: $after) { ${ENTRY} } }`;
const PLAN_FIELDS = 'id revision goals { id total amendments targets { year target } }';
const PLAN_CHANGED = `subscription($dane: ID!, $year: Int!, $after: String) {
  planChanged(daneCode: $dane, firstYear: $year, after: $after) {
    cursor planId revision change { id eventType legalBasis actor { name } } plan { ${PLAN_FIELDS} } } }`;

interface Edge {
  cursor: string;
  node: { id: string; eventType: string; actor: { id: string | null; name: string | null } };
}
interface PlanChange {
  cursor: string;
  planId: string;
  revision: number;
  change: { id: string; eventType: string; legalBasis: string | null };
  plan: { revision: number };
}

const AMEND = `mutation($input: AmendGoalInput!) { amendGoal(input: $input) { revision eventIds } }`;
const NEED = `mutation($input: RegisterNeedInput!) { registerNeed(input: $input) { revision eventIds } }`;

let api: TestServer;
let planner: string;
let control: string;
const clients: Client[] = [];
const client = (t?: string, onClose?: (event: unknown) => void) => {
  const created = wsClient(api.url, t, onClose);
  clients.push(created);
  return created;
};

/** The cursor of the newest audit entry: subscribe after it and nothing falls in between. */
async function latestCursor(): Promise<string> {
  const { body } = await api.gql<{ auditTrail: { edges: Array<{ cursor: string }> } }>(
    '{ auditTrail(first: 1) { edges { cursor } } }',
  );
  return body.data!.auditTrail.edges[0]!.cursor;
}

let needs = 0;
async function registerNeed(dane = '73001'): Promise<string> {
  needs += 1;
  const { body } = await api.gql<{ registerNeed: { eventIds: string[] } }>(
    NEED,
    {
      input: {
        daneCode: dane,
        firstYear: 2024,
        needId: `N-SUB-${needs}`,
        need: 'Reposición de redes',
        investmentName: `Redes ${needs}`,
        estimatedValue: 1000 * needs,
      },
    },
    dane === '73001' ? planner : await token({ role: 'PLANNER', entity: dane }),
  );
  expect(body.errors).toBeUndefined();
  return body.data!.registerNeed.eventIds[0]!;
}

beforeAll(async () => {
  api = await startTestServer();
  planner = await token({ role: 'PLANNER', entity: '73001', name: 'Ana Gómez', id: 'ana' });
  control = await token({ role: 'CONTROL', entity: 'contraloria' });
  const pda = await token({ role: 'PDA', entity: '73', name: 'PDA Tolima', id: 'pda-73' });
  for (const dane of ['73001', '73268']) {
    const author = dane === '73001' ? planner : await token({ role: 'PLANNER', entity: dane });
    for (const step of sectorPlanScript(dane, 2024)) {
      api.clock.set(step.at);
      const mutation = asMutation(step.command, dane, 2024);
      const byPda = step.command.type === 'RegisterProject' && step.command.kind === 'tercero';
      const result = await api.gql(mutation.query, { input: mutation.input }, byPda ? pda : author);
      expect(result.body.errors).toBeUndefined();
    }
  }
  api.clock.set('2027-09-01T10:00:00-05:00');
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await api.stop();
});

describe('an amendment made over HTTP', () => {
  it('arrives once on each subscription, in order, with the data the queries return', async () => {
    const after = await latestCursor();
    const audit = subscribe<{ auditEntryAdded: Edge }>(client(control), AUDIT, {
      filter: { planId: 'plan-73001-2024' },
      after,
    });
    const plan = subscribe<{ planChanged: PlanChange }>(client(control), PLAN_CHANGED, {
      dane: '73001',
      year: 2024,
      after,
    });
    const { body } = await api.gql<{ amendGoal: { revision: number; eventIds: string[] } }>(
      AMEND,
      {
        input: {
          daneCode: '73001',
          firstYear: 2024,
          indicator: 'ACU-COB-URB',
          targets: [1000, 1000, 1000, 1000],
          total: 4000,
          reason: 'Ajuste por emergencia invernal',
          legalBasis: 'Acuerdo 031 de 2027',
        },
      },
      planner,
    );
    expect(body.errors).toBeUndefined();
    const amendment = body.data!.amendGoal;
    // And one more change after it: the amendment must come once, then this, in order.
    const need = await registerNeed();
    await Promise.all([audit.waitFor(2), plan.waitFor(2)]);

    expect(audit.errors).toEqual([]);
    expect(audit.data.map((m) => m.auditEntryAdded.node.id)).toEqual([...amendment.eventIds, need]);
    // The same entry as the query, for the same caller.
    const trail = await api.gql<{ auditTrail: { edges: Edge[] } }>(
      `{ auditTrail(filter: { planId: "plan-73001-2024" }, first: 2) { edges { ${ENTRY} } } }`,
      {},
      control,
    );
    expect(audit.data.map((m) => m.auditEntryAdded)).toEqual(
      [...trail.body.data!.auditTrail.edges].reverse(),
    );
    expect(audit.data[0]!.auditEntryAdded.node.actor.name).toBe('Ana Gómez');

    expect(plan.errors).toEqual([]);
    const [amended, needed] = plan.data.map((m) => m.planChanged);
    expect(amended).toMatchObject({
      planId: 'plan-73001-2024',
      revision: amendment.revision,
      change: {
        id: amendment.eventIds[0],
        eventType: 'GoalAmended',
        legalBasis: 'Acuerdo 031 de 2027',
      },
    });
    expect(needed!.revision).toBe(amendment.revision + 1);
    const now = await api.gql<{ plan: unknown }>(
      `{ plan(daneCode: "73001", firstYear: 2024) { ${PLAN_FIELDS} } }`,
    );
    expect(needed!.plan).toEqual(now.body.data!.plan);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([audit.data.length, plan.data.length]).toEqual([2, 2]);
  });

  it('reaches a subscription opened without a cursor, from then on', async () => {
    const live = subscribe<{ planChanged: PlanChange }>(client(), PLAN_CHANGED, {
      dane: '73001',
      year: 2024,
    });
    // No acknowledgement per subscription in the protocol: register, then write until one lands.
    let first: string | undefined;
    for (let attempt = 0; attempt < 50 && live.data.length === 0; attempt++) {
      const id = await registerNeed();
      first ??= id;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await live.waitFor(1);
    const ids = live.data.map((m) => m.planChanged.change.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Anonymous: the change is there, who made it is not.
    expect(live.data[0]!.planChanged.change).toMatchObject({ eventType: 'NeedRegistered' });
  });
});

describe('scope', () => {
  it('gets nothing of another plan, and sees identities only where the query shows them', async () => {
    const after = await latestCursor();
    const espinal = await token({ role: 'PLANNER', entity: '73268' });
    const otherPlan = subscribe<{ planChanged: PlanChange }>(client(espinal), PLAN_CHANGED, {
      dane: '73268',
      year: 2024,
      after,
    });
    const outOfScope = subscribe<{ auditEntryAdded: Edge }>(client(espinal), AUDIT, {
      filter: { daneCode: '73001' },
      after,
    });
    const id = await registerNeed('73001');
    const espinalNeed = await registerNeed('73268');
    await Promise.all([otherPlan.waitFor(1), outOfScope.waitFor(1)]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(otherPlan.data.map((m) => m.planChanged.change.id)).toEqual([espinalNeed]);
    expect(outOfScope.data.map((m) => m.auditEntryAdded.node)).toEqual([
      expect.objectContaining({ id, actor: expect.objectContaining({ id: null, name: null }) }),
    ]);
  });

  it('refuses what the query refuses (filtering by actor) and a bad token, delivering nothing', async () => {
    const espinal = await token({ role: 'PLANNER', entity: '73268' });
    const byActor = subscribe(client(espinal), AUDIT, { filter: { actorId: 'ana' } });
    await byActor.waitFor(1);
    expect(byActor.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^filter\.actorId: solo los organismos de control/),
        extensions: { code: 'BAD_USER_INPUT', field: 'filter.actorId' },
      }),
    ]);

    let closed: { code: number; reason: string } | undefined;
    const bad = subscribe(
      client('no-es-un-token', (event) => {
        closed = event as { code: number; reason: string };
      }),
      AUDIT,
    );
    await bad.waitFor(1);
    expect(closed).toMatchObject({ code: 4403, reason: 'Token inválido: no lo emitió esta API.' });
    await registerNeed();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([byActor.data, bad.data]).toEqual([[], []]);
  });
});

describe('resuming', () => {
  it('a client that reconnects with the last cursor it saw misses nothing and gets nothing twice', async () => {
    const start = await latestCursor();
    const first = client(control);
    const before = subscribe<{ auditEntryAdded: Edge }>(first, AUDIT, {
      filter: { daneCode: '73001' },
      after: start,
    });
    const a = await registerNeed();
    await before.waitFor(1);
    await first.dispose();
    const lastSeen = before.data.at(-1)!.auditEntryAdded.cursor;
    // Changes while the client is away.
    const away = [await registerNeed(), await registerNeed(), await registerNeed()];

    const again = subscribe<{ auditEntryAdded: Edge }>(client(control), AUDIT, {
      filter: { daneCode: '73001' },
      after: lastSeen,
    });
    await again.waitFor(3);
    const live = await registerNeed();
    await again.waitFor(4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(before.data.map((m) => m.auditEntryAdded.node.id)).toEqual([a]);
    expect(again.data.map((m) => m.auditEntryAdded.node.id)).toEqual([...away, live]);
  });
});

describe('the edge, as over HTTP', () => {
  it('refuses bad values and too much nesting with the Spanish errors and codes of HTTP', async () => {
    const socket = client();
    const badDane = subscribe(socket, PLAN_CHANGED, { dane: '7300', year: 2024 });
    const badYear = subscribe(socket, PLAN_CHANGED, { dane: '73001', year: 2025 });
    const wrongType = subscribe(socket, PLAN_CHANGED, { dane: '73001', year: '2024' });
    const badCursor = subscribe(socket, AUDIT, { after: 'no' });
    const deep = subscribe(
      socket,
      `subscription { planChanged(daneCode: "73001", firstYear: 2024) { plan { municipality { plans { municipality { plans { municipality { plans { municipality { plans { id } } } } } } } } } } }`,
    );
    const query = subscribe(socket, '{ indicators { code } }');
    await Promise.all(
      [badDane, badYear, wrongType, badCursor, deep, query].map((r) => r.waitFor(1)),
    );
    const first = (r: { errors: unknown[] }) =>
      r.errors[0] as { message: string; extensions: Record<string, unknown> };
    expect(first(badDane)).toMatchObject({
      message: expect.stringMatching(/^daneCode: "7300" no es un código DANE de municipio/),
      extensions: { code: 'BAD_USER_INPUT', field: 'daneCode' },
    });
    expect(first(badYear).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'firstYear' });
    expect(first(wrongType)).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'variables.year' },
    });
    expect(first(badCursor)).toMatchObject({
      message: 'after: cursor inválido.',
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
    expect(first(deep)).toMatchObject({
      message: expect.stringMatching(/^La consulta anida \d+ niveles/),
      extensions: { code: 'BAD_USER_INPUT', field: 'query' },
    });
    expect(first(query)).toMatchObject({
      message: expect.stringMatching(/solo se atienden suscripciones/),
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it(`caps subscriptions per connection at ${SUBSCRIPTION_LIMITS.perConnection}`, async () => {
    const socket = client();
    const open = Array.from({ length: SUBSCRIPTION_LIMITS.perConnection }, () =>
      subscribe(socket, PLAN_CHANGED, { dane: '73001', year: 2024 }),
    );
    const extra = subscribe(socket, PLAN_CHANGED, { dane: '73001', year: 2024 });
    await extra.waitFor(1);
    expect(extra.errors[0]).toMatchObject({
      extensions: { code: 'BAD_REQUEST', maximum: SUBSCRIPTION_LIMITS.perConnection },
    });
    expect(open.every((r) => r.errors.length === 0)).toBe(true);
  });

  it('over HTTP, a subscription is answered with a request error, never a 5xx', async () => {
    const { status, body } = await api.gql(
      'subscription { planChanged(daneCode: "73001", firstYear: 2024) { revision } }',
    );
    expect(status).toBeLessThan(500);
    expect(body.errors?.[0]?.extensions?.code).toMatch(/^BAD_(REQUEST|USER_INPUT)$/);
  });
});

describe("the README's live-updates examples, run as written", () => {
  const root = join(__dirname, '..', '..');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Live updates'), readme.indexOf('## The schema'));

  it('its subscription (the typed PlanChangedDocument) tells a dashboard of each change', async () => {
    const after = await latestCursor();
    const live = subscribe<PlanChangedSubscription>(client(), print(PlanChangedDocument), {
      after,
    });
    const id = await registerNeed();
    await live.waitFor(1);
    const change = live.data[0]!.planChanged;
    expect(change.change.eventType).toBe('NeedRegistered');
    expect(change.plan?.goals.length).toBe(11);
    expect(change.cursor).toBe(await latestCursorOf(id));
  });

  it('its Node dashboard prints the changes after the cursor it is given', async () => {
    const code = /```js\n([\s\S]*?)```/
      .exec(section)![1]!
      .replace('ws://localhost:4000', api.url.replace(/^http/, 'ws').replace('/graphql', ''));
    const after = await latestCursor();
    const dashboard = spawn(process.execPath, ['-e', code], {
      cwd: root,
      env: { ...process.env, TOKEN: control, AFTER: after },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      dashboard.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const id = await registerNeed();
      for (let i = 0; i < 200 && !output.includes('\n'); i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const printed = JSON.parse(output.split('\n')[0]!) as PlanChange;
      expect(printed).toMatchObject({
        cursor: await latestCursorOf(id),
        change: { eventType: 'NeedRegistered' },
      });
    } finally {
      dashboard.kill();
    }
  }, 30_000);
});

/** The auditTrail cursor of an event. */
async function latestCursorOf(eventId: string): Promise<string> {
  const { body } = await api.gql<{
    auditTrail: { edges: Array<{ cursor: string; node: { id: string } }> };
  }>('{ auditTrail(first: 20) { edges { cursor node { id } } } }');
  return body.data!.auditTrail.edges.find((edge) => edge.node.id === eventId)!.cursor;
}
