/**
 * What every plan decider shares: the open plan it works on and the checks of its fields. A
 * refused field throws a DomainError naming it; `decidePlan` turns that into a refusal.
 */
import { badInput, conflict, notFound } from '../../errors';
import { findIndicator, RETIRED_INDICATORS, type Indicator } from '../../catalogue/indicators';
import type { Justification } from '../commands';
import type { MeasuredAt, YearValues } from '../events';
import type { PlanState } from '../state';
import type { Territory } from '../../territory';
import { MUNICIPAL_MANAGEMENT_LEVELS } from '../../rules/municipal-management';
import { assertLevel } from '../../rules/units';

export interface PlanContext {
  territory: Territory;
}

export type OpenPlanState = PlanState & {
  planId: string;
  daneCode: string;
  firstYear: number;
  lastYear: number;
};

export function requireOpen(state: PlanState): OpenPlanState {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: any one operand → false, or an `||` → `&&`, is equivalent (PlanOpened sets the plan's id, DANE code and years together and nothing clears them, so the three are all null or none is); the mark also takes the condition → true and → false, which every accepted command and the unopened-plan tests kill
  if (state.planId === null || state.daneCode === null || state.firstYear === null) {
    throw notFound('plan', 'el plan sectorial no existe: ábralo primero (OpenPlan).');
  }
  return state as OpenPlanState;
}

/** Whether the plan's adoption act is recorded: before it, baselines and goals are a draft. */
export const isAdopted = (plan: PlanState): boolean => plan.adoption !== null;

export function requireAdopted(plan: OpenPlanState, what: string): void {
  if (!isAdopted(plan)) {
    throw conflict(
      'plan',
      `el plan ${plan.planId} está en borrador (no se ha registrado el acto que lo adoptó): ${what}.`,
    );
  }
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function text(value: unknown, field: string, max = 500): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw badInput(field, 'es obligatorio.');
  }
  if (value.length > max) throw badInput(field, `supera ${max} caracteres.`);
  return value.trim();
}

export function identifier(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID.test(value)) {
    throw badInput(
      field,
      'identificador inválido: use letras, dígitos, ".", "_" o "-" (máx. 64 caracteres).',
    );
  }
  return value;
}

/** A calendar date AAAA-MM-DD that exists (2025-02-30 does not). */
export function isoDate(value: unknown, field: string, what: string): string {
  const time =
    typeof value === 'string' && ISO_DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  const valid = !Number.isNaN(time) && new Date(time).toISOString().startsWith(value as string);
  if (!valid) throw badInput(field, `${what} (AAAA-MM-DD).`);
  return value as string;
}

export function pesos(value: unknown, field: string): number {
  // Stryker disable next-line ConditionalExpression: `typeof value !== 'number'` → false is equivalent (Number.isFinite is false for anything but a finite number); the mark also takes the condition → true and `!Number.isFinite` → false, which accepted values and the NaN and infinity tests kill
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw badInput(field, 'debe ser un número.');
  if (value < 0) throw badInput(field, `un valor en pesos no puede ser negativo (${value}).`);
  return value;
}

export function fourYears(
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

export function indicatorOf(code: unknown, field = 'indicator'): Indicator {
  // Stryker disable next-line ConditionalExpression: `typeof code === 'string'` → true is equivalent (the catalogue's Map finds no indicator under a number or a list); the mark also takes → false, which every known indicator kills
  const indicator = typeof code === 'string' ? findIndicator(code) : undefined;
  if (!indicator) {
    // Own keys only: "toString" would otherwise find Object.prototype's function as the message.
    const retired =
      typeof code === 'string' && Object.hasOwn(RETIRED_INDICATORS, code)
        ? RETIRED_INDICATORS[code]
        : undefined;
    throw badInput(
      field,
      retired ?? `indicador desconocido "${String(code)}": consulte el catálogo de indicadores.`,
    );
  }
  return indicator;
}

export function requireReason(command: Justification, why: string): void {
  if (!command.reason || command.reason.trim().length === 0) {
    throw badInput('reason', `se requiere una justificación (reason) ${why}.`);
  }
}

export function requireLegalBasis(command: Justification, why: string): void {
  if (!command.legalBasis || command.legalBasis.trim().length === 0) {
    throw badInput(
      'legalBasis',
      `se requiere el acto administrativo (legalBasis, p. ej. "Acuerdo 012 de 2024") ${why}.`,
    );
  }
}

export function measuredAt(
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

export function monthRule(indicator: Indicator): 'required' | 'optional' | 'forbidden' {
  switch (indicator.periodicity) {
    case 'anual':
      return 'forbidden';
    case 'mensual':
      return 'required';
    case 'mensual_y_anual':
      return 'optional';
  }
}

export const signOf = (indicator: Indicator): 1 | -1 => (indicator.direction === 'up' ? 1 : -1);

/**
 * A measured level (baseline, report) in the indicator's unit. GES-MUN can only be k of its six
 * requirements, so its percentage is one of seven values.
 */
export function levelOf(indicator: Indicator, value: unknown, field: string): number {
  const level = assertLevel(indicator.unit, value, field);
  if (indicator.code === 'GES-MUN' && !MUNICIPAL_MANAGEMENT_LEVELS.includes(level)) {
    throw badInput(
      field,
      `GES-MUN es el porcentaje de los seis requisitos de la ficha 4.2.10 cumplidos: use ${MUNICIPAL_MANAGEMENT_LEVELS.join(', ')} (recibido ${level}).`,
    );
  }
  return level;
}
