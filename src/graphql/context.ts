/** Per-request context: the caller, the services, and one DataLoader set per request. */
import DataLoader from 'dataloader';
import type { AuditDocument } from '../../projections/audit';
import type { GoalDocument } from '../../projections/goals';
import type { MethodologyDocument } from '../../projections/monitoring';
import type { TimelineChunkDocument } from '../../projections/plan-history';
import type { PlanDocument } from '../../projections/plans';
import type { Principal } from '../domain/access';
import type { AuditFeed } from '../live/audit-feed';
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
  /** How long a mutation waits for the read models to include its events (default 10 s). */
  readModelWaitMs?: number;
  /** Verification, Merkle proofs and seals (absent in tests that do not need them). */
  integrity?: IntegrityServices;
}

export interface Context {
  principal: Principal | null;
  services: Services;
  loaders: Loaders;
  /** Live audit entries: present on WebSocket subscriptions (`src/http/subscriptions.ts`). */
  live?: AuditFeed;
  requestId: string;
  logger: Logger;
  /**
   * The request's `Idempotency-Key`, and how many of its mutations have run (a request may hold
   * several: each gets its own scoped key from its place). Absent: mutations are not idempotent.
   */
  idempotency?: { key: string; mutations: number } | null;
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

/**
 * Documents by the value of one field: `keyOf` reads it (a function per loader, so that each
 * reads one shape of document: thousands per nested list).
 */
function byField<T extends ReadDocument>(
  store: ReadStore,
  collection: string,
  field: keyof T & string,
  keyOf: (doc: T) => string,
  sort?: Record<string, 1 | -1>,
) {
  return new DataLoader<string, T[]>(async (values) => {
    const found = await store
      .collection<T>(collection)
      .find({ [field]: { $in: [...values] } }, sort ? { sort } : {});
    const groups = groupBy(found, keyOf);
    return values.map((value) => groups.get(value) ?? []);
  });
}

/** A nested query costs one store call per loader, whatever the number of parents. */
export function createLoaders(store: ReadStore) {
  return {
    plan: byIds<PlanDocument>(store, 'plans'),
    // Sorted as their indexes are: the store reads them in index order, with no sort of its own.
    plansByDane: byField<PlanDocument>(store, 'plans', 'daneCode', (doc) => doc.daneCode, {
      daneCode: 1,
      firstYear: 1,
    }),
    goal: byIds<GoalDocument>(store, 'goals'),
    goalsByPlan: byField<GoalDocument>(store, 'goals', 'planId', (doc) => doc.planId, {
      planId: 1,
      indicator: 1,
    }),
    timeline: byField<TimelineChunkDocument>(store, 'plan_history', 'planId', (doc) => doc.planId),
    auditEntry: byIds<AuditDocument>(store, 'audit'),
    auditByGoal: byField<AuditDocument>(store, 'audit', 'goalId', (doc) => String(doc.goalId), {
      position: -1,
    }),
    /** The few methodology documents, read whole once per request (key: "all"). */
    methodologies: new DataLoader<'all', MethodologyDocument[]>(async (keys) => {
      const docs = await store.collection<MethodologyDocument>('methodologies').find({});
      return keys.map(() => docs);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Read your own write: after a mutation, no loader of the request may serve what it cached before
 * it (a plan, its goals, the municipality's list of plans that primes them, their history).
 */
export function forgetReads(loaders: Loaders): void {
  for (const loader of Object.values(loaders)) loader.clearAll();
}
