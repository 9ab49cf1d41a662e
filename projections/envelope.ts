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
const actors = new Map<string, Actor[]>();
export function internActor(actor: Actor): Actor {
  const known = actors.get(actor.id);
  const shared = known?.find(
    (a) => a.name === actor.name && a.role === actor.role && a.entity === actor.entity,
  );
  if (shared) return shared;
  if (known) known.push(actor);
  else actors.set(actor.id, [actor]);
  return actor;
}

/** Who, when and why of an event; computed once per event however many read models ask. */
export function lineageOf(event: RecordedEvent): Lineage {
  const memo = memoOf(event);
  return (memo.lineage ??= newLineage(event));
}

function newLineage(event: RecordedEvent): Lineage {
  return {
    eventId: event.id,
    eventType: intern(event.type),
    position: event.position,
    recordedAt: event.recordedAt,
    actor: internActor(event.metadata.actor),
    reason: intern(event.metadata.reason ?? null),
    legalBasis: intern(event.metadata.legalBasis ?? null),
  };
}

export interface PlanStreamId {
  planId: string;
  daneCode: string;
  firstYear: number;
}

const PLAN_STREAM = /^plan-(\d{5})-(\d{4})$/;
const planStreams = new Map<string, PlanStreamId | null>();

/**
 * The plan an event belongs to, from its stream name, or null for other aggregates. One object
 * per stream: the read models of a million events share these strings instead of copying them.
 */
export function planStreamOf(stream: string): PlanStreamId | null {
  let found = planStreams.get(stream);
  if (found === undefined) {
    const match = PLAN_STREAM.exec(stream);
    found = match ? { planId: stream, daneCode: match[1]!, firstYear: Number(match[2]) } : null;
    planStreams.set(stream, found);
  }
  return found;
}

const strings = new Map<string, string>();

/** One copy of a string that recurs across read models (event types, goal ids, acuerdos). */
export function intern<T extends string | null>(value: T): T {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: interning only shares memory and a string's identity cannot be observed: returning the value itself, or interning null, changes nothing
  if (value === null) return value;
  let shared = strings.get(value);
  // Stryker disable next-line ConditionalExpression: `true` (keep the newer copy) only shares less memory, which cannot be observed; the disable takes `false` with it, which every lineage test kills
  if (shared === undefined) strings.set(value, (shared = value));
  return shared as T;
}

type FoundPlanEvent = { plan: PlanStreamId; event: PlanEvent } | null;

/** What several projections compute from the same event, computed once (events are immutable). */
interface EventMemo {
  plan?: FoundPlanEvent;
  lineage?: Lineage;
}
/**
 * The memo rides on the event object itself, as a hidden property (not enumerable: neither copied
 * by a spread nor seen by JSON or structured clone): read by eight projections per event, it is
 * then a plain property load, where a WeakMap made a hash lookup each time and weighed on the
 * garbage collector (measured on the national log). Frozen events use the WeakMap.
 */
const MEMO = Symbol('what the read models computed from this event');
const frozenMemos = new WeakMap<RecordedEvent, EventMemo>();

function memoOf(event: RecordedEvent): EventMemo {
  let memo = (event as { [MEMO]?: EventMemo })[MEMO] ?? frozenMemos.get(event);
  if (memo !== undefined) return memo;
  memo = {};
  if (Object.isExtensible(event)) Object.defineProperty(event, MEMO, { value: memo });
  else frozenMemos.set(event, memo);
  return memo;
}

/** The plan event inside an envelope, upcast to the current schema, or null if it is not one. */
export function planEventOf(event: RecordedEvent): FoundPlanEvent {
  const memo = memoOf(event);
  let found = memo.plan;
  if (found !== undefined) return found;
  const plan = planStreamOf(event.stream);
  if (plan) {
    const fact = upcast({
      type: event.type,
      data: event.data,
      schemaVersion: event.metadata.schemaVersion,
    });
    found = isPlanEvent(fact) ? { plan, event: fact as PlanEvent } : null;
  } else found = null;
  memo.plan = found;
  return found;
}

/** Id of one entity of a plan, as the audit trail names it: `plan-73001-2024/goal/ACU-COB-URB`. */
export const entityId = (planId: string, kind: string, key: string): string =>
  `${planId}/${kind}/${key}`;
