/**
 * Ficha 4.2.10, "Gestión del municipio en la prestación de los servicios": six legal requirements.
 * Tabla 1 names the indicator "Porcentaje de procesos de gestión cumplidos con los requisitos de
 * ley", so its value is a percentage: requirements met / 6 x 100, to two decimals.
 */
import type { BudgetReport } from '../monitoring/budget';

/** The six requirements, in the ficha's order and words (`label` is verbatim from the seed). */
export const MUNICIPAL_MANAGEMENT_REQUIREMENTS = [
  {
    key: 'fondoSolidaridad',
    label:
      'Crear y poner en funcionamiento del Fondo de Solidaridad y Redistribución de los Ingresos.',
  },
  {
    key: 'estratificacion',
    label: 'Adoptar y aplicar la estratificación socioeconómica urbana y rural.',
  },
  {
    key: 'equilibrioSubsidios',
    label:
      'Aplicar la metodología establecida en el Decreto número 1013 de 2005 para asegurar el equilibrio entre subsidios y contribuciones.',
  },
  {
    key: 'convenioSubsidios',
    label: 'Elaborar convenio con la ESP u operador para asegurar la transferencia de subsidios.',
  },
  {
    key: 'acuerdoPorcentajes',
    label: 'Contar con el Acuerdo que establece los porcentajes de subsidio y contribución.',
  },
  {
    key: 'subsidiosQuincePorCiento',
    label: 'Destinar mínimo el 15% de los recursos del SGP-APSB para subsidios.',
  },
] as const;

export type MunicipalManagementKey = (typeof MUNICIPAL_MANAGEMENT_REQUIREMENTS)[number]['key'];
export type MunicipalManagementChecklist = Record<MunicipalManagementKey, boolean>;

export interface MunicipalManagementScore {
  met: number;
  total: 6;
  /** met / 6 x 100, two decimals: the indicator's value. */
  percent: number;
  missing: string[];
}

/** The percentage k requirements of six stand for: 0, 16.67, 33.33, 50, 66.67, 83.33 or 100. */
export const municipalManagementPercent = (met: number): number =>
  Math.round((met * 10000) / 6) / 100;

/** Every value the indicator can take (k of 6 requirements). */
export const MUNICIPAL_MANAGEMENT_LEVELS: readonly number[] = [0, 1, 2, 3, 4, 5, 6].map(
  municipalManagementPercent,
);

export function municipalManagementScore(
  checklist: MunicipalManagementChecklist,
): MunicipalManagementScore {
  const missing = MUNICIPAL_MANAGEMENT_REQUIREMENTS.filter((r) => !checklist[r.key]).map(
    (r) => r.label,
  );
  const met = MUNICIPAL_MANAGEMENT_REQUIREMENTS.length - missing.length;
  return { met, total: 6, percent: municipalManagementPercent(met), missing };
}

/** Requirement 6's minimum share, "mínimo el 15%". */
export const SUBSIDY_MINIMUM_SHARE = 0.15;

/**
 * Requirement 6 from the FUT: subsidies committed against the SGP-APSB resources assigned to the
 * entity in the vigencia's Conpes documents. Which FUT figures stand for "los recursos del
 * SGP-APSB" and "destinar" is the implementation's reading (assigned, and committed); one peso of
 * tolerance, as for every FUT comparison.
 */
export function subsidyMinimumMet(budget: BudgetReport): {
  met: boolean;
  share: number;
  explanation: string;
} {
  const share = budget.assignedConpes > 0 ? budget.subsidiesCommitted / budget.assignedConpes : 0;
  const met = budget.subsidiesCommitted + 1 >= SUBSIDY_MINIMUM_SHARE * budget.assignedConpes;
  const percent = Math.round(share * 10000) / 100;
  return {
    met,
    share,
    explanation: `FUT: subsidios comprometidos ${budget.subsidiesCommitted.toLocaleString('es-CO')} de ${budget.assignedConpes.toLocaleString('es-CO')} asignados por Conpes (${percent} %) ${met ? 'cumplen' : 'no cumplen'} el mínimo del 15 % (requisito 6 de la ficha 4.2.10).`,
  };
}
