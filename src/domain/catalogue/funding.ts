/**
 * Rows of Tablas 4 (fuentes), 5 (usos) and 6 (recursos de gestión) of the annex, as data. Labels
 * are the seed's row names; where the seed writes a placeholder ("con la entidad xx", "prestador
 * yy") the implementation drops it and the row carries the entity in `detail` instead.
 */

export type FundingTable = 'fuentes' | 'usos' | 'gestion';

export interface FundingRowType {
  code: string;
  label: string;
  /** Rows like "Servicio a la deuda con la entidad xx" need the entity or provider named. */
  needsDetail: boolean;
}

export const FUNDING_ROWS: Readonly<Record<FundingTable, readonly FundingRowType[]>> = {
  fuentes: [
    { code: 'PROPIOS', label: 'Propios', needsDetail: false },
    { code: 'SGP_APSB', label: 'SGP de Agua Potable y Saneamiento Básico', needsDetail: false },
    {
      code: 'SGP_LIBRE_INVERSION',
      label: 'SGP- Propósito General de Libre Inversión',
      needsDetail: false,
    },
    { code: 'REGALIAS_DIRECTAS', label: 'Regalías Directas', needsDetail: false },
    { code: 'CREDITO_PUBLICO', label: 'Crédito Público', needsDetail: false },
    {
      code: 'UNO_POR_CIENTO_ICLD',
      // The seed's footnote: "Artículo 210 Ley 1450 de 2011. Adquisición de áreas de interés para
      // acueductos municipales".
      label: '1% de los ingresos corrientes (protección de cuencas)',
      needsDetail: false,
    },
    { code: 'OTRAS', label: 'Otras', needsDetail: true },
  ],
  usos: [
    { code: 'SERVICIO_DEUDA', label: 'Servicio a la deuda con la entidad', needsDetail: true },
    {
      code: 'SUBSIDIOS_ACUEDUCTO',
      label: 'Pago de los subsidios prestador acueducto',
      needsDetail: false,
    },
    {
      code: 'SUBSIDIOS_ALCANTARILLADO',
      label: 'Pago de los subsidios prestador alcantarillado',
      needsDetail: false,
    },
    { code: 'SUBSIDIOS_ASEO', label: 'Pago de los subsidios prestador aseo', needsDetail: false },
    { code: 'PDA_INVERSION', label: 'Compromisos con el PDA para inversión', needsDetail: false },
    { code: 'PDA_SUBSIDIOS', label: 'Compromisos con el PDA para Subsidios', needsDetail: false },
    {
      code: 'INVERSION_PRESTADOR',
      label: 'Compromisos para inversión prestador',
      needsDetail: true,
    },
    { code: 'OTROS', label: 'Otros', needsDetail: true },
  ],
  gestion: [
    { code: 'PDA', label: 'Proyectos con el PDA (Plan Departamental de Agua)', needsDetail: false },
    {
      code: 'SGR',
      label: 'Proyectos con el SGR (Sistema General de Regalías)',
      needsDetail: false,
    },
    { code: 'COOPERACION', label: 'Proyectos de cooperación internacional', needsDetail: false },
    {
      code: 'DEPARTAMENTO',
      label: 'Proyectos de Inversión con el departamento',
      needsDetail: false,
    },
    { code: 'NACION', label: 'Proyectos Nación', needsDetail: false },
    { code: 'OTROS', label: 'Otros', needsDetail: true },
  ],
};

export function findFundingRow(table: FundingTable, code: string): FundingRowType | undefined {
  return FUNDING_ROWS[table].find((row) => row.code === code);
}
