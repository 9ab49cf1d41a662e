/**
 * SGP-APSB monitoring inputs of one municipality and vigencia (stream `monitoring-{dane}-{year}`):
 * the FUT budget values, the four SUI administrative reports and the strategic flags the
 * Viceministerio raises. Written by MINISTRY (and ADMIN); decided like every aggregate.
 */
import { DomainError, badInput, conflict, notFound } from '../errors';
import { DANE_CODE, type Territory } from '../territory';
import { RES_449_2013 } from './methodology';
import type { BudgetReport } from './scoring';

export const ADMINISTRATIVE_REPORTS = RES_449_2013.items.administrativos.map((item) => item.code);

export type MonitoringCommand =
  | {
      type: 'RecordBudgetReport';
      daneCode: string;
      year: number;
      report: BudgetReport;
      source: string;
      reason?: string;
    }
  | {
      type: 'RecordAdministrativeReport';
      daneCode: string;
      year: number;
      report: string;
      filed: boolean;
      filedOn?: string;
      source: string;
      reason?: string;
    }
  | { type: 'RaiseStrategicFlag'; daneCode: string; year: number; flag: string; reason?: string }
  | {
      type: 'WithdrawStrategicFlag';
      daneCode: string;
      year: number;
      flag: string;
      reason?: string;
    };

export type MonitoringEvent =
  | {
      type: 'BudgetReported';
      data: {
        daneCode: string;
        year: number;
        report: BudgetReport;
        source: string;
        previous: BudgetReport | null;
      };
    }
  | {
      type: 'AdministrativeReportRecorded';
      data: {
        daneCode: string;
        year: number;
        report: string;
        filed: boolean;
        filedOn: string | null;
        source: string;
      };
    }
  | { type: 'StrategicFlagRaised'; data: { daneCode: string; year: number; flag: string } }
  | { type: 'StrategicFlagWithdrawn'; data: { daneCode: string; year: number; flag: string } };

export interface MonitoringState {
  daneCode: string | null;
  year: number | null;
  budget: BudgetReport | null;
  administrative: Record<string, { filed: boolean; filedOn: string | null; source: string }>;
  strategicFlags: string[];
}

export const initialMonitoringState = (): MonitoringState => ({
  daneCode: null,
  year: null,
  budget: null,
  administrative: {},
  strategicFlags: [],
});

export const monitoringStreamId = (daneCode: string, year: number) =>
  `monitoring-${daneCode}-${year}`;

const MONITORING_TYPES = new Set([
  'BudgetReported',
  'AdministrativeReportRecorded',
  'StrategicFlagRaised',
  'StrategicFlagWithdrawn',
]);
export const isMonitoringEvent = (fact: { type: string }): fact is MonitoringEvent =>
  MONITORING_TYPES.has(fact.type);

export function evolveMonitoring(state: MonitoringState, event: MonitoringEvent): MonitoringState {
  const base = { ...state, daneCode: event.data.daneCode, year: event.data.year };
  switch (event.type) {
    case 'BudgetReported':
      return { ...base, budget: event.data.report };
    case 'AdministrativeReportRecorded': {
      const { report, filed, filedOn, source } = event.data;
      return {
        ...base,
        administrative: { ...state.administrative, [report]: { filed, filedOn, source } },
      };
    }
    case 'StrategicFlagRaised':
      return { ...base, strategicFlags: [...state.strategicFlags, event.data.flag] };
    case 'StrategicFlagWithdrawn':
      return { ...base, strategicFlags: state.strategicFlags.filter((f) => f !== event.data.flag) };
  }
}

export const BUDGET_FIELDS: ReadonlyArray<keyof BudgetReport> = [
  'assignedConpes',
  'incorporated',
  'transferred',
  'collected',
  'withoutFundsAssigned',
  'withoutFundsReported',
  'finalRevenue',
  'finalExpenditure',
  'commitments',
  'availableResources',
  'ineligibleSpending',
  'subsidiesCommitted',
  'subsidiesPaid',
];

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw badInput(field, 'es obligatorio.');
  return value.trim();
}

function requireReason(reason: string | undefined, why: string): void {
  if (!reason || reason.trim() === '')
    throw badInput('reason', `se requiere una justificación (reason) ${why}.`);
}

function decideOrThrow(
  command: MonitoringCommand,
  state: MonitoringState,
  territory: Territory,
): MonitoringEvent[] {
  if (typeof command.daneCode !== 'string' || !DANE_CODE.test(command.daneCode)) {
    throw badInput('daneCode', 'el código DANE debe tener 5 dígitos (p. ej. "73001").');
  }
  if (!territory.municipality(command.daneCode)) {
    throw notFound('daneCode', `el código DANE ${command.daneCode} no existe en la DIVIPOLA.`);
  }
  if (!Number.isInteger(command.year) || command.year < 2008 || command.year > 2100) {
    throw badInput('year', `vigencia inválida ${String(command.year)}.`);
  }
  const { daneCode, year } = command;
  switch (command.type) {
    case 'RecordBudgetReport': {
      const report = {} as BudgetReport;
      for (const field of BUDGET_FIELDS) {
        const value = command.report?.[field];
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          throw badInput(`report.${field}`, 'debe ser un valor en pesos mayor o igual a cero.');
        }
        report[field] = value;
      }
      if (state.budget)
        requireReason(command.reason, 'para corregir el reporte presupuestal de la vigencia');
      return [
        {
          type: 'BudgetReported',
          data: {
            daneCode,
            year,
            report,
            source: text(command.source, 'source'),
            previous: state.budget,
          },
        },
      ];
    }
    case 'RecordAdministrativeReport': {
      if (!ADMINISTRATIVE_REPORTS.includes(command.report)) {
        throw badInput(
          'report',
          `reporte desconocido "${command.report}": use uno de ${ADMINISTRATIVE_REPORTS.join(', ')}.`,
        );
      }
      if (typeof command.filed !== 'boolean')
        throw badInput('filed', 'indique si el reporte se hizo en el SUI.');
      let filedOn: string | null = null;
      if (command.filed) {
        if (
          typeof command.filedOn !== 'string' ||
          !/^\d{4}-\d{2}-\d{2}$/.test(command.filedOn) ||
          Number.isNaN(Date.parse(command.filedOn))
        ) {
          throw badInput('filedOn', 'indique la fecha del reporte en el SUI (AAAA-MM-DD).');
        }
        filedOn = command.filedOn;
      }
      if (state.administrative[command.report])
        requireReason(command.reason, 'para corregir un reporte administrativo');
      return [
        {
          type: 'AdministrativeReportRecorded',
          data: {
            daneCode,
            year,
            report: command.report,
            filed: command.filed,
            filedOn,
            source: text(command.source, 'source'),
          },
        },
      ];
    }
    case 'RaiseStrategicFlag': {
      const flag = text(command.flag, 'flag');
      requireReason(command.reason, 'para priorizar por un indicador estratégico');
      if (state.strategicFlags.includes(flag))
        throw conflict('flag', `el indicador estratégico "${flag}" ya está registrado.`);
      return [{ type: 'StrategicFlagRaised', data: { daneCode, year, flag } }];
    }
    case 'WithdrawStrategicFlag': {
      const flag = text(command.flag, 'flag');
      requireReason(command.reason, 'para retirar un indicador estratégico');
      if (!state.strategicFlags.includes(flag))
        throw notFound('flag', `el indicador estratégico "${flag}" no está registrado.`);
      return [{ type: 'StrategicFlagWithdrawn', data: { daneCode, year, flag } }];
    }
  }
}

export function decideMonitoring(
  command: MonitoringCommand,
  state: MonitoringState,
  context: { territory: Territory },
): { ok: true; events: MonitoringEvent[] } | { ok: false; error: DomainError } {
  try {
    return { ok: true, events: decideOrThrow(command, state, context.territory) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}

export const monitoring = {
  initialState: initialMonitoringState,
  evolve: evolveMonitoring,
  decide: decideMonitoring,
  isEvent: isMonitoringEvent,
};
