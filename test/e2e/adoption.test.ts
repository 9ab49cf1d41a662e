/**
 * Plan adoption over HTTP (the seed's art. 1, parágrafo: baselines and goals "harán parte de los
 * planes sectoriales que conforman los planes de desarrollo"): a draft changes freely, the adopted
 * plan is amended; the CTP's as-of view and the audit trail say which a figure was at that
 * instant; and every goal carries Tabla 11's "RECURSOS A INVERTIR".
 */
import { seedDemo } from '../../src/demo/seed';
import { territory } from '../support/plan';
import { startTestServer, token, type TestServer } from '../support/server';

const NOW = new Date('2026-11-25T12:00:00-05:00');

interface PlanView {
  plan: {
    status: string;
    adoption: { act: string; number: string; date: string; citation: string } | null;
    goals: Array<{
      id: string;
      planStatus: string;
      resources: { total: number; byYear: Array<{ year: number; amount: number }> };
    }>;
  } | null;
}

const PLAN = `query($dane: ID!, $asOf: AsOfInput) { plan(daneCode: $dane, firstYear: 2024, asOf: $asOf) {
  status adoption { act number date citation } goals { id planStatus resources { total byYear { year amount } } } } }`;

describe('plan adoption, draft and adopted figures, Tabla 11 resources', () => {
  let api: TestServer;

  beforeAll(async () => {
    api = await startTestServer();
    await seedDemo(api.events, territory, { set: (i) => api.clock.set(i ?? NOW) }, NOW);
    api.clock.set(NOW);
    await api.projector.waitFor();
  }, 60_000);
  afterAll(() => api.stop());

  it("the CTP's as-of view shows the plan as draft before its acuerdo and adopted after", async () => {
    const before = await api.gql<PlanView>(PLAN, {
      dane: '73268',
      asOf: { at: '2024-05-30T12:00:00-05:00' },
    });
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data!.plan).toMatchObject({ status: 'BORRADOR', adoption: null });
    expect(new Set(before.body.data!.plan!.goals.map((g) => g.planStatus))).toEqual(
      new Set(['BORRADOR']),
    );
    const after = await api.gql<PlanView>(PLAN, { dane: '73268', asOf: { semester: '2024-1' } });
    expect(after.body.data!.plan).toMatchObject({
      status: 'ADOPTADO',
      adoption: {
        act: 'ACUERDO',
        date: '2024-05-31',
        citation: expect.stringMatching(/^Acuerdo 00\d de 2024$/),
      },
    });
    expect(new Set(after.body.data!.plan!.goals.map((g) => g.planStatus))).toEqual(
      new Set(['ADOPTADO']),
    );
  });

  it('the audit trail tells draft revisions from amendments of the adopted plan', async () => {
    const control = await token({ role: 'CONTROL', entity: 'contraloria' });
    const { body } = await api.gql<{
      auditTrail: {
        edges: Array<{
          node: {
            eventType: string;
            planStatus: string;
            legalBasis: string | null;
            changes: Array<{ field: string }>;
          };
        }>;
      };
    }>(
      `{ auditTrail(filter: { planId: "plan-73268-2024", eventTypes: ["GoalSet", "PlanAdopted", "GoalAmended"] }, first: 50) {
        edges { node { eventType planStatus legalBasis changes { field } } } } }`,
      {},
      control,
    );
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.auditTrail.edges.map((e) => e.node);
    const byType = (type: string) => nodes.filter((n) => n.eventType === type);
    expect(new Set(byType('GoalSet').map((n) => n.planStatus))).toEqual(new Set(['BORRADOR']));
    expect(byType('PlanAdopted')).toEqual([
      expect.objectContaining({
        planStatus: 'ADOPTADO',
        legalBasis: expect.stringMatching(/^Acuerdo/),
      }),
    ]);
    expect(new Set(byType('GoalAmended').map((n) => n.planStatus))).toEqual(new Set(['ADOPTADO']));
    // The draft revision of ASE-COB-URB kept the values it replaced.
    expect(byType('GoalSet').some((n) => n.changes.some((c) => c.field === 'total'))).toBe(true);
  });

  it('Tabla 11: each goal carries the resources of its projects, now and as of a semester', async () => {
    for (const asOf of [null, { semester: '2025-1' }]) {
      const { body } = await api.gql<PlanView>(PLAN, { dane: '73001', asOf });
      const treated = body.data!.plan!.goals.find((g) => g.id === '73001-2024-ALC-TRAT-URB')!;
      // The PDA's PTAR project (Tabla 9): 450,000,000 pesos in Año 2 and Año 3.
      expect(treated.resources.byYear.map((y) => y.amount)).toEqual([
        0, 450_000_000, 450_000_000, 0,
      ]);
      expect(treated.resources.total).toBe(900_000_000);
    }
    const goal = await api.gql<{ goal: { resources: { total: number }; planStatus: string } }>(
      `{ goal(id: "73001-2024-ALC-TRAT-URB") { planStatus resources { total } } }`,
    );
    expect(goal.body.data!.goal).toEqual({
      planStatus: 'ADOPTADO',
      resources: { total: 900_000_000 },
    });
  });

  it('adoptPlan: PLANNER or PDA; after it a goal change is an amendment', async () => {
    const planner = await token({ role: 'PLANNER', entity: '73026' });
    const pda = await token({ role: 'PDA', entity: '73' });
    const ctp = await token({ role: 'CTP', entity: '73026' });
    const target = { daneCode: '73026', firstYear: 2024 };
    const send = (mutation: string, input: Record<string, unknown>, as: string) =>
      api.gql(
        `mutation($input: ${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { revision plan { status adoption { citation } } } }`,
        { input: { ...target, ...input } },
        as,
      );
    expect((await send('openPlan', {}, planner)).body.errors).toBeUndefined();
    await send(
      'setBaseline',
      { indicator: 'ACU-COB-URB', value: 900, measuredAt: { year: 2023 }, source: 'SUI' },
      planner,
    );
    const goal = { indicator: 'ACU-COB-URB', targets: [0, 0, 300, 300], total: 600 };
    expect((await send('setGoal', goal, planner)).body.errors).toBeUndefined();
    // A draft: revised freely.
    const revised = await send(
      'setGoal',
      { ...goal, targets: [0, 100, 300, 300], total: 700 },
      planner,
    );
    expect(revised.body.errors).toBeUndefined();
    const adoption = { act: 'ACUERDO', number: '011', date: '2024-05-29' };
    const refused = await send('adoptPlan', adoption, ctp);
    expect(refused.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const adopted = await send('adoptPlan', adoption, pda);
    expect(adopted.body.errors).toBeUndefined();
    expect(adopted.body.data).toEqual({
      adoptPlan: {
        revision: 4,
        plan: { status: 'ADOPTADO', adoption: { citation: 'Acuerdo 011 de 2024' } },
      },
    });
    const [event] = (await api.events.readStream('plan-73026-2024')).slice(-1);
    expect(event).toMatchObject({
      type: 'PlanAdopted',
      metadata: { legalBasis: 'Acuerdo 011 de 2024' },
    });
    const again = await send('setGoal', { ...goal, total: 600 }, planner);
    expect(again.body.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.indicator',
    });
    const amended = await send(
      'amendGoal',
      { ...goal, reason: 'Reprogramación', legalBasis: 'Acuerdo 019 de 2025' },
      planner,
    );
    expect(amended.body.errors).toBeUndefined();
  });
});
