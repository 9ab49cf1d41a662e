/**
 * SGP-APSB monitoring inputs of one municipality and vigencia (stream `monitoring-{dane}-{year}`):
 * the FUT budget values, the four SUI administrative reports, the strategic flags the
 * Viceministerio raises, and whether the municipality is a direct provider (which exempts it from
 * administrative item a). Written by MINISTRY (and ADMIN); decided like every aggregate.
 */
import { DomainError, badInput, conflict, notFound } from '../errors';
import { DANE_CODE, type Territory } from '../territory';
import type { BudgetReport } from './budget';
import { ADMINISTRATIVE_REPORTS } from './items';

export { ADMINISTRATIVE_REPORTS };

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
  | {
      /**
       * 2.1.2 a): a municipality that is "prestador directo en los términos del artículo 15 de la
       * Ley 142 de 1994" and has not been decertified by the Superintendencia need not report the
       * subsidy contract with providers.
       */
      type: 'RecordDirectProviderStatus';
      daneCode: string;
      year: number;
      directProvider: boolean;
      decertified: boolean;
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
  | {
      type: 'DirectProviderStatusRecorded';
      data: {
        daneCode: string;
        year: number;
        directProvider: boolean;
        decertified: boolean;
        source: string;
        previous: DirectProviderStatus | null;
      };
    }
  | { type: 'StrategicFlagRaised'; data: { daneCode: string; year: number; flag: string } }
  | { type: 'StrategicFlagWithdrawn'; data: { daneCode: string; year: number; flag: string } };

export interface DirectProviderStatus {
  directProvider: boolean;
  decertified: boolean;
  source: string;
}

export interface MonitoringState {
  daneCode: string | null;
  year: number | null;
  budget: BudgetReport | null;
  administrative: Record<string, { filed: boolean; filedOn: string | null; source: string }>;
  strategicFlags: string[];
  /** null until recorded: then item a) is not exempt. */
  directProvider: DirectProviderStatus | null;
}

export const initialMonitoringState = (): MonitoringState => ({
  daneCode: null,
  year: null,
  budget: null,
  administrative: {},
  strategicFlags: [],
  directProvider: null,
});

/** 2.1.2 a) exempts a direct provider that has not been decertified. */
export const exemptFromSubsidyContract = (status: DirectProviderStatus | null): boolean =>
  status !== null && status.directProvider && !status.decertified;

export const monitoringStreamId = (daneCode: string, year: number) =>
  `monitoring-${daneCode}-${year}`;

const MONITORING_TYPES = new Set([
  'BudgetReported',
  'AdministrativeReportRecorded',
  'DirectProviderStatusRecorded',
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
    case 'DirectProviderStatusRecorded': {
      const { directProvider, decertified, source } = event.data;
      return { ...base, directProvider: { directProvider, decertified, source } };
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
        // Stryker disable next-line ConditionalExpression: `typeof value !== 'number'` → false is equivalent (Number.isFinite is false for anything but a finite number); the mark also takes this line's other ConditionalExpression mutants (the condition → true, `!Number.isFinite` or `< 0` → false), which the accepted budget, NaN, infinity and -1 tests kill
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
    case 'RecordDirectProviderStatus': {
      if (typeof command.directProvider !== 'boolean') {
        throw badInput('directProvider', 'indique si el municipio es prestador directo.');
      }
      if (typeof command.decertified !== 'boolean') {
        throw badInput(
          'decertified',
          'indique si la Superintendencia de Servicios Públicos Domiciliarios lo descertificó.',
        );
      }
      const previous = state.directProvider;
      if (previous) {
        if (
          previous.directProvider === command.directProvider &&
          previous.decertified === command.decertified
        ) {
          throw badInput('directProvider', 'la condición de prestador ya está registrada así.');
        }
        requireReason(command.reason, 'para corregir la condición de prestador directo');
      }
      return [
        {
          type: 'DirectProviderStatusRecorded',
          data: {
            daneCode,
            year,
            directProvider: command.directProvider,
            decertified: command.decertified,
            source: text(command.source, 'source'),
            previous,
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
