/** Commands to the sector plan aggregate, as a planner (or PDA) would issue them. */
import type { FundingTable } from '../catalogue/funding';
import type { MunicipalManagementChecklist } from '../rules/municipal-management';
import {
  adoptionCitation,
  type AdoptionActKind,
  type Executor,
  type MeasuredAt,
  type ProjectKind,
} from './events';

/** Why and on what legal basis; both travel to the event's metadata. */
export interface Justification {
  reason?: string;
  legalBasis?: string;
}

export interface OpenPlan extends Justification {
  type: 'OpenPlan';
  daneCode: string;
  firstYear: number;
}

/** Records the act that adopted the plan; its citation is the event's legal basis. */
export interface AdoptPlan extends Justification {
  type: 'AdoptPlan';
  act: AdoptionActKind;
  number: string;
  /** AAAA-MM-DD. */
  date: string;
}

/**
 * The adoption act is itself the legal basis of its event: unless another is given, the citation
 * ("Acuerdo 012 de 2024") goes to the envelope. A malformed act is left for the decider to refuse.
 */
export function citingTheAct(command: AdoptPlan): AdoptPlan {
  const wellFormed =
    (command.act === 'ACUERDO' || command.act === 'DECRETO') &&
    typeof command.number === 'string' &&
    typeof command.date === 'string';
  if (command.legalBasis || !wellFormed) return command;
  return {
    ...command,
    legalBasis: adoptionCitation({ ...command, number: command.number.trim() }),
  };
}

export interface SetBaseline extends Justification {
  type: 'SetBaseline';
  indicator: string;
  value: number;
  measuredAt: MeasuredAt;
  source: string;
}

export interface SetGoal extends Justification {
  type: 'SetGoal';
  indicator: string;
  /** Change the plan commits to in Año 1..4, in the indicator's unit. */
  targets: number[];
  total: number;
}

export interface AmendGoal extends Justification {
  type: 'AmendGoal';
  indicator: string;
  targets: number[];
  total: number;
}

export interface RegisterNeed extends Justification {
  type: 'RegisterNeed';
  needId: string;
  need: string;
  investmentName: string;
  estimatedValue: number;
}

export interface RegisterProject extends Justification {
  type: 'RegisterProject';
  projectId: string;
  kind: ProjectKind;
  name: string;
  needId?: string;
  valueByYear: number[];
  endDate?: string;
  fundingSources?: string[];
  executor?: Executor;
  executorDetail?: string;
}

export interface AttachContribution extends Justification {
  type: 'AttachContribution';
  projectId: string;
  indicator: string;
  amount: number;
  /** The unit the caller believes the amount is in; must be the indicator's. */
  unit: string;
}

export interface ChangeContribution extends Justification {
  type: 'ChangeContribution';
  projectId: string;
  indicator: string;
  amount: number;
  unit: string;
}

export interface DetachContribution extends Justification {
  type: 'DetachContribution';
  projectId: string;
  indicator: string;
}

export interface SetFundingRow extends Justification {
  type: 'SetFundingRow';
  table: FundingTable;
  row: string;
  detail?: string;
  amounts: number[];
}

export interface ReportProgress extends Justification {
  type: 'ReportProgress';
  indicator: string;
  period: MeasuredAt;
  /** Omitted for GES-MUN when the checklist is given: the value is computed from it. */
  value?: number;
  checklist?: MunicipalManagementChecklist;
  source: string;
}

export type PlanCommand =
  | OpenPlan
  | AdoptPlan
  | SetBaseline
  | SetGoal
  | AmendGoal
  | RegisterNeed
  | RegisterProject
  | AttachContribution
  | ChangeContribution
  | DetachContribution
  | SetFundingRow
  | ReportProgress;
