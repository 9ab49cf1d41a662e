/**
 * SGP-APSB monitoring methodology (Resolución 449 de 2013, arts. 2-5) as data. A later resolution
 * (Res. 98 de 2019 derogated this one) is a new methodology recorded by events, never an edit.
 */
import type { SectorComponent } from '../catalogue/indicators';

export type Category = 'presupuestales' | 'administrativos' | 'sectoriales';
export const CATEGORIES: readonly Category[] = ['presupuestales', 'administrativos', 'sectoriales'];

export type RiskLevel = 'SIN_RIESGO' | 'BAJO' | 'MEDIO' | 'ALTO';

export interface MethodologyItem {
  code: string;
  label: string;
  /** Relative weight inside its category (equal by default). */
  weight: number;
}

export interface RiskBand {
  level: RiskLevel;
  /** Lowest weighted result (0-100) that still belongs to this level, inclusive. */
  min: number;
}

export interface Methodology {
  id: string;
  name: string;
  legalSource: string;
  firstYear: number;
  lastYear: number | null;
  /** Percent per category; they add up to 100 (art. 3). */
  categoryWeights: Record<Category, number>;
  items: Record<Category, MethodologyItem[]>;
  /** From the highest level down (art. 4). */
  bands: RiskBand[];
}

export type MonitoredComponent = Exclude<SectorComponent, 'continuidad'>;
export const MONITORED_COMPONENTS: readonly MonitoredComponent[] = [
  'cobertura',
  'gestion_ambiental',
  'estado_prestacion',
  'calidad_agua',
];

const equal = (items: Array<[string, string]>): MethodologyItem[] =>
  items.map(([code, label]) => ({ code, label, weight: 1 }));

/**
 * Art. 4 writes the bands as "mayor o igual al 90 %", "entre el 70 % y 89 %", "entre el 40 % y
 * 69 %", "entre 0 % y 39 %", which leaves gaps (89.5, 69.5, 39.99). Decision: each level starts at
 * its lower bound, inclusive, and runs up to the next level's: ≥ 90 sin riesgo; ≥ 70 bajo;
 * ≥ 40 medio; otherwise alto. So 89.5 is bajo, 90 sin riesgo, 39.99 alto.
 */
export const RES_449_2013: Methodology = {
  id: 'RES-449-2013',
  name: 'Resolución 449 de 2013 (MinVivienda)',
  legalSource: 'Resolución 449 de 2013, arts. 2 a 5',
  firstYear: 2013,
  lastYear: 2018,
  categoryWeights: { presupuestales: 40, administrativos: 10, sectoriales: 50 },
  items: {
    presupuestales: equal([
      ['INCORPORACION', 'Incorporación presupuestal'],
      ['RECAUDO_EFECTIVO', 'Recaudo efectivo'],
      ['RECAUDO_SSF', 'Recaudo sin situación de fondos'],
      ['EQUILIBRIO', 'Equilibrio presupuestal'],
      ['DEFICIT', 'Déficit fiscal'],
      ['USO_ADECUADO', 'Uso adecuado de los recursos'],
      ['SUBSIDIOS', 'Destinación a subsidios'],
    ]),
    administrativos: equal([
      ['SUI_CONTRATO_SUBSIDIOS', 'a) Contrato o convenio de giro de subsidios con los prestadores'],
      ['SUI_ACUERDO_SUBSIDIOS', 'b) Acuerdo de porcentajes de subsidios y contribuciones'],
      ['SUI_ESTRATIFICACION', 'c) Formato de estratificación y coberturas'],
      [
        'SUI_FONDO_SOLIDARIDAD',
        'd) Acto de creación del Fondo de Solidaridad y Redistribución de Ingresos',
      ],
    ]),
    sectoriales: equal([
      ['cobertura', 'Cobertura'],
      ['gestion_ambiental', 'Gestión ambiental'],
      ['estado_prestacion', 'Estado de la prestación de los servicios'],
      ['calidad_agua', 'Calidad del agua para consumo humano'],
    ]),
  },
  bands: [
    { level: 'SIN_RIESGO', min: 90 },
    { level: 'BAJO', min: 70 },
    { level: 'MEDIO', min: 40 },
    { level: 'ALTO', min: 0 },
  ],
};

/** The risk level of a weighted result under a methodology's bands. */
export function riskLevel(
  score: number,
  bands: readonly RiskBand[] = RES_449_2013.bands,
): RiskLevel {
  const band = [...bands].sort((a, b) => b.min - a.min).find((b) => score >= b.min);
  return band ? band.level : bands[bands.length - 1]!.level;
}
