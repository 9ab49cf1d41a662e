/** Read model `plans`: the current state of each sector plan with its derived figures. */
import { periodKey, type PlanEvent } from '../src/domain/plan/events';
import { latestProgress, planFigures, type PlanFigures } from '../src/domain/plan/figures';

/** A plan's figures without each goal's (the `goals` read model keeps those, once). */
export type PlanOwnFigures = Omit<PlanFigures, 'goals'>;
import {
  evolvePlan,
  evolvePlanInPlace,
  initialPlanState,
  type PlanState,
  type ProgressEntry,
} from '../src/domain/plan/state';
import type { RecordedEvent } from '../src/eventstore/port';
import type { ProjectedDocument, Projection } from '../src/projector/projection';
import {
  idsPerPlan,
  lineageOf,
  periodKeyOf,
  planEventOf,
  reportOf,
  type Lineage,
} from './envelope';

export interface PlanDocument extends ProjectedDocument {
  daneCode: string;
  departmentCode: string | null;
  firstYear: number;
  /** Revision of the plan stream: the `expectedRevision` for the next edit. */
  revision: number;
  /** The plan's state, with only the latest progress report per indicator. */
  state: PlanState;
  /** The plan's own figures; each goal's are in its `goals` document. */
  figures: PlanOwnFigures | null;
  lastChange: Lineage;
  /** The event that recorded the adoption act; null while the plan is a draft. */
  adoptionLineage: Lineage | null;
}

const planIds = idsPerPlan((plan) => plan.planId);

/**
 * The event a draft's `lastChange` is due from: of the thousands of events a catch-up applies to
 * a plan only the last one's lineage is kept, so it is built once, when the draft is finalized.
 */
const lastChangeDue = new WeakMap<PlanDocument, RecordedEvent>();
const periodOrder = (entry: ProgressEntry) => entry.period.year * 100 + (entry.period.month ?? 13);

/**
 * Every progress report lives in the `goals` and `plan_history` read models; the plan keeps only
 * the latest report per indicator, which is all its figures use. This keeps each event's copy of
 * the plan small however many monthly reports a plan accumulates.
 */
function latestProgressOnly(state: PlanState, event: PlanEvent): PlanState {
  if (event.type !== 'ProgressReported') return state;
  const { indicator } = event.data;
  const reports = state.progress[indicator]!;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: `false` and `< 1` are equivalent (a shortcut: with one report, keeping the latest keeps that one, the same state); the disable takes `true` and `> 1` with them, which the progress tests kill
  if (Object.keys(reports).length <= 1) return state;
  const latest = latestProgress(state, indicator)!;
  return {
    ...state,
    progress: { ...state.progress, [indicator]: { [periodKey(latest.period)]: latest } },
  };
}

export const plansProjection: Projection<PlanDocument> = {
  name: 'plans',
  streamLocal: true,
  // 3: figures without each goal's (issue 10), with 2's adoption act and its lineage, Tabla 11's
  // resources and schema version 2 of plan events (issue 13).
  version: 3,
  collection: 'plans',
  // A municipality's plans are read by cuatrienio: the index gives that order.
  indexes: [{ keys: { daneCode: 1, firstYear: 1 } }, { keys: { departmentCode: 1 } }],
  idsOf: (event) => {
    const found = planEventOf(event);
    return found ? planIds(found.plan, null) : [];
  },
  apply: (doc, recorded) => {
    const { plan, event } = planEventOf(recorded)!;
    const state = latestProgressOnly(evolvePlan(doc?.state ?? initialPlanState(), event), event);
    return {
      _id: plan.planId,
      daneCode: plan.daneCode,
      departmentCode: state.departmentCode,
      firstYear: plan.firstYear,
      revision: recorded.revision,
      state,
      figures: null,
      lastChange: lineageOf(recorded),
      adoptionLineage:
        event.type === 'PlanAdopted' ? lineageOf(recorded) : (doc?.adoptionLineage ?? null),
    };
  },
  applyInPlace: (draft, recorded, id) => {
    if (!draft) return plansProjection.apply(null, recorded, id);
    const { event } = planEventOf(recorded)!;
    const state = draft.state;
    if (event.type === 'ProgressReported') {
      // Most of a national log: the report replaces the indicator's only one unless it is older.
      const entry = reportOf(recorded, event);
      const kept = latestProgress(state, entry.indicator);
      if (!kept || periodOrder(entry) >= periodOrder(kept)) {
        state.progress[entry.indicator] = { [periodKeyOf(entry.period)]: entry };
      }
    } else evolvePlanInPlace(state, event);
    draft.departmentCode = state.departmentCode;
    draft.revision = recorded.revision;
    if (event.type === 'PlanAdopted') {
      draft.lastChange = draft.adoptionLineage = lineageOf(recorded);
      lastChangeDue.delete(draft);
    } else lastChangeDue.set(draft, recorded);
    return draft;
  },
  finalize: (doc) => {
    // Each goal's figures are in its goals document: half a plan document, not stored twice.
    const { goals: _perGoal, ...figures } = planFigures(doc.state);
    const due = lastChangeDue.get(doc);
    return { ...doc, figures, lastChange: due ? lineageOf(due) : doc.lastChange };
  },
};
