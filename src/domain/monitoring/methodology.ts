/**
 * SGP-APSB monitoring methodology (Resolución 449 de 2013, arts. 2-5) as data. A later resolution
 * (Res. 98 de 2019 derogated this one) is a new methodology recorded by events, never an edit.
 */
import type { SectorComponent } from '../catalogue/indicators';
import { DomainError, badInput, conflict } from '../errors';

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

// ---------------------------------------------------------------------------- versioned by events

/**
 * Methodologies are recorded by MINISTRY as events (stream `methodology-{id}`): a new resolution
 * is a new methodology, never an edit of an old one. The components selected for a vigencia
 * (parágrafo of 2.1.3) are recorded per year (stream `sgp-components-{year}`).
 */
export type MethodologyCommand =
  | { type: 'DefineMethodology'; methodology: Methodology; reason?: string; legalBasis?: string }
  | {
      type: 'SelectComponents';
      year: number;
      components: string[];
      reason?: string;
      legalBasis?: string;
    };

export type MethodologyEvent =
  | { type: 'MethodologyDefined'; data: { methodology: Methodology } }
  | { type: 'ComponentsSelected'; data: { year: number; components: MonitoredComponent[] } };

export interface MethodologyState {
  defined: Methodology | null;
  components: MonitoredComponent[] | null;
}

export const initialMethodologyState = (): MethodologyState => ({
  defined: null,
  components: null,
});

export const methodologyStreamId = (id: string) => `methodology-${id}`;
export const componentsStreamId = (year: number) => `sgp-components-${year}`;

export function evolveMethodology(
  state: MethodologyState,
  event: MethodologyEvent,
): MethodologyState {
  return event.type === 'MethodologyDefined'
    ? { ...state, defined: event.data.methodology }
    : { ...state, components: event.data.components };
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

function validateMethodology(m: Methodology): Methodology {
  if (!m || typeof m.id !== 'string' || !/^[A-Z0-9-]{3,40}$/.test(m.id)) {
    throw badInput('methodology.id', 'use mayúsculas, dígitos y guiones, p. ej. "RES-98-2019".');
  }
  if (!m.legalSource?.trim())
    throw badInput('methodology.legalSource', 'indique la norma que la adopta.');
  if (
    !Number.isInteger(m.firstYear) ||
    (m.lastYear !== null && (!Number.isInteger(m.lastYear) || m.lastYear < m.firstYear))
  ) {
    throw badInput('methodology.lastYear', 'el rango de vigencias es inválido.');
  }
  const weights = CATEGORIES.map((c) => m.categoryWeights?.[c]);
  if (
    weights.some((w) => typeof w !== 'number' || w < 0) ||
    !near(
      weights.reduce((a, b) => a! + b!, 0)!,
      100,
    )
  ) {
    throw badInput(
      'methodology.categoryWeights',
      'los pesos de las tres categorías deben sumar 100.',
    );
  }
  for (const category of CATEGORIES) {
    const items = m.items?.[category];
    if (
      !Array.isArray(items) ||
      items.length === 0 ||
      items.some((i) => !(i.weight > 0) || !i.code)
    ) {
      throw badInput(
        `methodology.items.${category}`,
        'cada categoría necesita ítems con código y peso positivo.',
      );
    }
  }
  const mins = m.bands?.map((b) => b.min) ?? [];
  if (
    mins.length === 0 ||
    mins.some((v, i) => i > 0 && v >= mins[i - 1]!) ||
    mins[mins.length - 1] !== 0
  ) {
    throw badInput(
      'methodology.bands',
      'las bandas van de mayor a menor y la última empieza en 0.',
    );
  }
  return m;
}

export function decideMethodology(
  command: MethodologyCommand,
  state: MethodologyState,
): { ok: true; events: MethodologyEvent[] } | { ok: false; error: DomainError } {
  try {
    if (!command.legalBasis?.trim())
      throw badInput('legalBasis', 'indique el acto administrativo que lo adopta.');
    if (command.type === 'DefineMethodology') {
      if (state.defined) {
        throw conflict(
          'methodology.id',
          `la metodología ${state.defined.id} ya existe: una nueva resolución es una nueva metodología.`,
        );
      }
      return {
        ok: true,
        events: [
          {
            type: 'MethodologyDefined',
            data: { methodology: validateMethodology(command.methodology) },
          },
        ],
      };
    }
    if (!Number.isInteger(command.year)) throw badInput('year', 'vigencia inválida.');
    const unknown = command.components.filter(
      (c) => !MONITORED_COMPONENTS.includes(c as MonitoredComponent),
    );
    if (command.components.length === 0 || unknown.length > 0) {
      throw badInput(
        'components',
        `seleccione uno o varios de ${MONITORED_COMPONENTS.join(', ')}.`,
      );
    }
    if (state.components) requireReasonFor(command.reason);
    return {
      ok: true,
      events: [
        {
          type: 'ComponentsSelected',
          data: { year: command.year, components: command.components as MonitoredComponent[] },
        },
      ],
    };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}

function requireReasonFor(reason: string | undefined): void {
  if (!reason?.trim())
    throw badInput(
      'reason',
      'se requiere una justificación para cambiar la selección de la vigencia.',
    );
}

/** The methodology that applies to a vigencia: the latest recorded one covering it, else Res. 449. */
export function methodologyFor(year: number, recorded: readonly Methodology[]): Methodology {
  const covering = recorded.filter(
    (m) => year >= m.firstYear && (m.lastYear === null || year <= m.lastYear),
  );
  return covering[covering.length - 1] ?? RES_449_2013;
}
