/**
 * A log written under schema version 1 ("% de aguas residuales no tratadas", GES-MUN as a count
 * of requirements) replays to the version-2 meaning: treated wastewater (ficha 4.2.8, Tabla 7's
 * "Base 2010, 27,5%" -> "36%") and GES-MUN as a percentage (Tabla 1), without touching the stored
 * events (their hash chain still verifies).
 */
import { ALL_PROJECTIONS } from '../../projections';
import type { GoalDocument } from '../../projections/goals';
import { foldStream } from '../../src/application/command-handler';
import { sectorPlan } from '../../src/domain/plan/aggregate';
import { goalFigures } from '../../src/domain/plan/figures';
import { CURRENT_SCHEMA_VERSION, upcast } from '../../src/domain/upcasting';
import { verifyChain } from '../../src/eventstore/integrity';
import type { JsonObject, NewEvent } from '../../src/eventstore/port';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { Projector } from '../../src/projector/projector';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { planOpened } from '../support/plan';

const VERSION_1 = {
  actor: { id: 'planeacion-73001', name: 'Planeación Ibagué', role: 'PLANNER', entity: '73001' },
  correlationId: 'v1',
  schemaVersion: 1,
};

const v1 = (type: string, data: JsonObject, extra: Record<string, string> = {}): NewEvent => ({
  type,
  data,
  metadata: { ...VERSION_1, ...extra },
});

/** What a planner recorded in 2024-2025 under the old catalogue, as it sits on the log. */
const OLD_LOG: NewEvent[] = [
  v1('PlanOpened', planOpened.data as unknown as JsonObject),
  // 72,5 % untreated = Tabla 7's 27,5 % treated.
  v1('BaselineSet', {
    indicator: 'ALC-NOTRAT-URB',
    value: 72.5,
    measuredAt: { year: 2023 },
    source: 'PSMV',
    previous: null,
  }),
  // Down to 64 % untreated = up to Tabla 7's 36 % treated.
  v1('GoalSet', {
    goalId: '73001-2024-ALC-NOTRAT-URB',
    indicator: 'ALC-NOTRAT-URB',
    targets: [1.5, 2.5, 2.5, 2],
    total: 8.5,
  }),
  v1('ProjectRegistered', {
    projectId: 'PDA-01',
    kind: 'tercero',
    name: 'Optimización de la PTAR',
    needId: null,
    valueByYear: [0, 450_000_000, 450_000_000, 0],
    estimatedValue: 900_000_000,
    endDate: '2026-12-15',
    fundingSources: ['PDA'],
    executor: 'PDA',
    executorDetail: null,
  }),
  v1('ProjectContributionAttached', {
    projectId: 'PDA-01',
    indicator: 'ALC-NOTRAT-URB',
    amount: 8.5,
    unit: 'porcentaje',
  }),
  v1('ProgressReported', {
    indicator: 'ALC-NOTRAT-URB',
    period: { year: 2024 },
    value: 70,
    source: 'PSMV',
    checklist: null,
    previous: null,
  }),
  v1(
    'ProgressReported',
    {
      indicator: 'ALC-NOTRAT-URB',
      period: { year: 2024 },
      value: 68,
      source: 'PSMV',
      checklist: null,
      previous: { value: 70, source: 'PSMV' },
    },
    { reason: 'Corrección del PSMV' },
  ),
  // GES-MUN as a count: 3 of 6 requirements, one more each year of Años 1-3.
  v1('BaselineSet', {
    indicator: 'GES-MUN',
    value: 3,
    measuredAt: { year: 2023 },
    source: 'SUI',
    previous: null,
  }),
  v1('GoalSet', {
    goalId: '73001-2024-GES-MUN',
    indicator: 'GES-MUN',
    targets: [1, 1, 1, 0],
    total: 3,
  }),
  v1('ProgressReported', {
    indicator: 'GES-MUN',
    period: { year: 2024 },
    value: 4,
    source: 'SUI',
    checklist: {
      fondoSolidaridad: true,
      estratificacion: true,
      equilibrioSubsidios: true,
      convenioSubsidios: false,
      acuerdoPorcentajes: true,
      subsidiosQuincePorCiento: false,
    },
    previous: null,
  }),
];

describe('upcasting schema version 1 to 2', () => {
  it('is the current version, and leaves other events and current ones as they are', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(2);
    const data = { indicator: 'ALC-TRAT-URB', value: 30 };
    expect(upcast({ type: 'BaselineSet', data, schemaVersion: 2 }).data).toBe(data);
    const other = { indicator: 'ACU-COB-URB', value: 12_000, previous: null };
    expect(upcast({ type: 'BaselineSet', data: other, schemaVersion: 1 }).data).toEqual(other);
  });

  it('an old log folds to treated wastewater, 27,5 % -> 36 %, and GES-MUN in percent', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await store.append('plan-73001-2024', OLD_LOG, { expectedRevision: 'no_stream' });
    const events = await store.readStream('plan-73001-2024');
    // The stored events are untouched: their hashes still chain.
    expect(verifyChain(events).ok).toBe(true);
    expect(events[1]!.data).toMatchObject({ indicator: 'ALC-NOTRAT-URB', value: 72.5 });

    const state = foldStream(sectorPlan, events);
    expect(state.baselines['ALC-TRAT-URB']).toMatchObject({ value: 27.5 });
    expect(state.baselines['ALC-NOTRAT-URB']).toBeUndefined();
    expect(state.goals['ALC-TRAT-URB']).toMatchObject({
      goalId: '73001-2024-ALC-TRAT-URB',
      targets: [1.5, 2.5, 2.5, 2],
      total: 8.5,
    });
    expect(state.progress['ALC-TRAT-URB']!['2024']).toMatchObject({ value: 32 });
    const treated = goalFigures(state, 'ALC-TRAT-URB')!;
    // 27,5 % -> 36 % treated; 32 % reached is 4.5 of 8.5 points: the same progress as before.
    expect(treated.progress).toMatchObject({ baseline: 27.5, measured: 32, targetLevel: 36 });
    expect(treated.progress!.percent).toBeCloseTo((4.5 / 8.5) * 100, 4);
    expect(treated.gap).toMatchObject({ total: 8.5, contributed: 8.5, gap: 0 });

    expect(state.baselines['GES-MUN']).toMatchObject({ value: 50 });
    expect(state.goals['GES-MUN']).toMatchObject({ targets: [16.67, 16.66, 16.67, 0], total: 50 });
    expect(state.progress['GES-MUN']!['2024']).toMatchObject({ value: 66.67 });
    expect(goalFigures(state, 'GES-MUN')!.progress).toMatchObject({
      targetLevel: 100,
      expectedPercent: 33.34,
    });
    await store.close();
  });

  it('the read models rebuilt from the old log carry the new meaning, audit diffs included', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await store.append('plan-73001-2024', OLD_LOG, { expectedRevision: 'no_stream' });
    const readStore = new EmbeddedReadStore();
    await new Projector(store, readStore, ALL_PROJECTIONS).rebuild();
    const [goal] = await readStore
      .collection<GoalDocument>('goals')
      .findByIds(['73001-2024-ALC-TRAT-URB']);
    expect(goal!.latestProgress).toMatchObject({ value: 32 });
    expect(goal!.figures!.progress).toMatchObject({ targetLevel: 36 });
    const correction = await readStore
      .collection('audit')
      .findOne({ goalId: '73001-2024-ALC-TRAT-URB', reason: 'Corrección del PSMV' });
    expect(correction).toMatchObject({ changes: [{ field: 'value', before: 30, after: 32 }] });
    await store.close();
  });
});
