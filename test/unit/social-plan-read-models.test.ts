/**
 * The read models of the Plan de Gestión Social: given a plan's events, then the `social_plans`
 * document (the plan as of any instant) and each `social_activities` document (an activity as it
 * stands, with the groups it reached, for filtered lists).
 */
import {
  socialActivitiesProjection,
  socialEventOf,
  socialPlanAt,
  socialPlansProjection,
  type SocialPlanDocument,
} from '../../projections/social';
import type { SocialPlanEvent } from '../../src/domain/social/social-plan';
import { projectAll as project, recorder } from '../support/recorded';

const DEPARTMENTAL = 'socialplan-73-2024';
const MUNICIPAL = 'socialplan-73001-2024';

const opened = (stream: string, scope: string): SocialPlanEvent => ({
  type: 'SocialPlanOpened',
  data: {
    planId: stream,
    scope,
    firstYear: 2024,
    objectives: ['Apropiación social de las obras del PDA'],
    municipalities: ['73001', '73268'],
  },
});
const programme: SocialPlanEvent = {
  type: 'ProgrammeAdded',
  data: {
    programmeId: 'PG-1',
    line: 'PARTICIPACION' as never,
    name: 'Programa de participación',
    objectives: [],
    goals: [],
  },
};
const planned = (activityId: string, municipality = '73268'): SocialPlanEvent => ({
  type: 'ActivityPlanned',
  data: {
    activityId,
    programmeId: 'PG-1',
    line: 'PARTICIPACION' as never,
    name: 'Taller de control social',
    municipality,
    plannedSemester: '2024-2',
    budget: 5_000_000,
    expectedProduct: 'Acta del taller',
    linkedTo: null,
  },
});
const execution = {
  date: '2024-09-14',
  place: 'Salón comunal barrio El Salado',
  participants: {
    age: { '0-17': 0, '18-26': 10, '27-59': 20, '60+': 0 },
    sex: { mujeres: 18, hombres: 12, intersexuales: 0 },
    ethnicGroup: { indigena: 3, sin_pertenencia: 27 },
    condition: { victima: 4 },
  },
  rightsCategories: ['ciudadania'],
  product: 'Acta y compromisos de veeduría',
  evidence: 'Carpeta PDA-2024/acta-17.pdf',
  actualCost: 4_200_000,
};

describe('which events are a social plan’s', () => {
  const record = recorder();

  it('the social plan events of a departmental or municipal social plan stream', () => {
    expect(socialEventOf(record(DEPARTMENTAL, programme))).toMatchObject({
      type: 'ProgrammeAdded',
    });
    expect(socialEventOf(record(MUNICIPAL, programme))).toMatchObject({ type: 'ProgrammeAdded' });
    for (const stream of [
      'socialplan-735-2024',
      'socialplan-73-24',
      'xsocialplan-73-2024',
      'socialplan-73-2024-1',
      'plan-73001-2024',
    ]) {
      expect(socialEventOf(record(stream, programme))).toBeNull();
    }
    expect(socialEventOf(record(DEPARTMENTAL, { type: 'GoalSet', data: {} }))).toBeNull();
    expect(socialPlansProjection.idsOf(record('plan-73001-2024', programme))).toEqual([]);
  });

  it('an activity’s events reach its document; the plan’s and a programme’s reach none', () => {
    expect(socialActivitiesProjection.idsOf(record(DEPARTMENTAL, planned('A-1')))).toEqual([
      `${DEPARTMENTAL}/A-1`,
    ]);
    expect(socialActivitiesProjection.idsOf(record(DEPARTMENTAL, programme))).toEqual([]);
    expect(
      socialActivitiesProjection.idsOf(record(DEPARTMENTAL, opened(DEPARTMENTAL, '73'))),
    ).toEqual([]);
    expect(socialActivitiesProjection.idsOf(record('plan-73001-2024', planned('A-1')))).toEqual([]);
  });
});

describe('social_plans read model', () => {
  it('a departmental plan: its scope, cuatrienio, state, revision and dated history', () => {
    const record = recorder();
    const events = [
      record(DEPARTMENTAL, opened(DEPARTMENTAL, '73')),
      record(DEPARTMENTAL, programme),
      record(DEPARTMENTAL, planned('A-1')),
    ];
    const doc = project(socialPlansProjection, events).get(DEPARTMENTAL)! as SocialPlanDocument;
    expect(doc).toMatchObject({ _id: DEPARTMENTAL, scope: '73', firstYear: 2024, revision: 2 });
    expect(doc.state.programmes['PG-1']).toMatchObject({ name: 'Programa de participación' });
    expect(doc.state.activities['A-1']).toMatchObject({ status: 'PLANNED' });
    expect(doc.history).toEqual(
      events.map((event) => ({
        recordedAt: event.recordedAt,
        event: { type: event.type, data: event.data },
      })),
    );
  });

  it('a municipal plan’s scope is its DANE code', () => {
    const record = recorder();
    const doc = project(socialPlansProjection, [record(MUNICIPAL, opened(MUNICIPAL, '73001'))]);
    expect(doc.get(MUNICIPAL)).toMatchObject({ scope: '73001', firstYear: 2024, revision: 0 });
  });

  it('as of an instant: the events recorded by then, that instant included; before any, none', () => {
    const record = recorder();
    const events = [
      record(DEPARTMENTAL, opened(DEPARTMENTAL, '73'), { at: '2024-03-01T15:00:00Z' }),
      record(DEPARTMENTAL, programme, { at: '2024-03-05T15:00:00Z' }),
    ];
    const doc = project(socialPlansProjection, events).get(DEPARTMENTAL)!;
    expect(socialPlanAt(doc, new Date('2024-03-01T14:59:59.999Z'))).toBeNull();
    expect(socialPlanAt(doc, new Date('2024-03-01T15:00:00Z'))).toMatchObject({
      scope: '73',
      programmes: {},
    });
    expect(Object.keys(socialPlanAt(doc, new Date('2024-03-05T15:00:00Z'))!.programmes)).toEqual([
      'PG-1',
    ]);
  });
});

describe('social_activities read model', () => {
  it('a planned activity: where it happens, in which plan, with its lineage and no groups yet', () => {
    const record = recorder();
    const doc = project(socialActivitiesProjection, [
      record(DEPARTMENTAL, opened(DEPARTMENTAL, '73')),
      record(DEPARTMENTAL, programme),
      record(DEPARTMENTAL, planned('A-1')),
      record(DEPARTMENTAL, planned('A-2', '73001')),
    ]);
    expect(doc.get(`${DEPARTMENTAL}/A-1`)).toEqual({
      ...planned('A-1').data,
      status: 'PLANNED',
      execution: null,
      cancellationReason: null,
      reschedules: 0,
      _id: `${DEPARTMENTAL}/A-1`,
      planId: DEPARTMENTAL,
      scope: '73',
      firstYear: 2024,
      groups: [],
      lastChange: expect.objectContaining({ eventType: 'ActivityPlanned', position: 30 }),
    });
    expect(doc.get(`${DEPARTMENTAL}/A-2`)).toMatchObject({ municipality: '73001' });
  });

  it('rescheduled, then executed: each change of this activity alone, the groups it reached', () => {
    const record = recorder();
    const doc = project(socialActivitiesProjection, [
      record(DEPARTMENTAL, planned('A-1')),
      record(DEPARTMENTAL, planned('A-2')),
      record(DEPARTMENTAL, {
        type: 'ActivityRescheduled',
        data: { activityId: 'A-1', plannedSemester: '2025-1', previous: '2024-2' },
      }),
      record(DEPARTMENTAL, {
        type: 'ActivityExecuted',
        data: { activityId: 'A-1', execution, previous: null },
      }),
    ]);
    expect(doc.get(`${DEPARTMENTAL}/A-1`)).toMatchObject({
      plannedSemester: '2025-1',
      reschedules: 1,
      status: 'EXECUTED',
      groups: [
        'age:18-26',
        'age:27-59',
        'sex:mujeres',
        'sex:hombres',
        'ethnicGroup:indigena',
        'ethnicGroup:sin_pertenencia',
        'condition:victima',
      ],
      lastChange: expect.objectContaining({ eventType: 'ActivityExecuted', position: 40 }),
    });
    expect(doc.get(`${DEPARTMENTAL}/A-2`)).toMatchObject({
      plannedSemester: '2024-2',
      status: 'PLANNED',
      groups: [],
    });
  });

  it('a cancelled activity keeps its plan and reaches no group', () => {
    const record = recorder();
    const doc = project(socialActivitiesProjection, [
      record(MUNICIPAL, planned('A-1', '73001')),
      record(MUNICIPAL, { type: 'ActivityCancelled', data: { activityId: 'A-1' } }),
    ]).get(`${MUNICIPAL}/A-1`)!;
    expect(doc).toMatchObject({ status: 'CANCELLED', scope: '73001', groups: [] });
  });
});
