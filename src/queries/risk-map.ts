/**
 * The national SGP-APSB risk map of a vigencia: every territorial entity's score, now or as of a
 * semester, read from the `risk_map` summaries the `risk_scores` projection keeps (one small
 * document per entity and vigencia, one indexed lookup, two store calls whatever the number of
 * entities). Recomputing under another methodology weighs the stored item scores again;
 * an instant that is not a semester's end is computed on read from the inputs, in three calls.
 */
import type { MethodologyDocument, MonitoringDocument } from '../../projections/monitoring';
import type { TimelineChunkDocument } from '../../projections/plan-history';
import {
  RISK_MAP_COLLECTION,
  semesterNumber,
  type RiskMapDocument,
  type RiskVersion,
} from '../../projections/risk-scores';
import { assessVigencia, vigenciaInputs } from '../domain/monitoring/assessment';
import {
  CATEGORIES,
  methodologyFor,
  RES_449_2013,
  type AppliedMethodology,
  type Category,
  type Methodology,
  type MonitoredComponent,
  type RiskLevel,
} from '../domain/monitoring/methodology';
import { initialMonitoringState, type MonitoringState } from '../domain/monitoring/monitoring';
import type { PlanState } from '../domain/plan/state';
import { round6 } from '../domain/rules/units';
import { compactItems, weighCompact, type CompactItems } from '../domain/monitoring/scoring';
import { planStreamId } from '../domain/plan/events';
import type { Municipality } from '../domain/territory';
import { periodContaining, periodEnd, semesterEnd } from '../domain/time';
import type { ReadStore } from '../readstore/port';
import { planAtTime } from './plan-as-of';
import { otherMethodology, recordedBy, selectionAt } from './risk';

export interface RiskMapEntry {
  entity: Municipality;
  year: number;
  /** null when nothing was on record for the vigencia: no data is not a score of 0. */
  total: number | null;
  level: RiskLevel | null;
  prioritised: boolean;
  strategicFlags: readonly string[];
  categories: Array<{ category: Category; weight: number; score: number }>;
  methodology: AppliedMethodology;
  components: readonly MonitoredComponent[];
  /** Whether anything was on record for the vigencia (plan or monitoring inputs). */
  hasInputs: boolean;
  /** Semester of the stored version read (`2025-1`), null when computed on read or empty. */
  recordedIn: string | null;
  /** With another methodology: its total minus the total under the one in force. */
  difference: number | null;
}

export interface RiskMapQuery {
  year: number;
  /** What had been recorded by this instant; null for now. */
  knownAt: Date | null;
  entities: readonly Municipality[];
  /** Recompute under this methodology instead of the one in force. */
  methodologyId: string | null;
  now: Date;
}

interface Scored {
  items: CompactItems;
  strategicFlags: readonly string[];
  components: readonly MonitoredComponent[];
  applied: AppliedMethodology;
  total: number;
  level: RiskLevel;
  prioritised: boolean;
  /** Category scores in CATEGORIES order. */
  categories: readonly number[];
  hasInputs: boolean;
  recordedIn: string | null;
}

const semesterLabel = (semester: number) => `${Math.floor(semester / 10)}-${semester % 10}`;

/** The last version recorded by the end of `semester` (versions are in record order). */
function versionAt(versions: readonly RiskVersion[] | undefined, semester: number | null) {
  if (!versions || versions.length === 0) return undefined;
  if (semester === null) return versions[versions.length - 1];
  for (let i = versions.length - 1; i >= 0; i--) {
    if (versions[i]!.semester <= semester) return versions[i];
  }
  return undefined;
}

/** The semester an instant closes (its last millisecond), or null: then a lookup answers. */
function semesterClosedAt(instant: Date): number | null {
  const semester = semesterNumber(instant);
  const end = semesterEnd({ year: Math.floor(semester / 10), half: (semester % 10) as 1 | 2 });
  return end.getTime() === instant.getTime() ? semester : null;
}

/**
 * The methodology a stored version was scored with (Res. 449 or one the ministry recorded), one
 * object per methodology and standing for the whole map: entities share it.
 */
function appliedResolver(year: number, docs: readonly MethodologyDocument[]) {
  const known = new Map<string, AppliedMethodology>();
  return (version: RiskVersion): AppliedMethodology => {
    const key = `${version.methodologyId}|${version.inForce}`;
    let applied = known.get(key);
    if (!applied) {
      const methodology =
        version.methodologyId === RES_449_2013.id
          ? RES_449_2013
          : docs.find((d) => d.methodology?.id === version.methodologyId)!.methodology!;
      applied = {
        methodology,
        inForce: version.inForce,
        warning: version.inForce ? null : methodologyFor(year, []).warning,
      };
      known.set(key, applied);
    }
    return applied;
  };
}

/** The map; `methodologyDocs` is the `methodologies` read model, loaded once per request. */
export async function riskMap(
  store: ReadStore,
  query: RiskMapQuery,
  methodologyDocs: readonly MethodologyDocument[],
): Promise<RiskMapEntry[]> {
  const { year, entities } = query;
  const knownAt = query.knownAt ?? query.now;
  const lookup = query.knownAt === null ? null : semesterClosedAt(query.knownAt);
  const onRead = query.knownAt !== null && lookup === null;
  const departments = [...new Set(entities.map((e) => e.departmentCode))];
  const docs = onRead
    ? []
    : await store
        .collection<RiskMapDocument>(RISK_MAP_COLLECTION)
        .find(departments.length === 1 ? { year, departmentCode: departments[0] } : { year });
  const recorded = recordedBy(methodologyDocs, knownAt.getTime());
  const selection = selectionAt(methodologyDocs, year, knownAt.getTime());
  const empty: Scored = {
    ...scoredOnRead(year, initialMonitoringState(), null, recorded, selection),
    hasInputs: false,
  };
  let scored: Map<string, Scored>;
  if (onRead) {
    scored = await scoreOnRead(store, query, recorded, selection);
  } else {
    scored = new Map();
    const appliedOf = appliedResolver(year, methodologyDocs);
    for (const doc of docs) {
      const version = versionAt(doc.versions, lookup);
      if (version) scored.set(doc.daneCode, fromVersion(version, appliedOf(version)));
    }
  }
  const other = query.methodologyId ? otherMethodology(methodologyDocs, query.methodologyId) : null;
  return entities.map((entity) => entry(entity, year, scored.get(entity.daneCode) ?? empty, other));
}

function fromVersion(version: RiskVersion, applied: AppliedMethodology): Scored {
  return {
    items: version.items,
    strategicFlags: version.strategicFlags,
    components: version.components,
    applied,
    total: version.total,
    level: version.level,
    prioritised: version.prioritised,
    categories: version.categories,
    hasInputs: true,
    recordedIn: semesterLabel(version.semester),
  };
}

function scoredOnRead(
  year: number,
  monitoring: MonitoringState,
  plan: PlanState | null,
  recorded: readonly Methodology[],
  selection: readonly MonitoredComponent[],
): Scored {
  const { applied, items, score } = assessVigencia(
    vigenciaInputs(year, monitoring, plan),
    recorded,
    selection,
  );
  return {
    items: compactItems(items),
    strategicFlags: monitoring.strategicFlags,
    components: selection,
    applied,
    total: score.total,
    level: score.level,
    prioritised: score.prioritised,
    categories: score.categories.map((c) => c.score),
    hasInputs: true,
    recordedIn: null,
  };
}

/** The map at an instant inside a semester: every entity computed from its inputs then. */
async function scoreOnRead(
  store: ReadStore,
  query: RiskMapQuery,
  recorded: readonly Methodology[],
  selection: readonly MonitoredComponent[],
): Promise<Map<string, Scored>> {
  const { year } = query;
  const knownAt = query.knownAt!;
  const firstYear = periodContaining(year).firstYear;
  const [monitoringDocs, timelineChunks] = await Promise.all([
    store.collection<MonitoringDocument>('monitoring').find({ year }),
    // Every timeline chunk of the plans asked for, in one indexed lookup (`plan_history` by planId).
    store.collection<TimelineChunkDocument>('plan_history').find({
      planId: { $in: query.entities.map((e) => planStreamId(e.daneCode, firstYear)) },
    }),
  ]);
  const monitoringBy = new Map(monitoringDocs.map((doc) => [doc.daneCode, doc]));
  const timelines = new Map<string, TimelineChunkDocument[]>();
  for (const chunk of timelineChunks) {
    const timeline = timelines.get(chunk.planId);
    if (timeline) timeline.push(chunk);
    else timelines.set(chunk.planId, [chunk]);
  }
  const result = new Map<string, Scored>();
  query.entities.forEach((entity) => {
    const monitoring =
      monitoringBy
        .get(entity.daneCode)
        ?.versions.filter((v) => v.validFrom.getTime() <= knownAt.getTime())
        .pop()?.state ?? null;
    const timeline = timelines.get(planStreamId(entity.daneCode, firstYear)) ?? [];
    const plan = planAtTime(timeline, { knownAt, validUntil: periodEnd({ year }) })?.state ?? null;
    if (!monitoring && !plan) return;
    result.set(
      entity.daneCode,
      scoredOnRead(year, monitoring ?? initialMonitoringState(), plan, recorded, selection),
    );
  });
  return result;
}

/** Category scores (CATEGORIES order) with the weights of the methodology that produced them. */
const weighted = (methodology: Methodology, scores: readonly number[]) =>
  CATEGORIES.map((category, index) => ({
    category,
    weight: methodology.categoryWeights[category],
    score: scores[index]!,
  }));

function entry(
  entity: Municipality,
  year: number,
  scored: Scored,
  other: Methodology | null,
): RiskMapEntry {
  const base = {
    entity,
    year,
    strategicFlags: scored.strategicFlags,
    components: scored.components,
    hasInputs: scored.hasInputs,
    recordedIn: scored.recordedIn,
  };
  if (!scored.hasInputs) {
    return {
      ...base,
      total: null,
      level: null,
      prioritised: false,
      categories: [],
      methodology: other ? { methodology: other, inForce: false, warning: null } : scored.applied,
      difference: null,
    };
  }
  if (!other || other.id === scored.applied.methodology.id) {
    const { methodology } = scored.applied;
    return {
      ...base,
      total: scored.total,
      level: scored.level,
      prioritised: scored.prioritised,
      categories: weighted(methodology, scored.categories),
      methodology: scored.applied,
      difference: other ? 0 : null,
    };
  }
  const score = weighCompact(other, scored.items, scored.components, scored.strategicFlags);
  return {
    ...base,
    total: score.total,
    level: score.level,
    prioritised: score.prioritised,
    categories: weighted(other, score.categories),
    methodology: {
      methodology: other,
      inForce: false,
      warning: `Recalculado con ${other.id}; la vigencia ${year} se califica con ${scored.applied.methodology.id}.`,
    },
    difference: round6(score.total - scored.total),
  };
}
