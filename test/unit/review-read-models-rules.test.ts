/**
 * The read models of the CTP's semester reviews, rule by rule: given the review's events and the
 * changes of the plan that cite its recommendations, then the `reviews` and `recommendations`
 * documents the councils and the administration follow up.
 */
import {
  openRecommendations,
  recommendationsProjection,
  reviewAt,
  reviewEventOf,
  reviewsProjection,
  type RecommendationDocument,
  type ReviewDocument,
} from '../../projections/reviews';
import type { ReviewEvent } from '../../src/domain/review/events';
import { projectAll as project, recorder } from '../support/recorded';
import { REVIEW_STREAM, reviewOpened } from '../support/review-events';

const REVIEW = REVIEW_STREAM;
const PLAN = 'plan-73001-2024';
const target = { kind: 'PROJECT', id: 'P-002' } as const;

const opened = reviewOpened;
const added = (recommendationId: string): ReviewEvent => ({
  type: 'RecommendationAdded',
  data: { recommendationId, target, text: `Recomendación ${recommendationId}` },
});
const accepted = (recommendationId: string): ReviewEvent => ({
  type: 'RecommendationAnswered',
  data: {
    recommendationId,
    decision: 'ACCEPTED',
    justification: 'Se incluye en la vigencia 2026',
    commitmentDate: '2025-10-31',
    previous: null,
  },
});
const closed = (...recommendationIds: string[]): ReviewEvent => ({
  type: 'ReviewClosed',
  data: { concept: 'FAVORABLE', recommendationIds },
});
const presentation: ReviewEvent = {
  type: 'PresentationRecorded',
  data: {
    presentationId: 'PR-1',
    forum: 'CTP' as never,
    date: '2025-06-10',
    act: 'Acta 07 de 2025',
    attendance: 12,
  },
};

describe('which events are a review’s', () => {
  const record = recorder();

  it('only the review events of a review stream', () => {
    expect(reviewEventOf(record(REVIEW, opened))).toMatchObject({ type: 'ReviewOpened' });
    expect(reviewEventOf(record('ctpreview-73001-2024', opened))).toBeNull();
    expect(reviewEventOf(record('ctpreview-73001-2024-2025-3', opened))).toBeNull();
    expect(reviewEventOf(record(PLAN, opened))).toBeNull();
    expect(reviewEventOf(record(REVIEW, { type: 'GoalAmended', data: {} }))).toBeNull();
  });

  it('a change elsewhere citing a recommendation reaches that review and that recommendation', () => {
    const citing = record(
      PLAN,
      { type: 'GoalAmended', data: {} },
      { answersRecommendation: `${REVIEW}/R2` },
    );
    expect(reviewsProjection.idsOf(citing)).toEqual([REVIEW]);
    expect(recommendationsProjection.idsOf(citing)).toEqual([`${REVIEW}/R2`]);
  });

  it('a malformed citation, no citation, or one from inside a review stream reaches nothing', () => {
    for (const event of [
      record(PLAN, { type: 'GoalAmended', data: {} }, { answersRecommendation: 'R2' }),
      record(PLAN, { type: 'GoalAmended', data: {} }, { answersRecommendation: '' }),
      record(PLAN, { type: 'GoalAmended', data: {} }),
      record(REVIEW, { type: 'Unknown', data: {} }, { answersRecommendation: `${REVIEW}/R2` }),
    ]) {
      expect(reviewsProjection.idsOf(event)).toEqual([]);
      expect(recommendationsProjection.idsOf(event)).toEqual([]);
    }
  });

  it('a recommendation’s events reach it; closing reaches every recommendation it makes final', () => {
    expect(recommendationsProjection.idsOf(record(REVIEW, added('R1')))).toEqual([`${REVIEW}/R1`]);
    expect(recommendationsProjection.idsOf(record(REVIEW, closed('R1', 'R3')))).toEqual([
      `${REVIEW}/R1`,
      `${REVIEW}/R3`,
    ]);
    expect(recommendationsProjection.idsOf(record(REVIEW, opened))).toEqual([]);
    expect(recommendationsProjection.idsOf(record(REVIEW, presentation))).toEqual([]);
  });
});

describe('reviews read model', () => {
  it('names the review: municipality, department, cuatrienio, semester; status and revision', () => {
    const record = recorder();
    const doc = project(reviewsProjection, [
      record(REVIEW, opened),
      record(REVIEW, added('R1')),
    ]).get(REVIEW)! as ReviewDocument;
    expect(doc).toMatchObject({
      _id: REVIEW,
      daneCode: '73001',
      departmentCode: '73',
      firstYear: 2024,
      semester: '2025-1',
      status: 'ABIERTA',
      concept: null,
      openRecommendations: 1,
      revision: 1,
      citations: [],
    });
    expect(doc.history.map((h) => h.lineage.eventType)).toEqual([
      'ReviewOpened',
      'RecommendationAdded',
    ]);
    expect(doc.history[1]!.recordedAt).toEqual(doc.history[1]!.lineage.recordedAt);
  });

  it('a presentation recorded before opening leaves the review PENDIENTE', () => {
    const record = recorder();
    const doc = project(reviewsProjection, [record(REVIEW, presentation)]).get(REVIEW)!;
    expect(doc.status).toBe('PENDIENTE');
    expect(doc.revision).toBe(0);
  });

  it('a citation before any review event makes a PENDIENTE review, revision -1, with the citation', () => {
    const record = recorder();
    const citing = record(
      PLAN,
      { type: 'ProjectRegistered', data: {} },
      { answersRecommendation: `${REVIEW}/R1`, reason: 'Atiende R1' },
    );
    const doc = project(reviewsProjection, [citing]).get(REVIEW)!;
    expect(doc).toMatchObject({ status: 'PENDIENTE', revision: -1, history: [] });
    expect(doc.citations).toEqual([
      {
        recommendationId: 'R1',
        eventId: citing.id,
        eventType: 'ProjectRegistered',
        stream: PLAN,
        recordedAt: citing.recordedAt,
        reason: 'Atiende R1',
        legalBasis: null,
      },
    ]);
  });

  it('a citation keeps the review’s revision: the next edit of the review expects it', () => {
    const record = recorder();
    const doc = project(reviewsProjection, [
      record(REVIEW, opened),
      record(REVIEW, added('R1')),
      record(PLAN, { type: 'GoalAmended', data: {} }, { answersRecommendation: `${REVIEW}/R1` }),
    ]).get(REVIEW)!;
    expect(doc.revision).toBe(1);
    expect(doc.history).toHaveLength(2);
    expect(doc.citations).toHaveLength(1);
  });

  it('closed with its concepto: CERRADA, and an accepted recommendation stays open until cited', () => {
    const record = recorder();
    const events = [
      record(REVIEW, opened),
      record(REVIEW, {
        type: 'ConceptRecorded',
        data: { concept: 'FAVORABLE', text: 'Bien', previous: null },
      }),
      record(REVIEW, added('R1')),
      record(REVIEW, added('R2')),
      record(REVIEW, closed('R1', 'R2')),
      record(REVIEW, accepted('R1')),
      record(REVIEW, accepted('R2')),
    ];
    const doc = project(reviewsProjection, events).get(REVIEW)!;
    expect(doc).toMatchObject({ status: 'CERRADA', concept: 'FAVORABLE', openRecommendations: 2 });
    const cited = project(reviewsProjection, [
      ...events,
      record(PLAN, { type: 'GoalAmended', data: {} }, { answersRecommendation: `${REVIEW}/R2` }),
    ]).get(REVIEW)!;
    expect(cited.openRecommendations).toBe(1);
    expect(openRecommendations(cited.state, [])).toBe(2);
  });

  it('as of an instant: the events and citations recorded by then, that instant included', () => {
    const record = recorder();
    const events = [
      record(REVIEW, opened, { at: '2025-07-08T15:00:00Z' }),
      record(REVIEW, added('R1'), { at: '2025-07-20T15:00:00Z' }),
      record(REVIEW, accepted('R1'), { at: '2025-08-01T15:00:00Z' }),
      record(
        PLAN,
        { type: 'GoalAmended', data: {} },
        { answersRecommendation: `${REVIEW}/R1`, at: '2025-09-15T15:00:00Z' },
      ),
    ];
    const doc = project(reviewsProjection, events).get(REVIEW)!;
    expect(reviewAt(doc, new Date('2025-07-08T14:59:59.999Z'))).toBeNull();
    const atOpening = reviewAt(doc, new Date('2025-07-08T15:00:00Z'))!;
    expect(atOpening.history).toHaveLength(1);
    expect(atOpening.state.opened).not.toBeNull();
    expect(atOpening.state.recommendations).toEqual({});
    expect(reviewAt(doc, new Date('2025-09-15T14:59:59.999Z'))!.citations).toEqual([]);
    const atCitation = reviewAt(doc, new Date('2025-09-15T15:00:00Z'))!;
    expect(atCitation.citations).toHaveLength(1);
    expect(atCitation.state.recommendations['R1']!.response).toMatchObject({
      decision: 'ACCEPTED',
    });
  });
});

describe('recommendations read model', () => {
  it('a recommendation before closing is not final, open, with its lineage', () => {
    const record = recorder();
    const events = [record(REVIEW, opened), record(REVIEW, added('R1'))];
    const doc = project(recommendationsProjection, events).get(
      `${REVIEW}/R1`,
    )! as RecommendationDocument;
    expect(doc).toEqual({
      _id: `${REVIEW}/R1`,
      reviewId: REVIEW,
      recommendationId: 'R1',
      daneCode: '73001',
      departmentCode: '73',
      firstYear: 2024,
      semester: '2025-1',
      target,
      text: 'Recomendación R1',
      corrections: 0,
      correctedAfterClosing: false,
      responseChanges: 0,
      final: false,
      response: null,
      citations: [],
      open: true,
      lastChange: expect.objectContaining({ eventType: 'RecommendationAdded', position: 20 }),
    });
  });

  it('closing makes it final, and final it stays through the response and its citation', () => {
    const record = recorder();
    const events = [
      record(REVIEW, opened),
      record(REVIEW, added('R1')),
      record(REVIEW, closed('R1')),
      record(REVIEW, accepted('R1')),
    ];
    const answered = project(recommendationsProjection, events).get(`${REVIEW}/R1`)!;
    expect(answered).toMatchObject({ final: true, open: true });
    const citing = record(
      PLAN,
      { type: 'GoalAmended', data: {} },
      { answersRecommendation: `${REVIEW}/R1`, legalBasis: 'Acuerdo 019 de 2025' },
    );
    const attended = project(recommendationsProjection, [...events, citing]).get(`${REVIEW}/R1`)!;
    expect(attended).toMatchObject({
      final: true,
      open: false,
      response: { decision: 'ACCEPTED', commitmentDate: '2025-10-31' },
      lastChange: expect.objectContaining({ eventId: citing.id }),
    });
    expect(attended.citations).toEqual([
      expect.objectContaining({ recommendationId: 'R1', legalBasis: 'Acuerdo 019 de 2025' }),
    ]);
  });

  it('a change citing it before the review closes attends it, and it is not final yet', () => {
    const record = recorder();
    const doc = project(recommendationsProjection, [
      record(REVIEW, opened),
      record(REVIEW, added('R1')),
      record(REVIEW, accepted('R1')),
      record(PLAN, { type: 'GoalAmended', data: {} }, { answersRecommendation: `${REVIEW}/R1` }),
    ]).get(`${REVIEW}/R1`)!;
    expect(doc).toMatchObject({ final: false, open: false });
    expect(doc.citations).toHaveLength(1);
  });

  it('a correction and a changed response are counted', () => {
    const record = recorder();
    const doc = project(recommendationsProjection, [
      record(REVIEW, opened),
      record(REVIEW, added('R1')),
      record(REVIEW, {
        type: 'RecommendationCorrected',
        data: {
          recommendationId: 'R1',
          target,
          text: 'Priorizar el P-002',
          previous: { target, text: 'Recomendación R1' },
          afterClosing: false,
        },
      }),
      record(REVIEW, accepted('R1')),
      record(REVIEW, {
        type: 'RecommendationAnswered',
        data: {
          recommendationId: 'R1',
          decision: 'REJECTED',
          justification: 'Sin recursos',
          commitmentDate: null,
          previous: accepted('R1').data as { decision: 'ACCEPTED' } & object as never,
        },
      }),
    ]).get(`${REVIEW}/R1`)!;
    expect(doc).toMatchObject({
      text: 'Priorizar el P-002',
      corrections: 1,
      responseChanges: 1,
      response: { decision: 'REJECTED' },
      open: false,
    });
  });

  it('closing a review names no document for a recommendation it never had', () => {
    const record = recorder();
    const closing = record(REVIEW, closed('R9'));
    expect(recommendationsProjection.apply(null, closing, `${REVIEW}/R9`)).toBeNull();
  });

  it('a citation of a recommendation not yet projected keeps no document', () => {
    const record = recorder();
    const citing = record(
      PLAN,
      { type: 'GoalAmended', data: {} },
      { answersRecommendation: `${REVIEW}/R1` },
    );
    expect(recommendationsProjection.apply(null, citing, `${REVIEW}/R1`)).toBeNull();
  });
});
