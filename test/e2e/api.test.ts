import { sectorPlanScript } from '../../src/demo/sector-plan';
import { foldPlan } from '../../src/domain/plan/state';
import { parseSemester, semesterEnd } from '../../src/domain/time';
import { planEventOf } from '../../projections/envelope';
import { asMutation, startTestServer, token, type TestServer } from '../support/server';

const PLAN_QUERY = `query($dane: ID!, $year: Int!, $asOf: AsOfInput, $knownAt: DateTime) {
  plan(daneCode: $dane, firstYear: $year, asOf: $asOf, knownAt: $knownAt) {
    id revision time { asOf knownAt }
    goals { id total amendments targets { year target } baseline { value } latestProgress { value period { year month } }
            lineage { goal { eventType legalBasis actor { id name role } } } }
    projects { id estimatedValue } warnings
  }
}`;

interface PlanResult {
  plan: {
    id: string;
    revision: number | null;
    time: { asOf: string | null; knownAt: string };
    goals: Array<{
      id: string;
      total: number;
      amendments: number;
      lineage: {
        goal: {
          legalBasis: string | null;
          actor: { id: string | null; name: string | null };
        } | null;
      };
    }>;
    projects: Array<{ id: string }>;
  } | null;
}

describe('the GraphQL API over HTTP', () => {
  let api: TestServer;
  let planner: string;

  beforeAll(async () => {
    api = await startTestServer();
    planner = await token({ role: 'PLANNER', entity: '73001', name: 'Ana Gómez', id: 'ana' });
    // A planner's whole cuatrienio, through mutations, each at the moment it was issued.
    const pda = await token({ role: 'PDA', entity: '73', name: 'PDA Tolima', id: 'pda-73' });
    for (const step of sectorPlanScript('73001', 2024)) {
      api.clock.set(step.at);
      const mutation = asMutation(step.command, '73001', 2024);
      const byPda = step.command.type === 'RegisterProject' && step.command.kind === 'tercero';
      const result = await api.gql(
        mutation.query,
        { input: mutation.input },
        byPda ? pda : planner,
      );
      expect(result.body.errors).toBeUndefined();
    }
    api.clock.set('2028-03-01T10:00:00-05:00');
  });

  afterAll(async () => {
    await api.stop();
  });

  it('serves /healthz and /readyz', async () => {
    const base = api.url.replace('/graphql', '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect((await ready.json()) as { status: string }).toMatchObject({ status: 'ready' });
  });

  it("the planner's cuatrienio is there, current, with lineage and its two amendments", async () => {
    const { body } = await api.gql<PlanResult>(PLAN_QUERY, { dane: '73001', year: 2024 }, planner);
    const plan = body.data!.plan!;
    const stream = await api.events.readStream('plan-73001-2024');
    expect(plan.revision).toBe(stream.length - 1);
    expect(plan.goals).toHaveLength(11);
    const amended = plan.goals.filter((g) => g.amendments === 1);
    expect(amended.map((g) => g.id).sort()).toEqual([
      '73001-2024-ACU-COB-URB',
      '73001-2024-ALC-TRAT-URB',
    ]);
    for (const goal of amended) {
      expect(goal.lineage.goal).toMatchObject({
        legalBasis: expect.stringMatching(/^Acuerdo/),
        actor: { id: 'ana', name: 'Ana Gómez' },
      });
    }
    expect(plan.projects.map((p) => p.id).sort()).toEqual(['P-001', 'P-002', 'PDA-01']);
  });

  it("the CTP's as-of query for each semester shows exactly what had been recorded by its end", async () => {
    const ctp = await token({ role: 'CTP', entity: '73001' });
    const log = await api.events.readStream('plan-73001-2024');
    for (const semester of [
      '2024-1',
      '2024-2',
      '2025-1',
      '2025-2',
      '2026-1',
      '2026-2',
      '2027-1',
      '2027-2',
    ]) {
      const end = semesterEnd(parseSemester(semester));
      const { body } = await api.gql<PlanResult>(
        PLAN_QUERY,
        { dane: '73001', year: 2024, asOf: { semester } },
        ctp,
      );
      expect(body.errors).toBeUndefined();
      const folded = foldPlan(
        log.filter((e) => e.recordedAt <= end).map((e) => planEventOf(e)!.event),
      );
      const plan = body.data!.plan!;
      expect(plan.time).toEqual({ asOf: end.toISOString(), knownAt: end.toISOString() });
      expect(plan.revision).toBeNull();
      expect(
        Object.fromEntries(plan.goals.map((g) => [g.id.slice(11), [g.total, g.amendments]])),
      ).toEqual(
        Object.fromEntries(
          Object.values(folded.goals).map((g) => [g.indicator, [g.total, g.amendments]]),
        ),
      );
    }
    // Before the amendment of June 2025 (recorded 2025-06-28), the goal had its original total.
    const before = await api.gql<PlanResult>(PLAN_QUERY, {
      dane: '73001',
      year: 2024,
      asOf: { semester: '2025-1' },
      knownAt: '2025-06-01T00:00:00Z',
    });
    const after = await api.gql<PlanResult>(PLAN_QUERY, {
      dane: '73001',
      year: 2024,
      asOf: { semester: '2025-1' },
    });
    const total = (r: typeof before) =>
      r.body.data!.plan!.goals.find((g) => g.id === '73001-2024-ACU-COB-URB')!.total;
    expect(total(before)).toBeGreaterThan(total(after));
  });

  it("a control body's audit query for one goal: who changed it, when, from what to what, on what basis", async () => {
    const control = await token({ role: 'CONTROL', entity: 'contraloria' });
    const query = `query($goal: ID!) { auditTrail(filter: { goalId: $goal, eventTypes: ["GoalAmended"] }, first: 5) {
      totalCount edges { node { eventType recordedAt actor { id name role } reason legalBasis changes { field before after } hash } } } }`;
    const { body } = await api.gql<{
      auditTrail: {
        totalCount: number;
        edges: Array<{
          node: {
            actor: { name: string | null };
            legalBasis: string;
            changes: Array<{ field: string; before: number; after: number }>;
          };
        }>;
      };
    }>(query, { goal: '73001-2024-ACU-COB-URB' }, control);
    expect(body.data!.auditTrail.totalCount).toBe(1);
    const entry = body.data!.auditTrail.edges[0]!.node;
    expect(entry.actor.name).toBe('Ana Gómez');
    expect(entry.legalBasis).toMatch(/^Acuerdo 01\d de 2025$/);
    const total = entry.changes.find((c) => c.field === 'total')!;
    expect(total.before).toBeGreaterThan(total.after);
    // Anonymous callers see the change, not who made it.
    const anonymous = await api.gql<typeof body.data>(query, { goal: '73001-2024-ACU-COB-URB' });
    expect(anonymous.body.data!.auditTrail.edges[0]!.node.actor).toEqual({
      id: null,
      name: null,
      role: 'PLANNER',
    });
  });

  it('pages the audit trail with cursors', async () => {
    const query = `query($after: String) { auditTrail(filter: { planId: "plan-73001-2024" }, first: 10, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    type Page = {
      auditTrail: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: Array<{ node: { id: string } }>;
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    let total: number;
    do {
      const { body }: { body: { data?: Page } } = await api.gql<Page>(query, { after });
      const page: Page['auditTrail'] = body.data!.auditTrail;
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('counts the audit trail only when the query asks for totalCount, and then once', async () => {
    const calls = async (selection: string) => {
      const before = api.readStore.stats.calls;
      const { body } = await api.gql<{ auditTrail: { totalCount?: number } }>(
        `{ auditTrail(filter: { eventTypes: ["GoalAmended"] }, first: 2) { ${selection} } }`,
      );
      expect(body.errors).toBeUndefined();
      return { calls: api.readStore.stats.calls - before, total: body.data!.auditTrail.totalCount };
    };
    const page = await calls('edges { node { id } }');
    const counted = await calls('edges { node { id } } totalCount');
    const twice = await calls('edges { node { id } } totalCount again: totalCount');
    expect(counted.calls).toBe(page.calls + 1);
    expect(twice.calls).toBe(counted.calls);
    expect(counted.total).toBeGreaterThan(0);
  });

  it('a stale expectedRevision is a CONFLICT and appends nothing', async () => {
    const head = (await api.events.readStream('plan-73001-2024')).length - 1;
    const mutation = asMutation(
      {
        type: 'ReportProgress',
        indicator: 'ACU-IRCA-URB',
        period: { year: 2027, month: 11 },
        value: 3.3,
        source: 'INS',
      },
      '73001',
      2024,
    );
    const stale = await api.gql(
      mutation.query,
      { input: { ...mutation.input, expectedRevision: head - 1 } },
      planner,
    );
    expect(stale.body.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      expectedRevision: head - 1,
      actualRevision: head,
    });
    expect(stale.body.errors![0]!.message).toMatch(/Otra persona modificó/);
    expect((await api.events.readStream('plan-73001-2024')).length - 1).toBe(head);
    const fresh = await api.gql<{ reportProgress: { revision: number; eventIds: string[] } }>(
      mutation.query,
      { input: { ...mutation.input, expectedRevision: head } },
      planner,
    );
    expect(fresh.body.data!.reportProgress).toMatchObject({
      revision: head + 1,
      eventIds: [expect.any(String)],
    });
  });

  describe('roles, in and out of their territorial scope', () => {
    const registerProject = (daneCode: string, projectId: string) =>
      asMutation(
        {
          type: 'RegisterProject',
          projectId,
          kind: 'propio',
          name: 'Obra',
          valueByYear: [1, 1, 1, 1],
        },
        daneCode,
        2024,
      );
    const setGoal = asMutation(
      { type: 'SetGoal', indicator: 'ACU-CONT-URB', targets: [1, 1, 1, 1], total: 4 },
      '73001',
      2024,
    );

    it.each([
      ['PLANNER of 73001 on its plan', { role: 'PLANNER', entity: '73001' }, '73001', null],
      ['ADMIN anywhere', { role: 'ADMIN', entity: 'minvivienda' }, '73001', null],
      ['PDA of Tolima in Ibagué', { role: 'PDA', entity: '73' }, '73001', null],
      ['PLANNER of Espinal on Ibagué', { role: 'PLANNER', entity: '73268' }, '73001', 'FORBIDDEN'],
      ['PDA of Antioquia in Ibagué', { role: 'PDA', entity: '05' }, '73001', 'FORBIDDEN'],
      ['CTP', { role: 'CTP', entity: '73001' }, '73001', 'FORBIDDEN'],
      ['CONTROL', { role: 'CONTROL', entity: 'contraloria' }, '73001', 'FORBIDDEN'],
      ['MINISTRY', { role: 'MINISTRY', entity: 'minvivienda' }, '73001', 'FORBIDDEN'],
    ] as const)('%s: registerProject', async (_label, principal, dane, code) => {
      const before = await api.events.headPosition();
      const mutation = registerProject(dane, `R-${principal.role}-${principal.entity}`);
      const { body } = await api.gql(
        mutation.query,
        { input: mutation.input },
        await token(principal),
      );
      if (code === null) {
        expect(body.errors).toBeUndefined();
      } else {
        expect(body.errors![0]!.extensions!.code).toBe(code);
        expect(await api.events.headPosition()).toBe(before);
      }
    });

    it('a PDA may not set goals, even in its department', async () => {
      const { body } = await api.gql(
        setGoal.query,
        { input: setGoal.input },
        await token({ role: 'PDA', entity: '73' }),
      );
      expect(body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    });

    it('anonymous writes and bad tokens are UNAUTHENTICATED', async () => {
      const anonymous = await api.gql(setGoal.query, { input: setGoal.input });
      expect(anonymous.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      const forged = await api.gql(
        setGoal.query,
        { input: setGoal.input },
        `${planner.slice(0, -3)}abc`,
      );
      expect(forged.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    });

    it('the actor recorded is the one in the token, never one in the input', async () => {
      const mutation = registerProject('73001', 'R-actor');
      const { body } = await api.gql<{ registerProject: { eventIds: string[] } }>(
        mutation.query.replace('$input: RegisterProjectInput!', '$input: RegisterProjectInput!'),
        { input: mutation.input },
        planner,
      );
      const [eventId] = body.data!.registerProject.eventIds;
      const event = (await api.events.readStream('plan-73001-2024')).find((e) => e.id === eventId)!;
      expect(event.metadata.actor).toEqual({
        id: 'ana',
        name: 'Ana Gómez',
        role: 'PLANNER',
        entity: '73001',
      });
    });
  });

  describe('malformed and out-of-range input is refused naming the field (BAD_USER_INPUT, or CONFLICT for a duplicate), and appends nothing', () => {
    const cases: Array<[string, Record<string, unknown>, string, string?]> = [
      [
        'openPlan: unknown DANE code',
        { type: 'OpenPlan', daneCode: '99999', firstYear: 2024 },
        'daneCode',
        'NOT_FOUND',
      ],
      [
        'openPlan: year that starts no cuatrienio',
        { type: 'OpenPlan', daneCode: '73268', firstYear: 2025 },
        'firstYear',
      ],
      [
        'setBaseline: negative population',
        {
          type: 'SetBaseline',
          indicator: 'ACU-CONT-URB',
          value: -1,
          measuredAt: { year: 2023 },
          source: 'SUI',
        },
        'value',
      ],
      [
        'setBaseline: unknown indicator',
        {
          type: 'SetBaseline',
          indicator: 'NOPE',
          value: 1,
          measuredAt: { year: 2023 },
          source: 'SUI',
        },
        'indicator',
      ],
      [
        'setGoal: three targets',
        { type: 'SetGoal', indicator: 'ACU-COB-URB', targets: [1, 2, 3], total: 6 },
        'targets',
      ],
      [
        'amendGoal: without legal basis',
        {
          type: 'AmendGoal',
          indicator: 'ACU-COB-URB',
          targets: [1, 1, 1, 1],
          total: 4,
          reason: 'x',
        },
        'legalBasis',
      ],
      [
        'registerNeed: negative value',
        { type: 'RegisterNeed', needId: 'N-9', need: 'x', investmentName: 'y', estimatedValue: -5 },
        'estimatedValue',
      ],
      [
        'registerProject: duplicate id',
        {
          type: 'RegisterProject',
          projectId: 'P-001',
          kind: 'propio',
          name: 'x',
          valueByYear: [1, 1, 1, 1],
        },
        'projectId',
        'CONFLICT',
      ],
      [
        'registerProject: unknown kind',
        {
          type: 'RegisterProject',
          projectId: 'P-777',
          kind: 'mixto',
          name: 'x',
          valueByYear: [1, 1, 1, 1],
        },
        'kind',
      ],
      [
        'attachContribution: wrong unit',
        {
          type: 'AttachContribution',
          projectId: 'P-001',
          indicator: 'ALC-COB-URB',
          amount: 5,
          unit: 'porcentaje',
        },
        'unit',
      ],
      [
        'changeContribution: percentage above 100',
        {
          type: 'ChangeContribution',
          projectId: 'PDA-01',
          indicator: 'ALC-TRAT-URB',
          amount: 150,
          unit: 'porcentaje',
        },
        'amount',
      ],
      [
        'detachContribution: without reason',
        { type: 'DetachContribution', projectId: 'P-001', indicator: 'ACU-COB-URB' },
        'reason',
      ],
      [
        'setFundingRow: unknown row',
        { type: 'SetFundingRow', table: 'fuentes', row: 'LOTERIA', amounts: [1, 1, 1, 1] },
        'row',
      ],
      [
        'setFundingRow: negative pesos',
        { type: 'SetFundingRow', table: 'usos', row: 'SUBSIDIOS_ASEO', amounts: [1, -1, 1, 1] },
        'amounts[1]',
      ],
      [
        'reportProgress: year outside the period',
        {
          type: 'ReportProgress',
          indicator: 'ACU-COB-URB',
          period: { year: 2031 },
          value: 1,
          source: 'SUI',
        },
        'period.year',
      ],
      [
        'reportProgress: IRCA above 100',
        {
          type: 'ReportProgress',
          indicator: 'ACU-IRCA-URB',
          period: { year: 2026, month: 2 },
          value: 101,
          source: 'INS',
        },
        'value',
      ],
      [
        'reportProgress: month 13',
        {
          type: 'ReportProgress',
          indicator: 'ACU-IRCA-URB',
          period: { year: 2026, month: 13 },
          value: 1,
          source: 'INS',
        },
        'period.month',
      ],
    ];
    it.each(cases)('%s', async (_label, command, field, code = 'BAD_USER_INPUT') => {
      const before = await api.events.headPosition();
      const daneCode = command.type === 'OpenPlan' ? (command.daneCode as string) : '73001';
      const mutation = asMutation(
        command as never,
        daneCode,
        command.type === 'OpenPlan' ? (command.firstYear as number) : 2024,
      );
      const admin = await token({ role: 'ADMIN', entity: 'minvivienda' });
      const { body } = await api.gql(mutation.query, { input: mutation.input }, admin);
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toMatchObject({ code, field: `input.${field}` });
      expect(body.errors![0]!.message.startsWith(`input.${field}: `)).toBe(true);
      expect(body.errors![0]!.extensions!.stacktrace).toBeUndefined();
      expect(await api.events.headPosition()).toBe(before);
    });

    it('a value of the wrong GraphQL type never reaches the domain', async () => {
      const mutation = asMutation(
        { type: 'SetGoal', indicator: 'ACU-COB-URB', targets: [1, 1, 1, 1], total: 4 },
        '73001',
        2024,
      );
      const { body } = await api.gql(
        mutation.query,
        { input: { ...mutation.input, total: 'mucho' } },
        planner,
      );
      expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    });

    it('asOf takes exactly one of semester and at', async () => {
      const { body } = await api.gql(PLAN_QUERY, {
        dane: '73001',
        year: 2024,
        asOf: { semester: '2025-1', at: '2025-01-01T00:00:00Z' },
      });
      expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
      const bad = await api.gql(PLAN_QUERY, {
        dane: '73001',
        year: 2024,
        asOf: { semester: '2025-3' },
      });
      expect(bad.body.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'asOf.semester',
      });
    });
  });

  describe('cost', () => {
    const NESTED = `query($dep: ID!, $first: Int!) { municipalities(departmentCode: $dep, first: $first) { edges { node { name
      plans { goals { id indicator { code name } municipality { name department { name } } lastChange { eventType recordedAt } } } } } } }`;

    it('a nested query over goals costs the same store calls for 2 goals as for 50', async () => {
      const admin = await token({ role: 'ADMIN', entity: 'x' });
      // A second municipality with a couple of goals, and five more with many.
      for (const dane of ['73024', '73026', '73030', '73043', '73055']) {
        for (const step of sectorPlanScript(dane, 2024).filter((s) =>
          ['OpenPlan', 'SetBaseline', 'SetGoal'].includes(s.command.type),
        )) {
          const mutation = asMutation(step.command, dane, 2024);
          await api.gql(mutation.query, { input: mutation.input }, admin);
        }
      }
      const count = async (first: number) => {
        const before = api.readStore.stats.calls;
        const { body } = await api.gql<{
          municipalities: { edges: Array<{ node: { plans: Array<{ goals: unknown[] }> } }> };
        }>(NESTED, { dep: '73', first });
        expect(body.errors).toBeUndefined();
        const goals = body.data!.municipalities.edges.flatMap((e) =>
          e.node.plans.flatMap((p) => p.goals),
        ).length;
        return { goals, calls: api.readStore.stats.calls - before };
      };
      // Tolima's codes sort 73001, 73024, 73026, ...: the first municipality has 11 goals.
      const small = await count(1);
      const large = await count(6);
      expect(small.goals).toBe(11);
      expect(large.goals).toBeGreaterThanOrEqual(50);
      expect(large.calls).toBe(small.calls);
      expect(small.calls).toBeLessThanOrEqual(4);
    });

    it('refuses queries that are too deep or too costly, before running them', async () => {
      const deep = `{ municipalities { edges { node { plans { goals { lastChange { municipality { department { name } } } } } } } } }`;
      const deepResult = await api.gql(
        deep.replace('department { name }', 'department { name } ') + '',
      );
      // This one is within the depth limit; nest further to exceed it.
      expect(deepResult.body.errors).toBeUndefined();
      // Goal -> municipality -> plans -> goals loops: a client could nest without end.
      const tooDeep = `{ municipalities(first: 1) { edges { node { plans { goals { municipality { plans { goals { municipality { plans { goals { municipality { name } } } } } } } } } } } } }`;
      const deepRefused = await api.gql(tooDeep);
      expect(deepRefused.body.errors![0]!.message).toMatch(/anida 13 niveles.*máximo 10/);
      expect(deepRefused.body.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'query',
        maximum: 10,
      });
      const costly = `{ municipalities(first: 100) { edges { node { plans { goals { progressReports { value } lastChange { changes { field } } } } } } } }`;
      const before = api.readStore.stats.calls;
      const costRefused = await api.gql(costly);
      expect(costRefused.body.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'query',
      });
      expect(api.readStore.stats.calls).toBe(before);
    });
  });
});
