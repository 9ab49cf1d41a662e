import type { Projection } from '../src/projector/projection';
import { auditProjection } from './audit';
import { goalsProjection } from './goals';
import { idempotencyKeysProjection } from './idempotency';
import { methodologiesProjection, monitoringProjection } from './monitoring';
import { planHistoryProjection } from './plan-history';
import { socialActivitiesProjection, socialPlansProjection } from './social';
import { plansProjection } from './plans';
import { recommendationsProjection, reviewsProjection } from './reviews';
import { riskScoresProjection } from './risk-scores';
import { loadDivipola } from '../src/reference/divipola';

/** Every read model the projector keeps. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  plansProjection,
  goalsProjection,
  planHistoryProjection,
  auditProjection,
  monitoringProjection,
  methodologiesProjection,
  socialPlansProjection,
  socialActivitiesProjection,
  reviewsProjection,
  recommendationsProjection,
  idempotencyKeysProjection,
  // Reference data: a methodology recorded by the ministry reaches every territorial entity.
  riskScoresProjection(loadDivipola().all.map((entity) => entity.daneCode)),
] as unknown as Projection[];
