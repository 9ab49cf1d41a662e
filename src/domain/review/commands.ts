/** Commands to the review aggregate: the CTP's (council) and the administration's. */
import type { Decision, Forum, RecommendationTarget } from './events';

interface Justified {
  /** Required for corrections after closing and for changing a response. */
  reason?: string;
  legalBasis?: string;
}

export type CouncilCommand =
  | ({ type: 'OpenReview' } & Justified)
  | ({ type: 'RecordConcept'; concept: string; text: string } & Justified)
  | ({ type: 'AddRecommendation'; target: RecommendationTarget; text: string } & Justified)
  | ({
      type: 'CorrectRecommendation';
      recommendationId: string;
      target?: RecommendationTarget;
      text?: string;
    } & Justified)
  | ({ type: 'CloseReview' } & Justified);

export type AdministrationCommand =
  | ({
      type: 'RespondToRecommendation';
      recommendationId: string;
      decision: string;
      justification: string;
      commitmentDate?: string;
    } & Justified)
  | ({
      type: 'RecordPresentation';
      forum: string;
      date: string;
      act: string;
      attendance: number;
    } & Justified);

export type ReviewCommand = CouncilCommand | AdministrationCommand;

export const COUNCIL_COMMANDS: ReadonlySet<ReviewCommand['type']> = new Set([
  'OpenReview',
  'RecordConcept',
  'AddRecommendation',
  'CorrectRecommendation',
  'CloseReview',
]);

/** Who speaks in a command: the council (CTP) or the administration (planner, PDA). */
export const sideOf = (type: ReviewCommand['type']): 'COUNCIL' | 'ADMINISTRATION' =>
  COUNCIL_COMMANDS.has(type) ? 'COUNCIL' : 'ADMINISTRATION';

/** Declared maxima of the free texts and lists (the API refuses longer input). */
export const REVIEW_LIMITS = {
  conceptText: 10_000,
  recommendationText: 2_000,
  justification: 2_000,
  act: 200,
  reason: 1_000,
  recommendations: 100,
  presentations: 20,
  attendance: 10_000,
} as const;

export type { Decision, Forum };
