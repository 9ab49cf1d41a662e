import type { Projection } from '../src/projector/projection';
import { auditProjection } from './audit';
import { goalsProjection } from './goals';
import { planHistoryProjection } from './plan-history';
import { plansProjection } from './plans';

/** Every read model the projector keeps. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  plansProjection,
  goalsProjection,
  planHistoryProjection,
  auditProjection,
] as unknown as Projection[];
