import { socialPlanScript } from '../../src/demo/social-plan';
import { startTestServer, token, type TestServer } from '../support/server';

const MUTATION: Record<string, [string, string]> = {
  OpenSocialPlan: ['openSocialPlan', 'OpenSocialPlanInput'],
  AddProgramme: ['addProgramme', 'AddProgrammeInput'],
  PlanActivity: ['planActivity', 'PlanActivityInput'],
  RescheduleActivity: ['rescheduleActivity', 'ActivityChangeInput'],
  CancelActivity: ['cancelActivity', 'ActivityChangeInput'],
  RecordExecution: ['recordExecution', 'ActivityChangeInput'],
};

function asSocialMutation(command: Record<string, unknown>, scope = '73', firstYear = 2024) {
  const { type, ...fields } = command;
  const [name, inputType] = MUTATION[type as string]!;
  return {
    query: `mutation($input: ${inputType}!) { ${name}(input: $input) { revision eventIds plan { id compliance { compliant } } } }`,
    input: { scope, firstYear, ...fields },
  };
}

const PLAN = `query($asOf: AsOfInput) { socialPlan(scope: "73", firstYear: 2024, asOf: $asOf) {
  revision compliance { compliant lines { line missing } } activities { id status plannedSemester }
  execution { line semester planned executed cancelled late budgetPlanned budgetExecuted participants } } }`;

interface PlanResult {
  socialPlan: {
    revision: number | null;
    compliance: { compliant: boolean };
    activities: Array<{ id: string; status: string; plannedSemester: string }>;
    execution: Array<{
      semester: string;
      planned: number;
      executed: number;
      cancelled: number;
      late: number;
    }>;
  } | null;
}

describe('the Plan de Gestión Social over HTTP', () => {
  let api: TestServer;
  let pda: string;

  beforeAll(async () => {
    api = await startTestServer();
    pda = await token({ role: 'PDA', entity: '73', name: 'Gestora social', id: 'gestora' });
    for (const step of socialPlanScript()) {
      api.clock.set(step.at);
      const m = asSocialMutation(step.command as never);
      const { body } = await api.gql(m.query, { input: m.input }, pda);
      expect(body.errors).toBeUndefined();
    }
    api.clock.set('2027-01-15T10:00:00-05:00');
  });
  afterAll(() => api.stop());

  it('is recorded whole by the PDA, with compliance, execution and late activities from events only', async () => {
    const { body } = await api.gql<PlanResult>(PLAN);
    const plan = body.data!.socialPlan!;
    expect(plan.compliance.compliant).toBe(true);
    expect(plan.activities.filter((a) => a.status === 'CANCELLED')).toHaveLength(1);
    const total = (key: 'planned' | 'executed' | 'cancelled' | 'late') =>
      plan.execution.reduce((sum, f) => sum + f[key], 0);
    expect(total('cancelled')).toBe(1);
    expect(total('late')).toBeGreaterThan(0);
    expect(total('executed') + total('late')).toBe(total('planned'));
  });

  it('as of an earlier semester shows the plan as recorded then', async () => {
    const { body } = await api.gql<PlanResult>(PLAN, { asOf: { semester: '2024-1' } });
    const early = body.data!.socialPlan!;
    expect(early.revision).toBeNull();
    expect(early.activities).toEqual([]);
    expect(early.compliance.compliant).toBe(false);
    const later = await api.gql<PlanResult>(PLAN, { asOf: { semester: '2025-1' } });
    expect(later.body.data!.socialPlan!.activities.length).toBeGreaterThan(0);
    expect(later.body.data!.socialPlan!.activities.length).toBeLessThan(
      (await api.gql<PlanResult>(PLAN)).body.data!.socialPlan!.activities.length,
    );
  });

  it('filters activities by municipality, line, semester, status and population group', async () => {
    const query = `query($filter: SocialActivityFilter) { socialActivities(filter: $filter, first: 100) { totalCount edges { node { id municipality line status execution { participants } lastChange { actor { name } } } } } }`;
    type Result = {
      socialActivities: {
        totalCount: number;
        edges: Array<{
          node: {
            municipality: string;
            line: string;
            status: string;
            execution: { participants: { condition: { victima: number } } } | null;
          };
        }>;
      };
    };
    const all = await api.gql<Result>(query, { filter: { scope: '73' } });
    expect(all.body.data!.socialActivities.totalCount).toBeGreaterThan(10);
    const ibague = await api.gql<Result>(query, {
      filter: { municipality: '73001', status: 'EXECUTED' },
    });
    expect(
      ibague.body.data!.socialActivities.edges.every(
        (e) => e.node.municipality === '73001' && e.node.status === 'EXECUTED',
      ),
    ).toBe(true);
    const victims = await api.gql<Result>(query, {
      filter: { populationGroup: 'condition:victima' },
    });
    expect(victims.body.data!.socialActivities.totalCount).toBeGreaterThan(0);
    expect(
      victims.body.data!.socialActivities.edges.every(
        (e) => e.node.execution!.participants.condition.victima > 0,
      ),
    ).toBe(true);
    const training = await api.gql<Result>(query, {
      filter: { line: 'CAPACITACION', semester: '2025-1' },
    });
    expect(
      training.body.data!.socialActivities.edges.every((e) => e.node.line === 'CAPACITACION'),
    ).toBe(true);
  });

  it('everything appears in the audit trail with field changes', async () => {
    const query = `{ auditTrail(filter: { planId: "socialplan-73-2024", eventTypes: ["ActivityRescheduled"] }) { edges { node { reason municipality { name } changes { field before after } } } } }`;
    const { body } = await api.gql<{
      auditTrail: {
        edges: Array<{
          node: {
            reason: string;
            changes: Array<{ field: string; before: string; after: string }>;
          };
        }>;
      };
    }>(query);
    const entry = body.data!.auditTrail.edges[0]!.node;
    expect(entry.reason).toBe('Cambio de cronograma del contratista');
    expect(entry.changes).toEqual([
      { field: 'plannedSemester', before: expect.stringMatching(/^\d{4}-[12]$/), after: '2026-2' },
    ]);
  });

  it('roles: a PDA writes only in its department, a planner only its municipality', async () => {
    const plan = (scope: string) =>
      asSocialMutation(
        { type: 'OpenSocialPlan', objectives: ['Objetivo'], municipalities: [] },
        scope,
        2024,
      );
    const outside = await api.gql(
      plan('05').query,
      { input: plan('05').input },
      await token({ role: 'PDA', entity: '73' }),
    );
    expect(outside.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const activity = asSocialMutation({ type: 'CancelActivity', activityId: 'PC-1', reason: 'x' });
    const otherPda = await api.gql(
      activity.query,
      { input: activity.input },
      await token({ role: 'PDA', entity: '05' }),
    );
    expect(otherPda.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const control = await api.gql(
      activity.query,
      { input: activity.input },
      await token({ role: 'CONTROL', entity: 'contraloria' }),
    );
    expect(control.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const own = asSocialMutation(
      { type: 'OpenSocialPlan', objectives: ['Cultura del agua en Honda'], municipalities: [] },
      '73349',
      2024,
    );
    const planner = await api.gql(
      own.query,
      { input: own.input },
      await token({ role: 'PLANNER', entity: '73349' }),
    );
    expect(planner.body.errors).toBeUndefined();
    const notHis = await api.gql(
      own.query,
      { input: { ...own.input, scope: '73268' } },
      await token({ role: 'PLANNER', entity: '73349' }),
    );
    expect(notHis.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('refuses personal data and stale revisions, appending nothing', async () => {
    const before = await api.events.headPosition();
    const pii = asSocialMutation({
      type: 'RecordExecution',
      activityId: 'PC-4',
      date: '2026-11-20',
      place: 'Asistentes: Ana Gómez, Luis Pérez, Marta Díaz',
      participants: { age: { '27-59': 3 }, sex: { mujeres: 2, hombres: 1 } },
      rightsCategories: ['ciudadania'],
      product: 'Acta',
      evidence: 'ref',
      actualCost: 1,
    });
    const refused = await api.gql(pii.query, { input: pii.input }, pda);
    expect(refused.body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.place',
    });
    const stale = asSocialMutation({ type: 'CancelActivity', activityId: 'PC-4', reason: 'x' });
    const conflict = await api.gql(
      stale.query,
      { input: { ...stale.input, expectedRevision: 0 } },
      pda,
    );
    expect(conflict.body.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(await api.events.headPosition()).toBe(before);
  });
});
