/**
 * Read models of the CTP's semester reviews. `reviews` keeps each review's events with their
 * record time and lineage (the review as of any instant is the fold of those recorded by then, in
 * one lookup), its status, concepto and how many recommendations are still open; `recommendations`
 * keeps each recommendation with the administration's response and the changes of the plan that
 * cite it (`answersRecommendation` in their metadata), for lists and follow-up.
 */
import {
  isReviewEvent,
  parseRecommendationRef,
  recommendationRef,
  reviewKeyOf,
  REVIEW_STREAM_PREFIX,
  type Concept,
  type ReviewEvent,
} from '../src/domain/review/events';
import { isOpen } from '../src/domain/review/follow-up';
import {
  evolveReview,
  initialReviewState,
  type Recommendation,
  type ReviewState,
} from '../src/domain/review/state';
import { upcast } from '../src/domain/upcasting';
import type { RecordedEvent } from '../src/eventstore/port';
import type { ProjectedDocument, Projection } from '../src/projector/projection';
import { lineageOf, type Lineage } from './envelope';

export function reviewEventOf(recorded: RecordedEvent): ReviewEvent | null {
  // Every event of the log that may concern a review passes here: most fail this cheaply.
  if (!recorded.stream.startsWith(REVIEW_STREAM_PREFIX) || !reviewKeyOf(recorded.stream))
    return null;
  const fact = upcast({
    type: recorded.type,
    data: recorded.data,
    schemaVersion: recorded.metadata.schemaVersion,
  });
  return isReviewEvent(fact) ? fact : null;
}

/** A change elsewhere (a goal amendment, a project...) that cites a recommendation it answers. */
export interface Citation {
  recommendationId: string;
  eventId: string;
  eventType: string;
  /** The stream the change was made in, e.g. `plan-73001-2024`. */
  stream: string;
  recordedAt: Date;
  reason: string | null;
  legalBasis: string | null;
}

function citationOf(recorded: RecordedEvent): (Citation & { reviewId: string }) | null {
  const ref = recorded.metadata.answersRecommendation;
  const parsed = ref ? parseRecommendationRef(ref) : null;
  if (!parsed || reviewKeyOf(recorded.stream)) return null;
  return {
    reviewId: parsed.reviewId,
    recommendationId: parsed.recommendationId,
    eventId: recorded.id,
    eventType: recorded.type,
    stream: recorded.stream,
    recordedAt: recorded.recordedAt,
    reason: recorded.metadata.reason ?? null,
    legalBasis: recorded.metadata.legalBasis ?? null,
  };
}

export type ReviewStatus = 'PENDIENTE' | 'ABIERTA' | 'CERRADA';

export const reviewStatusOf = (state: ReviewState): ReviewStatus =>
  state.closed ? 'CERRADA' : state.opened ? 'ABIERTA' : 'PENDIENTE';

/** Recommendations still to follow up, given the citations recorded so far. */
export function openRecommendations(state: ReviewState, citations: readonly Citation[]): number {
  return Object.values(state.recommendations).filter((r) =>
    isOpen(r, citations.filter((c) => c.recommendationId === r.recommendationId).length),
  ).length;
}

export interface ReviewDocument extends ProjectedDocument {
  daneCode: string;
  departmentCode: string;
  firstYear: number;
  semester: string;
  status: ReviewStatus;
  concept: Concept | null;
  openRecommendations: number;
  state: ReviewState;
  revision: number;
  history: Array<{ recordedAt: Date; event: ReviewEvent; lineage: Lineage }>;
  citations: Citation[];
}

/** A municipality's department is the first two digits of its DANE code (DIVIPOLA). */
const departmentOf = (daneCode: string) => daneCode.slice(0, 2);

export const reviewsProjection: Projection<ReviewDocument> = {
  name: 'reviews',
  collection: 'reviews',
  indexes: [
    { keys: { departmentCode: 1, semester: 1 } },
    { keys: { daneCode: 1, semester: 1 } },
    { keys: { semester: 1 } },
  ],
  // A review's own stream, and the events of any stream that cite one of its recommendations.
  streamPrefixes: [REVIEW_STREAM_PREFIX],
  metadataKeys: ['answersRecommendation'],
  idsOf: (recorded) => {
    if (reviewEventOf(recorded)) return [recorded.stream];
    const citation = citationOf(recorded);
    return citation ? [citation.reviewId] : [];
  },
  apply: (doc, recorded, id) => {
    const key = reviewKeyOf(id)!;
    const event = reviewEventOf(recorded);
    const state = event
      ? evolveReview(doc?.state ?? initialReviewState(), event)
      : (doc?.state ?? initialReviewState());
    const history = event
      ? [
          ...(doc?.history ?? []),
          { recordedAt: recorded.recordedAt, event, lineage: lineageOf(recorded) },
        ]
      : (doc?.history ?? []);
    const citation = event ? null : citationOf(recorded);
    const citations = citation
      ? [...(doc?.citations ?? []), withoutReview(citation)]
      : (doc?.citations ?? []);
    return {
      _id: id,
      daneCode: key.daneCode,
      departmentCode: departmentOf(key.daneCode),
      firstYear: key.firstYear,
      semester: key.semester,
      status: reviewStatusOf(state),
      concept: state.concept?.concept ?? null,
      openRecommendations: openRecommendations(state, citations),
      state,
      revision: event ? recorded.revision : (doc?.revision ?? -1),
      history,
      citations,
    };
  },
};

function withoutReview(citation: Citation & { reviewId: string }): Citation {
  const { reviewId: _reviewId, ...rest } = citation;
  return rest;
}

/** The review as recorded by `knownAt`, with the citations recorded by then. */
export function reviewAt(
  doc: ReviewDocument,
  knownAt: Date,
): { state: ReviewState; citations: Citation[]; history: ReviewDocument['history'] } | null {
  const until = knownAt.getTime();
  const history = doc.history.filter((h) => h.recordedAt.getTime() <= until);
  if (history.length === 0) return null;
  return {
    state: history.map((h) => h.event).reduce(evolveReview, initialReviewState()),
    citations: doc.citations.filter((c) => c.recordedAt.getTime() <= until),
    history,
  };
}

export interface RecommendationDocument extends ProjectedDocument, Recommendation {
  reviewId: string;
  daneCode: string;
  departmentCode: string;
  firstYear: number;
  semester: string;
  /** The review was closed: the recommendation is final. */
  final: boolean;
  citations: Citation[];
  open: boolean;
  lastChange: Lineage;
}

export const recommendationsProjection: Projection<RecommendationDocument> = {
  name: 'recommendations',
  collection: 'recommendations',
  indexes: [
    { keys: { reviewId: 1 } },
    { keys: { daneCode: 1, open: 1 } },
    { keys: { departmentCode: 1, open: 1 } },
  ],
  // A review's own stream, and the events of any stream that cite one of its recommendations.
  streamPrefixes: [REVIEW_STREAM_PREFIX],
  metadataKeys: ['answersRecommendation'],
  idsOf: (recorded) => {
    const event = reviewEventOf(recorded);
    if (event?.type === 'ReviewClosed')
      return event.data.recommendationIds.map((r) => recommendationRef(recorded.stream, r));
    if (event && 'recommendationId' in event.data)
      return [recommendationRef(recorded.stream, event.data.recommendationId)];
    const citation = event ? null : citationOf(recorded);
    return citation ? [recommendationRef(citation.reviewId, citation.recommendationId)] : [];
  },
  apply: (doc, recorded, id) => {
    const { reviewId, recommendationId } = parseRecommendationRef(id)!;
    const key = reviewKeyOf(reviewId)!;
    const event = reviewEventOf(recorded);
    const citation = event ? null : citationOf(recorded);
    const earlier = doc?.citations ?? [];
    const citations = citation ? [...earlier, withoutReview(citation)] : earlier;
    // One recommendation's slice of the review: the fold applies to it exactly as to the whole.
    const base: ReviewState = {
      ...initialReviewState(),
      recommendations: doc ? { [recommendationId]: doc } : {},
    };
    const recommendation = event
      ? evolveReview(base, event).recommendations[recommendationId]
      : doc;
    if (!recommendation) return null;
    return {
      _id: id,
      reviewId,
      recommendationId,
      daneCode: key.daneCode,
      departmentCode: departmentOf(key.daneCode),
      firstYear: key.firstYear,
      semester: key.semester,
      target: recommendation.target,
      text: recommendation.text,
      corrections: recommendation.corrections,
      correctedAfterClosing: recommendation.correctedAfterClosing,
      responseChanges: recommendation.responseChanges,
      final: (doc?.final ?? false) || event?.type === 'ReviewClosed',
      response: recommendation.response,
      citations,
      open: isOpen(recommendation, citations.length),
      lastChange: lineageOf(recorded),
    };
  },
};
