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
  type Executor,
  type MeasuredAt,
  type PlanEvent,
  type ProjectKind,
  type YearValues,
} from './events';

export interface Baseline {
  indicator: string;
  value: number;
  measuredAt: MeasuredAt;
  source: string;
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
  baselines: {},
  goals: {},
  needs: {},
  projects: {},
  contributions: {},
  funding: { fuentes: {}, usos: {}, gestion: {} },
  progress: {},
});

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  switch (event.type) {
    case 'PlanOpened': {
      const { planId, daneCode, municipality, departmentCode, department, firstYear, lastYear } =
        event.data;
      return {
        ...state,
        planId,
        daneCode,
        municipality,
        departmentCode,
        department,
        firstYear,
        lastYear,
      };
    }
    case 'BaselineSet': {
      const { indicator, value, measuredAt, source } = event.data;
      return {
        ...state,
        baselines: { ...state.baselines, [indicator]: { indicator, value, measuredAt, source } },
      };
    }
    case 'GoalSet': {
      const { goalId, indicator, targets, total } = event.data;
      return {
        ...state,
        goals: {
          ...state.goals,
          [indicator]: { goalId, indicator, targets, total, amendments: 0 },
        },
      };
    }
    case 'GoalAmended': {
      const { goalId, indicator, targets, total } = event.data;
      const amendments = (state.goals[indicator]?.amendments ?? 0) + 1;
      return {
        ...state,
        goals: { ...state.goals, [indicator]: { goalId, indicator, targets, total, amendments } },
      };
    }
    case 'NeedRegistered':
      return { ...state, needs: { ...state.needs, [event.data.needId]: { ...event.data } } };
    case 'ProjectRegistered':
      return {
        ...state,
        projects: { ...state.projects, [event.data.projectId]: { ...event.data } },
      };
    case 'ProjectContributionAttached':
    case 'ProjectContributionChanged': {
      const { projectId, indicator, amount, unit } = event.data;
      return {
        ...state,
        contributions: {
          ...state.contributions,
          [contributionKey(projectId, indicator)]: { projectId, indicator, amount, unit },
        },
      };
    }
    case 'ProjectContributionDetached':
      return {
        ...state,
        contributions: without(
          state.contributions,
          contributionKey(event.data.projectId, event.data.indicator),
        ),
      };
    case 'FundingRowSet': {
      const { table, row, detail, amounts } = event.data;
      return {
        ...state,
        funding: {
          ...state.funding,
          [table]: {
            ...state.funding[table],
            [fundingRowKey(row, detail)]: { table, row, detail, amounts },
          },
        },
      };
    }
    case 'ProgressReported': {
      const { indicator, period, value, source, checklist } = event.data;
      return {
        ...state,
        progress: {
          ...state.progress,
          [indicator]: {
            ...state.progress[indicator],
            [periodKey(period)]: { indicator, period, value, source, checklist },
          },
        },
      };
    }
  }
}

export function foldPlan(events: readonly PlanEvent[]): PlanState {
  return events.reduce(evolvePlan, initialPlanState());
}
