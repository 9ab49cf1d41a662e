/** Read model `plans`: the current state of each sector plan with its derived figures. */
import { periodKey, type PlanEvent } from '../src/domain/plan/events';
import { latestProgress, planFigures, type PlanFigures } from '../src/domain/plan/figures';
import {
  evolvePlan,
  evolvePlanInPlace,
  initialPlanState,
  type PlanState,
} from '../src/domain/plan/state';
import type { ProjectedDocument, Projection } from '../src/projector/projection';
import { lineageOf, planEventOf, type Lineage } from './envelope';

export interface PlanDocument extends ProjectedDocument {
  daneCode: string;
  departmentCode: string | null;
  firstYear: number;
  /** Revision of the plan stream: the `expectedRevision` for the next edit. */
  revision: number;
  /** The plan's state, with only the latest progress report per indicator. */
  state: PlanState;
  figures: PlanFigures | null;
  lastChange: Lineage;
}

/**
 * Every progress report lives in the `goals` and `plan_history` read models; the plan keeps only
 * the latest report per indicator, which is all its figures use. This keeps each event's copy of
 * the plan small however many monthly reports a plan accumulates.
 */
function latestProgressOnly(state: PlanState, event: PlanEvent): PlanState {
  if (event.type !== 'ProgressReported') return state;
  const { indicator } = event.data;
  const reports = state.progress[indicator]!;
  if (Object.keys(reports).length <= 1) return state;
  const latest = latestProgress(state, indicator)!;
  return {
    ...state,
    progress: { ...state.progress, [indicator]: { [periodKey(latest.period)]: latest } },
  };
}

export const plansProjection: Projection<PlanDocument> = {
  name: 'plans',
  collection: 'plans',
  // A municipality's plans are read by cuatrienio: the index gives that order.
  indexes: [{ keys: { daneCode: 1, firstYear: 1 } }, { keys: { departmentCode: 1 } }],
  idsOf: (event) => {
    const found = planEventOf(event);
    return found ? [found.plan.planId] : [];
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
    };
  },
  applyInPlace: (draft, recorded, id) => {
    if (!draft) return plansProjection.apply(null, recorded, id);
    const { event } = planEventOf(recorded)!;
    const state = evolvePlanInPlace(draft.state, event);
    if (event.type === 'ProgressReported') {
      const { indicator } = event.data;
      const latest = latestProgress(state, indicator)!;
      state.progress[indicator] = { [periodKey(latest.period)]: latest };
    }
    draft.departmentCode = state.departmentCode;
    draft.revision = recorded.revision;
    draft.lastChange = lineageOf(recorded);
    return draft;
  },
  finalize: (doc) => ({ ...doc, figures: planFigures(doc.state) }),
};
