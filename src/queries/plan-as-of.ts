/** The state of a plan at any point of both time axes, from the `plan_history` timeline. */
import { periodEnd } from '../domain/time';
import { buildPlanState, type EntityChange, type PlanState } from '../domain/plan/state';
import {
  versionKey,
  type EntityVersion,
  type PlanTimelineDocument,
} from '../../projections/plan-history';
import type { ReadStore } from '../readstore/port';
import type { Bitemporal } from './as-of';

export interface PlanAtTime {
  state: PlanState;
  /** The version of each entity in force then, by `kind/key`: its event id gives its lineage. */
  versions: Map<string, EntityVersion>;
}

/**
 * Replays the timeline up to `knownAt` (versions are in record order, so this is the fold of the
 * plan's events recorded by then) and keeps progress whose period ends by `validUntil`.
 */
export function planAtTime(timeline: PlanTimelineDocument, time: Bitemporal): PlanAtTime | null {
  const knownAt = time.knownAt.getTime();
  const validUntil = time.validUntil?.getTime() ?? Number.POSITIVE_INFINITY;
  const current = new Map<string, EntityVersion>();
  for (const version of timeline.versions) {
    if (version.validFrom.getTime() > knownAt) break;
    current.set(versionKey(version), version);
  }
  const changes: EntityChange[] = [];
  const versions = new Map<string, EntityVersion>();
  for (const [key, version] of current) {
    if (version.value === null) continue;
    if (version.period !== null && periodEnd(version.period).getTime() > validUntil) continue;
    changes.push({ kind: version.kind, key: version.key, value: version.value });
    versions.set(key, version);
  }
  if (!versions.has('header/plan')) return null;
  return { state: buildPlanState(changes), versions };
}

export async function planAsOf(
  store: ReadStore,
  planId: string,
  time: Bitemporal,
): Promise<PlanState | null> {
  const [timeline] = await store
    .collection<PlanTimelineDocument>('plan_history')
    .findByIds([planId]);
  return timeline ? (planAtTime(timeline, time)?.state ?? null) : null;
}
