/**
 * The `goals` read model (a row of Tabla 11 per plan and indicator), event by event: given events,
 * then the document. Every way of applying (a fresh copy per event, a batch's draft in place, a draft
 * read back) must give the same document.
 */
import { goalsProjection, type GoalDocument } from '../../projections/goals';
import type { PlanEvent } from '../../src/domain/plan/events';
import type { RecordedEvent } from '../../src/eventstore/port';
import { baselineAcueductoUrbano, goalAcueductoUrbano, recordedPlanEvent } from '../support/plan';
import { appliedEveryWay } from '../support/drafts';

const STREAM = 'plan-73001-2024';
const ID = '73001-2024-ACU-COB-URB';

function recordedAll(events: PlanEvent[]): RecordedEvent[] {
  return events.map((event, index) =>
    recordedPlanEvent(
      event,
      { revision: index, position: index + 1, recordedAt: new Date(Date.UTC(2024, 2, 1 + index)) },
      index > 0 ? `cambio ${index + 1}` : undefined,
    ),
  );
}

/** The document after the events, every way the projector may apply them (they must agree). */
function given(...events: PlanEvent[]): GoalDocument {
  return appliedEveryWay(goalsProjection, recordedAll(events), ID);
}

const baseline = baselineAcueductoUrbano;
const goalSet = goalAcueductoUrbano;
const progress = (value: number, period: { year: number; month?: number }): PlanEvent => ({
  type: 'ProgressReported',
  data: {
    indicator: 'ACU-COB-URB',
    period,
    value,
    source: 'SUI',
    checklist: null,
    previous: null,
  },
});
const attached = (projectId: string, amount: number): PlanEvent => ({
  type: 'ProjectContributionAttached',
  data: { projectId, indicator: 'ACU-COB-URB', amount, unit: 'poblacion' },
});

describe('goals read model: the latest progress report', () => {
  it('una corrección del mismo periodo reemplaza el último reporte, con su linaje', () => {
    const doc = given(baseline, goalSet, progress(11_500, { year: 2024 }), {
      ...progress(11_400, { year: 2024 }),
      data: {
        ...progress(11_400, { year: 2024 }).data,
        previous: { value: 11_500, source: 'SUI' },
      },
    } as PlanEvent);
    expect(doc.latestProgress).toMatchObject({ value: 11_400, period: { year: 2024 } });
    expect(doc.lineage.latestProgress).toMatchObject({ position: 4, reason: 'cambio 4' });
  });

  it('un reporte de un periodo anterior, recibido después, no desplaza al último', () => {
    const doc = given(
      baseline,
      goalSet,
      progress(11_000, { year: 2025, month: 3 }),
      progress(11_500, { year: 2024 }),
      progress(11_200, { year: 2025, month: 2 }),
    );
    expect(doc.latestProgress).toMatchObject({ value: 11_000, period: { year: 2025, month: 3 } });
    expect(doc.lineage.latestProgress).toMatchObject({ position: 3 });
  });

  it('el reporte anual de 2024 va después de diciembre de 2024 y antes de enero de 2025', () => {
    expect(
      given(
        baseline,
        goalSet,
        progress(11_600, { year: 2024 }),
        progress(11_700, { year: 2024, month: 12 }),
      ).latestProgress,
    ).toMatchObject({ value: 11_600 });
    expect(
      given(
        baseline,
        goalSet,
        progress(11_600, { year: 2024 }),
        progress(11_700, { year: 2025, month: 1 }),
      ).latestProgress,
    ).toMatchObject({ value: 11_700 });
  });

  it('the figures follow the latest report: 1.000 fewer without service of 6.000 is 16,67 %', () => {
    const doc = given(baseline, goalSet, progress(11_000, { year: 2024 }));
    expect(doc.figures?.progress).toMatchObject({ percent: 16.666667, status: 'AL_DIA' });
    expect(doc.lastEventId).toBe('00000000-0000-4000-8000-000000000003');
  });
});

describe('goals read model: the goal and its amendments', () => {
  it('each amendment after adoption counts: set, amended twice = 2 amendments, with the last lineage', () => {
    const amended = (total: number): PlanEvent => ({
      type: 'GoalAmended',
      data: {
        goalId: ID,
        indicator: 'ACU-COB-URB',
        targets: [total, 0, 0, 0],
        total,
        previous: { targets: [1_000, 2_000, 2_000, 1_000], total: 6_000 },
      },
    });
    const doc = given(baseline, goalSet, amended(5_000), amended(4_000));
    expect(doc.goal).toMatchObject({ total: 4_000, amendments: 2 });
    expect(doc.lineage.goal).toMatchObject({ position: 4, eventType: 'GoalAmended' });
    expect(given(baseline, goalSet).goal).toMatchObject({ total: 6_000, amendments: 0 });
  });
});

describe('goals read model: the projects contributing (Tabla 10)', () => {
  it('in project order, a change replaces the amount, a detachment removes it with its lineage', () => {
    const doc = given(
      baseline,
      goalSet,
      attached('P-2', 2_000),
      attached('P-1', 1_000),
      attached('P-3', 500),
      {
        type: 'ProjectContributionChanged',
        data: {
          projectId: 'P-2',
          indicator: 'ACU-COB-URB',
          amount: 2_500,
          unit: 'poblacion',
          previous: { amount: 2_000 },
        },
      },
      {
        type: 'ProjectContributionDetached',
        data: { projectId: 'P-3', indicator: 'ACU-COB-URB', previous: { amount: 500 } },
      },
    );
    expect(doc.contributions).toEqual([
      { projectId: 'P-1', indicator: 'ACU-COB-URB', amount: 1_000, unit: 'poblacion' },
      { projectId: 'P-2', indicator: 'ACU-COB-URB', amount: 2_500, unit: 'poblacion' },
    ]);
    expect(Object.keys(doc.lineage.contributions).sort()).toEqual(['P-1', 'P-2']);
    expect(doc.lineage.contributions['P-2']).toMatchObject({
      position: 6,
      eventType: 'ProjectContributionChanged',
    });
    // Tabla 10: 3.500 of 6.000 backed by projects.
    expect(doc.figures?.gap).toMatchObject({ contributed: 3_500, gap: 2_500 });
  });

  it('a project attached after another with a greater code goes before it', () => {
    expect(
      given(baseline, goalSet, attached('P-2', 2_000), attached('P-1', 1_000)).contributions.map(
        (c) => c.projectId,
      ),
    ).toEqual(['P-1', 'P-2']);
  });

  it('applying an event to a document leaves the previous document as it was', () => {
    const [first, second] = recordedAll([baseline, attached('P-1', 1_000)]);
    const before = goalsProjection.apply(null, first!, ID) as GoalDocument;
    const snapshot = JSON.stringify(before);
    const after = goalsProjection.apply(before, second!, ID) as GoalDocument;
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(after.contributions).toHaveLength(1);
  });

  it('an event about another aggregate or without an indicator belongs to no goal', () => {
    const [opened] = recordedAll([
      {
        type: 'PlanOpened',
        data: {
          planId: STREAM,
          daneCode: '73001',
          municipality: 'IBAGUÉ',
          departmentCode: '73',
          department: 'TOLIMA',
          firstYear: 2024,
          lastYear: 2027,
        },
      },
    ]);
    expect(goalsProjection.idsOf(opened!)).toEqual([]);
    expect(goalsProjection.idsOf({ ...opened!, stream: 'ctpreview-73001-2024-2025-1' })).toEqual(
      [],
    );
  });
});
