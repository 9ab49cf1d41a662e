/**
 * Read model `goals`: one document per plan and indicator (a row of Tabla 11): its baseline, its
 * goal, the projects contributing to it, its latest progress report, and the lineage of each value
 * (the event that set it, its actor, reason and legal basis). Every progress report, with its own
 * lineage, is in `plan_history`.
 */
import { goalIdOf, periodKey, type PlanEvent } from '../src/domain/plan/events';
import { goalFigures, type GoalFigures } from '../src/domain/plan/figures';
import {
  initialPlanState,
  planChanges,
  type Baseline,
  type Contribution,
  type Goal,
  type PlanState,
  type ProgressEntry,
} from '../src/domain/plan/state';
import type { RecordedEvent } from '../src/eventstore/port';
import type { ProjectedDocument, Projection } from '../src/projector/projection';
import { idsPerPlan, lineageOf, planEventOf, reportOf, type Lineage } from './envelope';

export interface GoalDocument extends ProjectedDocument {
  planId: string;
  daneCode: string;
  firstYear: number;
  indicator: string;
  baseline: Baseline | null;
  goal: Goal | null;
  contributions: Contribution[];
  latestProgress: ProgressEntry | null;
  lineage: {
    baseline: Lineage | null;
    goal: Lineage | null;
    /** By project id. */
    contributions: Record<string, Lineage>;
    latestProgress: Lineage | null;
  };
  /** Gap against the projects (Tabla 10), progress towards the goal, warnings. */
  figures: GoalFigures | null;
  /** The last event about this goal or its indicator: its latest entry in the audit trail. */
  lastEventId: string | null;
}

const goalIds = idsPerPlan((plan, indicator: string) =>
  goalIdOf(plan.daneCode, plan.firstYear, indicator),
);

const periodOrder = (entry: ProgressEntry) => entry.period.year * 100 + (entry.period.month ?? 13);

function newGoal(recorded: RecordedEvent, id: string): Omit<GoalDocument, '_position'> {
  const { plan, event } = planEventOf(recorded)!;
  return {
    _id: id,
    planId: plan.planId,
    daneCode: plan.daneCode,
    firstYear: plan.firstYear,
    indicator: (event.data as { indicator: string }).indicator,
    baseline: null,
    goal: null,
    contributions: [],
    latestProgress: null,
    lineage: { baseline: null, goal: null, contributions: {}, latestProgress: null },
    figures: null,
    lastEventId: null,
  };
}

/** A copy of a goal document whose parts an event may change are its own. */
const copyGoal = (doc: GoalDocument): GoalDocument => ({
  ...doc,
  // Stryker disable next-line MethodExpression: equivalent today (changeGoal assigns a new array, never pushes); kept so that an in-place change could not reach the stored document
  contributions: doc.contributions.slice(),
  lineage: { ...doc.lineage, contributions: { ...doc.lineage.contributions } },
});

/**
 * The event each draft's latest report came from: of a goal's many reports only the latest one's
 * lineage is kept, so a draft's is built once, when it is finalized (as `plans` does).
 */
const latestProgressDue = new WeakMap<GoalDocument, RecordedEvent>();

/**
 * Applies an event to a goal document the caller owns (a fresh copy, or a batch's draft, whose
 * latest report's lineage is left to `finalize`).
 */
function changeGoal(next: GoalDocument, recorded: RecordedEvent, draft: boolean): GoalDocument {
  const { event } = planEventOf(recorded)!;
  // Most of a national log, without building the entity change the fold would (same entry).
  if (event.type === 'ProgressReported') {
    const entry = reportOf(recorded, event);
    // A report becomes the latest unless it is for an earlier period (a correction of one stays too).
    if (!next.latestProgress || periodOrder(entry) >= periodOrder(next.latestProgress)) {
      next.latestProgress = entry;
      // Stryker disable next-line ConditionalExpression: `false` is equivalent (the lineage built at once is the one `finalize` builds, only sooner); the disable takes `true` with it, which the tests of a copy followed by another event kill
      if (draft) latestProgressDue.set(next, recorded);
      else next.lineage.latestProgress = lineageOf(recorded);
    }
  } else changeEntity(next, event, lineageOf(recorded));
  // Every event about the indicator is a change of the goal in the audit trail.
  next.lastEventId = recorded.id;
  return next;
}

/** The same entity changes the fold applies; this document keeps those of one indicator. */
function changeEntity(next: GoalDocument, event: PlanEvent, lineage: Lineage): void {
  for (const change of planChanges(event, (kind) =>
    kind === 'goal' ? (next.goal ?? undefined) : undefined,
  )) {
    switch (change.kind) {
      case 'baseline':
        next.baseline = change.value as Baseline;
        next.lineage.baseline = lineage;
        break;
      case 'goal':
        next.goal = change.value as Goal;
        next.lineage.goal = lineage;
        break;
      case 'contribution': {
        const projectId = change.key.slice(0, change.key.indexOf('|'));
        if (change.value) next.lineage.contributions[projectId] = lineage;
        else delete next.lineage.contributions[projectId];
        next.contributions = [
          ...next.contributions.filter((c) => c.projectId !== projectId),
          ...(change.value ? [change.value as Contribution] : []),
        ].sort((a, b) => a.projectId.localeCompare(b.projectId));
        break;
      }
      // Stryker disable next-line ConditionalExpression: unreachable, every plan event with an indicator but a report changes a baseline, goal or contribution
      default:
        break;
    }
  }
}

export const goalsProjection: Projection<GoalDocument> = {
  name: 'goals',
  streamLocal: true,
  // 2: schema version 2 of plan events (4.2.8 as % treated, its goal ids renamed; 4.2.10 in %).
  version: 2,
  collection: 'goals',
  // A plan's goals are read in indicator order (Tabla 11): the index gives that order.
  indexes: [{ keys: { planId: 1, indicator: 1 } }, { keys: { daneCode: 1 } }],
  idsOf: (recorded) => {
    const found = planEventOf(recorded);
    if (!found || !('indicator' in found.event.data)) return [];
    return goalIds(found.plan, found.event.data.indicator);
  },
  apply: (doc, recorded, id) =>
    changeGoal(doc ? copyGoal(doc) : (newGoal(recorded, id) as GoalDocument), recorded, false),
  applyInPlace: (draft, recorded, id) =>
    changeGoal(draft ?? (newGoal(recorded, id) as GoalDocument), recorded, true),
  finalize: (doc) => {
    const due = latestProgressDue.get(doc);
    const lineage = due ? { ...doc.lineage, latestProgress: lineageOf(due) } : doc.lineage;
    // The goal's figures are the plan's figures restricted to its own indicator.
    const state: PlanState = {
      ...initialPlanState(),
      firstYear: doc.firstYear,
      baselines: doc.baseline ? { [doc.indicator]: doc.baseline } : {},
      goals: doc.goal ? { [doc.indicator]: doc.goal } : {},
      contributions: Object.fromEntries(
        doc.contributions.map((c) => [`${c.projectId}|${c.indicator}`, c]),
      ),
      progress: doc.latestProgress
        ? { [doc.indicator]: { [periodKey(doc.latestProgress.period)]: doc.latestProgress } }
        : {},
    };
    return { ...doc, lineage, figures: goalFigures(state, doc.indicator) };
  },
};
