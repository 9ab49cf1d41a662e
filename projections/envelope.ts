/** Helpers every projection shares: the domain event inside an envelope, and its lineage. */
import type { Actor, RecordedEvent } from '../src/eventstore/port';
import { isPlanEvent, type PlanEvent } from '../src/domain/plan/events';
import { upcast } from '../src/domain/upcasting';

/** Who set a value, when, why and on what legal basis: attached to each read-model value. */
export interface Lineage {
  eventId: string;
  eventType: string;
  position: number;
  recordedAt: Date;
  actor: Actor;
  reason: string | null;
  legalBasis: string | null;
}

/**
 * Actors repeat across millions of events: read models share one object per actor instead of a
 * parsed copy per event (the embedded store keeps every read model in memory).
 */
const actors = new Map<string, Actor>();
export function internActor(actor: Actor): Actor {
  const key = `${actor.id}\u0000${actor.name}\u0000${actor.role}\u0000${actor.entity}`;
  let shared = actors.get(key);
  if (!shared) actors.set(key, (shared = actor));
  return shared;
}

export function lineageOf(event: RecordedEvent): Lineage {
  return {
    eventId: event.id,
    eventType: event.type,
    position: event.position,
    recordedAt: event.recordedAt,
    actor: internActor(event.metadata.actor),
    reason: event.metadata.reason ?? null,
    legalBasis: event.metadata.legalBasis ?? null,
  };
}

export interface PlanStreamId {
  planId: string;
  daneCode: string;
  firstYear: number;
}

const PLAN_STREAM = /^plan-(\d{5})-(\d{4})$/;

/** The plan an event belongs to, from its stream name, or null for other aggregates. */
export function planStreamOf(stream: string): PlanStreamId | null {
  const match = PLAN_STREAM.exec(stream);
  if (!match) return null;
  return { planId: stream, daneCode: match[1]!, firstYear: Number(match[2]) };
}

/** The plan event inside an envelope, upcast to the current schema, or null if it is not one. */
export function planEventOf(event: RecordedEvent): { plan: PlanStreamId; event: PlanEvent } | null {
  const plan = planStreamOf(event.stream);
  if (!plan) return null;
  const fact = upcast({
    type: event.type,
    data: event.data,
    schemaVersion: event.metadata.schemaVersion,
  });
  return isPlanEvent(fact) ? { plan, event: fact as PlanEvent } : null;
}

/** Id of one entity of a plan, as the audit trail names it: `plan-73001-2024/goal/ACU-COB-URB`. */
export const entityId = (planId: string, kind: string, key: string): string =>
  `${planId}/${kind}/${key}`;
