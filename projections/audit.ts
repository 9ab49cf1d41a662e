/**
 * Read model `audit`: one entry per event, with who (actor), when (`recordedAt`), the entity, the
 * event type, the reason and legal basis, and the field-level changes before → after. The decider
 * records in each correcting event the values it replaces (`previous`), read from the state
 * before the event, so the diff needs nothing but the event itself and replays identically.
 */
import type { Actor, JsonValue, RecordedEvent } from '../src/eventstore/port';
import { goalIdOf, planStreamId } from '../src/domain/plan/events';
import { entityOf, type PlanEntityKind } from '../src/domain/plan/state';
import { reviewKeyOf } from '../src/domain/review/events';
import type { LogQuery, ProjectedDocument, Projection } from '../src/projector/projection';
import type { Filter } from '../src/readstore/port';
import { entityId, intern, internActor, planEventOf } from './envelope';
import { reviewEventOf } from './reviews';
import { socialEventOf } from './social';

export interface FieldChange {
  field: string;
  before: JsonValue | null;
  after: JsonValue | null;
}

export interface AuditDocument extends ProjectedDocument {
  position: number;
  recordedAt: Date;
  /** Revision in the plan's stream (the stream is `planId`). */
  revision: number;
  eventType: string;
  planId: string;
  daneCode: string;
  /**
   * A plan entity kind; for social plans socialplan, programme, activity; for CTP reviews review,
   * recommendation, presentation.
   */
  entityType: PlanEntityKind | SocialEntityKind | ReviewEntityKind;
  entityId: string;
  /** The goal this change bears on (baseline, goal, contribution or progress of its indicator). */
  goalId: string | null;
  actor: Actor;
  reason: string | null;
  legalBasis: string | null;
  correlationId: string;
  /** The CTP recommendation this change answers, when its author cited one. */
  answersRecommendation: string | null;
  hash: string;
  changes: FieldChange[];
}

/** Fields that name the entity rather than describe it: not listed as changes. */
const IDENTITY = new Set([
  'indicator',
  'goalId',
  'projectId',
  'table',
  'row',
  'detail',
  'period',
  'previous',
  'planId',
  'needId',
]);

function flatten(value: JsonValue | undefined, path: string, out: Map<string, JsonValue>): void {
  // Stryker disable next-line ConditionalExpression: `false` is equivalent (an undefined leaf stored is read back as null, which the diff treats as absent); the disable takes `true` with it, which every diff test kills
  if (value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (path === '' && IDENTITY.has(key)) continue;
      flatten(item, path ? `${path}.${key}` : key, out);
    }
  } else {
    out.set(path, value);
  }
}

/** Field-level diff of two JSON values (before null: everything is new; after null: removed). */
export function diffFields(before: JsonValue | null, after: JsonValue | null): FieldChange[] {
  const left = new Map<string, JsonValue>();
  const right = new Map<string, JsonValue>();
  flatten(before ?? undefined, '', left);
  flatten(after ?? undefined, '', right);
  // Fields in the order they appear, before's first; one pass over each side.
  const changes: FieldChange[] = [];
  for (const [field, value] of left) {
    const next = right.get(field) ?? null;
    if ((value ?? null) !== next) changes.push({ field, before: value ?? null, after: next });
  }
  for (const [field, value] of right) {
    if (left.has(field) || (value ?? null) === null) continue;
    changes.push({ field, before: null, after: value });
  }
  return changes;
}

/** What an audit entry says about the entity the event changed. */
type EntityFields = Pick<
  AuditDocument,
  'planId' | 'daneCode' | 'entityType' | 'entityId' | 'goalId' | 'changes'
>;

/**
 * An audit entry: who, when, why and the hash that proves it, from the envelope, with the entity.
 * Written out field by field: a spread of this many fields makes V8 build a slow dictionary
 * object, and a million entries paid five times the cost of the rest of the projection for it.
 */
function auditEntry(
  recorded: RecordedEvent,
  entity: EntityFields,
): Omit<AuditDocument, '_position'> {
  return {
    _id: recorded.id,
    position: recorded.position,
    recordedAt: recorded.recordedAt,
    revision: recorded.revision,
    eventType: intern(recorded.type),
    actor: internActor(recorded.metadata.actor),
    reason: intern(recorded.metadata.reason ?? null),
    legalBasis: intern(recorded.metadata.legalBasis ?? null),
    correlationId: recorded.metadata.correlationId,
    answersRecommendation: recorded.metadata.answersRecommendation ?? null,
    hash: recorded.hash,
    planId: entity.planId,
    daneCode: entity.daneCode,
    entityType: entity.entityType,
    entityId: entity.entityId,
    goalId: entity.goalId,
    changes: entity.changes,
  };
}

export const auditProjection: Projection<AuditDocument> = {
  name: 'audit',
  // 2: entries of CTP review events, and the recommendation a change answers.
  // 3: schema version 2 of plan events (4.2.8 as % treated, its goal ids renamed; 4.2.10 in %).
  version: 3,
  collection: 'audit',
  indexes: [
    { keys: { planId: 1, position: 1 } },
    { keys: { goalId: 1, position: 1 } },
    { keys: { daneCode: 1, position: 1 } },
  ],
  // The entry is the event seen by an auditor: beside the log, the embedded store keeps nothing.
  derivedFromEvent: true,
  logQuery: (filter) => auditLogQuery(filter),
  positionFields: ['position'],
  idsOf: (recorded) =>
    planEventOf(recorded) || socialEventOf(recorded) || reviewEventOf(recorded)
      ? [recorded.id]
      : [],
  apply: (_doc, recorded) => {
    if (reviewEventOf(recorded)) return reviewAuditEntry(recorded);
    if (!planEventOf(recorded)) return socialAuditEntry(recorded);
    const { plan, event } = planEventOf(recorded)!;
    const change = entityOf(event);
    const data = event.data as unknown as Record<string, JsonValue>;
    const previous = (data.previous ?? null) as JsonValue | null;
    // flatten skips `previous` (an identity field), so the data itself is the value after.
    // Stryker disable next-line ConditionalExpression,StringLiteral: `false` and `""` are equivalent today (a detachment's data holds only identity fields), kept so that a field added to it cannot read as set; the disable takes `true` with them, which the detachment test kills
    const after = event.type === 'ProjectContributionDetached' ? null : (data as JsonValue);
    const indicator = data.indicator;
    return auditEntry(recorded, {
      planId: plan.planId,
      daneCode: plan.daneCode,
      entityType: change.kind,
      entityId: entityId(plan.planId, change.kind, change.key),
      goalId:
        typeof indicator === 'string'
          ? intern(goalIdOf(plan.daneCode, plan.firstYear, indicator))
          : null,
      changes: diffFields(previous, after),
    });
  },
};

export type SocialEntityKind = 'socialplan' | 'programme' | 'activity';

/** Audit entry of a Plan de Gestión Social event: the same fields, with its own entities. */
function socialAuditEntry(recorded: RecordedEvent): Omit<AuditDocument, '_position'> {
  const event = socialEventOf(recorded)!;
  const scope = recorded.stream.split('-')[1]!;
  let kind: SocialEntityKind;
  let key: string;
  let before: JsonValue | null = null;
  let after: JsonValue | null;
  switch (event.type) {
    case 'SocialPlanOpened':
      [kind, key, after] = ['socialplan', 'plan', event.data as unknown as JsonValue];
      break;
    case 'ProgrammeAdded':
      [kind, key, after] = [
        'programme',
        event.data.programmeId,
        event.data as unknown as JsonValue,
      ];
      break;
    case 'ActivityPlanned':
      [kind, key, after] = ['activity', event.data.activityId, event.data as unknown as JsonValue];
      break;
    case 'ActivityRescheduled':
      [kind, key] = ['activity', event.data.activityId];
      before = { plannedSemester: event.data.previous };
      after = { plannedSemester: event.data.plannedSemester };
      break;
    case 'ActivityCancelled':
      [kind, key] = ['activity', event.data.activityId];
      before = { status: 'PLANNED' };
      after = { status: 'CANCELLED' };
      break;
    case 'ActivityExecuted':
      [kind, key] = ['activity', event.data.activityId];
      before = event.data.previous as unknown as JsonValue | null;
      after = event.data.execution as unknown as JsonValue;
      break;
  }
  const municipality = event.type === 'ActivityPlanned' ? event.data.municipality : scope;
  return auditEntry(recorded, {
    planId: recorded.stream,
    daneCode: municipality,
    entityType: kind,
    entityId: entityId(recorded.stream, kind, key),
    goalId: null,
    changes: diffFields(before, after),
  });
}

export type ReviewEntityKind = 'review' | 'recommendation' | 'presentation';

/**
 * Audit entry of a CTP review event: the concepto, each recommendation and response, with the
 * value it replaced. A correction after closing keeps its own event type, so it reads as one.
 */
function reviewAuditEntry(recorded: RecordedEvent): Omit<AuditDocument, '_position'> {
  const event = reviewEventOf(recorded)!;
  const json = (value: unknown) => value as JsonValue;
  let kind: ReviewEntityKind = 'review';
  let key = 'review';
  let before: JsonValue | null = null;
  let after: JsonValue | null;
  switch (event.type) {
    case 'ReviewOpened': {
      const { asOf, knownAt, seal } = event.data;
      after = json({ status: 'ABIERTA', asOf, knownAt, seal: seal?.rootHash ?? null });
      break;
    }
    case 'ConceptRecorded':
    case 'ConceptCorrected': {
      const { concept, text, previous } = event.data;
      [before, after] = [json(previous), json({ concept, text })];
      break;
    }
    case 'ReviewClosed':
      [before, after] = [{ status: 'ABIERTA' }, { status: 'CERRADA' }];
      break;
    case 'RecommendationAdded':
      [kind, key, after] = ['recommendation', event.data.recommendationId, json(event.data)];
      break;
    case 'RecommendationCorrected': {
      const { recommendationId, target, text, previous } = event.data;
      [kind, key] = ['recommendation', recommendationId];
      [before, after] = [json(previous), json({ target, text })];
      break;
    }
    case 'RecommendationAnswered': {
      const { recommendationId, decision, justification, commitmentDate, previous } = event.data;
      [kind, key] = ['recommendation', recommendationId];
      before = previous ? json({ response: previous }) : null;
      after = json({ response: { decision, justification, commitmentDate } });
      break;
    }
    case 'PresentationRecorded':
      [kind, key, after] = ['presentation', event.data.presentationId, json(event.data)];
      break;
  }
  const review = reviewKeyOf(recorded.stream)!;
  return auditEntry(recorded, {
    planId: recorded.stream,
    daneCode: review.daneCode,
    entityType: kind,
    entityId: entityId(recorded.stream, kind, key),
    goalId: null,
    changes: diffFields(before, after),
  });
}

// ---------------------------------------------------------------------------- the log as index

const GOAL_ID = /^(\d{5})-(\d{4})-/;
/** Streams every event of which makes an entry: plans, social plans, CTP reviews. */
const ENTRY_STREAMS = ['plan-', 'socialplan-', 'ctpreview-'];
const ENTRY_STREAM =
  /^(plan-\d{5}-\d{4}|socialplan-(\d{2}|\d{5})-\d{4}|ctpreview-\d{5}-\d{4}-\d{4}-[12])$/;

/** The string values a condition on a field accepts (equality or `$in`), or null for others. */
function acceptedValues(condition: unknown): string[] | null {
  if (typeof condition === 'string') return [condition];
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return null;
  const entries = Object.entries(condition);
  if (entries.length !== 1) return null;
  const [operator, operand] = entries[0]!;
  if (operator === '$eq') return acceptedValues(operand);
  if (operator !== '$in' || !Array.isArray(operand)) return null;
  // Non-string values match no entry (those fields are strings): they name no stream.
  return operand.filter((value): value is string => typeof value === 'string');
}

/** The stream of an entry's plan, from one of its fields. */
const streamOf: Record<string, (value: string) => string | null> = {
  planId: (planId) => planId,
  entityId: (entityId) =>
    entityId.includes('/') ? entityId.slice(0, entityId.indexOf('/')) : null,
  goalId: (goalId) => {
    const match = GOAL_ID.exec(goalId);
    return match ? planStreamId(match[1]!, Number(match[2])) : null;
  },
};

/** Bounds on the event's position, from conditions on `position` or `_position`. */
function positionBounds(filter: Filter): { after?: number; before?: number } {
  const bounds: { after?: number; before?: number } = {};
  const narrow = (after?: number, before?: number) => {
    if (after !== undefined) bounds.after = Math.max(bounds.after ?? after, after);
    if (before !== undefined) bounds.before = Math.min(bounds.before ?? before, before);
  };
  for (const field of ['position', '_position']) {
    const condition = filter[field];
    if (typeof condition === 'number') narrow(condition - 1, condition + 1);
    if (condition === null || typeof condition !== 'object') continue;
    for (const [operator, operand] of Object.entries(condition)) {
      if (typeof operand !== 'number') continue;
      if (operator === '$lt') narrow(undefined, operand);
      if (operator === '$lte') narrow(undefined, Math.floor(operand) + 1);
      if (operator === '$gt') narrow(operand);
      if (operator === '$gte') narrow(Math.ceil(operand) - 1);
      if (operator === '$eq') narrow(operand - 1, operand + 1);
    }
  }
  return bounds;
}

/**
 * The event types whose entries are of each entity type: an entry's entity type is a function of
 * its event's type alone (`entityOf`, `socialAuditEntry`, `reviewAuditEntry`; upcasting keeps the
 * type), so a filter on it is a filter on the log's event types.
 */
export const EVENT_TYPES_OF_ENTITY: Readonly<
  Record<PlanEntityKind | SocialEntityKind | ReviewEntityKind, readonly string[]>
> = {
  header: ['PlanOpened'],
  adoption: ['PlanAdopted'],
  baseline: ['BaselineSet'],
  goal: ['GoalSet', 'GoalAmended'],
  need: ['NeedRegistered'],
  project: ['ProjectRegistered'],
  contribution: [
    'ProjectContributionAttached',
    'ProjectContributionChanged',
    'ProjectContributionDetached',
  ],
  funding: ['FundingRowSet'],
  progress: ['ProgressReported'],
  socialplan: ['SocialPlanOpened'],
  programme: ['ProgrammeAdded'],
  activity: ['ActivityPlanned', 'ActivityRescheduled', 'ActivityCancelled', 'ActivityExecuted'],
  review: ['ReviewOpened', 'ConceptRecorded', 'ConceptCorrected', 'ReviewClosed'],
  recommendation: ['RecommendationAdded', 'RecommendationCorrected', 'RecommendationAnswered'],
  presentation: ['PresentationRecorded'],
};

/** Milliseconds of a date condition's operand, or null for anything else. */
const millisecondsOf = (operand: unknown): number | null =>
  operand instanceof Date && !Number.isNaN(operand.getTime()) ? operand.getTime() : null;

/** The record-time range of a condition on `recordedAt`, or null if it is not only date bounds. */
function recordedRange(condition: unknown): { from?: number; to?: number } | null {
  if (condition === null || typeof condition !== 'object' || condition instanceof Date) return null;
  const range: { from?: number; to?: number } = {};
  for (const [operator, operand] of Object.entries(condition)) {
    const ms = millisecondsOf(operand);
    if (ms === null) return null;
    // Record times are whole milliseconds: a strict bound is the next one in.
    const from =
      operator === '$gte' || operator === '$eq' ? ms : operator === '$gt' ? ms + 1 : undefined;
    const to =
      operator === '$lte' || operator === '$eq' ? ms : operator === '$lt' ? ms - 1 : undefined;
    if (from === undefined && to === undefined) return null;
    if (from !== undefined) range.from = Math.max(range.from ?? from, from);
    if (to !== undefined) range.to = Math.min(range.to ?? to, to);
  }
  return range;
}

/**
 * What a filter says of the events themselves (type, actor, record time), as the log's indexes
 * answer it, and the fields it answers exactly.
 */
function eventSelection(filter: Filter): {
  selection: Pick<LogQuery, 'types' | 'actorIds' | 'recorded'>;
  exactFields: string[];
} {
  const selection: Pick<LogQuery, 'types' | 'actorIds' | 'recorded'> = {};
  const exactFields = ['position', '_position'];
  const eventTypes = acceptedValues(filter.eventType);
  if (eventTypes !== null) {
    selection.types = eventTypes;
    exactFields.push('eventType');
  }
  const entityTypes = acceptedValues(filter.entityType);
  if (entityTypes !== null) {
    const types = entityTypes.flatMap(
      (kind) => EVENT_TYPES_OF_ENTITY[kind as keyof typeof EVENT_TYPES_OF_ENTITY] ?? [],
    );
    selection.types = selection.types
      ? selection.types.filter((type) => types.includes(type))
      : types;
    exactFields.push('entityType');
  }
  const actorIds = acceptedValues(filter['actor.id']);
  if (actorIds !== null) {
    selection.actorIds = actorIds;
    exactFields.push('actor.id');
  }
  const recorded = recordedRange(filter.recordedAt);
  if (recorded !== null) {
    selection.recorded = recorded;
    exactFields.push('recordedAt');
  }
  return { selection, exactFields };
}

/**
 * Which events of the log an audit filter can match. Every entry is the event of a plan, social
 * plan or CTP review stream, and its `planId` is that stream: a plan, goal or entity names one
 * stream, a municipality the streams of its plans, reviews and its department's social plans.
 * The entry's event type, entity type (a function of the event type), actor and record time are
 * the event's own: the log's type and actor indexes and its record-time bounds select them.
 * Every event of those streams makes an entry (their aggregates append nothing else), so a filter
 * on those fields and `planId` alone, or no filter, is counted in the log's indexes without
 * computing entries.
 */
export function auditLogQuery(filter: Filter): LogQuery {
  const fields = Object.keys(filter);
  const bounds = positionBounds(filter);
  const { selection, exactFields } = eventSelection(filter);
  const narrowing = { ...bounds, ...selection };
  for (const field of ['entityId', 'goalId', 'planId']) {
    const values = acceptedValues(filter[field]);
    if (values === null) continue;
    const names = [...new Set(values.map((v) => streamOf[field]!(v)).filter((s) => s !== null))];
    // Only a plan is counted exactly: an entity's or a goal's field is not one the log answers.
    const exact =
      fields.every((f) => f === 'planId' || exactFields.includes(f)) &&
      names.every((name) => ENTRY_STREAM.test(name));
    return { streams: { names }, ...narrowing, exact };
  }
  const daneCodes = acceptedValues(filter.daneCode);
  if (daneCodes !== null) {
    const prefixes = daneCodes.flatMap((code) => [
      `plan-${code}-`,
      `socialplan-${code}-`,
      `ctpreview-${code}-`,
      // A departmental social plan's activity counts for the municipality where it happens.
      ...(code.length === 5 ? [`socialplan-${code.slice(0, 2)}-`] : []),
    ]);
    return { streams: { prefixes: [...new Set(prefixes)] }, ...narrowing, exact: false };
  }
  return {
    streams: { prefixes: ENTRY_STREAMS, wide: true },
    ...narrowing,
    exact: fields.every((field) => exactFields.includes(field)),
  };
}
