/**
 * The read models the projector keeps (`projections/index.ts`): each has its own checkpoint name
 * and its own collection, so that rebuilding or versioning one never touches another's.
 */
import { ALL_PROJECTIONS } from '../../projections';

describe('the read models the projector keeps', () => {
  it('every read model, each with its own checkpoint and collection', () => {
    const names = ALL_PROJECTIONS.map((projection) => projection.name);
    expect(names).toEqual([
      'plans',
      'goals',
      'plan_history',
      'audit',
      'monitoring',
      'methodologies',
      'social_plans',
      'social_activities',
      'reviews',
      'recommendations',
      'idempotency_keys',
      'risk_scores',
    ]);
    const collections = ALL_PROJECTIONS.map((projection) => projection.collection);
    expect(new Set(collections).size).toBe(collections.length);
  });
});
