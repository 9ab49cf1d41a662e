/** Per-request context: the caller, the services, and one DataLoader set per request. */
import DataLoader from 'dataloader';
import type { AuditDocument } from '../../projections/audit';
import type { GoalDocument } from '../../projections/goals';
import type { MethodologyDocument } from '../../projections/monitoring';
import type { TimelineChunkDocument } from '../../projections/plan-history';
import type { PlanDocument } from '../../projections/plans';
import type { Principal } from '../domain/access';
import type { EventStore } from '../eventstore/port';
import type { IntegrityServices } from '../integrity/service';
import type { Logger } from '../logging';
import type { Projector } from '../projector/projector';
import type { ReadDocument, ReadStore } from '../readstore/port';
import type { Divipola } from '../reference/divipola';

export interface Services {
  events: EventStore;
  readStore: ReadStore;
  projector: Projector;
  territory: Divipola;
  logger: Logger;
  now(): Date;
  /** Verification, Merkle proofs and seals (absent in tests that do not need them). */
  integrity?: IntegrityServices;
}

export interface Context {
  principal: Principal | null;
  services: Services;
  loaders: Loaders;
  requestId: string;
  logger: Logger;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function byIds<T extends ReadDocument>(store: ReadStore, collection: string) {
  return new DataLoader<string, T | null>((ids) => store.collection<T>(collection).findByIds(ids));
}

function byField<T extends ReadDocument>(
  store: ReadStore,
  collection: string,
  field: keyof T & string,
  sort?: Record<string, 1 | -1>,
) {
  return new DataLoader<string, T[]>(async (values) => {
    const found = await store
      .collection<T>(collection)
      .find({ [field]: { $in: [...values] } }, sort ? { sort } : {});
    const groups = groupBy(found, (doc) => String(doc[field]));
    return values.map((value) => groups.get(value) ?? []);
  });
}

/** A nested query costs one store call per loader, whatever the number of parents. */
export function createLoaders(store: ReadStore) {
  return {
    plan: byIds<PlanDocument>(store, 'plans'),
    // Sorted as their indexes are: the store reads them in index order, with no sort of its own.
    plansByDane: byField<PlanDocument>(store, 'plans', 'daneCode', { daneCode: 1, firstYear: 1 }),
    goal: byIds<GoalDocument>(store, 'goals'),
    goalsByPlan: byField<GoalDocument>(store, 'goals', 'planId', { planId: 1, indicator: 1 }),
    timeline: byField<TimelineChunkDocument>(store, 'plan_history', 'planId'),
    auditEntry: byIds<AuditDocument>(store, 'audit'),
    auditByGoal: byField<AuditDocument>(store, 'audit', 'goalId', { position: -1 }),
    /** The few methodology documents, read whole once per request (key: "all"). */
    methodologies: new DataLoader<'all', MethodologyDocument[]>(async (keys) => {
      const docs = await store.collection<MethodologyDocument>('methodologies').find({});
      return keys.map(() => docs);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
