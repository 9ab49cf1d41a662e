/**
 * The sector plan's state as a fold of its events: `evolve(state, event) -> state`, pure and total
 * (it never throws on an event it was given; the decider refused anything invalid beforehand).
 */
import type { FundingTable } from '../catalogue/funding';
import type { Unit } from '../catalogue/indicators';
import type { MunicipalManagementChecklist } from '../rules/municipal-management';
import {
  contributionKey,
  fundingRowKey,
  periodKey,
  type AdoptionActKind,
  type Executor,
  type MeasuredAt,
  type PlanEvent,
  type ProgressReported,
  type ProjectKind,
  type YearValues,
} from './events';

export interface Baseline {
  indicator: string;
  value: number;
  measuredAt: MeasuredAt;
  source: string;
}

/** The act that adopted the plan. Before it, the plan is a draft. */
export interface Adoption {
  act: AdoptionActKind;
  number: string;
  date: string;
}

export interface Goal {
  goalId: string;
  indicator: string;
  targets: YearValues;
  total: number;
  /** How many times it was amended after being set. */
  amendments: number;
}

export interface Need {
  needId: string;
  need: string;
  investmentName: string;
  estimatedValue: number;
}

export interface Project {
  projectId: string;
  kind: ProjectKind;
  name: string;
  needId: string | null;
  valueByYear: YearValues;
  estimatedValue: number;
  endDate: string | null;
  fundingSources: string[];
  executor: Executor | null;
  executorDetail: string | null;
}

export interface Contribution {
  projectId: string;
  indicator: string;
  amount: number;
  unit: Unit;
}

export interface FundingRow {
  table: FundingTable;
  row: string;
  detail: string | null;
  amounts: YearValues;
}

export interface ProgressEntry {
  indicator: string;
  period: MeasuredAt;
  value: number;
  source: string;
  checklist: MunicipalManagementChecklist | null;
}

export interface PlanState {
  planId: string | null;
  daneCode: string | null;
  municipality: string | null;
  departmentCode: string | null;
  department: string | null;
  firstYear: number | null;
  lastYear: number | null;
  /** null while the plan is a draft. */
  adoption: Adoption | null;
  baselines: Record<string, Baseline>;
  goals: Record<string, Goal>;
  needs: Record<string, Need>;
  projects: Record<string, Project>;
  /** Keyed by `projectId|indicator`. */
  contributions: Record<string, Contribution>;
  /** Keyed by table, then by row key (`CODE` or `CODE:detail`). */
  funding: Record<FundingTable, Record<string, FundingRow>>;
  /** Keyed by indicator, then by period key (`2025` or `2025-03`). */
  progress: Record<string, Record<string, ProgressEntry>>;
}

export const initialPlanState = (): PlanState => ({
  planId: null,
  daneCode: null,
  municipality: null,
  departmentCode: null,
  department: null,
  firstYear: null,
  lastYear: null,
  adoption: null,
  baselines: {},
  goals: {},
  needs: {},
  projects: {},
  contributions: {},
  funding: { fuentes: {}, usos: {}, gestion: {} },
  progress: {},
});

/** The kinds of entity a plan is made of, each a map of the state keyed by a string. */
export type PlanEntityKind =
  | 'header'
  | 'adoption'
  | 'baseline'
  | 'goal'
  | 'need'
  | 'project'
  | 'contribution'
  | 'funding'
  | 'progress';

export type PlanHeader = Pick<
  PlanState,
  | 'planId'
  | 'daneCode'
  | 'municipality'
  | 'departmentCode'
  | 'department'
  | 'firstYear'
  | 'lastYear'
>;

export type EntityValue =
  | PlanHeader
  | Adoption
  | Baseline
  | Goal
  | Need
  | Project
  | Contribution
  | FundingRow
  | ProgressEntry;

/** One entity an event sets (value) or removes (null). */
export interface EntityChange {
  kind: PlanEntityKind;
  /** Unique within the plan and kind: indicator, project id, `table/row`, `indicator/period`. */
  key: string;
  value: EntityValue | null;
}

export type EntityLookup = (kind: PlanEntityKind, key: string) => EntityValue | undefined;

/** Which entity of the plan an event is about: every plan event is about exactly one. */
export function entityOf(event: PlanEvent): { kind: PlanEntityKind; key: string } {
  switch (event.type) {
    case 'PlanOpened':
      return { kind: 'header', key: 'plan' };
    case 'PlanAdopted':
      return { kind: 'adoption', key: 'plan' };
    case 'BaselineSet':
      return { kind: 'baseline', key: event.data.indicator };
    case 'GoalSet':
    case 'GoalAmended':
      return { kind: 'goal', key: event.data.indicator };
    case 'NeedRegistered':
      return { kind: 'need', key: event.data.needId };
    case 'ProjectRegistered':
      return { kind: 'project', key: event.data.projectId };
    case 'ProjectContributionAttached':
    case 'ProjectContributionChanged':
    case 'ProjectContributionDetached':
      return {
        kind: 'contribution',
        key: contributionKey(event.data.projectId, event.data.indicator),
      };
    case 'FundingRowSet':
      return {
        kind: 'funding',
        key: `${event.data.table}/${fundingRowKey(event.data.row, event.data.detail)}`,
      };
    case 'ProgressReported':
      return { kind: 'progress', key: `${event.data.indicator}/${periodKey(event.data.period)}` };
  }
}

/**
 * What an event does to the plan: the one entity it sets (or removes). Both the fold
 * (`evolvePlan`) and the bitemporal history projection apply exactly these changes, so "as of T"
 * and "fold up to T" cannot drift apart.
 */
export function planChange(event: PlanEvent, current: EntityLookup): EntityChange {
  const { kind, key } = entityOf(event);
  return { kind, key, value: entityValue(event, current) };
}

export function planChanges(event: PlanEvent, current: EntityLookup): EntityChange[] {
  return [planChange(event, current)];
}

function entityValue(event: PlanEvent, current: EntityLookup): EntityValue | null {
  switch (event.type) {
    case 'PlanOpened': {
      const { planId, daneCode, municipality, departmentCode, department, firstYear, lastYear } =
        event.data;
      return { planId, daneCode, municipality, departmentCode, department, firstYear, lastYear };
    }
    case 'PlanAdopted': {
      const { act, number, date } = event.data;
      return { act, number, date };
    }
    case 'BaselineSet': {
      const { indicator, value, measuredAt, source } = event.data;
      return { indicator, value, measuredAt, source };
    }
    case 'GoalSet':
    case 'GoalAmended': {
      const { goalId, indicator, targets, total } = event.data;
      const previous = current('goal', indicator) as Goal | undefined;
      const amendments = event.type === 'GoalSet' ? 0 : (previous?.amendments ?? 0) + 1;
      return { goalId, indicator, targets, total, amendments };
    }
    // Stryker disable next-line ConditionalExpression: equivalent (emptied, this case falls through to ProjectRegistered's, which also keeps the event's data as it is); the mark takes no other mutant of the line (`case ""` is killed by the fold tests)
    case 'NeedRegistered':
      return { ...event.data };
    case 'ProjectRegistered':
      return { ...event.data };
    case 'ProjectContributionAttached':
    case 'ProjectContributionChanged': {
      const { projectId, indicator, amount, unit } = event.data;
      return { projectId, indicator, amount, unit };
    }
    case 'ProjectContributionDetached':
      return null;
    case 'FundingRowSet': {
      const { table, row, detail, amounts } = event.data;
      return { table, row, detail, amounts };
    }
    case 'ProgressReported':
      return progressEntryOf(event.data);
  }
}

/** The entry a progress report sets: what the plan keeps of it, by indicator and period. */
export function progressEntryOf(report: ProgressReported['data']): ProgressEntry {
  const { indicator, period, value, source, checklist } = report;
  return { indicator, period, value, source, checklist };
}

/** What `entityValue` reads of the current state: a goal, to count its amendments. */
function lookupIn(state: PlanState): EntityLookup {
  // Stryker disable next-line ConditionalExpression: entityValue asks only for goals, so answering a goal to any kind changes no fold.
  return (kind, key) => (kind === 'goal' ? state.goals[key] : undefined);
}

function setEntry<T>(record: Record<string, T>, key: string, value: T | null): void {
  if (value === null) delete record[key];
  else record[key] = value;
}

function splitOnce(key: string): [string, string] {
  const at = key.indexOf('/');
  return [key.slice(0, at), key.slice(at + 1)];
}

/** Sets one entity on a state whose maps the caller owns (fresh, or copied for this change). */
function assign(state: PlanState, { kind, key, value }: EntityChange): void {
  switch (kind) {
    case 'header':
      // Stryker disable next-line ConditionalExpression: `true` is equivalent (PlanOpened always carries the header, and Object.assign ignores a null source anyway); the mark also takes `false`, which every fold test kills
      if (value) Object.assign(state, value as PlanHeader);
      return;
    case 'adoption':
      state.adoption = value as Adoption | null;
      return;
    case 'baseline':
      return setEntry(state.baselines, key, value as Baseline | null);
    case 'goal':
      return setEntry(state.goals, key, value as Goal | null);
    case 'need':
      return setEntry(state.needs, key, value as Need | null);
    case 'project':
      return setEntry(state.projects, key, value as Project | null);
    case 'contribution':
      return setEntry(state.contributions, key, value as Contribution | null);
    case 'funding': {
      const [table, rowKey] = splitOnce(key) as [FundingTable, string];
      return setEntry(state.funding[table], rowKey, value as FundingRow | null);
    }
    case 'progress': {
      const [indicator, period] = splitOnce(key);
      return setEntry((state.progress[indicator] ??= {}), period, value as ProgressEntry | null);
    }
  }
}

/** A copy of the state in which the maps a change touches are new: the old state is untouched. */
function ownFor(state: PlanState, { kind, key }: EntityChange): PlanState {
  switch (kind) {
    case 'header':
    case 'adoption':
      return { ...state };
    case 'baseline':
      return { ...state, baselines: { ...state.baselines } };
    case 'goal':
      return { ...state, goals: { ...state.goals } };
    case 'need':
      return { ...state, needs: { ...state.needs } };
    case 'project':
      return { ...state, projects: { ...state.projects } };
    case 'contribution':
      return { ...state, contributions: { ...state.contributions } };
    case 'funding': {
      const table = splitOnce(key)[0] as FundingTable;
      return { ...state, funding: { ...state.funding, [table]: { ...state.funding[table] } } };
    }
    case 'progress': {
      const indicator = splitOnce(key)[0];
      return {
        ...state,
        progress: { ...state.progress, [indicator]: { ...state.progress[indicator] } },
      };
    }
  }
}

/** Applies entity changes to a state, immutably (the fold). */
export function applyChanges(state: PlanState, changes: readonly EntityChange[]): PlanState {
  let next = state;
  for (const change of changes) {
    next = ownFor(next, change);
    assign(next, change);
  }
  return next;
}

/**
 * Builds a state from the entities in force, each set once, without copying a map per change
 * (as-of reads assemble hundreds of entities).
 */
export function buildPlanState(changes: readonly EntityChange[]): PlanState {
  const state = initialPlanState();
  for (const change of changes) assign(state, change);
  return state;
}

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  return applyChanges(state, planChanges(event, lookupIn(state)));
}

/**
 * The same change as `evolvePlan`, made in place on a state whose maps the caller owns (a
 * projector's draft within a batch): no copy of the maps per event.
 */
export function evolvePlanInPlace(state: PlanState, event: PlanEvent): PlanState {
  for (const change of planChanges(event, lookupIn(state))) assign(state, change);
  return state;
}

export function foldPlan(events: readonly PlanEvent[]): PlanState {
  return events.reduce(evolvePlan, initialPlanState());
}
