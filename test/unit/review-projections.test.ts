import {
  recommendationsProjection,
  reviewAt,
  reviewsProjection,
  type RecommendationDocument,
  type ReviewDocument,
} from '../../projections/reviews';
import type { ReviewEvent } from '../../src/domain/review/events';
import { foldReview } from '../../src/domain/review/state';
import type { RecordedEvent } from '../../src/eventstore/port';
import type { Projection } from '../../src/projector/projection';

const STREAM = 'ctpreview-73001-2024-2025-1';
let position = 0;
function recorded(
  stream: string,
  event: { type: string; data: object },
  at: string,
  metadata: Record<string, unknown> = {},
): RecordedEvent {
  position += 1;
  return {
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type: event.type,
    data: event.data as RecordedEvent['data'],
    metadata: {
      actor: { id: 'ctp', name: 'CTP de Ibagué', role: 'CTP', entity: '73001' },
      correlationId: 'c',
      schemaVersion: 1,
      issuedAt: at,
      ...metadata,
    },
    stream,
    revision: position - 1,
    position,
    recordedAt: new Date(at),
    prevHash: null,
    hash: 'h',
  };
}

const review: Array<[ReviewEvent, string]> = [
  [
    {
      type: 'ReviewOpened',
      data: {
        reviewId: STREAM,
        daneCode: '73001',
        departmentCode: '73',
        municipality: 'IBAGUÉ',
        firstYear: 2024,
        semester: '2025-1',
        asOf: '2025-07-01T04:59:59.999Z',
        knownAt: '2025-07-08T15:00:00.000Z',
        seal: null,
      },
    },
    '2025-07-08T15:00:00Z',
  ],
  [
    { type: 'ConceptRecorded', data: { concept: 'DESFAVORABLE', text: 'x', previous: null } },
    '2025-07-20T15:00:00Z',
  ],
  [
    {
      type: 'RecommendationAdded',
      data: { recommendationId: 'R1', target: { kind: 'PROJECT', id: 'P-002' }, text: 'y' },
    },
    '2025-07-20T16:00:00Z',
  ],
  [
    { type: 'ReviewClosed', data: { concept: 'DESFAVORABLE', recommendationIds: ['R1'] } },
    '2025-07-29T15:00:00Z',
  ],
  [
    {
      type: 'RecommendationAnswered',
      data: {
        recommendationId: 'R1',
        decision: 'ACCEPTED',
        justification: 'z',
        commitmentDate: '2025-10-31',
        previous: null,
      },
    },
    '2025-08-12T15:00:00Z',
  ],
];

function project<D extends { _id: string; _position: number }>(
  projection: Projection<D>,
  events: RecordedEvent[],
): Map<string, D> {
  const docs = new Map<string, D>();
  for (const event of events) {
    for (const id of projection.idsOf(event)) {
      const next = projection.apply(docs.get(id) ?? null, event, id);
      if (next) docs.set(id, { ...next, _position: event.position } as D);
    }
  }
  return docs;
}

describe('review read models', () => {
  const events = review.map(([event, at]) => recorded(STREAM, event, at));
  const citing = recorded(
    'plan-73001-2024',
    { type: 'GoalAmended', data: {} },
    '2025-09-15T15:00:00Z',
    { answersRecommendation: `${STREAM}/R1`, legalBasis: 'Acuerdo 019 de 2025' },
  );

  it('the review as of any instant is the fold of its events recorded by then', () => {
    const doc = project(reviewsProjection, [...events, citing]).get(STREAM)! as ReviewDocument;
    expect(doc.state).toEqual(foldReview(review.map(([event]) => event)));
    for (const [index, [, at]] of review.entries()) {
      const asOf = reviewAt(doc, new Date(at))!;
      expect(asOf.state).toEqual(foldReview(review.slice(0, index + 1).map(([event]) => event)));
    }
    expect(reviewAt(doc, new Date('2025-07-01T00:00:00Z'))).toBeNull();
    expect(doc.status).toBe('CERRADA');
    expect(doc.openRecommendations).toBe(0);
    expect(reviewAt(doc, new Date('2025-09-01T00:00:00Z'))!.citations).toEqual([]);
  });

  it('keeps each recommendation with its response and the change that cites it', () => {
    const before = project(recommendationsProjection, events).get(`${STREAM}/R1`)!;
    expect(before).toMatchObject({ final: true, open: true, citations: [] });
    const after = project(recommendationsProjection, [...events, citing]).get(
      `${STREAM}/R1`,
    )! as RecommendationDocument;
    expect(after.response).toEqual({
      decision: 'ACCEPTED',
      justification: 'z',
      commitmentDate: '2025-10-31',
    });
    expect(after.open).toBe(false);
    expect(after.citations).toEqual([
      expect.objectContaining({
        eventType: 'GoalAmended',
        stream: 'plan-73001-2024',
        legalBasis: 'Acuerdo 019 de 2025',
      }),
    ]);
  });
});
