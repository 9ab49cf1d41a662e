/**
 * Progress of a goal: how far the measured value has moved from the baseline towards the final
 * target level (baseline + total in the indicator's direction), as a percentage clamped to
 * 0-100, with the reason when it is clamped. Targets per Año are the change committed each year,
 * so the expected progress at Año k is the cumulative target up to k over the total.
 */
import type { Direction } from '../catalogue/indicators';
import { round6 } from './units';

export type ProgressStatus =
  'SIN_META' | 'RETROCESO' | 'REZAGADA' | 'AL_DIA' | 'CUMPLIDA' | 'SUPERADA';

export interface GoalProgress {
  baseline: number;
  measured: number;
  /** The level the indicator must reach at the end of the period. */
  targetLevel: number;
  /** Progress towards the total, 0-100 (clamped). */
  percent: number;
  /** Unclamped percentage; negative when the indicator moved the wrong way. */
  rawPercent: number;
  /** What the yearly targets promised by that year, 0-100; null without a year. */
  expectedPercent: number | null;
  status: ProgressStatus;
  explanation: string;
}

export interface ProgressInput {
  direction: Direction;
  baseline: number;
  targets: readonly number[];
  total: number;
  measured: number;
  /** Año 1..4 of the measurement, to compare with the yearly distribution. */
  yearIndex?: number;
}

export interface ProgressNumbers {
  targetLevel: number;
  /** Change achieved in the improving direction. */
  achieved: number;
  rawPercent: number;
  /** rawPercent clamped to 0-100 (a goal of no change: 100 kept, 0 worsened). */
  percent: number;
  expectedPercent: number | null;
}

/** The figures of `goalProgress` without its words: what scores need, many times over. */
export function progressNumbers(input: ProgressInput): ProgressNumbers {
  const { direction, baseline, total, measured, targets, yearIndex } = input;
  const sign = direction === 'up' ? 1 : -1;
  const targetLevel = round6(baseline + sign * total);
  const achieved = round6(sign * (measured - baseline));
  let expectedPercent: number | null = null;
  if (yearIndex !== undefined && total !== 0) {
    let due = 0;
    for (let i = 0; i < yearIndex && i < targets.length; i++) due += targets[i]!;
    expectedPercent = round6((due / total) * 100);
  }
  if (total === 0) {
    const kept = achieved >= 0 ? 100 : 0;
    return { targetLevel, achieved, rawPercent: kept, percent: kept, expectedPercent };
  }
  const rawPercent = round6((achieved / total) * 100);
  const percent = Math.min(100, Math.max(0, rawPercent));
  return { targetLevel, achieved, rawPercent, percent, expectedPercent };
}

export function goalProgress(input: ProgressInput): GoalProgress {
  const { direction, baseline, total, measured } = input;
  const { targetLevel, achieved, expectedPercent } = progressNumbers(input);
  const wanted = direction === 'up' ? 'subir' : 'bajar';
  const base = { baseline, measured, targetLevel, expectedPercent };

  if (total === 0) {
    const kept = achieved >= 0;
    return {
      ...base,
      percent: kept ? 100 : 0,
      rawPercent: kept ? 100 : 0,
      status: kept ? 'SIN_META' : 'RETROCESO',
      explanation: kept
        ? 'La meta no compromete cambio; el indicador se mantiene.'
        : `La meta no compromete cambio, pero el indicador empeoró de ${baseline} a ${measured}.`,
    };
  }
  const rawPercent = round6((achieved / total) * 100);
  if (rawPercent < 0) {
    return {
      ...base,
      percent: 0,
      rawPercent,
      status: 'RETROCESO',
      explanation: `El indicador debía ${wanted} desde ${baseline} hacia ${targetLevel}, pero está en ${measured}: se alejó de la meta, el avance se reporta como 0 %.`,
    };
  }
  if (rawPercent > 100) {
    return {
      ...base,
      percent: 100,
      rawPercent,
      status: 'SUPERADA',
      explanation: `El indicador (${measured}) superó el nivel meta ${targetLevel}; el avance se limita a 100 %.`,
    };
  }
  if (rawPercent === 100) {
    return {
      ...base,
      percent: 100,
      rawPercent,
      status: 'CUMPLIDA',
      explanation: `Meta cumplida: el indicador llegó a ${targetLevel}.`,
    };
  }
  // Without a year nothing was programmed, so nothing lags (rawPercent is 0-100 here).
  const late = rawPercent < (expectedPercent ?? Number.NEGATIVE_INFINITY);
  return {
    ...base,
    percent: rawPercent,
    rawPercent,
    status: late ? 'REZAGADA' : 'AL_DIA',
    explanation: late
      ? `Avance de ${rawPercent} % frente a ${expectedPercent} % programado a ese año: la meta va rezagada.`
      : `Avance de ${rawPercent} % hacia el nivel meta ${targetLevel}.`,
  };
}
