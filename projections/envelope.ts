/** Helpers every projection shares: the domain event inside an envelope, and its lineage. */
import { LazyRecordedEvent } from '../src/eventstore/lazy-event';
import type { Actor, RecordedEvent } from '../src/eventstore/port';
import {
  isPlanEvent,
  periodKey,
  type MeasuredAt,
  type PlanEvent,
  type ProgressReported,
} from '../src/domain/plan/events';
import { progressEntryOf, type ProgressEntry } from '../src/domain/plan/state';
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

/**
 * A read model's document ids, kept per plan and key (an indicator, a chunk): the same frozen list
 * of one string for every event that names it. The projector looks each id up in its maps several
 * times per event, and a string built anew for each event is hashed anew each time (measured on
 * the national log); a kept one is hashed once, and no list is built per event.
 */
export function idsPerPlan<K>(
  idOf: (plan: PlanStreamId, key: K) => string,
): (plan: PlanStreamId, key: K) => string[] {
  const byPlan = new Map<PlanStreamId, Map<K, string[]>>();
  // Consecutive events of a plan mostly name the same document: the last answer first.
  let lastPlan: PlanStreamId | undefined;
  let lastKey: K | undefined;
  let lastIds: string[] = [];
  return (plan, key) => {
    // Stryker disable next-line ConditionalExpression: a cache: `false` asks the maps, which give the same ids
    if (plan === lastPlan && key === lastKey) return lastIds;
    let byKey = byPlan.get(plan);
    // Stryker disable next-line ConditionalExpression: a cache: `true` starts the plan's ids afresh, the same ids
    if (byKey === undefined) byPlan.set(plan, (byKey = new Map()));
    let ids = byKey.get(key);
    // Stryker disable next-line ConditionalExpression: a cache: `true` builds the list afresh, with the same id
    if (ids === undefined) byKey.set(key, (ids = Object.freeze([idOf(plan, key)]) as string[]));
    lastPlan = plan;
    lastKey = key;
    lastIds = ids;
    return ids;
  };
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

/**
 * What several projections compute from the same event, computed once (events are immutable).
 * A class, so that every memo has one shape however its fields are filled: the read models load
 * them at one map, not at a few.
 */
class EventMemo {
  plan: FoundPlanEvent | undefined = undefined;
  lineage: Lineage | undefined = undefined;
  report: ProgressEntry | undefined = undefined;
}
/**
 * The memo rides on the event object itself, as a hidden property (not enumerable: neither copied
 * by a spread nor seen by JSON or structured clone): read by eight projections per event, it is
 * then a plain property load, where a WeakMap made a hash lookup each time and weighed on the
 * garbage collector (measured on the national log). Frozen events use the WeakMap. An event of
 * the embedded log read lazily (every event of a catch-up) keeps it in its own `memo` field
 * instead (never spread nor cloned: it reads its row on demand).
 */
const MEMO = Symbol('what the read models computed from this event');
const frozenMemos = new WeakMap<RecordedEvent, EventMemo>();

function memoOf(event: RecordedEvent): EventMemo {
  // An event of the embedded log read lazily (every event of a catch-up) has a field for it.
  if (event instanceof LazyRecordedEvent) return (event.memo ??= new EventMemo()) as EventMemo;
  const memo = (event as { [MEMO]?: EventMemo })[MEMO];
  return memo ?? newMemo(event);
}

function newMemo(event: RecordedEvent): EventMemo {
  // An extensible event is never looked up in the WeakMap: that would give it an identity hash.
  if (!Object.isExtensible(event)) {
    let memo = frozenMemos.get(event);
    if (memo === undefined) frozenMemos.set(event, (memo = new EventMemo()));
    return memo;
  }
  const memo = new EventMemo();
  Object.defineProperty(event, MEMO, { value: memo });
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
      schemaVersion: schemaVersionOf(event),
    });
    found = isPlanEvent(fact) ? { plan, event: fact as PlanEvent } : null;
  } else found = null;
  memo.plan = found;
  return found;
}

const SCHEMA_VERSION_KEY = '"schemaVersion":';

/**
 * An event's `schemaVersion`, the only field of its metadata most events are read for (the lineage
 * a read model keeps is built for the last event of each value only). An event of the embedded log
 * may offer its metadata as the log stores it (`metadataText`: canonical JSON, keys sorted, no
 * spaces), where this key is the last one: it is read off the end of the text, and the rest (an
 * actor, an id, times, reasons: more text than most events' data) is not parsed for it.
 */
export function schemaVersionOf(event: RecordedEvent): number {
  const text = (event as { readonly metadataText?: string }).metadataText;
  if (text === undefined) return event.metadata.schemaVersion;
  const at = text.lastIndexOf(SCHEMA_VERSION_KEY);
  const start = at + SCHEMA_VERSION_KEY.length;
  const end = text.length - 1;
  let version = 0;
  let index = start;
  for (; index < end; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) break;
    version = version * 10 + digit;
  }
  // Exact only for `{...,"schemaVersion":<digits>}`: a quote after `,` or `{` opens a key (one in
  // a string would be escaped), so this is the outer object's last key, as JSON.parse would read.
  const before = at > 0 ? text.charCodeAt(at - 1) : 0;
  const exact =
    (before === 44 || before === 123) && // , {
    index === end &&
    text.charCodeAt(end) === 125 && // }
    index > start &&
    index - start <= 9;
  return exact ? version : event.metadata.schemaVersion;
}

/**
 * The entry a progress report sets (`progressEntryOf`), one object per event: the plans, goals and
 * risk read models each keep it, and none changes it.
 */
export function reportOf(recorded: RecordedEvent, event: ProgressReported): ProgressEntry {
  const memo = memoOf(recorded);
  return (memo.report ??= progressEntryOf(event.data));
}

const periodKeys = new Map<number, Map<number | undefined, string>>();

/** `periodKey`, one string per period: read models key every report by it. */
export function periodKeyOf(period: MeasuredAt): string {
  let byMonth = periodKeys.get(period.year);
  // Stryker disable next-line ConditionalExpression: a cache: `true` starts the year afresh, the same keys
  if (byMonth === undefined) periodKeys.set(period.year, (byMonth = new Map()));
  let key = byMonth.get(period.month);
  // Stryker disable next-line ConditionalExpression: a cache: `true` computes the key afresh, the same key
  if (key === undefined) byMonth.set(period.month, (key = periodKey(period)));
  return key;
}

/** Id of one entity of a plan, as the audit trail names it: `plan-73001-2024/goal/ACU-COB-URB`. */
export const entityId = (planId: string, kind: string, key: string): string =>
  `${planId}/${kind}/${key}`;
