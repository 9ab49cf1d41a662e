/**
 * The indicator catalogue of Resolución 449 de 2013 (annex, 4.1-4.2), kept as data: the ten
 * fichas técnicas 4.2.1-4.2.10, the rural application of the IRCA ficha (Tabla 2 requires water
 * quality for rural acueducto) and continuity (Tabla 2's CONTINUIDAD row, optional).
 *
 * `name` and `definition` are the implementation's short wording; the seed's own text of each ficha
 * is `FICHAS` (verbatim), and `note` says where the implementation had to read the seed one way.
 */
import { FICHAS, type FichaText } from './fichas';

export type Service = 'acueducto' | 'alcantarillado' | 'aseo' | 'transversal';
export type Zone = 'urbana' | 'rural' | 'total';
export type Unit = 'poblacion' | 'porcentaje' | 'horas';
export type Periodicity = 'anual' | 'mensual' | 'mensual_y_anual';
/** "down": the indicator improves when it falls (population without service, IRCA). */
export type Direction = 'up' | 'down';
/** Row of Tabla 2. */
export type IndicatorType = 'cobertura' | 'calidad' | 'continuidad' | 'aseguramiento';
/** Componente sectorial of Tabla 1 (and of the SGP-APSB sectoral monitoring, art. 2.1.3). */
export type SectorComponent =
  'cobertura' | 'calidad_agua' | 'gestion_ambiental' | 'estado_prestacion' | 'continuidad';
export type Requirement = 'SI' | 'OPCIONAL' | 'NO';

export interface Indicator {
  /** Stable code used in streams, events and the API. */
  code: string;
  /** Ficha técnica number in the annex, e.g. "4.2.1". */
  ficha: string | null;
  name: string;
  definition: string;
  service: Service;
  zone: Zone;
  type: IndicatorType;
  component: SectorComponent;
  unit: Unit;
  periodicity: Periodicity;
  direction: Direction;
  sources: string[];
  /** The implementation's reading where the seed contradicts itself or leaves a gap; else null. */
  note: string | null;
}

const COVERAGE_SOURCES = [
  'Empresa de servicios públicos',
  'Información verificada - estudios disponibles',
  'SUI',
  'Sisbén',
  'DANE',
];

export const INDICATORS: readonly Indicator[] = [
  {
    code: 'ACU-COB-URB',
    ficha: '4.2.1',
    name: 'Población sin servicio de acueducto, zona urbana',
    definition:
      'Población que no cuenta con servicio de acueducto en la zona urbana (el inmueble no recibe el agua por tubería u otro ducto conectado a una red).',
    service: 'acueducto',
    zone: 'urbana',
    type: 'cobertura',
    component: 'cobertura',
    unit: 'poblacion',
    periodicity: 'anual',
    direction: 'down',
    sources: COVERAGE_SOURCES,
    note: null,
  },
  {
    code: 'ACU-COB-RUR',
    ficha: '4.2.2',
    name: 'Población sin servicio de acueducto, zona rural (nucleada)',
    definition: 'Población que no cuenta con servicio de acueducto en la zona rural.',
    service: 'acueducto',
    zone: 'rural',
    type: 'cobertura',
    component: 'cobertura',
    unit: 'poblacion',
    periodicity: 'anual',
    direction: 'down',
    sources: COVERAGE_SOURCES,
    note: null,
  },
  {
    code: 'ALC-COB-URB',
    ficha: '4.2.3',
    name: 'Población sin servicio de alcantarillado, zona urbana',
    definition:
      'Población que no cuenta con el servicio de alcantarillado en la zona urbana (el inmueble no vierte sus aguas residuales a una red sanitaria).',
    service: 'alcantarillado',
    zone: 'urbana',
    type: 'cobertura',
    component: 'cobertura',
    unit: 'poblacion',
    periodicity: 'anual',
    direction: 'down',
    sources: COVERAGE_SOURCES,
    note: null,
  },
  {
    code: 'ALC-COB-RUR',
    ficha: '4.2.4',
    name: 'Población sin servicio de alcantarillado, zona rural (nucleada)',
    definition:
      'Población que no cuenta con el servicio de alcantarillado en la zona rural (ni red sanitaria ni pozo séptico).',
    service: 'alcantarillado',
    zone: 'rural',
    type: 'cobertura',
    component: 'cobertura',
    unit: 'poblacion',
    periodicity: 'anual',
    direction: 'down',
    sources: COVERAGE_SOURCES,
    note: null,
  },
  {
    code: 'ASE-COB-URB',
    ficha: '4.2.5',
    name: 'Población sin servicio de aseo, zona urbana',
    definition:
      'Población urbana que no cuenta con el servicio de aseo (recolección de residuos sólidos al menos 2 veces por semana).',
    service: 'aseo',
    zone: 'urbana',
    type: 'cobertura',
    component: 'cobertura',
    unit: 'poblacion',
    periodicity: 'anual',
    direction: 'down',
    sources: COVERAGE_SOURCES,
    note: null,
  },
  {
    code: 'ACU-IRCA-URB',
    ficha: '4.2.6',
    name: 'Índice de Riesgo de la Calidad del Agua para Consumo Humano (IRCA), zona urbana',
    definition:
      'Grado de riesgo de ocurrencia de enfermedades relacionadas con el incumplimiento de las características físicas, químicas y microbiológicas del agua para consumo humano (0 cumple, 100 el más alto riesgo).',
    service: 'acueducto',
    zone: 'urbana',
    type: 'calidad',
    component: 'calidad_agua',
    unit: 'porcentaje',
    periodicity: 'mensual_y_anual',
    direction: 'down',
    sources: [
      'Instituto Nacional de Salud (SIVICAP)',
      'Secretaría de Salud Departamental',
      'Prestador(es) del servicio de acueducto en el municipio',
    ],
    note: null,
  },
  {
    code: 'ACU-IRCA-RUR',
    ficha: '4.2.6',
    name: 'Índice de Riesgo de la Calidad del Agua para Consumo Humano (IRCA), zona rural',
    definition:
      'La ficha 4.2.6 aplicada a la zona rural, que la Tabla 2 exige para acueducto rural (calidad: SÍ).',
    service: 'acueducto',
    zone: 'rural',
    type: 'calidad',
    component: 'calidad_agua',
    unit: 'porcentaje',
    periodicity: 'mensual_y_anual',
    direction: 'down',
    sources: ['Instituto Nacional de Salud (SIVICAP)', 'Secretaría de Salud Departamental'],
    note: 'La ficha 4.2.6 es de la zona urbana; la Tabla 2 exige calidad para acueducto rural (SÍ), así que se aplica la misma ficha a la zona rural.',
  },
  {
    code: 'ASE-DISP-URB',
    ficha: '4.2.7',
    name: 'Porcentaje de residuos sólidos dispuestos adecuadamente, zona urbana',
    definition:
      'Toneladas de residuos sólidos urbanos dispuestas en relleno sanitario u otro sistema de tratamiento sobre las toneladas producidas.',
    service: 'aseo',
    zone: 'urbana',
    type: 'calidad',
    component: 'gestion_ambiental',
    unit: 'porcentaje',
    periodicity: 'mensual',
    direction: 'up',
    sources: ['SUI', 'CAR', 'Empresas de servicios de aseo', 'Municipio - PGIRS'],
    note: 'La DEFINICIÓN de la ficha 4.2.7 habla de la proporción que "no se dispone de manera adecuada", pero su DESCRIPCIÓN DEL CÁLCULO ("toneladas dispuestas en el relleno sanitario u otra alternativa sobre las toneladas producidas") y la Tabla 1 miden lo dispuesto adecuadamente: se registra el porcentaje dispuesto adecuadamente (debe subir).',
  },
  {
    code: 'ALC-TRAT-URB',
    ficha: '4.2.8',
    name: 'Porcentaje de aguas residuales tratadas, zona urbana',
    definition:
      'Caudal de aguas residuales urbanas sometido a tratamiento, como porcentaje del total producido (Tabla 1: "Porcentaje de Aguas Residuales Tratadas").',
    service: 'alcantarillado',
    zone: 'urbana',
    type: 'calidad',
    component: 'gestion_ambiental',
    unit: 'porcentaje',
    periodicity: 'anual',
    direction: 'up',
    sources: ['PSMV de la empresa de servicios públicos', 'Plan Maestro de Alcantarillado', 'CAR'],
    note: 'La ficha 4.2.8 se contradice: su nombre ("TRATAMIENTO DE AGUAS RESIDUALES"), su objetivo ("Aumentar el tratamiento de aguas residuales generadas en la zona urbana"), la Tabla 1 ("Porcentaje de Aguas Residuales Tratadas"), la Tabla 7 ("PORCENTAJE DE AGUAS RESIDUALES URBANAS TRATADAS (Base 2010, 27,5%)" con meta 36%) y la Tabla 11 piden el porcentaje tratado; solo su DEFINICIÓN ("Es el caudal de aguas residuales que no es sometido a tratamiento") habla del no tratado. Se registra el porcentaje tratado (debe subir). Los eventos registrados antes como "% no tratadas" (ALC-NOTRAT-URB) se leen como 100 - valor.',
  },
  {
    code: 'ASEG-RUPS',
    ficha: '4.2.9',
    name: 'Población atendida con un prestador registrado en el RUPS',
    definition:
      'Población atendida con un prestador de acueducto, alcantarillado y aseo registrado en el Registro Único de Prestadores de Servicios Públicos (SSPD), zonas urbana y rural nucleada.',
    service: 'transversal',
    zone: 'total',
    type: 'aseguramiento',
    component: 'estado_prestacion',
    unit: 'poblacion',
    periodicity: 'anual',
    direction: 'up',
    sources: ['Municipio', 'Prestadores de servicios públicos', 'SUI', 'DANE'],
    note: null,
  },
  {
    code: 'GES-MUN',
    ficha: '4.2.10',
    name: 'Porcentaje de procesos de gestión cumplidos con los requisitos de ley',
    definition:
      'Requisitos de ley de la ficha 4.2.10 cumplidos, como porcentaje de los seis (3 de 6 = 50 %).',
    service: 'transversal',
    zone: 'total',
    type: 'aseguramiento',
    component: 'estado_prestacion',
    unit: 'porcentaje',
    periodicity: 'anual',
    direction: 'up',
    sources: ['Municipio', 'Prestadores de servicios públicos', 'SUI', 'FUT', 'DANE'],
    note: 'La Tabla 1 lo nombra "Porcentaje de procesos de gestión cumplidos con los requisitos de ley" y la ficha 4.2.10 lo calcula con los seis requisitos ("REQUISITOS CUMPLIDOS=", fórmula cortada en la copia): se registra en porcentaje, requisitos cumplidos / 6 x 100, con dos decimales (0, 16.67, 33.33, 50, 66.67, 83.33 o 100). Los eventos registrados antes como conteo (0-6) se leen convertidos. El requisito 6 ("Destinar mínimo el 15% de los recursos del SGP-APSB para subsidios") se verifica con el FUT de la vigencia cuando el Ministerio lo registró.',
  },
  {
    code: 'ACU-CONT-URB',
    ficha: null,
    name: 'Continuidad del servicio de acueducto, zona urbana',
    definition: 'Horas al día de prestación del servicio de acueducto en la zona urbana.',
    service: 'acueducto',
    zone: 'urbana',
    type: 'continuidad',
    component: 'continuidad',
    unit: 'horas',
    periodicity: 'mensual',
    direction: 'up',
    sources: ['Prestador del servicio de acueducto', 'SUI'],
    note: 'Sin ficha técnica en la resolución: la Tabla 2 pide CONTINUIDAD (opcional); la unidad, horas al día, es de la implementación.',
  },
  {
    code: 'ACU-CONT-RUR',
    ficha: null,
    name: 'Continuidad del servicio de acueducto, zona rural',
    definition: 'Horas al día de prestación del servicio de acueducto en la zona rural.',
    service: 'acueducto',
    zone: 'rural',
    type: 'continuidad',
    component: 'continuidad',
    unit: 'horas',
    periodicity: 'mensual',
    direction: 'up',
    sources: ['Prestador del servicio de acueducto', 'SUI'],
    note: 'Sin ficha técnica en la resolución: la Tabla 2 pide CONTINUIDAD (opcional); la unidad, horas al día, es de la implementación.',
  },
];

const BY_CODE = new Map(INDICATORS.map((indicator) => [indicator.code, indicator]));

export function findIndicator(code: string): Indicator | undefined {
  return BY_CODE.get(code);
}

/** The seed's own text of an indicator's ficha técnica, or null (continuity has none). */
export function fichaOf(indicator: Pick<Indicator, 'ficha'>): FichaText | null {
  return indicator.ficha ? (FICHAS[indicator.ficha] ?? null) : null;
}

/**
 * Codes that were replaced by another reading of the seed: a command naming one is refused with
 * the reason, never silently converted (its figures meant something else).
 */
export const RETIRED_INDICATORS: Readonly<Record<string, string>> = {
  'ALC-NOTRAT-URB':
    'el indicador ALC-NOTRAT-URB ("% de aguas residuales no tratadas") fue reemplazado por ALC-TRAT-URB, el porcentaje tratado que piden la ficha 4.2.8 y las Tablas 1, 7 y 11: reporte el porcentaje tratado (100 - no tratado).',
};

type ServiceZoneMatrix = Record<
  Exclude<Service, 'transversal'>,
  Record<Exclude<Zone, 'total'>, Requirement>
>;

/** Tabla 2: per indicator type, service and zone, whether the indicator is required. */
export const TABLA_2: Readonly<Record<IndicatorType, ServiceZoneMatrix>> = {
  cobertura: {
    acueducto: { urbana: 'SI', rural: 'SI' },
    alcantarillado: { urbana: 'SI', rural: 'SI' },
    aseo: { urbana: 'SI', rural: 'OPCIONAL' },
  },
  calidad: {
    acueducto: { urbana: 'SI', rural: 'SI' },
    alcantarillado: { urbana: 'SI', rural: 'OPCIONAL' },
    aseo: { urbana: 'SI', rural: 'OPCIONAL' },
  },
  continuidad: {
    acueducto: { urbana: 'OPCIONAL', rural: 'OPCIONAL' },
    alcantarillado: { urbana: 'NO', rural: 'OPCIONAL' },
    aseo: { urbana: 'OPCIONAL', rural: 'OPCIONAL' },
  },
  aseguramiento: {
    acueducto: { urbana: 'SI', rural: 'SI' },
    alcantarillado: { urbana: 'SI', rural: 'SI' },
    aseo: { urbana: 'SI', rural: 'OPCIONAL' },
  },
};

const STRENGTH: Record<Requirement, number> = { NO: 0, OPCIONAL: 1, SI: 2 };

/**
 * What Tabla 2 says of an indicator. A cross-cutting or whole-municipality indicator takes the
 * strongest requirement among the cells it covers (aseguramiento is SÍ for acueducto urbana).
 */
export function requirementOf(indicator: Indicator): Requirement {
  const matrix = TABLA_2[indicator.type];
  const services =
    indicator.service === 'transversal'
      ? (['acueducto', 'alcantarillado', 'aseo'] as const)
      : [indicator.service];
  const zones = indicator.zone === 'total' ? (['urbana', 'rural'] as const) : [indicator.zone];
  let strongest: Requirement = 'NO';
  for (const service of services) {
    for (const zone of zones) {
      const cell = matrix[service][zone];
      // Stryker disable next-line EqualityOperator: an equally strong cell is the same requirement, so taking it changes nothing
      if (STRENGTH[cell] > STRENGTH[strongest]) strongest = cell;
    }
  }
  return strongest;
}

const REQUIRED = INDICATORS.filter((indicator) => requirementOf(indicator) === 'SI');

/** The indicators every sector plan must carry a baseline and goal for (Tabla 2: SÍ). */
export function requiredIndicators(): readonly Indicator[] {
  return REQUIRED;
}
