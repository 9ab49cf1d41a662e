/** The state of a plan at any point of both time axes, from the `plan_history` read model. */
import { periodEnd } from '../domain/time';
import type { MeasuredAt } from '../domain/plan/events';
import {
  buildPlanState,
  planChange,
  type EntityChange,
  type EntityValue,
  type PlanState,
} from '../domain/plan/state';
import type { PlanTimeline, TimelineChunkDocument } from '../../projections/plan-history';
import type { ReadStore } from '../readstore/port';
import type { Bitemporal } from './as-of';

/** The version of an entity in force at an instant: its value, and the event that set it. */
export interface EntityVersion {
  /** null: the entity was removed (a contribution detached). */
  value: EntityValue | null;
  validFrom: Date;
  position: number;
  eventId: string;
  /** Valid time of a progress report: the period its figure refers to. */
  period: MeasuredAt | null;
}

export interface PlanAtTime {
  state: PlanState;
  /** The version of each entity in force then, by `kind/key`: its event id gives its lineage. */
  versions: Map<string, EntityVersion>;
}

export const versionKey = (entity: { kind: string; key: string }) => `${entity.kind}/${entity.key}`;

const byChunk = (a: TimelineChunkDocument, b: TimelineChunkDocument) => a.chunk - b.chunk;

/**
 * Folds already made, by the timeline's last chunk as the read store returned it (a cached
 * document is the same object until the plan changes) and the instants: the as-of views a CTP
 * asks for repeat, and the record as of a past instant never changes.
 */
const folds = new WeakMap<TimelineChunkDocument, Map<string, PlanAtTime | null>>();
const FOLDS_PER_TIMELINE = 32;

/**
 * The plan's events recorded by `knownAt`, folded as the domain folds them (each event sets one
 * entity, whose last version is the one in force), keeping progress whose period ends by
 * `validUntil`. Entities are taken in the order they first appeared, as the fold meets them.
 * The result may be shared with other callers: read it, never change it.
 */
export function planAtTime(timeline: PlanTimeline, time: Bitemporal): PlanAtTime | null {
  const sorted = [...timeline].sort(byChunk);
  const last = sorted[sorted.length - 1];
  if (!last) return null;
  const key = `${sorted.length}|${time.knownAt.getTime()}|${time.validUntil?.getTime() ?? ''}`;
  let made = folds.get(last);
  if (made?.has(key)) return made.get(key)!;
  const folded = fold(sorted, time);
  if (!made || made.size >= FOLDS_PER_TIMELINE) folds.set(last, (made = new Map()));
  made.set(key, folded);
  return folded;
}

function fold(chunks: readonly TimelineChunkDocument[], time: Bitemporal): PlanAtTime | null {
  const knownAt = time.knownAt.getTime();
  const validUntil = time.validUntil?.getTime() ?? Number.POSITIVE_INFINITY;
  const entities = new Map<string, { change: EntityChange; version: EntityVersion }>();
  const current = (kind: string, key: string) =>
    entities.get(`${kind}/${key}`)?.change.value ?? undefined;
  reading: for (const chunk of chunks) {
    const { events, recordedAt, positions, eventIds } = chunk;
    for (let slot = 0; slot < events.length; slot++) {
      const event = events[slot];
      if (!event) continue;
      // Revision order is record order: the rest was recorded later.
      if (recordedAt[slot]! > knownAt) break reading;
      const change = planChange(event, current);
      const period = event.type === 'ProgressReported' ? event.data.period : null;
      entities.set(versionKey(change), {
        change,
        version: {
          value: change.value,
          validFrom: new Date(recordedAt[slot]!),
          position: positions[slot]!,
          eventId: eventIds[slot]!,
          period,
        },
      });
    }
  }
  if (!entities.has('header/plan')) return null;
  const changes: EntityChange[] = [];
  const versions = new Map<string, EntityVersion>();
  for (const [key, { change, version }] of entities) {
    if (change.value === null) continue;
    if (version.period !== null && periodEnd(version.period).getTime() > validUntil) continue;
    changes.push(change);
    versions.set(key, version);
  }
  return { state: buildPlanState(changes), versions };
}

/** A plan's timeline: its few chunk documents, in one indexed lookup. */
export function planTimeline(store: ReadStore, planId: string): Promise<TimelineChunkDocument[]> {
  return store.collection<TimelineChunkDocument>('plan_history').find({ planId });
}

export async function planAsOf(
  store: ReadStore,
  planId: string,
  time: Bitemporal,
): Promise<PlanState | null> {
  return planAtTime(await planTimeline(store, planId), time)?.state ?? null;
}
