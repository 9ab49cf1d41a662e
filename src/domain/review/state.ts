/** The review's state as a fold of its events: pure and total. */
import type {
  ConceptValue,
  Presentation,
  RecommendationTarget,
  Response,
  ReviewEvent,
  ReviewOpened,
} from './events';

export interface Recommendation {
  recommendationId: string;
  target: RecommendationTarget;
  text: string;
  /** Corrections made after it was added (those after closing are marked in their events). */
  corrections: number;
  correctedAfterClosing: boolean;
  response: Response | null;
  /** Times the administration changed its response. */
  responseChanges: number;
}

export interface ReviewState {
  /** Set when the CTP opened the review (a presentation may be recorded before). */
  opened: ReviewOpened['data'] | null;
  concept: (ConceptValue & { correctedAfterClosing: boolean }) | null;
  recommendations: Record<string, Recommendation>;
  closed: boolean;
  presentations: Presentation[];
}

export const initialReviewState = (): ReviewState => ({
  opened: null,
  concept: null,
  recommendations: {},
  closed: false,
  presentations: [],
});

function withRecommendation(state: ReviewState, recommendation: Recommendation): ReviewState {
  return {
    ...state,
    recommendations: {
      ...state.recommendations,
      [recommendation.recommendationId]: recommendation,
    },
  };
}

export function evolveReview(state: ReviewState, event: ReviewEvent): ReviewState {
  switch (event.type) {
    case 'ReviewOpened':
      return { ...state, opened: event.data };
    case 'ConceptRecorded':
    case 'ConceptCorrected':
      return {
        ...state,
        concept: {
          concept: event.data.concept,
          text: event.data.text,
          correctedAfterClosing:
            event.type === 'ConceptCorrected' || (state.concept?.correctedAfterClosing ?? false),
        },
      };
    case 'RecommendationAdded':
      return withRecommendation(state, {
        ...event.data,
        corrections: 0,
        correctedAfterClosing: false,
        response: null,
        responseChanges: 0,
      });
    case 'RecommendationCorrected': {
      const current = state.recommendations[event.data.recommendationId]!;
      return withRecommendation(state, {
        ...current,
        target: event.data.target,
        text: event.data.text,
        corrections: current.corrections + 1,
        correctedAfterClosing: current.correctedAfterClosing || event.data.afterClosing,
      });
    }
    case 'ReviewClosed':
      return { ...state, closed: true };
    case 'RecommendationAnswered': {
      const current = state.recommendations[event.data.recommendationId]!;
      const { decision, justification, commitmentDate } = event.data;
      return withRecommendation(state, {
        ...current,
        response: { decision, justification, commitmentDate },
        responseChanges: current.response ? current.responseChanges + 1 : 0,
      });
    }
    case 'PresentationRecorded':
      return { ...state, presentations: [...state.presentations, event.data] };
  }
}

export const foldReview = (events: readonly ReviewEvent[]): ReviewState =>
  events.reduce(evolveReview, initialReviewState());
