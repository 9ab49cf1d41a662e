/**
 * Read model `plan_history`: one document per entity of a sector plan (its header, each baseline,
 * goal, need, project, contribution, funding row and progress report), holding every version of
 * that entity in record order, each with `validFrom`/`validTo` in record time and, for progress,
 * the period it refers to (valid time). A plan's timeline is its entities (one indexed lookup by
 * `planId`); the state at any instant is one pass over them (`src/queries/plan-as-of.ts`). Who made
 * each version is in the audit entry of its event (`eventId`), not repeated here.
 *
 * One document per entity rather than per plan: an event rewrites one small document instead of
 * a plan's whole history, so a rebuild writes each version about once, and a batch of a national
 * log does not rewrite thousands of growing timelines (measured in `bench/projections.ts`).
 */
import {
  entityOf,
  planChange,
  type EntityValue,
  type PlanEntityKind,
  type ProgressEntry,
} from '../src/domain/plan/state';
import { periodKey, type MeasuredAt } from '../src/domain/plan/events';
import type { RecordedEvent } from '../src/eventstore/port';
import type { ProjectedDocument, Projection } from '../src/projector/projection';
import { entityId, intern, planEventOf } from './envelope';

export interface EntityVersion {
  /** null: the entity was removed (a contribution detached). */
  value: EntityValue | null;
  validFrom: Date;
  /** When the next version of the same entity was recorded; null while current. */
  validTo: Date | null;
  position: number;
  eventId: string;
  /** Valid time of a progress report: the period its figure refers to. */
  period: MeasuredAt | null;
}

export interface EntityHistoryDocument extends ProjectedDocument {
  planId: string;
  daneCode: string;
  firstYear: number;
  kind: PlanEntityKind;
  /** Unique within the plan and kind (indicator, project id, `table/row`, `indicator/period`). */
  key: string;
  /** Every version, in record order. */
  versions: EntityVersion[];
}

/** The entities of one plan: its whole history. */
export type PlanTimeline = readonly EntityHistoryDocument[];

/**
 * Progress reports are most of a national log: their versions share the period objects and the
 * repeated strings (indicator, source) instead of carrying a parsed copy each (in memory).
 */
const periods = new Map<string, MeasuredAt>();
function sharedPeriod(period: MeasuredAt): MeasuredAt {
  const key = periodKey(period);
  let shared = periods.get(key);
  if (!shared) periods.set(key, (shared = Object.freeze({ ...period })));
  return shared;
}

function compactProgress(entry: ProgressEntry, period: MeasuredAt): ProgressEntry {
  return { ...entry, indicator: intern(entry.indicator), source: intern(entry.source), period };
}

export const versionKey = (entity: Pick<EntityHistoryDocument, 'kind' | 'key'>) =>
  `${entity.kind}/${entity.key}`;

/** The new version an event makes of its entity, after `previous` (the entity's last one). */
function nextVersion(recorded: RecordedEvent, previous: EntityVersion | undefined): EntityVersion {
  const { event } = planEventOf(recorded)!;
  const change = planChange(event, () => previous?.value ?? undefined);
  const period = event.type === 'ProgressReported' ? sharedPeriod(event.data.period) : null;
  return {
    value: period ? compactProgress(change.value as ProgressEntry, period) : change.value,
    validFrom: recorded.recordedAt,
    validTo: null,
    position: recorded.position,
    eventId: recorded.id,
    period,
  };
}

function newEntity(recorded: RecordedEvent, id: string): Omit<EntityHistoryDocument, '_position'> {
  const { plan, event } = planEventOf(recorded)!;
  const { kind, key } = entityOf(event);
  return {
    _id: id,
    planId: plan.planId,
    daneCode: plan.daneCode,
    firstYear: plan.firstYear,
    kind,
    key: intern(key),
    versions: [],
  };
}

export const planHistoryProjection: Projection<EntityHistoryDocument> = {
  name: 'plan_history',
  collection: 'plan_history',
  indexes: [{ keys: { planId: 1 } }],
  idsOf: (recorded) => {
    const found = planEventOf(recorded);
    if (!found) return [];
    const { kind, key } = entityOf(found.event);
    return [entityId(found.plan.planId, kind, key)];
  },
  apply: (doc, recorded, id) => {
    const base = doc ?? newEntity(recorded, id);
    const versions = base.versions.slice();
    const previous = versions[versions.length - 1];
    // The version it supersedes closes when this one is recorded.
    if (previous) versions[versions.length - 1] = { ...previous, validTo: recorded.recordedAt };
    versions.push(nextVersion(recorded, previous));
    return { ...base, versions };
  },
  applyInPlace: (draft, recorded, id) => {
    const entity = draft ?? (newEntity(recorded, id) as EntityHistoryDocument);
    const previous = entity.versions[entity.versions.length - 1];
    if (previous) previous.validTo = recorded.recordedAt;
    entity.versions.push(nextVersion(recorded, previous));
    return entity;
  },
};
