import { compliantBudget } from '../support/monitoring';
import { RES_449_2013 } from '../../src/domain/monitoring/methodology';
import { sectorPlanScript } from '../../src/demo/sector-plan';
import { asMutation, startTestServer, token, type TestServer } from '../support/server';

const BUDGET = compliantBudget;

const ASSESS = `query($year: Int!, $asOf: AsOfInput, $other: ID) {
  riskAssessment(daneCode: "73001", year: $year, asOf: $asOf, methodologyId: $other) {
    legalSource components score { methodologyId total level prioritised strategicFlags categories { category weight score items { code score } } }
    recomputed { score { methodologyId total } differences { category stored recomputed difference } } } }`;

interface Assessment {
  riskAssessment: {
    legalSource: string;
    components: string[];
    score: {
      methodologyId: string;
      total: number;
      level: string;
      prioritised: boolean;
      strategicFlags: string[];
      categories: Array<{ category: string; score: number }>;
    };
    recomputed: {
      score: { total: number };
      differences: Array<{ category: string; difference: number }>;
    } | null;
  };
}

describe('SGP-APSB monitoring over HTTP', () => {
  let api: TestServer;
  let ministry: string;

  beforeAll(async () => {
    api = await startTestServer();
    const planner = await token({ role: 'PLANNER', entity: '73001' });
    for (const step of sectorPlanScript('73001', 2024)) {
      if (Date.parse(step.at) > Date.parse('2026-03-01T00:00:00-05:00')) continue;
      api.clock.set(step.at);
      const m = asMutation(step.command, '73001', 2024);
      await api.gql(m.query, { input: m.input }, planner);
    }
    ministry = await token({ role: 'MINISTRY', entity: 'minvivienda' });
  });
  afterAll(() => api.stop());

  it('scores a vigencia from the FUT, the SUI reports and the plan, and keeps its history', async () => {
    api.clock.set('2026-04-10T10:00:00-05:00');
    const budget = await api.gql(
      `mutation($report: BudgetReportInput!) { recordBudgetReport(daneCode: "73001", year: 2025, report: $report, source: "FUT 2025") { revision assessment { score { total } } } }`,
      { report: BUDGET },
      ministry,
    );
    expect(budget.body.errors).toBeUndefined();
    for (const report of ['SUI_CONTRATO_SUBSIDIOS', 'SUI_ACUERDO_SUBSIDIOS']) {
      const r = await api.gql(
        `mutation($report: String!) { recordAdministrativeReport(daneCode: "73001", year: 2025, report: $report, filed: true, filedOn: "2026-02-01", source: "SUI") { revision } }`,
        { report },
        ministry,
      );
      expect(r.body.errors).toBeUndefined();
    }
    const now = await api.gql<Assessment>(ASSESS, { year: 2025 });
    const score = now.body.data!.riskAssessment.score;
    expect(now.body.data!.riskAssessment.legalSource).toBe(RES_449_2013.legalSource);
    expect(score.categories.map((c) => [c.category, c.score])).toEqual([
      ['presupuestales', 100],
      ['administrativos', 50],
      ['sectoriales', expect.any(Number)],
    ]);
    const sectoral = score.categories[2]!.score;
    expect(sectoral).toBeGreaterThan(0);
    expect(score.total).toBeCloseTo(40 + 5 + sectoral / 2, 5);

    // As of 2025-2 (before the FUT was recorded) nothing budgetary was known.
    const before = await api.gql<Assessment>(ASSESS, { year: 2025, asOf: { semester: '2025-2' } });
    expect(before.body.data!.riskAssessment.score.categories[0]!.score).toBe(0);
  });

  it('a strategic flag prioritises; only the ministry records inputs', async () => {
    const planner = await token({ role: 'PLANNER', entity: '73001' });
    const flag = `mutation { raiseStrategicFlag(daneCode: "73001", year: 2025, flag: "Emergencia sanitaria", reason: "Brote de EDA") { assessment { score { prioritised strategicFlags } } } }`;
    const refused = await api.gql(flag, {}, planner);
    expect(refused.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const raised = await api.gql<{
      raiseStrategicFlag: {
        assessment: { score: { prioritised: boolean; strategicFlags: string[] } };
      };
    }>(flag, {}, ministry);
    expect(raised.body.data!.raiseStrategicFlag.assessment.score).toEqual({
      prioritised: true,
      strategicFlags: ['Emergencia sanitaria'],
    });
  });

  it('recomputes under another methodology and shows the difference per category', async () => {
    const other = {
      ...RES_449_2013,
      id: 'RES-98-2019',
      name: 'Resolución 98 de 2019',
      legalSource: 'Resolución 98 de 2019',
      firstYear: 2030,
      lastYear: null,
      categoryWeights: { presupuestales: 30, administrativos: 20, sectoriales: 50 },
    };
    const defined = await api.gql(
      `mutation($m: JSONObject!) { defineMethodology(methodology: $m, legalBasis: "Resolución 98 de 2019") { revision } }`,
      { m: other },
      ministry,
    );
    expect(defined.body.errors).toBeUndefined();
    const { body } = await api.gql<Assessment>(ASSESS, { year: 2025, other: 'RES-98-2019' });
    const assessment = body.data!.riskAssessment;
    expect(assessment.score.methodologyId).toBe('RES-449-2013');
    expect(assessment.recomputed!.differences.map((d) => [d.category, d.difference])).toEqual([
      ['presupuestales', -10],
      ['administrativos', 5],
      ['sectoriales', 0],
    ]);
    const unknown = await api.gql<Assessment>(ASSESS, { year: 2025, other: 'RES-1-1999' });
    expect(unknown.body.errors![0]!.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'methodologyId',
    });
  });
});
