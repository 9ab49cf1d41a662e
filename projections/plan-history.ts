/**
 * Read model `plan_history`: one timeline per plan holding every version of every entity of the
 * plan (header, baselines, goals, needs, projects, contributions, funding rows, progress reports)
 * in record order, each with `validFrom`/`validTo` in record time and, for progress, the period it
 * refers to (valid time). The state of a plan at any instant is one lookup by id and one pass over
 * its timeline (`src/queries/plan-as-of.ts`). Who made each version is in the audit entry of its
 * event (`eventId`), not repeated here.
 */
import {
  entityOf,
  planChange,
  type EntityValue,
  type PlanEntityKind,
  type ProgressEntry,
} from '../src/domain/plan/state';
import { periodKey, type MeasuredAt } from '../src/domain/plan/events';
import type { ProjectedDocument, Projection } from '../src/projector/projection';
import { intern, planEventOf } from './envelope';

export interface EntityVersion {
  kind: PlanEntityKind;
  /** Unique within the plan and kind (indicator, project id, `table/row`, `indicator/period`). */
  key: string;
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

export interface PlanTimelineDocument extends ProjectedDocument {
  daneCode: string;
  firstYear: number;
  /** Every version, in record order. */
  versions: EntityVersion[];
}

/**
 * Progress reports are most of a national log: their versions share the period objects and the
 * repeated strings (indicator, source) instead of carrying a parsed copy each.
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

export const versionKey = (version: Pick<EntityVersion, 'kind' | 'key'>) =>
  `${version.kind}/${version.key}`;

export const planHistoryProjection: Projection<PlanTimelineDocument> = {
  name: 'plan_history',
  collection: 'plan_history',
  indexes: [{ keys: { daneCode: 1 } }],
  idsOf: (recorded) => {
    const found = planEventOf(recorded);
    return found ? [found.plan.planId] : [];
  },
  apply: (doc, recorded) => {
    const { plan, event } = planEventOf(recorded)!;
    const { kind, key } = entityOf(event);
    const versions = doc ? doc.versions.slice() : [];
    const previous = () => {
      for (let i = versions.length - 1; i >= 0; i--) {
        const version = versions[i]!;
        if (version.key === key && version.kind === kind) return version.value ?? undefined;
      }
      return undefined;
    };
    // Only goals read their previous value (to count amendments); others skip the scan.
    const change = planChange(event, kind === 'goal' ? previous : () => undefined);
    const period = event.type === 'ProgressReported' ? sharedPeriod(event.data.period) : null;
    versions.push({
      kind,
      key: intern(key),
      value: period ? compactProgress(change.value as ProgressEntry, period) : change.value,
      validFrom: recorded.recordedAt,
      validTo: null,
      position: recorded.position,
      eventId: recorded.id,
      period,
    });
    return { _id: plan.planId, daneCode: plan.daneCode, firstYear: plan.firstYear, versions };
  },
  /** Closes each superseded version once per batch, rather than searching for it on every event. */
  finalize: (doc) => {
    const nextStart = new Map<string, Date>();
    let versions = doc.versions;
    for (let i = versions.length - 1; i >= 0; i--) {
      const version = versions[i]!;
      const key = versionKey(version);
      const validTo = nextStart.get(key) ?? null;
      nextStart.set(key, version.validFrom);
      if (validTo !== null && version.validTo === null) {
        if (versions === doc.versions) versions = versions.slice();
        versions[i] = { ...version, validTo };
      }
    }
    return versions === doc.versions ? doc : { ...doc, versions };
  },
};
