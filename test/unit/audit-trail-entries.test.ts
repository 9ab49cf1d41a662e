/**
 * The `audit` read model, entry by entry: given an event of a plan, a Plan de Gestión Social or a
 * CTP review, then the entry a control body reads (who, when, on what legal basis, which entity
 * and which fields changed, before → after).
 */
import { auditProjection, diffFields, type AuditDocument } from '../../projections/audit';
import type { PlanEvent } from '../../src/domain/plan/events';
import type { ReviewEvent } from '../../src/domain/review/events';
import type { SocialPlanEvent } from '../../src/domain/social/social-plan';
import type { RecordedEvent } from '../../src/eventstore/port';
import { baselineAcueductoUrbano, planOpened } from '../support/plan';
import { PLANNER, recorder } from '../support/recorded';
import { REVIEW_STREAM, reviewOpened } from '../support/review-events';

const PLAN = 'plan-73001-2024';
const SOCIAL = 'socialplan-73-2024';
const REVIEW = REVIEW_STREAM;

function entryOf(recorded: RecordedEvent): AuditDocument {
  expect(auditProjection.idsOf(recorded)).toEqual([recorded.id]);
  return auditProjection.apply(null, recorded, recorded.id) as AuditDocument;
}

describe('audit diff: the fields a change altered, before → after', () => {
  it('a new value lists every field it sets, in order, and skips the empty ones', () => {
    expect(diffFields(null, { value: 4.2, source: 'INS', checklist: null })).toEqual([
      { field: 'value', before: null, after: 4.2 },
      { field: 'source', before: null, after: 'INS' },
    ]);
  });

  it('a removed value lists every field it had, after null', () => {
    expect(diffFields({ amount: 2500, unit: 'poblacion' }, null)).toEqual([
      { field: 'amount', before: 2500, after: null },
      { field: 'unit', before: 'poblacion', after: null },
    ]);
  });

  it('an amendment lists only the fields that changed: a yearly target by index, the total', () => {
    expect(
      diffFields({ targets: [1, 2, 3, 4], total: 10 }, { targets: [1, 2, 2, 4], total: 9 }),
    ).toEqual([
      { field: 'targets[2]', before: 3, after: 2 },
      { field: 'total', before: 10, after: 9 },
    ]);
  });

  it('nested fields are named by their path; a field cleared to null reads as removed', () => {
    expect(
      diffFields(
        { execution: { place: 'Salón comunal', cost: 5 }, note: 'x' },
        { execution: { place: 'Escuela', cost: 5 }, note: null, added: { deep: [7] } },
      ),
    ).toEqual([
      { field: 'execution.place', before: 'Salón comunal', after: 'Escuela' },
      { field: 'note', before: 'x', after: null },
      { field: 'added.deep[0]', before: null, after: 7 },
    ]);
  });

  it('absent and null are the same: no change either way', () => {
    expect(diffFields({ endDate: null }, {})).toEqual([]);
    expect(diffFields({}, { endDate: null })).toEqual([]);
    expect(diffFields({ a: false, b: 0 }, { a: false, b: 0 })).toEqual([]);
  });

  it('fields that name the entity are not changes, at the top level only', () => {
    expect(
      diffFields(null, {
        indicator: 'ACU-COB-URB',
        goalId: 'g',
        projectId: 'P-001',
        table: 't',
        row: 1,
        detail: 'd',
        period: { year: 2024 },
        previous: { value: 1 },
        planId: 'plan-73001-2024',
        needId: 'N-1',
        target: { kind: 'PROJECT', projectId: 'P-002', indicator: 'ACU-COB-URB' },
      }),
    ).toEqual([
      { field: 'target.kind', before: null, after: 'PROJECT' },
      { field: 'target.projectId', before: null, after: 'P-002' },
      { field: 'target.indicator', before: null, after: 'ACU-COB-URB' },
    ]);
  });
});

describe('audit entries of a sector plan', () => {
  const record = recorder();
  const opened = record(PLAN, planOpened);
  const baseline = record(PLAN, baselineAcueductoUrbano);
  const amended = record(
    PLAN,
    {
      type: 'GoalAmended',
      data: {
        goalId: '73001-2024-ACU-COB-URB',
        indicator: 'ACU-COB-URB',
        targets: [1_000, 2_000, 1_500, 1_000],
        total: 5_500,
        previous: { targets: [1_000, 2_000, 2_000, 1_000], total: 6_000 },
      },
    } satisfies PlanEvent,
    {
      reason: 'Ajuste por recorte del SGP',
      legalBasis: 'Acuerdo 019 de 2025',
      answersRecommendation: `${REVIEW}/R1`,
      actor: { id: 'u-7', name: 'Luis Pérez', role: 'PLANNER', entity: '73001' },
    },
  );
  const detached = record(PLAN, {
    type: 'ProjectContributionDetached',
    data: { projectId: 'P-001', indicator: 'ACU-COB-URB', previous: { amount: 2_500 } },
  });

  it('says who, when, why, on what legal basis and the hash that proves it', () => {
    const entry = entryOf(amended);
    expect(entry).toEqual({
      _id: amended.id,
      position: 30,
      recordedAt: amended.recordedAt,
      revision: 2,
      eventType: 'GoalAmended',
      actor: { id: 'u-7', name: 'Luis Pérez', role: 'PLANNER', entity: '73001' },
      reason: 'Ajuste por recorte del SGP',
      legalBasis: 'Acuerdo 019 de 2025',
      correlationId: 'corr-3',
      answersRecommendation: `${REVIEW}/R1`,
      hash: 'hash-3',
      planId: PLAN,
      daneCode: '73001',
      entityType: 'goal',
      entityId: `${PLAN}/goal/ACU-COB-URB`,
      goalId: '73001-2024-ACU-COB-URB',
      changes: [
        { field: 'targets[2]', before: 2_000, after: 1_500 },
        { field: 'total', before: 6_000, after: 5_500 },
      ],
    });
  });

  it('an event without reason, legal basis or citation says null for each', () => {
    expect(entryOf(baseline)).toMatchObject({
      reason: null,
      legalBasis: null,
      answersRecommendation: null,
      actor: PLANNER,
      entityType: 'baseline',
      entityId: `${PLAN}/baseline/ACU-COB-URB`,
      goalId: '73001-2024-ACU-COB-URB',
    });
  });

  it('an entry bears on no goal when its event names no indicator', () => {
    expect(entryOf(opened)).toMatchObject({ entityType: 'header', goalId: null, revision: 0 });
  });

  it('a detached contribution lists what it removed, before → null', () => {
    expect(entryOf(detached)).toMatchObject({
      entityType: 'contribution',
      changes: [{ field: 'amount', before: 2_500, after: null }],
    });
  });

  it('events of other aggregates make no entry', () => {
    const other = record('monitoring-73001-2024', { type: 'BudgetReported', data: {} });
    expect(auditProjection.idsOf(other)).toEqual([]);
    expect(auditProjection.idsOf(record(PLAN, { type: 'NotAPlanEvent', data: {} }))).toEqual([]);
  });
});

describe('audit entries of a Plan de Gestión Social', () => {
  const record = recorder();
  const participants = {
    age: { '18-26': 10 },
    sex: { mujeres: 6, hombres: 4 },
    ethnicGroup: {},
    condition: {},
  };
  const execution = {
    date: '2024-09-14',
    place: 'Salón comunal',
    participants,
    rightsCategories: ['ciudadania'],
    product: 'Acta',
    evidence: 'acta-17.pdf',
    actualCost: 4_200_000,
  };
  const social = (event: SocialPlanEvent) => entryOf(record(SOCIAL, event));

  it('the plan, a programme and an activity are new entities: every field they set', () => {
    expect(
      social({
        type: 'SocialPlanOpened',
        data: {
          planId: SOCIAL,
          scope: '73',
          firstYear: 2024,
          objectives: ['Apropiación social'],
          municipalities: ['73001'],
        },
      }),
    ).toMatchObject({
      planId: SOCIAL,
      daneCode: '73',
      entityType: 'socialplan',
      entityId: `${SOCIAL}/socialplan/plan`,
      goalId: null,
      changes: [
        { field: 'scope', before: null, after: '73' },
        { field: 'firstYear', before: null, after: 2024 },
        { field: 'objectives[0]', before: null, after: 'Apropiación social' },
        { field: 'municipalities[0]', before: null, after: '73001' },
      ],
    });
    expect(
      social({
        type: 'ProgrammeAdded',
        data: { programmeId: 'PG-1', line: 'L1', name: 'Programa', objectives: [], goals: [] },
      } as unknown as SocialPlanEvent),
    ).toMatchObject({
      entityType: 'programme',
      entityId: `${SOCIAL}/programme/PG-1`,
      daneCode: '73',
      changes: [
        { field: 'programmeId', before: null, after: 'PG-1' },
        { field: 'line', before: null, after: 'L1' },
        { field: 'name', before: null, after: 'Programa' },
      ],
    });
  });

  it('a departmental plan’s activity counts for the municipality where it happens', () => {
    expect(
      social({
        type: 'ActivityPlanned',
        data: { activityId: 'A-1', programmeId: 'PG-1', municipality: '73268', budget: 5 },
      } as unknown as SocialPlanEvent),
    ).toMatchObject({
      daneCode: '73268',
      entityType: 'activity',
      entityId: `${SOCIAL}/activity/A-1`,
      changes: [
        { field: 'activityId', before: null, after: 'A-1' },
        { field: 'programmeId', before: null, after: 'PG-1' },
        { field: 'municipality', before: null, after: '73268' },
        { field: 'budget', before: null, after: 5 },
      ],
    });
  });

  it('a rescheduled activity shows the semester before and after', () => {
    expect(
      social({
        type: 'ActivityRescheduled',
        data: { activityId: 'A-1', plannedSemester: '2025-1', previous: '2024-2' },
      }),
    ).toMatchObject({
      daneCode: '73',
      entityId: `${SOCIAL}/activity/A-1`,
      changes: [{ field: 'plannedSemester', before: '2024-2', after: '2025-1' }],
    });
  });

  it('a cancelled activity goes from PLANNED to CANCELLED', () => {
    expect(social({ type: 'ActivityCancelled', data: { activityId: 'A-1' } })).toMatchObject({
      entityType: 'activity',
      entityId: `${SOCIAL}/activity/A-1`,
      changes: [{ field: 'status', before: 'PLANNED', after: 'CANCELLED' }],
    });
  });

  it('an executed activity lists its execution; a corrected one only what changed', () => {
    expect(
      social({ type: 'ActivityExecuted', data: { activityId: 'A-1', execution, previous: null } })
        .changes,
    ).toContainEqual({ field: 'participants.sex.mujeres', before: null, after: 6 });
    const corrected = social({
      type: 'ActivityExecuted',
      data: {
        activityId: 'A-1',
        execution: { ...execution, actualCost: 4_000_000 },
        previous: execution,
      },
    });
    expect(corrected).toMatchObject({
      entityId: `${SOCIAL}/activity/A-1`,
      changes: [{ field: 'actualCost', before: 4_200_000, after: 4_000_000 }],
    });
  });
});

describe('audit entries of a CTP review', () => {
  const record = recorder();
  const review = (event: ReviewEvent) => entryOf(record(REVIEW, event));
  const target = { kind: 'PROJECT', id: 'P-002' } as const;

  it('opening a review records its instants and seal, and belongs to the municipality', () => {
    expect(
      review({
        ...reviewOpened,
        data: { ...reviewOpened.data, seal: { rootHash: 'abc', treeSize: 10 } as never },
      }),
    ).toMatchObject({
      planId: REVIEW,
      daneCode: '73001',
      entityType: 'review',
      entityId: `${REVIEW}/review/review`,
      goalId: null,
      changes: [
        { field: 'status', before: null, after: 'ABIERTA' },
        { field: 'asOf', before: null, after: '2025-07-01T04:59:59.999Z' },
        { field: 'knownAt', before: null, after: '2025-07-08T15:00:00.000Z' },
        { field: 'seal', before: null, after: 'abc' },
      ],
    });
    const unsealed = review({
      type: 'ReviewOpened',
      data: { asOf: 'a', knownAt: 'k', seal: null },
    } as unknown as ReviewEvent);
    expect(unsealed.changes.map((c) => c.field)).toEqual(['status', 'asOf', 'knownAt']);
  });

  it('the concepto and its correction show the value they replace', () => {
    expect(
      review({
        type: 'ConceptRecorded',
        data: { concept: 'FAVORABLE', text: 'Bien', previous: null },
      }).changes,
    ).toEqual([
      { field: 'concept', before: null, after: 'FAVORABLE' },
      { field: 'text', before: null, after: 'Bien' },
    ]);
    expect(
      review({
        type: 'ConceptCorrected',
        data: {
          concept: 'DESFAVORABLE',
          text: 'Bien',
          previous: { concept: 'FAVORABLE', text: 'Bien' },
        },
      }),
    ).toMatchObject({
      eventType: 'ConceptCorrected',
      entityType: 'review',
      changes: [{ field: 'concept', before: 'FAVORABLE', after: 'DESFAVORABLE' }],
    });
  });

  it('closing goes from ABIERTA to CERRADA', () => {
    expect(
      review({ type: 'ReviewClosed', data: { concept: 'FAVORABLE', recommendationIds: [] } }),
    ).toMatchObject({
      entityType: 'review',
      entityId: `${REVIEW}/review/review`,
      changes: [{ field: 'status', before: 'ABIERTA', after: 'CERRADA' }],
    });
  });

  it('a recommendation, its correction and the administration’s responses', () => {
    expect(
      review({
        type: 'RecommendationAdded',
        data: { recommendationId: 'R1', target, text: 'Priorizar' },
      }),
    ).toMatchObject({
      entityType: 'recommendation',
      entityId: `${REVIEW}/recommendation/R1`,
      changes: [
        { field: 'recommendationId', before: null, after: 'R1' },
        { field: 'target.kind', before: null, after: 'PROJECT' },
        { field: 'target.id', before: null, after: 'P-002' },
        { field: 'text', before: null, after: 'Priorizar' },
      ],
    });
    expect(
      review({
        type: 'RecommendationCorrected',
        data: {
          recommendationId: 'R1',
          target,
          text: 'Priorizar el P-002',
          previous: { target, text: 'Priorizar' },
          afterClosing: false,
        },
      }),
    ).toMatchObject({
      entityType: 'recommendation',
      entityId: `${REVIEW}/recommendation/R1`,
      changes: [{ field: 'text', before: 'Priorizar', after: 'Priorizar el P-002' }],
    });
    const answer = {
      decision: 'ACCEPTED',
      justification: 'Se incluye',
      commitmentDate: '2025-10-31',
    } as const;
    expect(
      review({
        type: 'RecommendationAnswered',
        data: { recommendationId: 'R1', ...answer, previous: null },
      }),
    ).toMatchObject({
      entityType: 'recommendation',
      entityId: `${REVIEW}/recommendation/R1`,
      changes: [
        { field: 'response.decision', before: null, after: 'ACCEPTED' },
        { field: 'response.justification', before: null, after: 'Se incluye' },
        { field: 'response.commitmentDate', before: null, after: '2025-10-31' },
      ],
    });
    expect(
      review({
        type: 'RecommendationAnswered',
        data: {
          recommendationId: 'R1',
          ...answer,
          decision: 'REJECTED',
          commitmentDate: null,
          previous: answer,
        },
      }).changes,
    ).toEqual([
      { field: 'response.decision', before: 'ACCEPTED', after: 'REJECTED' },
      { field: 'response.commitmentDate', before: '2025-10-31', after: null },
    ]);
  });

  it('a presentation before a forum is a new entity', () => {
    expect(
      review({
        type: 'PresentationRecorded',
        data: {
          presentationId: 'PR-1',
          forum: 'CTP' as never,
          date: '2025-06-10',
          act: 'Acta 07 de 2025',
          attendance: 12,
        },
      }),
    ).toMatchObject({
      entityType: 'presentation',
      entityId: `${REVIEW}/presentation/PR-1`,
      changes: expect.arrayContaining([
        { field: 'act', before: null, after: 'Acta 07 de 2025' },
        { field: 'attendance', before: null, after: 12 },
      ]),
    });
  });
});
