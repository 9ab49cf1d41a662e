import { badInput } from '../errors';
import type { Unit } from '../catalogue/indicators';

export const UNIT_LABEL: Record<Unit, string> = {
  poblacion: 'población (personas)',
  porcentaje: 'porcentaje (0-100)',
  horas: 'horas al día (0-24)',
};

const LIMITS: Record<Unit, { max: number; integer: boolean }> = {
  poblacion: { max: Number.MAX_SAFE_INTEGER, integer: true },
  porcentaje: { max: 100, integer: false },
  horas: { max: 24, integer: false },
};

const isFiniteNumber = (value: unknown): value is number => Number.isFinite(value);

/** A measured level of an indicator (baseline, progress, target level) in its unit. */
export function assertLevel(unit: Unit, value: unknown, field: string): number {
  if (!isFiniteNumber(value)) {
    throw badInput(field, 'debe ser un número.');
  }
  const { max, integer } = LIMITS[unit];
  if (value < 0) {
    throw badInput(field, `no puede ser negativo (${value}); la unidad es ${UNIT_LABEL[unit]}.`);
  }
  if (value > max) {
    throw badInput(field, `${value} excede el máximo de ${max} para ${UNIT_LABEL[unit]}.`);
  }
  if (integer && !Number.isInteger(value)) {
    throw badInput(field, `debe ser un número entero (${UNIT_LABEL[unit]}).`);
  }
  return value;
}

/** An amount of change (goal target of a year, project contribution) in the indicator's unit. */
export function assertChange(unit: Unit, value: unknown, field: string): number {
  return assertLevel(unit, value, field);
}

/** Rounds away binary noise so that 0.1 + 0.2 compares equal to 0.3 in sums of percentages. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
