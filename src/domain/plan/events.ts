/**
 * Events of the sector plan aggregate (stream `plan-{dane}-{firstYear}`), one type per fact, past
 * tense. Who, when, why and the legal basis travel in the envelope's metadata; corrections keep the
 * value they replace in `previous`, so the audit trail can show before and after from one event.
 */
import type { FundingTable } from '../catalogue/funding';
import type { Unit } from '../catalogue/indicators';
import type { MunicipalManagementChecklist } from '../rules/municipal-management';

export type YearValues = [number, number, number, number];

export interface MeasuredAt {
  year: number;
  /** 1-12, where the indicator's ficha is monthly. */
  month?: number;
}

export type ProjectKind = 'propio' | 'tercero';
export type Executor = 'PDA' | 'CAR' | 'NACION' | 'OTRO';

export interface PlanOpened {
  type: 'PlanOpened';
  data: {
    planId: string;
    daneCode: string;
    municipality: string;
    departmentCode: string;
    department: string;
    firstYear: number;
    lastYear: number;
  };
}

export interface BaselineSet {
  type: 'BaselineSet';
  data: {
    indicator: string;
    value: number;
    measuredAt: MeasuredAt;
    source: string;
    previous: { value: number; measuredAt: MeasuredAt; source: string } | null;
  };
}

/** Kind of act that adopts the municipal development plan the sector plan is part of. */
export type AdoptionActKind = 'ACUERDO' | 'DECRETO';

/**
 * The plan is adopted (the seed's art. 1, parágrafo: baselines and goals "harán parte de los
 * planes sectoriales que conforman los planes de desarrollo"): by acuerdo of the concejo, or by
 * decreto of the alcalde when the concejo does not decide in time (Ley 152 de 1994, art. 40).
 */
export interface PlanAdopted {
  type: 'PlanAdopted';
  data: { act: AdoptionActKind; number: string; date: string };
}

/**
 * A goal set: for the first time (`previous` null), or revised while the plan is a draft (the
 * goal it replaces). After adoption a change is a `GoalAmended`.
 */
export interface GoalSet {
  type: 'GoalSet';
  data: {
    goalId: string;
    indicator: string;
    targets: YearValues;
    total: number;
    previous: { targets: YearValues; total: number } | null;
  };
}

export interface GoalAmended {
  type: 'GoalAmended';
  data: {
    goalId: string;
    indicator: string;
    targets: YearValues;
    total: number;
    previous: { targets: YearValues; total: number };
  };
}

export interface NeedRegistered {
  type: 'NeedRegistered';
  data: { needId: string; need: string; investmentName: string; estimatedValue: number };
}

export interface ProjectRegistered {
  type: 'ProjectRegistered';
  data: {
    projectId: string;
    kind: ProjectKind;
    name: string;
    needId: string | null;
    /** Planned investment per Año 1-4 (pesos); the estimated value is their sum. */
    valueByYear: YearValues;
    estimatedValue: number;
    /** Third-party projects (Tabla 9) only. */
    endDate: string | null;
    fundingSources: string[];
    executor: Executor | null;
    executorDetail: string | null;
  };
}

export interface ProjectContributionAttached {
  type: 'ProjectContributionAttached';
  data: { projectId: string; indicator: string; amount: number; unit: Unit };
}

export interface ProjectContributionChanged {
  type: 'ProjectContributionChanged';
  data: {
    projectId: string;
    indicator: string;
    amount: number;
    unit: Unit;
    previous: { amount: number };
  };
}

export interface ProjectContributionDetached {
  type: 'ProjectContributionDetached';
  data: { projectId: string; indicator: string; previous: { amount: number } };
}

export interface FundingRowSet {
  type: 'FundingRowSet';
  data: {
    table: FundingTable;
    row: string;
    detail: string | null;
    amounts: YearValues;
    previous: YearValues | null;
  };
}

export interface ProgressReported {
  type: 'ProgressReported';
  data: {
    indicator: string;
    period: MeasuredAt;
    value: number;
    source: string;
    /** For GES-MUN, the six requirements of ficha 4.2.10 the value was computed from. */
    checklist: MunicipalManagementChecklist | null;
    previous: { value: number; source: string } | null;
  };
}

export type PlanEvent =
  | PlanOpened
  | PlanAdopted
  | BaselineSet
  | GoalSet
  | GoalAmended
  | NeedRegistered
  | ProjectRegistered
  | ProjectContributionAttached
  | ProjectContributionChanged
  | ProjectContributionDetached
  | FundingRowSet
  | ProgressReported;

export type PlanEventType = PlanEvent['type'];

export const PLAN_EVENT_TYPES: readonly PlanEventType[] = [
  'PlanOpened',
  'PlanAdopted',
  'BaselineSet',
  'GoalSet',
  'GoalAmended',
  'NeedRegistered',
  'ProjectRegistered',
  'ProjectContributionAttached',
  'ProjectContributionChanged',
  'ProjectContributionDetached',
  'FundingRowSet',
  'ProgressReported',
];

export function isPlanEvent(event: { type: string }): event is PlanEvent {
  return (PLAN_EVENT_TYPES as readonly string[]).includes(event.type);
}

export const planStreamId = (daneCode: string, firstYear: number): string =>
  `plan-${daneCode}-${firstYear}`;

export const goalIdOf = (daneCode: string, firstYear: number, indicator: string): string =>
  `${daneCode}-${firstYear}-${indicator}`;

export const periodKey = (period: MeasuredAt): string =>
  period.month === undefined
    ? `${period.year}`
    : `${period.year}-${String(period.month).padStart(2, '0')}`;

export const fundingRowKey = (row: string, detail: string | null): string =>
  detail ? `${row}:${detail}` : row;

const ACT_LABEL: Record<AdoptionActKind, string> = { ACUERDO: 'Acuerdo', DECRETO: 'Decreto' };

/** How the adoption act is cited as a legal basis, e.g. "Acuerdo 012 de 2024". */
export const adoptionCitation = (act: { act: AdoptionActKind; number: string; date: string }) =>
  `${ACT_LABEL[act.act]} ${act.number} de ${act.date.slice(0, 4)}`;

export const contributionKey = (projectId: string, indicator: string): string =>
  `${projectId}|${indicator}`;
