/** Spanish (Colombia) formatting and labels shared by the HTML and PDF reports. */
import type { Indicator } from '../domain/catalogue/indicators';
import { STATUS_LABELS, type RecommendationStatus } from '../domain/review/follow-up';

const number = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 2 });
const pesos = new Intl.NumberFormat('es-CO', {
  style: 'currency',
  currency: 'COP',
  maximumFractionDigits: 0,
});
const dateTime = new Intl.DateTimeFormat('es-CO', {
  timeZone: 'America/Bogota',
  dateStyle: 'long',
  timeStyle: 'medium',
});
const dateOnly = new Intl.DateTimeFormat('es-CO', { timeZone: 'UTC', dateStyle: 'long' });

export const formatNumber = (value: number): string => number.format(value);
export const formatPesos = (value: number): string => pesos.format(value);
/** Percentages with one decimal, e.g. "96,4 %". */
export const formatPercent = (value: number): string =>
  `${new Intl.NumberFormat('es-CO', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(value)} %`;
/** An instant in Bogotá time, e.g. "30 de junio de 2025, 11:59:59 p. m. (hora de Bogotá)". */
export const formatInstant = (instant: Date): string =>
  `${dateTime.format(instant)} (hora de Bogotá)`;
/** A calendar date AAAA-MM-DD, e.g. "15 de diciembre de 2025". */
export const formatDate = (date: string): string => dateOnly.format(new Date(`${date}T00:00:00Z`));

export const UNIT_LABELS: Record<Indicator['unit'], string> = {
  poblacion: 'personas',
  porcentaje: '%',
  horas: 'horas/día',
};

/** A plan with no adoption act recorded at the report's instants. */
export const PLAN_DRAFT_LABEL =
  'Borrador: sin acto de adopción registrado a estos instantes (sus cambios no son aún modificaciones del plan adoptado)';

export const CONCEPT_LABELS: Record<string, string> = {
  FAVORABLE: 'Favorable',
  FAVORABLE_CON_OBSERVACIONES: 'Favorable con observaciones',
  DESFAVORABLE: 'Desfavorable',
};

export const DECISION_LABELS: Record<string, string> = {
  ACCEPTED: 'Aceptada',
  PARTIALLY_ACCEPTED: 'Aceptada parcialmente',
  REJECTED: 'Rechazada',
};

export const TARGET_LABELS: Record<string, string> = {
  GOAL: 'Meta',
  INDICATOR: 'Indicador',
  PROJECT: 'Proyecto',
  SOCIAL_LINE: 'Línea de gestión social',
};

export const FORUM_LABELS: Record<string, string> = {
  CTP: 'Consejo Territorial de Planeación',
  CONSEJO_POLITICA_SOCIAL: 'Consejo de Política Social',
};

export const REVIEW_STATUS_LABELS: Record<string, string> = {
  PENDIENTE: 'Pendiente: el CTP no ha abierto la revisión',
  ABIERTA: 'Abierta',
  CERRADA: 'Cerrada: concepto y recomendaciones definitivos',
};

export const PROGRESS_LABELS: Record<string, string> = {
  SIN_META: 'Sin meta de cambio',
  RETROCESO: 'Retroceso',
  REZAGADA: 'Rezagada',
  AL_DIA: 'Al día',
  CUMPLIDA: 'Cumplida',
  SUPERADA: 'Superada',
  SIN_REPORTE: 'Sin reporte',
};

export const RISK_LEVEL_LABELS: Record<string, string> = {
  SIN_RIESGO: 'Sin riesgo',
  BAJO: 'Riesgo bajo',
  MEDIO: 'Riesgo medio',
  ALTO: 'Riesgo alto',
};

export const statusLabel = (status: RecommendationStatus): string => STATUS_LABELS[status];

const EVENT_LABELS: Record<string, string> = {
  PlanOpened: 'Plan abierto',
  BaselineSet: 'Línea base',
  GoalSet: 'Meta fijada',
  GoalAmended: 'Meta modificada',
  NeedRegistered: 'Necesidad registrada',
  ProjectRegistered: 'Proyecto registrado',
  ProjectContributionAttached: 'Contribución vinculada',
  ProjectContributionChanged: 'Contribución cambiada',
  ProjectContributionDetached: 'Contribución retirada',
  FundingRowSet: 'Fuentes y usos',
  ProgressReported: 'Avance reportado',
  ConceptCorrected: 'Concepto corregido tras el cierre',
  RecommendationCorrected: 'Recomendación corregida tras el cierre',
};
export const eventLabel = (type: string): string => EVENT_LABELS[type] ?? type;

/** "targets[1]: 120 → 90" for a field change. */
export function describeChange(change: { field: string; before: unknown; after: unknown }): string {
  const show = (value: unknown) =>
    value === null || value === undefined
      ? '—'
      : typeof value === 'number'
        ? formatNumber(value)
        : String(value);
  return `${change.field}: ${show(change.before)} → ${show(change.after)}`;
}
