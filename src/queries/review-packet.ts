/**
 * What a CTP review reads, at the packet's instants: the plan as of the semester as it was known
 * when the review opened, the changes recorded since the semester began, the social plan's
 * execution in the municipality, the last closed vigencia's risk score, and the previous
 * semester's recommendations with their responses. Shared by the GraphQL fields and the report.
 */
import type { AuditDocument } from '../../projections/audit';
import { reviewAt, type Citation, type ReviewDocument } from '../../projections/reviews';
import { socialPlanAt, type SocialPlanDocument } from '../../projections/social';
import { planStreamId } from '../domain/plan/events';
import type { ReviewKey } from '../domain/review/events';
import { reviewStreamId } from '../domain/review/events';
import { recommendationStatus, type RecommendationStatus } from '../domain/review/follow-up';
import { previousReviewKey, riskVigenciaOf } from '../domain/review/packet';
import type { Recommendation, ReviewState } from '../domain/review/state';
import { execution, type ExecutionFigures } from '../domain/social/figures';
import { socialPlanStreamId } from '../domain/social/social-plan';
import { parseSemester, semesterEnd, semesterStart } from '../domain/time';
import type { ReadStore } from '../readstore/port';
import type { Bitemporal } from './as-of';
import { planAtTime, planTimeline, type PlanAtTime } from './plan-as-of';
import { riskOf, type RiskView } from './risk';

/** A review as recorded by some instant (or now), with the citations of its recommendations. */
export interface ReviewAtTime {
  doc: ReviewDocument;
  state: ReviewState;
  citations: Citation[];
  history: ReviewDocument['history'];
  /** Null: the current record. */
  knownAt: Date | null;
}

export async function loadReview(
  store: ReadStore,
  key: ReviewKey,
  knownAt: Date | null,
): Promise<ReviewAtTime | null> {
  const [doc] = await store.collection<ReviewDocument>('reviews').findByIds([reviewStreamId(key)]);
  if (!doc) return null;
  if (knownAt === null)
    return { doc, state: doc.state, citations: doc.citations, history: doc.history, knownAt };
  const at = reviewAt(doc, knownAt);
  return at ? { doc, ...at, knownAt } : null;
}

/**
 * The packet's two instants: fixed when the CTP opened the review (asOf = the semester's end,
 * knownAt = the opening); before that, what the design calls the default, the semester's end on
 * both axes.
 */
export function packetTime(key: ReviewKey, state: ReviewState | null): Bitemporal {
  if (state?.opened)
    return { validUntil: new Date(state.opened.asOf), knownAt: new Date(state.opened.knownAt) };
  const end = semesterEnd(parseSemester(key.semester));
  return { validUntil: end, knownAt: end };
}

export async function planAtPacket(
  store: ReadStore,
  key: ReviewKey,
  time: Bitemporal,
): Promise<PlanAtTime | null> {
  const timeline = await planTimeline(store, planStreamId(key.daneCode, key.firstYear));
  return timeline.length > 0 ? planAtTime(timeline, time) : null;
}

/**
 * Changes of the sector plan recorded from the semester's first instant to the packet's knownAt
 * (late corrections recorded before the review opened included), oldest first.
 */
export function changesInSemester(
  store: ReadStore,
  key: ReviewKey,
  time: Bitemporal,
  page: { limit?: number; afterPosition?: number } = {},
): Promise<AuditDocument[]> {
  const query = changesQuery(key, time);
  return store
    .collection<AuditDocument>('audit')
    .find(
      page.afterPosition === undefined
        ? query
        : { ...query, position: { $gt: page.afterPosition } },
      { sort: { position: 1 }, ...(page.limit === undefined ? {} : { limit: page.limit }) },
    );
}

export function changesQuery(key: ReviewKey, time: Bitemporal): Record<string, unknown> {
  return {
    planId: planStreamId(key.daneCode, key.firstYear),
    recordedAt: { $gte: semesterStart(parseSemester(key.semester)), $lte: time.knownAt },
  };
}

/**
 * The social plan's execution in the municipality, per line and semester up to the review's,
 * from the departmental (PDA) and municipal plans as recorded by knownAt; late is judged then.
 */
export async function socialExecutionAtPacket(
  store: ReadStore,
  key: ReviewKey,
  time: Bitemporal,
): Promise<ExecutionFigures[]> {
  const ids = [
    socialPlanStreamId(key.daneCode.slice(0, 2), key.firstYear),
    socialPlanStreamId(key.daneCode, key.firstYear),
  ];
  const docs = await store.collection<SocialPlanDocument>('social_plans').findByIds(ids);
  return docs.flatMap((doc) => {
    const state = doc ? socialPlanAt(doc, time.knownAt) : null;
    if (!state) return [];
    const activities = Object.fromEntries(
      Object.entries(state.activities).filter(
        ([, a]) => a.municipality === key.daneCode && a.plannedSemester <= key.semester,
      ),
    );
    return execution({ ...state, activities }, time.knownAt);
  });
}

export async function riskAtPacket(
  store: ReadStore,
  key: ReviewKey,
  time: Bitemporal,
): Promise<RiskView> {
  return riskOf(store, key.daneCode, riskVigenciaOf(key.semester), time.knownAt, null);
}

export interface RecommendationAtTime {
  reviewId: string;
  semester: string;
  recommendation: Recommendation;
  citations: Citation[];
  status: RecommendationStatus;
  final: boolean;
}

/** A review's recommendations with their status at `at` (citations recorded by then). */
export function recommendationsOf(review: ReviewAtTime, at: Date): RecommendationAtTime[] {
  return Object.values(review.state.recommendations).map((recommendation) => {
    const citations = review.citations.filter(
      (c) => c.recommendationId === recommendation.recommendationId,
    );
    return {
      reviewId: review.doc._id,
      semester: review.doc.semester,
      recommendation,
      citations,
      status: recommendationStatus(recommendation, citations.length, at),
      final: review.state.closed,
    };
  });
}

/** The previous semester's recommendations and responses as known at the packet's knownAt. */
export async function previousRecommendations(
  store: ReadStore,
  key: ReviewKey,
  time: Bitemporal,
): Promise<RecommendationAtTime[]> {
  const previous = await loadReview(store, previousReviewKey(key), time.knownAt);
  return previous ? recommendationsOf(previous, time.knownAt) : [];
}
