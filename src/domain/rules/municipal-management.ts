/**
 * Ficha 4.2.10, "gestión del municipio en la prestación de los servicios": six legal
 * requirements; the indicator's value is requirements met / 6.
 */
export const MUNICIPAL_MANAGEMENT_REQUIREMENTS = [
  {
    key: 'fondoSolidaridad',
    label:
      'Crear y poner en funcionamiento el Fondo de Solidaridad y Redistribución de los Ingresos',
  },
  {
    key: 'estratificacion',
    label: 'Adoptar y aplicar la estratificación socioeconómica urbana y rural',
  },
  {
    key: 'equilibrioSubsidios',
    label:
      'Aplicar la metodología del Decreto 1013 de 2005 para asegurar el equilibrio entre subsidios y contribuciones',
  },
  {
    key: 'convenioSubsidios',
    label: 'Elaborar convenio con la ESP u operador para asegurar la transferencia de subsidios',
  },
  {
    key: 'acuerdoPorcentajes',
    label: 'Contar con el Acuerdo que establece los porcentajes de subsidio y contribución',
  },
  {
    key: 'subsidiosQuincePorCiento',
    label: 'Destinar mínimo el 15% de los recursos del SGP-APSB para subsidios',
  },
] as const;

export type MunicipalManagementKey = (typeof MUNICIPAL_MANAGEMENT_REQUIREMENTS)[number]['key'];
export type MunicipalManagementChecklist = Record<MunicipalManagementKey, boolean>;

export interface MunicipalManagementScore {
  met: number;
  total: 6;
  /** met / 6, between 0 and 1. */
  value: number;
  missing: string[];
}

export function municipalManagementScore(
  checklist: MunicipalManagementChecklist,
): MunicipalManagementScore {
  const missing = MUNICIPAL_MANAGEMENT_REQUIREMENTS.filter((r) => !checklist[r.key]).map(
    (r) => r.label,
  );
  const met = MUNICIPAL_MANAGEMENT_REQUIREMENTS.length - missing.length;
  return { met, total: 6, value: met / 6, missing };
}
