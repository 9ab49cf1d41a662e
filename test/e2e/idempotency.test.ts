/**
 * Retried mutations over HTTP: with an `Idempotency-Key` header, every mutation family (plan,
 * monitoring, social, CTP review) appends once however often it is sent, answers a retry with the
 * original result, and refuses the key for another request. And a mutation whose events were
 * appended succeeds even when the read models do not show them yet.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_REVIEW } from '../../src/demo/ctp-review';
import { compliantBudget } from '../support/monitoring';
import { planSeeder } from '../support/review';
import { startTestServer, token, type GraphQLResponse, type TestServer } from '../support/server';

interface Receipt {
  eventIds: string[];
  revision: number;
  readModelsCurrent: boolean;
  replayed: boolean;
}

const RECEIPT = 'eventIds revision readModelsCurrent replayed';

async function send<T = Record<string, Receipt>>(
  api: TestServer,
  query: string,
  variables: Record<string, unknown>,
  bearer: string,
  key?: string,
) {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${bearer}`,
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T> };
}

const OPEN_PLAN = `mutation($input: OpenPlanInput!) { openPlan(input: $input) { ${RECEIPT} plan { id revision } } }`;
const SET_BASELINE = `mutation($input: SetBaselineInput!) { setBaseline(input: $input) { ${RECEIPT} plan { id } } }`;
const baseline = (value: number) => ({
  daneCode: '73001',
  firstYear: 2024,
  indicator: 'ACU-COB-URB',
  value,
  measuredAt: { year: 2023 },
  source: 'SUI',
});

describe('idempotent mutations over HTTP (Idempotency-Key)', () => {
  let api: TestServer;
  let planner: string;

  beforeAll(async () => {
    api = await startTestServer();
    planner = await token({ role: 'PLANNER', entity: '73001' });
  });
  afterAll(() => api.stop());

  it('a plan mutation sent twice with one key appends once and answers both times alike', async () => {
    const key = randomUUID();
    const input = { daneCode: '73001', firstYear: 2024 };
    const first = await send(api, OPEN_PLAN, { input }, planner, key);
    const before = await api.events.count();
    const retry = await send(api, OPEN_PLAN, { input }, planner, key);
    expect(first.body.errors).toBeUndefined();
    expect(retry.body.errors).toBeUndefined();
    const [a, b] = [first.body.data!.openPlan!, retry.body.data!.openPlan!];
    expect(a.replayed).toBe(false);
    expect(b).toEqual({ ...a, replayed: true });
    expect(a.readModelsCurrent).toBe(true);
    expect(await api.events.count()).toBe(before);
  });

  it('the same key with other input, or for another plan, is CONFLICT and appends nothing', async () => {
    const key = randomUUID();
    expect((await send(api, SET_BASELINE, { input: baseline(80) }, planner, key)).body.errors).toBe(
      undefined,
    );
    const before = await api.events.count();
    const changed = await send(api, SET_BASELINE, { input: baseline(81) }, planner, key);
    expect(changed.body.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'Idempotency-Key',
    });
    expect(changed.body.errors![0]!.message).toMatch(/clave de idempotencia/);
    const elsewhere = await send(
      api,
      OPEN_PLAN,
      { input: { daneCode: '73001', firstYear: 2028 } },
      planner,
      key,
    );
    expect(elsewhere.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(await api.events.count()).toBe(before);
  });

  it('without a key nothing changes: a second identical request is a second change', async () => {
    const input = { ...baseline(82), reason: 'Corrección del SUI' };
    const first = await send(api, SET_BASELINE, { input }, planner);
    const second = await send(api, SET_BASELINE, { input }, planner);
    expect(second.body.data!.setBaseline!.revision).toBe(
      first.body.data!.setBaseline!.revision + 1,
    );
  });

  it('each mutation of a request has its own place under the key', async () => {
    const key = randomUUID();
    const query = `mutation($a: SetBaselineInput!, $b: SetBaselineInput!) {
      a: setBaseline(input: $a) { ${RECEIPT} } b: setBaseline(input: $b) { ${RECEIPT} } }`;
    const variables = {
      a: { ...baseline(83), reason: 'Primera corrección' },
      b: { ...baseline(84), reason: 'Segunda corrección' },
    };
    const first = await send(api, query, variables, planner, key);
    const before = await api.events.count();
    const retry = await send(api, query, variables, planner, key);
    expect(first.body.data!.a!.revision + 1).toBe(first.body.data!.b!.revision);
    expect(retry.body.data!.a).toEqual({ ...first.body.data!.a, replayed: true });
    expect(retry.body.data!.b).toEqual({ ...first.body.data!.b, replayed: true });
    expect(await api.events.count()).toBe(before);
  });

  it('a monitoring mutation is idempotent too', async () => {
    const ministry = await token({ role: 'MINISTRY', entity: 'minvivienda' });
    const key = randomUUID();
    const query = `mutation($report: BudgetReportInput!) { recordBudgetReport(daneCode: "73001", year: 2025, report: $report, source: "FUT 2025") { ${RECEIPT} } }`;
    const first = await send(api, query, { report: compliantBudget }, ministry, key);
    const before = await api.events.count();
    const retry = await send(api, query, { report: compliantBudget }, ministry, key);
    expect(retry.body.data!.recordBudgetReport).toEqual({
      ...first.body.data!.recordBudgetReport,
      replayed: true,
    });
    expect(await api.events.count()).toBe(before);
  });

  it('a social plan mutation is idempotent too', async () => {
    const pda = await token({ role: 'PDA', entity: '73' });
    const key = randomUUID();
    const query = `mutation($input: OpenSocialPlanInput!) { openSocialPlan(input: $input) { ${RECEIPT} plan { id } } }`;
    const input = {
      scope: '73',
      firstYear: 2024,
      objectives: ['Cultura del agua'],
      municipalities: ['73001', '73268'],
    };
    const first = await send(api, query, { input }, pda, key);
    expect(first.body.errors).toBeUndefined();
    const before = await api.events.count();
    const retry = await send(api, query, { input }, pda, key);
    expect(retry.body.data!.openSocialPlan).toEqual({
      ...first.body.data!.openSocialPlan,
      replayed: true,
    });
    expect(await api.events.count()).toBe(before);
  });

  it.each([
    ['empty', ''],
    ['with spaces', 'dos palabras'],
    ['too long', 'k'.repeat(256)],
  ])('a malformed key (%s) is refused with 400 before anything runs', async (_label, key) => {
    const before = await api.events.count();
    const response = await send(
      api,
      SET_BASELINE,
      { input: { ...baseline(85), reason: 'x' } },
      planner,
      key,
    );
    expect(response.status).toBe(400);
    expect(response.body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'Idempotency-Key',
    });
    expect(await api.events.count()).toBe(before);
  });
});

describe('a CTP review mutation with an Idempotency-Key', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
    await planSeeder(api, '73001', 2024)('2025-06-30T23:00:00-05:00');
  });
  afterAll(() => api.stop());

  it('opens the review once', async () => {
    api.clock.set('2025-07-08T09:00:00-05:00');
    const ctp = await token({ role: 'CTP', entity: '73001' });
    const key = randomUUID();
    const query = `mutation($input: OpenReviewInput!) { openReview(input: $input) { ${RECEIPT} review { id status } } }`;
    const input = { ...DEMO_REVIEW };
    const first = await send(api, query, { input }, ctp, key);
    expect(first.body.errors).toBeUndefined();
    const before = await api.events.count();
    const retry = await send(api, query, { input }, ctp, key);
    expect(retry.body.data!.openReview).toEqual({ ...first.body.data!.openReview, replayed: true });
    expect(await api.events.count()).toBe(before);
  });
});

describe("the README's retry example", () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
    await planSeeder(api, '73001', 2024)('2026-12-01T00:00:00-05:00');
    api.clock.set('2026-12-05T10:00:00-05:00');
  });
  afterAll(() => api.stop());

  it('sends the same change twice on the demo plan and it is recorded once', async () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Retrying a mutation safely'));
    const script = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    const before = await api.events.count();
    // Asynchronously: the server answering curl runs in this process.
    const { stdout } = await promisify(execFile)(
      'bash',
      ['-c', script.replaceAll('http://localhost:4000', api.url.replace('/graphql', ''))],
      { env: { ...process.env, TOKEN: await token({ role: 'PLANNER', entity: '73001' }) } },
    );
    const [first, second] = stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { data: Record<string, Receipt> }).data.reportProgress!);
    expect(first!.replayed).toBe(false);
    expect(second).toEqual({ ...first, replayed: true });
    expect(await api.events.count()).toBe(before + 1);
  });
});

describe('a mutation whose events were appended while the read models lag', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ readModelWaitMs: 200 });
  });
  afterAll(() => api.stop());

  it('succeeds with readModelsCurrent false, the event ids and the revision', async () => {
    const planner = await token({ role: 'PLANNER', entity: '73001' });
    const opened = await send(
      api,
      OPEN_PLAN,
      { input: { daneCode: '73001', firstYear: 2024 } },
      planner,
    );
    expect(opened.body.data!.openPlan!.readModelsCurrent).toBe(true);
    await api.projector.stop(); // the read models stop following the log
    const key = randomUUID();
    const lagging = await send(api, SET_BASELINE, { input: baseline(80) }, planner, key);
    expect(lagging.body.errors).toBeUndefined();
    const receipt = lagging.body.data!.setBaseline!;
    expect(receipt).toMatchObject({ readModelsCurrent: false, revision: 1, replayed: false });
    const logged = await api.events.readStream('plan-73001-2024');
    expect(logged.map((e) => e.id)).toEqual([
      opened.body.data!.openPlan!.eventIds[0],
      ...receipt.eventIds,
    ]);
    // A retry because of the lag (with its key) changes nothing.
    const retry = await send(api, SET_BASELINE, { input: baseline(80) }, planner, key);
    expect(retry.body.data!.setBaseline).toMatchObject({
      eventIds: receipt.eventIds,
      replayed: true,
    });
    expect(await api.events.readStream('plan-73001-2024')).toHaveLength(2);
  });
});
