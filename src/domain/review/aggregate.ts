import { decideReview } from './decide';
import { isReviewEvent } from './events';
import { evolveReview, initialReviewState } from './state';

/** The CTP semester review as one definition, for the command handler. */
export const ctpReview = {
  initialState: initialReviewState,
  evolve: evolveReview,
  decide: decideReview,
  isEvent: isReviewEvent,
};
