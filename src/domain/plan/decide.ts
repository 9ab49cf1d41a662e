/**
 * The sector plan decider: `decidePlan(command, state, context) -> events | error`. Every rule a
 * planner's command must satisfy is here; a refused command yields a DomainError naming the field,
 * and nothing is appended.
 */
import { DomainError, badInput, conflict, notFound } from '../errors';
import { findFundingRow, FUNDING_ROWS, type FundingTable } from '../catalogue/funding';
import { findIndicator, type Indicator } from '../catalogue/indicators';
import {
  MUNICIPAL_MANAGEMENT_REQUIREMENTS,
  municipalManagementScore,
} from '../rules/municipal-management';
import { assertChange, assertLevel, round6, UNIT_LABEL } from '../rules/units';
import { DANE_CODE, type Territory } from '../territory';
import { governmentPeriod, yearIndex } from '../time';
import type {
  AmendGoal,
  AttachContribution,
  ChangeContribution,
  DetachContribution,
  Justification,
  OpenPlan,
  PlanCommand,
  RegisterNeed,
  RegisterProject,
  ReportProgress,
  SetBaseline,
  SetFundingRow,
  SetGoal,
} from './commands';
import {
  contributionKey,
  fundingRowKey,
  goalIdOf,
  periodKey,
  planStreamId,
  type Executor,
  type MeasuredAt,
  type PlanEvent,
  type YearValues,
} from './events';
import type { PlanState } from './state';

export interface PlanContext {
  territory: Territory;
}

export type Decision = { ok: true; events: PlanEvent[] } | { ok: false; error: DomainError };

const EXECUTORS: readonly Executor[] = ['PDA', 'CAR', 'NACION', 'OTRO'];
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function decidePlan(command: PlanCommand, state: PlanState, context: PlanContext): Decision {
  try {
    return { ok: true, events: decideOrThrow(command, state, context) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}

function decideOrThrow(command: PlanCommand, state: PlanState, context: PlanContext): PlanEvent[] {
  if (command.type === 'OpenPlan') return openPlan(command, state, context);
  const plan = requireOpen(state);
  switch (command.type) {
    case 'SetBaseline':
      return setBaseline(command, plan);
    case 'SetGoal':
      return setGoal(command, plan);
    case 'AmendGoal':
      return amendGoal(command, plan);
    case 'RegisterNeed':
      return registerNeed(command, plan);
    case 'RegisterProject':
      return registerProject(command, plan);
    case 'AttachContribution':
      return attachContribution(command, plan);
    case 'ChangeContribution':
      return changeContribution(command, plan);
    case 'DetachContribution':
      return detachContribution(command, plan);
    case 'SetFundingRow':
      return setFundingRow(command, plan);
    case 'ReportProgress':
      return reportProgress(command, plan);
  }
}

type OpenPlanState = PlanState & {
  planId: string;
  daneCode: string;
  firstYear: number;
  lastYear: number;
};

function requireOpen(state: PlanState): OpenPlanState {
  if (state.planId === null || state.daneCode === null || state.firstYear === null) {
    throw notFound('plan', 'el plan sectorial no existe: ábralo primero (OpenPlan).');
  }
  return state as OpenPlanState;
}

// ---------------------------------------------------------------------------- field checks

function text(value: unknown, field: string, max = 500): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw badInput(field, 'es obligatorio.');
  }
  if (value.length > max) throw badInput(field, `supera ${max} caracteres.`);
  return value.trim();
}

function identifier(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID.test(value)) {
    throw badInput(
      field,
      'identificador inválido: use letras, dígitos, ".", "_" o "-" (máx. 64 caracteres).',
    );
  }
  return value;
}

function pesos(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw badInput(field, 'debe ser un número.');
  if (value < 0) throw badInput(field, `un valor en pesos no puede ser negativo (${value}).`);
  return value;
}

function fourYears(
  values: unknown,
  field: string,
  check: (v: unknown, f: string) => number,
): YearValues {
  if (!Array.isArray(values) || values.length !== 4) {
    throw badInput(
      field,
      'se requieren exactamente cuatro valores, uno por cada año (Año 1 a Año 4) del cuatrienio.',
    );
  }
  return values.map((value, index) => check(value, `${field}[${index}]`)) as YearValues;
}

function indicatorOf(code: unknown, field = 'indicator'): Indicator {
  const indicator = typeof code === 'string' ? findIndicator(code) : undefined;
  if (!indicator) {
    throw badInput(
      field,
      `indicador desconocido "${String(code)}": consulte el catálogo de indicadores.`,
    );
  }
  return indicator;
}

function requireReason(command: Justification, why: string): void {
  if (!command.reason || command.reason.trim().length === 0) {
    throw badInput('reason', `se requiere una justificación (reason) ${why}.`);
  }
}

function requireLegalBasis(command: Justification, why: string): void {
  if (!command.legalBasis || command.legalBasis.trim().length === 0) {
    throw badInput(
      'legalBasis',
      `se requiere el acto administrativo (legalBasis, p. ej. "Acuerdo 012 de 2024") ${why}.`,
    );
  }
}

function measuredAt(
  value: MeasuredAt | undefined,
  field: string,
  monthly: 'required' | 'optional' | 'forbidden',
): MeasuredAt {
  if (!value || typeof value !== 'object')
    throw badInput(field, 'es obligatorio ({ year, month? }).');
  const { year, month } = value;
  if (!Number.isInteger(year) || year < 1990 || year > 2100) {
    throw badInput(`${field}.year`, `año inválido ${String(year)}.`);
  }
  if (month === undefined || month === null) {
    if (monthly === 'required') {
      throw badInput(`${field}.month`, 'la ficha del indicador es mensual: indique el mes (1-12).');
    }
    return { year };
  }
  if (monthly === 'forbidden') {
    throw badInput(`${field}.month`, 'la ficha del indicador es anual: no indique mes.');
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw badInput(`${field}.month`, `mes inválido ${String(month)}: debe estar entre 1 y 12.`);
  }
  return { year, month };
}

function monthRule(indicator: Indicator): 'required' | 'optional' | 'forbidden' {
  switch (indicator.periodicity) {
    case 'anual':
      return 'forbidden';
    case 'mensual':
      return 'required';
    case 'mensual_y_anual':
      return 'optional';
  }
}

const signOf = (indicator: Indicator): 1 | -1 => (indicator.direction === 'up' ? 1 : -1);

// ---------------------------------------------------------------------------- commands

function openPlan(command: OpenPlan, state: PlanState, context: PlanContext): PlanEvent[] {
  if (typeof command.daneCode !== 'string' || !DANE_CODE.test(command.daneCode)) {
    throw badInput('daneCode', 'el código DANE debe tener 5 dígitos (p. ej. "73001").');
  }
  const municipality = context.territory.municipality(command.daneCode);
  if (!municipality) {
    throw notFound('daneCode', `el código DANE ${command.daneCode} no existe en la DIVIPOLA.`);
  }
  const period = governmentPeriod(command.firstYear);
  if (state.planId !== null) {
    throw conflict('daneCode', `el plan ${state.planId} ya está abierto.`);
  }
  return [
    {
      type: 'PlanOpened',
      data: {
        planId: planStreamId(municipality.daneCode, period.firstYear),
        daneCode: municipality.daneCode,
        municipality: municipality.name,
        departmentCode: municipality.departmentCode,
        department: municipality.department,
        firstYear: period.firstYear,
        lastYear: period.lastYear,
      },
    },
  ];
}

function setBaseline(command: SetBaseline, plan: OpenPlanState): PlanEvent[] {
  const indicator = indicatorOf(command.indicator);
  const value = assertLevel(indicator.unit, command.value, 'value');
  const at = measuredAt(
    command.measuredAt,
    'measuredAt',
    monthRule(indicator) === 'required' ? 'optional' : monthRule(indicator),
  );
  if (at.year > plan.firstYear) {
    throw badInput(
      'measuredAt.year',
      `la línea base describe la situación al formular el plan: su año (${at.year}) no puede ser posterior a ${plan.firstYear}.`,
    );
  }
  const source = text(command.source, 'source');
  const previous = plan.baselines[indicator.code] ?? null;
  if (previous) requireReason(command, 'para corregir una línea base ya registrada');
  return [
    {
      type: 'BaselineSet',
      data: {
        indicator: indicator.code,
        value,
        measuredAt: at,
        source,
        previous: previous && {
          value: previous.value,
          measuredAt: previous.measuredAt,
          source: previous.source,
        },
      },
    },
  ];
}

/** Checks targets, total and where the goal would take the indicator; returns the clean values. */
function goalValues(
  command: SetGoal | AmendGoal,
  plan: OpenPlanState,
): { indicator: Indicator; targets: YearValues; total: number } {
  const indicator = indicatorOf(command.indicator);
  const baseline = plan.baselines[indicator.code];
  if (!baseline) {
    throw badInput(
      'indicator',
      `registre primero la línea base de ${indicator.code}: la meta se mide desde ella.`,
    );
  }
  const targets = fourYears(command.targets, 'targets', (v, f) =>
    assertChange(indicator.unit, v, f),
  );
  const total = assertChange(indicator.unit, command.total, 'total');
  const sum = round6(targets.reduce((a, b) => a + b, 0));
  if (round6(total) !== sum) {
    throw badInput(
      'total',
      `la meta total (${total}) debe ser la suma de las metas de los cuatro años (${sum}).`,
    );
  }
  const finalLevel = round6(baseline.value + signOf(indicator) * total);
  try {
    assertLevel(indicator.unit, finalLevel, 'total');
  } catch {
    throw badInput(
      'total',
      `la meta llevaría el indicador de ${baseline.value} a ${finalLevel}, fuera del rango de ${UNIT_LABEL[indicator.unit]}.`,
    );
  }
  return { indicator, targets, total };
}

function setGoal(command: SetGoal, plan: OpenPlanState): PlanEvent[] {
  const { indicator, targets, total } = goalValues(command, plan);
  if (plan.goals[indicator.code]) {
    throw conflict(
      'indicator',
      `la meta de ${indicator.code} ya fue fijada: para cambiarla use AmendGoal con justificación y acto administrativo.`,
    );
  }
  return [
    {
      type: 'GoalSet',
      data: {
        goalId: goalIdOf(plan.daneCode, plan.firstYear, indicator.code),
        indicator: indicator.code,
        targets,
        total,
      },
    },
  ];
}

function amendGoal(command: AmendGoal, plan: OpenPlanState): PlanEvent[] {
  requireReason(command, 'para modificar una meta');
  requireLegalBasis(command, 'que aprobó la modificación de la meta');
  const { indicator, targets, total } = goalValues(command, plan);
  const current = plan.goals[indicator.code];
  if (!current) {
    throw notFound('indicator', `no hay meta fijada para ${indicator.code}: use SetGoal.`);
  }
  if (current.total === total && current.targets.every((t, i) => t === targets[i])) {
    throw badInput('targets', 'la modificación no cambia ningún valor de la meta.');
  }
  return [
    {
      type: 'GoalAmended',
      data: {
        goalId: current.goalId,
        indicator: indicator.code,
        targets,
        total,
        previous: { targets: current.targets, total: current.total },
      },
    },
  ];
}

function registerNeed(command: RegisterNeed, plan: OpenPlanState): PlanEvent[] {
  const needId = identifier(command.needId, 'needId');
  if (plan.needs[needId]) throw conflict('needId', `la necesidad ${needId} ya está registrada.`);
  return [
    {
      type: 'NeedRegistered',
      data: {
        needId,
        need: text(command.need, 'need'),
        investmentName: text(command.investmentName, 'investmentName'),
        estimatedValue: pesos(command.estimatedValue, 'estimatedValue'),
      },
    },
  ];
}

function registerProject(command: RegisterProject, plan: OpenPlanState): PlanEvent[] {
  const projectId = identifier(command.projectId, 'projectId');
  if (plan.projects[projectId]) {
    throw conflict('projectId', `ya existe un proyecto con id ${projectId} en este plan.`);
  }
  if (command.kind !== 'propio' && command.kind !== 'tercero') {
    throw badInput('kind', 'debe ser "propio" (Tabla 8) o "tercero" (Tabla 9).');
  }
  const name = text(command.name, 'name');
  const needId =
    command.needId === undefined || command.needId === null
      ? null
      : identifier(command.needId, 'needId');
  if (needId !== null && !plan.needs[needId]) {
    throw badInput('needId', `la necesidad ${needId} no está en el banco de necesidades.`);
  }
  const valueByYear = fourYears(command.valueByYear, 'valueByYear', pesos);
  const estimatedValue = round6(valueByYear.reduce((a, b) => a + b, 0));
  let endDate: string | null = null;
  let fundingSources: string[] = [];
  let executor: Executor | null = null;
  let executorDetail: string | null = null;
  if (command.kind === 'tercero') {
    if (
      typeof command.endDate !== 'string' ||
      !ISO_DATE.test(command.endDate) ||
      Number.isNaN(Date.parse(command.endDate))
    ) {
      throw badInput(
        'endDate',
        'la fecha de finalización es obligatoria para proyectos de terceros (AAAA-MM-DD).',
      );
    }
    endDate = command.endDate;
    if (!Array.isArray(command.fundingSources) || command.fundingSources.length === 0) {
      throw badInput(
        'fundingSources',
        'indique al menos una fuente de recursos del proyecto (Tabla 9).',
      );
    }
    fundingSources = command.fundingSources.map((s, i) => text(s, `fundingSources[${i}]`, 200));
    if (!command.executor || !EXECUTORS.includes(command.executor)) {
      throw badInput(
        'executor',
        'el responsable de la ejecución debe ser PDA, CAR, NACION u OTRO.',
      );
    }
    executor = command.executor;
    if (executor === 'OTRO') executorDetail = text(command.executorDetail, 'executorDetail', 200);
  } else if (command.endDate || command.executor || command.fundingSources?.length) {
    throw badInput(
      'kind',
      'fecha de finalización, fuentes y ejecutor solo aplican a proyectos de terceros.',
    );
  }
  return [
    {
      type: 'ProjectRegistered',
      data: {
        projectId,
        kind: command.kind,
        name,
        needId,
        valueByYear,
        estimatedValue,
        endDate,
        fundingSources,
        executor,
        executorDetail,
      },
    },
  ];
}

function contributionValues(command: AttachContribution | ChangeContribution, plan: OpenPlanState) {
  const projectId = identifier(command.projectId, 'projectId');
  if (!plan.projects[projectId])
    throw notFound('projectId', `el proyecto ${projectId} no existe en este plan.`);
  const indicator = indicatorOf(command.indicator);
  if (command.unit !== indicator.unit) {
    throw badInput(
      'unit',
      `la contribución a ${indicator.code} se expresa en ${UNIT_LABEL[indicator.unit]} ("${indicator.unit}"), no en "${String(command.unit)}".`,
    );
  }
  const amount = assertChange(indicator.unit, command.amount, 'amount');
  if (amount === 0)
    throw badInput(
      'amount',
      'una contribución debe ser mayor que cero; para quitarla use DetachContribution.',
    );
  return { projectId, indicator, amount, key: contributionKey(projectId, indicator.code) };
}

function attachContribution(command: AttachContribution, plan: OpenPlanState): PlanEvent[] {
  const { projectId, indicator, amount, key } = contributionValues(command, plan);
  if (plan.contributions[key]) {
    throw conflict(
      'indicator',
      `el proyecto ${projectId} ya contribuye a ${indicator.code}: use ChangeContribution.`,
    );
  }
  return [
    {
      type: 'ProjectContributionAttached',
      data: { projectId, indicator: indicator.code, amount, unit: indicator.unit },
    },
  ];
}

function changeContribution(command: ChangeContribution, plan: OpenPlanState): PlanEvent[] {
  const { projectId, indicator, amount, key } = contributionValues(command, plan);
  const current = plan.contributions[key];
  if (!current) {
    throw notFound(
      'indicator',
      `el proyecto ${projectId} no contribuye a ${indicator.code}: use AttachContribution.`,
    );
  }
  if (current.amount === amount) throw badInput('amount', 'la contribución ya tiene ese valor.');
  return [
    {
      type: 'ProjectContributionChanged',
      data: {
        projectId,
        indicator: indicator.code,
        amount,
        unit: indicator.unit,
        previous: { amount: current.amount },
      },
    },
  ];
}

function detachContribution(command: DetachContribution, plan: OpenPlanState): PlanEvent[] {
  requireReason(command, 'para retirar la contribución de un proyecto');
  const projectId = identifier(command.projectId, 'projectId');
  const indicator = indicatorOf(command.indicator);
  const current = plan.contributions[contributionKey(projectId, indicator.code)];
  if (!current) {
    throw notFound('indicator', `el proyecto ${projectId} no contribuye a ${indicator.code}.`);
  }
  return [
    {
      type: 'ProjectContributionDetached',
      data: { projectId, indicator: indicator.code, previous: { amount: current.amount } },
    },
  ];
}

function setFundingRow(command: SetFundingRow, plan: OpenPlanState): PlanEvent[] {
  const table = command.table as FundingTable;
  if (!(table in FUNDING_ROWS)) {
    throw badInput(
      'table',
      'la tabla debe ser "fuentes" (Tabla 4), "usos" (Tabla 5) o "gestion" (Tabla 6).',
    );
  }
  const rowType = findFundingRow(table, command.row);
  if (!rowType) {
    const known = FUNDING_ROWS[table].map((r) => r.code).join(', ');
    throw badInput(
      'row',
      `fila desconocida "${command.row}" para la tabla ${table}; use una de: ${known}.`,
    );
  }
  let detail: string | null = null;
  if (rowType.needsDetail) detail = text(command.detail, 'detail', 200);
  else if (command.detail) detail = text(command.detail, 'detail', 200);
  const amounts = fourYears(command.amounts, 'amounts', pesos);
  const previous = plan.funding[table][fundingRowKey(rowType.code, detail)]?.amounts ?? null;
  if (previous && previous.every((v, i) => v === amounts[i])) {
    throw badInput('amounts', 'la fila ya tiene esos valores.');
  }
  return [{ type: 'FundingRowSet', data: { table, row: rowType.code, detail, amounts, previous } }];
}

function reportProgress(command: ReportProgress, plan: OpenPlanState): PlanEvent[] {
  const indicator = indicatorOf(command.indicator);
  const period = measuredAt(command.period, 'period', monthRule(indicator));
  yearIndex({ firstYear: plan.firstYear, lastYear: plan.lastYear }, period.year, 'period.year');
  let value: number;
  let checklist = null;
  if (command.checklist !== undefined && command.checklist !== null) {
    if (indicator.code !== 'GES-MUN') {
      throw badInput(
        'checklist',
        'la lista de requisitos solo aplica al indicador GES-MUN (ficha 4.2.10).',
      );
    }
    for (const requirement of MUNICIPAL_MANAGEMENT_REQUIREMENTS) {
      if (typeof command.checklist[requirement.key] !== 'boolean') {
        throw badInput(
          `checklist.${requirement.key}`,
          `indique si se cumple: ${requirement.label}.`,
        );
      }
    }
    checklist = command.checklist;
    value = municipalManagementScore(checklist).met;
    if (command.value !== undefined && command.value !== null && command.value !== value) {
      throw badInput(
        'value',
        `el valor (${command.value}) no coincide con los requisitos cumplidos (${value}).`,
      );
    }
  } else {
    value = assertLevel(indicator.unit, command.value, 'value');
  }
  const source = text(command.source, 'source');
  const previous = plan.progress[indicator.code]?.[periodKey(period)] ?? null;
  if (previous) requireReason(command, 'para corregir un avance ya reportado para ese periodo');
  return [
    {
      type: 'ProgressReported',
      data: {
        indicator: indicator.code,
        period,
        value,
        source,
        checklist,
        previous: previous && { value: previous.value, source: previous.source },
      },
    },
  ];
}
