/** The state of a plan at any point of both time axes, from the `plan_history` read model. */
import { periodEnd } from '../domain/time';
import { buildPlanState, type EntityChange, type PlanState } from '../domain/plan/state';
import {
  versionKey,
  type EntityHistoryDocument,
  type EntityVersion,
  type PlanTimeline,
} from '../../projections/plan-history';
import type { ReadStore } from '../readstore/port';
import type { Bitemporal } from './as-of';

export interface PlanAtTime {
  state: PlanState;
  /** The version of each entity in force then, by `kind/key`: its event id gives its lineage. */
  versions: Map<string, EntityVersion>;
}

const firstPosition = (entity: EntityHistoryDocument) => entity.versions[0]?.position ?? 0;

/**
 * For each entity, the last version recorded by `knownAt` (so the state is the fold of the plan's
 * events recorded by then), keeping progress whose period ends by `validUntil`. Entities are taken
 * in the order they first appeared, as the fold meets them.
 */
export function planAtTime(timeline: PlanTimeline, time: Bitemporal): PlanAtTime | null {
  const knownAt = time.knownAt.getTime();
  const validUntil = time.validUntil?.getTime() ?? Number.POSITIVE_INFINITY;
  const entities = [...timeline].sort((a, b) => firstPosition(a) - firstPosition(b));
  const changes: EntityChange[] = [];
  const versions = new Map<string, EntityVersion>();
  for (const entity of entities) {
    let inForce: EntityVersion | undefined;
    for (let i = entity.versions.length - 1; i >= 0; i--) {
      const version = entity.versions[i]!;
      if (version.validFrom.getTime() <= knownAt) {
        inForce = version;
        break;
      }
    }
    if (!inForce || inForce.value === null) continue;
    if (inForce.period !== null && periodEnd(inForce.period).getTime() > validUntil) continue;
    changes.push({ kind: entity.kind, key: entity.key, value: inForce.value });
    versions.set(versionKey(entity), inForce);
  }
  if (!versions.has('header/plan')) return null;
  return { state: buildPlanState(changes), versions };
}

/** Every entity of a plan, with all its versions: one indexed lookup. */
export function planTimeline(store: ReadStore, planId: string): Promise<EntityHistoryDocument[]> {
  return store.collection<EntityHistoryDocument>('plan_history').find({ planId });
}

export async function planAsOf(
  store: ReadStore,
  planId: string,
  time: Bitemporal,
): Promise<PlanState | null> {
  return planAtTime(await planTimeline(store, planId), time)?.state ?? null;
}
