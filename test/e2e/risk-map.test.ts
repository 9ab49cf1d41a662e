/**
 * The national risk map over HTTP on the demo: seeded in date order across streams, the stored
 * scores equal the on-read assessment for every semester, the store calls of a request do not
 * depend on how many entities it returns, and a methodology recorded by the ministry reaches
 * every entity's score.
 */
import { demoSchedule, seedDemo, DEMO_MUNICIPALITIES } from '../../src/demo/seed';
import { RES_449_2013 } from '../../src/domain/monitoring/methodology';
import { semesterEnd } from '../../src/domain/time';
import { riskOf } from '../../src/queries/risk';
import type { RiskDocument, RiskMapDocument } from '../../projections/risk-scores';
import { territory } from '../support/plan';
import { startTestServer, token, type TestServer } from '../support/server';

const NOW = new Date('2026-11-25T12:00:00-05:00');
const SEMESTERS = ['2024-1', '2024-2', '2025-1', '2025-2', '2026-1', '2026-2'];

interface MapNode {
  daneCode: string;
  total: number | null;
  level: string | null;
  prioritised: boolean;
  hasInputs: boolean;
  recordedIn: string | null;
  reasons: Array<{ kind: string; detail: string }>;
  methodology: { id: string; inForce: boolean; warning: string | null };
}
interface MapResult {
  riskScores: {
    totalCount: number;
    summary: {
      entities: number;
      withInputs: number;
      prioritised: number;
      byLevel: Array<{ level: string; count: number }>;
    };
    edges: Array<{ cursor: string; node: MapNode }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const MAP = `query($year: Int!, $asOf: AsOfInput, $dep: ID, $first: Int, $after: String, $order: RiskScoreOrder, $level: RiskLevel, $other: ID) {
  riskScores(year: $year, asOf: $asOf, departmentCode: $dep, first: $first, after: $after, orderBy: $order, level: $level, methodologyId: $other) {
    totalCount summary { entities withInputs prioritised byLevel { level count } }
    pageInfo { hasNextPage endCursor }
    edges { cursor node { daneCode total level prioritised hasInputs recordedIn reasons { kind detail } methodology { id inForce warning } } } } }`;

describe('the national SGP-APSB risk map', () => {
  let api: TestServer;

  beforeAll(async () => {
    api = await startTestServer();
    await seedDemo(api.events, territory, { set: (instant) => api.clock.set(instant ?? NOW) }, NOW);
    api.clock.set(NOW);
    await api.projector.waitFor();
  }, 60_000);
  afterAll(() => api.stop());

  it('the demo is recorded in date order across plans, monitoring and social streams', async () => {
    const scheduled = demoSchedule(territory, NOW).map((step) => Date.parse(step.at));
    const recorded: number[] = [];
    for await (const event of api.events.readAll()) recorded.push(event.recordedAt.getTime());
    // Every step's events carry the step's instant: none is pushed to a later one.
    expect([...new Set(recorded)]).toEqual([...new Set(scheduled)]);
    const [budget] = (await api.events.readStream('monitoring-73349-2024')).filter(
      (e) => e.type === 'BudgetReported',
    );
    expect(budget!.recordedAt.toISOString()).toBe('2025-04-15T14:02:00.000Z');
    const [opened] = await api.events.readStream('socialplan-73-2024');
    expect(opened!.recordedAt.toISOString()).toBe('2024-03-20T15:00:00.000Z');
  });

  it('Honda 2024 as of 2025-1 counts the FUT recorded in April 2025', async () => {
    const view = await riskOf(
      api.readStore,
      '73349',
      2024,
      semesterEnd({ year: 2025, half: 1 }),
      null,
    );
    // Six of the seven budget items (its recaudo efectivo differs by 40,000,000 pesos).
    expect(view.score.categories[0]!.score).toBeCloseTo((6 / 7) * 100, 4);
    expect(view.score).toMatchObject({ level: 'BAJO' });
    expect(view.applied).toMatchObject({ inForce: false });
  });

  it('every stored score equals the on-read assessment, semester by semester', async () => {
    for (const year of [2024, 2025, 2026, 2027]) {
      for (const semester of SEMESTERS) {
        const { body } = await api.gql<MapResult>(MAP, {
          year,
          asOf: { semester },
          dep: '73',
          first: 100,
        });
        expect(body.errors).toBeUndefined();
        const nodes = body.data!.riskScores.edges.map((e) => e.node);
        for (const daneCode of DEMO_MUNICIPALITIES) {
          const [y, half] = semester.split('-').map(Number) as [number, 1 | 2];
          const onRead = await riskOf(
            api.readStore,
            daneCode,
            year,
            semesterEnd({ year: y, half }),
            null,
          );
          const stored = nodes.find((n) => n.daneCode === daneCode)!;
          expect({ daneCode, year, semester, total: stored.total, level: stored.level }).toEqual({
            daneCode,
            year,
            semester,
            total: onRead.score.total,
            level: onRead.score.level,
          });
        }
      }
    }
  });

  it('lists all 1,121 entities; those with nothing on record have no score', async () => {
    const { body } = await api.gql<MapResult>(MAP, { year: 2025, first: 1121 });
    expect(body.errors).toBeUndefined();
    const map = body.data!.riskScores;
    expect(map.totalCount).toBe(1121);
    expect(map.edges).toHaveLength(1121);
    expect(map.summary).toMatchObject({ entities: 1121, withInputs: 4 });
    const empty = map.edges.find((e) => e.node.daneCode === '05001')!.node;
    expect(empty).toMatchObject({ hasInputs: false, total: null, level: null, prioritised: false });
    // The methodology is stated: Res. 449 only as a reference for 2025.
    expect(map.edges[0]!.node.methodology).toMatchObject({ id: 'RES-449-2013', inForce: false });
    expect(map.edges[0]!.node.methodology.warning).toMatch(/Resolución 98 de 2019/);
  });

  it('filters by level, orders by total, pages with cursors', async () => {
    const all = await api.gql<MapResult>(MAP, {
      year: 2025,
      dep: '73',
      order: 'TOTAL_ASC',
      first: 2,
    });
    const page = all.body.data!.riskScores;
    const scored = page.edges.map((e) => e.node).filter((n) => n.total !== null);
    expect(scored.map((n) => n.total)).toEqual(
      [...scored.map((n) => n.total)].sort((a, b) => a! - b!),
    );
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await api.gql<MapResult>(MAP, {
      year: 2025,
      dep: '73',
      order: 'TOTAL_ASC',
      first: 2,
      after: page.pageInfo.endCursor,
    });
    expect(next.body.data!.riskScores.edges[0]!.node.daneCode).not.toBe(
      page.edges[1]!.node.daneCode,
    );
    const bajo = await api.gql<MapResult>(MAP, { year: 2025, level: 'BAJO', first: 50 });
    const levels = bajo.body.data!.riskScores.edges.map((e) => e.node.level);
    expect(levels.length).toBeGreaterThan(0);
    expect(new Set(levels)).toEqual(new Set(['BAJO']));
  });

  it('costs the same store calls for one entity as for the whole country', async () => {
    const calls = async (variables: Record<string, unknown>) => {
      const before = api.readStore.stats.calls;
      const { body } = await api.gql<MapResult>(MAP, variables);
      expect(body.errors).toBeUndefined();
      return {
        nodes: body.data!.riskScores.edges.length,
        calls: api.readStore.stats.calls - before,
      };
    };
    const one = await calls({ year: 2025, asOf: { semester: '2026-1' }, first: 1 });
    const country = await calls({ year: 2025, asOf: { semester: '2026-1' }, first: 1121 });
    expect([one.nodes, country.nodes]).toEqual([1, 1121]);
    expect(country.calls).toBe(one.calls);
    expect(one.calls).toBeLessThanOrEqual(2);
  });

  it('prioritizedForFollowUp names why: level alto or a strategic indicator', async () => {
    const { body } = await api.gql<{
      prioritizedForFollowUp: { totalCount: number; edges: Array<{ node: MapNode }> };
    }>(
      `{ prioritizedForFollowUp(year: 2025) { totalCount edges { node { daneCode level total reasons { kind detail } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const honda = body.data!.prioritizedForFollowUp.edges.find((e) => e.node.daneCode === '73349');
    expect(honda!.node.reasons).toEqual([
      {
        kind: 'INDICADOR_ESTRATEGICO',
        detail:
          'Indicador estratégico del Viceministerio: Desabastecimiento de agua en la cabecera (arts. 2.2 y 5).',
      },
    ]);
    for (const { node } of body.data!.prioritizedForFollowUp.edges) {
      expect(node.reasons.length).toBeGreaterThan(0);
    }
  });

  it("the map reads small summaries written with each entity's state: the same versions", async () => {
    const states = await api.readStore.collection<RiskDocument>('risk_scores').find({});
    const summaries = await api.readStore.collection<RiskMapDocument>('risk_map').find({});
    const expected = states.flatMap((doc) =>
      Object.entries(doc.vigencias).map(([year, versions]) => ({
        id: `${doc._id}-${year}`,
        daneCode: doc.daneCode,
        year: Number(year),
        versions,
      })),
    );
    expect(expected.length).toBeGreaterThanOrEqual(DEMO_MUNICIPALITIES.length * 4);
    const found = summaries.map(({ _id, daneCode, year, versions }) => ({
      id: _id,
      daneCode,
      year,
      versions,
    }));
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(found.sort(byId)).toEqual(expected.sort(byId));
  });

  it('a methodology recorded by the ministry reaches every entity; another one is computed on read', async () => {
    const ministry = await token({ role: 'MINISTRY', entity: 'minvivienda' });
    const recorded = {
      ...RES_449_2013,
      id: 'RES-PRUEBA-2019',
      name: 'Metodología de prueba',
      legalSource: 'Resolución de prueba',
      firstYear: 2019,
      lastYear: null,
      categoryWeights: { presupuestales: 30, administrativos: 20, sectoriales: 50 },
    };
    const defined = await api.gql(
      `mutation($m: JSONObject!) { defineMethodology(input: { methodology: $m, legalBasis: "Resolución de prueba" }) { eventIds } }`,
      { methodology: undefined, m: recorded },
      ministry,
    );
    expect(defined.body.errors).toBeUndefined();
    const docs = await api.readStore.collection('risk_scores').count({});
    expect(docs).toBe(1121);
    const { body } = await api.gql<MapResult>(MAP, { year: 2025, dep: '73', first: 100 });
    const ibague = body.data!.riskScores.edges.find((e) => e.node.daneCode === '73001')!.node;
    expect(ibague.methodology).toMatchObject({
      id: 'RES-PRUEBA-2019',
      inForce: true,
      warning: null,
    });
    const onRead = await riskOf(api.readStore, '73001', 2025, NOW, null);
    expect(ibague.total).toBe(onRead.score.total);
    // Under Res. 449, recomputed from the stored items, with the difference.
    const other = await api.gql<{
      riskScores: {
        edges: Array<{ node: { daneCode: string; total: number; difference: number } }>;
      };
    }>(
      `{ riskScores(year: 2025, departmentCode: "73", methodologyId: "RES-449-2013") { edges { node { daneCode total difference } } } }`,
    );
    const recomputed = other.body.data!.riskScores.edges.find(
      (e) => e.node.daneCode === '73001',
    )!.node;
    const under449 = await riskOf(api.readStore, '73001', 2025, NOW, 'RES-449-2013');
    expect(recomputed.total).toBe(under449.recomputed!.score.total);
    expect(recomputed.difference).toBeCloseTo(
      under449.recomputed!.score.total - onRead.score.total,
      6,
    );
  });

  it('Espinal, a direct provider not decertified, is exempt from report a); decertified, it is not', async () => {
    const ASSESSMENT = `query($dane: ID!) { riskAssessment(daneCode: $dane, year: 2024) {
      score { total categories { category score items { code exempt } } } } }`;
    interface Assessment {
      riskAssessment: {
        score: {
          total: number;
          categories: Array<{
            category: string;
            score: number;
            items: Array<{ code: string; exempt: boolean }>;
          }>;
        };
      };
    }
    const exemptCodes = (result: Assessment) =>
      result.riskAssessment.score.categories.flatMap((c) =>
        c.items.filter((i) => i.exempt).map((i) => i.code),
      );
    const espinal = await api.gql<Assessment>(ASSESSMENT, { dane: '73268' });
    expect(espinal.body.errors).toBeUndefined();
    expect(exemptCodes(espinal.body.data!)).toEqual(['SUI_CONTRATO_SUBSIDIOS']);
    const honda = await api.gql<Assessment>(ASSESSMENT, { dane: '73349' });
    expect(exemptCodes(honda.body.data!)).toEqual([]);

    const ministry = await token({ role: 'MINISTRY', entity: 'minvivienda' });
    const recorded = await api.gql(
      `mutation { recordDirectProviderStatus(input: { daneCode: "73268", year: 2024, directProvider: true,
        decertified: true, source: "Resolución SSPD de prueba", reason: "Descertificado por la SSPD" }) { eventIds } }`,
      {},
      ministry,
    );
    expect(recorded.body.errors).toBeUndefined();
    const after = await api.gql<Assessment>(ASSESSMENT, { dane: '73268' });
    expect(exemptCodes(after.body.data!)).toEqual([]);
    const administrative = (result: Assessment) =>
      result.riskAssessment.score.categories.find((c) =>
        c.items.some((i) => i.code === 'SUI_CONTRATO_SUBSIDIOS'),
      )!;
    // Espinal never reported the contract (it was exempt): counted now, it lowers its category.
    expect(administrative(after.body.data!).score).toBeLessThan(
      administrative(espinal.body.data!).score,
    );
  });

  it('the old argument forms of the monitoring mutations still work; mixing forms is refused', async () => {
    const ministry = await token({ role: 'MINISTRY', entity: 'minvivienda' });
    const legacy = await api.gql(
      `mutation { raiseStrategicFlag(daneCode: "73168", year: 2024, flag: "Prueba", reason: "Forma anterior") { eventIds } }`,
      {},
      ministry,
    );
    expect(legacy.body.errors).toBeUndefined();
    const before = await api.events.headPosition();
    const mixed = await api.gql(
      `mutation { raiseStrategicFlag(input: { daneCode: "73168", year: 2024, flag: "Otra", reason: "x" }, flag: "Otra") { eventIds } }`,
      {},
      ministry,
    );
    expect(mixed.body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input',
    });
    const neither = await api.gql(`mutation { raiseStrategicFlag { eventIds } }`, {}, ministry);
    expect(neither.body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input',
    });
    expect(await api.events.headPosition()).toBe(before);
  });
});
