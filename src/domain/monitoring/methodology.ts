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
  /** The seed's heading where it has one (art. 2.1.1); otherwise the implementation's label. */
  label: string;
  /** Relative weight inside its category (equal by default). */
  weight: number;
  /** The norm's own words for the item, verbatim, when recorded. */
  legalText?: string;
}

export interface RiskBand {
  level: RiskLevel;
  /** Lowest weighted result (0-100) that still belongs to this level, inclusive. */
  min: number;
  /** The norm's own words for the level and its range, verbatim, when recorded. */
  legalText?: string;
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

const equal = (items: Array<[string, string, string]>): MethodologyItem[] =>
  items.map(([code, label, legalText]) => ({ code, label, weight: 1, legalText }));

/**
 * Res. 449 de 2013 as the seed writes it. Item labels are the seed's headings (art. 2.1.1) or
 * components (2.1.3); the administrative items have no heading in the seed, so their labels are
 * the implementation's, and `legalText` keeps each item's own words.
 *
 * Art. 4 writes the bands as "Mayor o Igual al 90%", "Entre el 70% y 89%", "Entre el 40% y 69%",
 * "Entre 0% y 39%", which leaves gaps (89.5, 69.5, 39.99). Decision (the implementation's
 * reading): each level starts at its lower bound, inclusive, and runs up to the next level's:
 * ≥ 90 sin riesgo; ≥ 70 bajo; ≥ 40 medio; otherwise alto. So 89.5 is bajo, 90 sin riesgo, 39.99
 * alto.
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
      [
        'INCORPORACION',
        'Incorporación Presupuestal',
        'Reporte al FUT, en la categoría presupuestal “Ingresos”, del valor total de los recursos asignados a la entidad territorial en los documentos Conpes de la vigencia correspondientes al SGP-APSB.',
      ],
      [
        'RECAUDO_EFECTIVO',
        'Recaudo efectivo',
        'Reporte al FUT, en la categoría presupuestal “Ingresos”, del valor total de los recursos del SGP-APSB girados a la entidad territorial durante la respectiva vigencia fiscal.',
      ],
      [
        'RECAUDO_SSF',
        'Recaudo sin situación de fondos',
        'Reporte al FUT, en la categoría presupuestal “Ingresos”, del valor total correspondiente a los recursos sin situación de fondos del SGP-APSB.',
      ],
      [
        'EQUILIBRIO',
        'Equilibrio Presupuestal',
        'Análisis y verificación en el FUT, de que el valor del presupuesto definitivo de ingresos corrientes de los recursos de SGP-APSB comparado con el valor del presupuesto definitivo de gastos corrientes de recursos de SGP-APSB en la vigencia, coincide.',
      ],
      [
        'DEFICIT',
        'Déficit Fiscal',
        'Análisis y verificación en el FUT de que el valor de los compromisos realizados con los recursos del SGP-APSB son menores o iguales a los recursos disponibles con fuente de financiación SGP-APSB.',
      ],
      [
        'USO_ADECUADO',
        'Uso adecuado de los recursos',
        'Análisis y verificación en el FUT, en las categorías de gastos de inversión y registros presupuestales, que las actividades financiadas con los recursos del SGP-APSB, correspondan a las previstas en los artículos 10 y 11 de la Ley 1176 de 2007.',
      ],
      [
        'SUBSIDIOS',
        'Destinación a subsidios',
        'Análisis y verificación en el FUT, en las categorías de gastos de inversión y registros presupuestales, del valor comprometido y pagado por concepto de subsidios, de conformidad con el parágrafo 2o del artículo 11 de la Ley 1176 de 2007.',
      ],
    ]),
    administrativos: equal([
      [
        'SUI_CONTRATO_SUBSIDIOS',
        'a) Contrato o convenio de giro de subsidios con los prestadores',
        'Reporte en el Sistema Único de Información (SUI), del contrato o convenio suscrito entre la entidad territorial y los prestadores de los servicios de acueducto, alcantarillado y aseo, mediante el cual se establecen las condiciones de giro de los recursos para atender los subsidios, salvo en el caso que el municipio o distrito sea prestador directo en los términos del artículo 15 de la Ley 142 de 1994 y no haya sido objeto de descertificación por parte de la Superintendencia de Servicios Públicos Domiciliarios;',
      ],
      [
        'SUI_ACUERDO_SUBSIDIOS',
        'b) Acuerdo de porcentajes de subsidios y contribuciones',
        'Reporte en el Sistema Único de Información (SUI), del Acuerdo mediante el cual se aprobaron los porcentajes de subsidios y contribuciones;',
      ],
      [
        'SUI_ESTRATIFICACION',
        'c) Formato de estratificación y coberturas',
        'Reporte en el Sistema Único de Información (SUI), del formato de Estratificación y Coberturas;',
      ],
      [
        'SUI_FONDO_SOLIDARIDAD',
        'd) Acto de creación del Fondo de Solidaridad y Redistribución de Ingresos',
        'Reporte en el Sistema Único de Información (SUI) de la creación del Fondo de Solidaridad y Redistribución de Ingresos mediante acto administrativo municipal o distrital.',
      ],
    ]),
    sectoriales: equal([
      ['cobertura', 'Cobertura', 'cobertura'],
      ['gestion_ambiental', 'Gestión ambiental', 'gestión ambiental'],
      [
        'estado_prestacion',
        'Estado de la prestación de los servicios públicos',
        'estado de la prestación de los servicios públicos',
      ],
      [
        'calidad_agua',
        'Calidad del agua para consumo humano',
        'calidad del agua para consumo humano',
      ],
    ]),
  },
  bands: [
    { level: 'SIN_RIESGO', min: 90, legalText: 'Sin Riesgo | Mayor o Igual al 90%' },
    { level: 'BAJO', min: 70, legalText: 'Riesgo Bajo | Entre el 70% y 89%' },
    { level: 'MEDIO', min: 40, legalText: 'Riesgo Medio | Entre el 40% y 69%' },
    { level: 'ALTO', min: 0, legalText: 'Riesgo Alto | Entre 0% y 39%' },
  ],
};

/** The risk level of a weighted result under a methodology's bands. */
export function riskLevel(
  score: number,
  bands: readonly RiskBand[] = RES_449_2013.bands,
): RiskLevel {
  // The band of the highest minimum the score reaches (the first listed of equal ones), without
  // sorting a copy of the bands on every score.
  let band: RiskBand | undefined;
  for (const candidate of bands) {
    if (score < candidate.min) continue;
    // Stryker disable next-line EqualityOperator: `candidate.min >= band.min` picks the same band, as the decider refuses two bands of one minimum; the disable takes the other operators with it, which the riskLevel tests kill
    if (band === undefined || candidate.min > band.min) band = candidate;
  }
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

// Stryker disable next-line EqualityOperator: `<=` differs from `<` only at a distance of exactly 1e-9, which a sum near 100 never is (its steps are multiples of 2^-46, and 1e-9 is not one); the disable takes `>=` with it, which every accepted methodology kills
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
  // Stryker disable next-line ArrayDeclaration: a missing list of bands is refused whatever stands in for it: an empty one by its length, any other by its last band not being 0
  const mins = m.bands?.map((b) => b.min) ?? [];
  if (
    // Stryker disable next-line ConditionalExpression: `false` leaves an empty list to the last check, which refuses it too (its last band, undefined, is not 0); the disable takes this line's other conditional mutants with it (`true`, and the whole condition's), each killed by the bands tests
    mins.length === 0 ||
    // Each band after the first starts below the one before it.
    mins.slice(1).some((v, i) => v >= mins[i]!) ||
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

/**
 * The seed's own note: "Resolución derogada por el artículo 5 de la Resolución 98 de 2019". Res.
 * 449 governed from its issue (16 August 2013, art. 6) until then, i.e. vigencias 2013-2018.
 */
export const RES_449_DEROGATION =
  'La Resolución 449 de 2013 fue derogada por el artículo 5 de la Resolución 98 de 2019 (nota de vigencia del Diario Oficial).';

export interface AppliedMethodology {
  methodology: Methodology;
  /** Whether it governs the vigencia; false when Res. 449 is applied only as a reference. */
  inForce: boolean;
  /** In Spanish, why it is not the one in force; null when it is. */
  warning: string | null;
}

/** Whether a methodology's vigencias include a year (an open range has no last year). */
const covers = (m: Methodology, year: number): boolean =>
  year >= m.firstYear && (m.lastYear === null || year <= m.lastYear);

/**
 * The methodology that applies to a vigencia: the latest one recorded by the ministry that covers
 * it; else Res. 449 de 2013, in force for its own vigencias (2013-2018) and, after them, computed
 * only as a reference and said so, since it was derogated.
 */
export function methodologyFor(year: number, recorded: readonly Methodology[]): AppliedMethodology {
  const covering = recorded.filter((m) => covers(m, year));
  const found = covering[covering.length - 1];
  if (found) return { methodology: found, inForce: true, warning: null };
  if (covers(RES_449_2013, year)) {
    return { methodology: RES_449_2013, inForce: true, warning: null };
  }
  return {
    methodology: RES_449_2013,
    inForce: false,
    warning: `Ninguna metodología registrada por el Ministerio cubre la vigencia ${year}: el puntaje se calcula con la Resolución 449 de 2013 solo como referencia. ${RES_449_DEROGATION} El Ministerio registra la metodología vigente con la mutación defineMethodology.`,
  };
}
