/**
 * Open data per semester (Ley 1712 de 2014; conventions of datos.gov.co): for every plan, its
 * goals and progress as of the semester; the SGP-APSB risk scores of the vigencia the semester
 * reviews; the Plan de Gestión Social's execution. Each dataset in UTF-8 CSV and JSON, with a
 * dictionary (column, type, unit, meaning) and a metadata file carrying the semester's seal and
 * the SHA-256 of every file, so that a downloaded file can be checked against the log later.
 *
 * No personal data: no actor appears (not even by role), participants are counts by population
 * group. Every figure is "as of" the semester: valid until its last instant and as recorded by
 * then (what the CTP saw), so the same files can be recomputed from the log forever.
 *
 * Conventions followed: column names in lowercase snake_case without accents or ñ; UTF-8 without
 * BOM; comma separator and RFC 4180 quoting; a dot for decimals and no thousands separator; dates
 * and instants ISO 8601 (instants in Colombian time, -05:00); an empty cell is "no data".
 */
import { createHash } from 'node:crypto';
import type { MethodologyDocument } from '../../projections/monitoring';
import type { SocialPlanDocument } from '../../projections/social';
import { socialPlanAt } from '../../projections/social';
import { findIndicator } from '../domain/catalogue/indicators';
import { CATEGORIES } from '../domain/monitoring/methodology';
import { adoptionCitation, planStreamId } from '../domain/plan/events';
import { planFigures } from '../domain/plan/figures';
import { riskVigenciaOf } from '../domain/review/packet';
import type { SealReference } from '../domain/review/events';
import { execution, type ExecutionFigures } from '../domain/social/figures';
import { PARTICIPANT_GROUPS, type ParticipantDimension } from '../domain/social/social-plan';
import type { Divipola } from '../reference/divipola';
import { parseSemester, periodContaining, semesterEnd, semesterStart } from '../domain/time';
import { UNIT_LABEL } from '../domain/rules/units';
import { resolveBitemporal, type Bitemporal } from '../queries/as-of';
import { planAtTime, planTimeline } from '../queries/plan-as-of';
import { riskMap, type RiskMapEntry } from '../queries/risk-map';
import { sealOf } from '../queries/seal';
import type { ReadStore } from '../readstore/port';
import { COMPONENT_LABEL } from './plan-sheets';
import { bogotaIso, csvBytes, jsonBytes, type TableColumn } from './tabular';

export interface OpenDataSources {
  readStore: ReadStore;
  territory: Divipola;
  now(): Date;
}

// ------------------------------------------------------------------------------------- metas

export interface GoalRecord {
  semester: string;
  daneCode: string;
  municipality: string;
  departmentCode: string;
  department: string;
  planId: string;
  firstYear: number;
  adopted: boolean;
  adoption: string | null;
  indicator: string;
  baseline: number | null;
  baselineYear: number | null;
  targets: readonly number[];
  total: number;
  resources: number;
  contributed: number;
  gap: number;
  latest: number | null;
  latestPeriod: string | null;
  percent: number | null;
  status: string | null;
}

const text = (
  name: string,
  meaning: string,
  get: (r: GoalRecord) => string | null,
): TableColumn<GoalRecord> => ({ name, type: 'texto', unit: null, meaning, get });
const indicatorUnit = (r: { indicator: string }) => {
  const indicator = findIndicator(r.indicator);
  return indicator ? UNIT_LABEL[indicator.unit] : null;
};

const GOAL_COLUMNS: ReadonlyArray<TableColumn<GoalRecord>> = [
  text(
    'semestre',
    'Semestre de corte (AAAA-1: enero-junio; AAAA-2: julio-diciembre).',
    (r) => r.semester,
  ),
  text('codigo_dane', 'Código DANE (DIVIPOLA) del municipio.', (r) => r.daneCode),
  text('municipio', 'Municipio.', (r) => r.municipality),
  text('codigo_departamento', 'Código DANE del departamento.', (r) => r.departmentCode),
  text('departamento', 'Departamento.', (r) => r.department),
  text('plan', 'Plan sectorial (plan-{código DANE}-{año inicial}).', (r) => r.planId),
  {
    name: 'anio_inicial_cuatrienio',
    type: 'entero',
    unit: 'año',
    meaning: 'Primer año del periodo de gobierno del plan.',
    get: (r) => r.firstYear,
  },
  {
    name: 'plan_adoptado',
    type: 'booleano',
    unit: null,
    meaning: 'Si el acto de adopción del plan estaba registrado al corte (si no, es borrador).',
    get: (r) => r.adopted,
  },
  text(
    'acto_adopcion',
    'Acto que adoptó el plan, p. ej. "Acuerdo 006 de 2024".',
    (r) => r.adoption,
  ),
  text(
    'codigo_indicador',
    'Código del indicador de la Resolución 449 de 2013.',
    (r) => r.indicator,
  ),
  text(
    'indicador',
    'Nombre del indicador sectorial.',
    (r) => findIndicator(r.indicator)?.name ?? null,
  ),
  text('componente_sectorial', 'Componente sectorial (Tabla 1).', (r) => {
    const indicator = findIndicator(r.indicator);
    return indicator ? COMPONENT_LABEL[indicator.component] : null;
  }),
  text('unidad', 'Unidad del indicador, de la línea base, las metas y los avances.', indicatorUnit),
  {
    name: 'linea_base',
    type: 'número',
    unit: 'unidad del indicador',
    meaning: 'Línea base (Tabla 1).',
    get: (r) => r.baseline,
  },
  {
    name: 'anio_linea_base',
    type: 'entero',
    unit: 'año',
    meaning: 'Año de medición de la línea base.',
    get: (r) => r.baselineYear,
  },
  ...[0, 1, 2, 3].map((i): TableColumn<GoalRecord> => ({
    name: `meta_anio_${i + 1}`,
    type: 'número',
    unit: 'unidad del indicador',
    meaning: `Cambio comprometido en el año ${i + 1} del cuatrienio (Tabla 11).`,
    get: (r) => r.targets[i] ?? null,
  })),
  {
    name: 'meta_total',
    type: 'número',
    unit: 'unidad del indicador',
    meaning: 'Meta total del cuatrienio: suma de las metas anuales (Tabla 11).',
    get: (r) => r.total,
  },
  {
    name: 'recursos_a_invertir',
    type: 'número',
    unit: 'pesos colombianos',
    meaning:
      'Recursos a invertir en la meta: inversión de los proyectos que contribuyen a ella (Tabla 11).',
    get: (r) => r.resources,
  },
  {
    name: 'contribucion_proyectos',
    type: 'número',
    unit: 'unidad del indicador',
    meaning: 'Suma de las contribuciones de los proyectos al indicador (Tabla 10).',
    get: (r) => r.contributed,
  },
  {
    name: 'brecha_meta_contribuciones',
    type: 'número',
    unit: 'unidad del indicador',
    meaning: 'Meta total menos la suma de contribuciones (Tabla 10): lo que ningún proyecto cubre.',
    get: (r) => r.gap,
  },
  {
    name: 'ultimo_avance',
    type: 'número',
    unit: 'unidad del indicador',
    meaning: 'Último valor medido del indicador con periodo dentro del corte.',
    get: (r) => r.latest,
  },
  text(
    'periodo_ultimo_avance',
    'Periodo del último avance (AAAA o AAAA-MM).',
    (r) => r.latestPeriod,
  ),
  {
    name: 'cumplimiento_meta_pct',
    type: 'número',
    unit: '%',
    meaning: 'Avance hacia la meta total, 0-100.',
    get: (r) => r.percent,
  },
  text('estado_avance', 'Estado del avance frente a lo esperado.', (r) => r.status),
];

async function goalRecords(
  sources: OpenDataSources,
  semester: string,
  time: Bitemporal,
  onProgress?: (done: number, total: number) => void,
): Promise<GoalRecord[]> {
  // One cuatrienio contains the semester: its plan is the one of each municipality.
  const firstYear = periodContaining(parseSemester(semester).year).firstYear;
  const plans = sources.territory.all.map((m) => planStreamId(m.daneCode, firstYear));
  const records: GoalRecord[] = [];
  for (const [index, planId] of plans.entries()) {
    onProgress?.(index, plans.length);
    const atTime = planAtTime(await planTimeline(sources.readStore, planId), time);
    if (!atTime) continue;
    const state = atTime.state;
    const figures = planFigures(state);
    const indicators = Object.keys(state.goals).sort();
    for (const indicator of indicators) {
      const goal = state.goals[indicator]!;
      const figure = figures.goals[indicator];
      const latest = figure?.latestProgress ?? null;
      records.push({
        semester,
        daneCode: state.daneCode!,
        municipality: state.municipality!,
        departmentCode: state.departmentCode!,
        department: state.department!,
        planId: state.planId!,
        firstYear: state.firstYear!,
        adopted: state.adoption !== null,
        adoption: state.adoption ? adoptionCitation(state.adoption) : null,
        indicator,
        baseline: state.baselines[indicator]?.value ?? null,
        baselineYear: state.baselines[indicator]?.measuredAt.year ?? null,
        targets: goal.targets,
        total: goal.total,
        resources: figures.resources[indicator]?.total ?? 0,
        contributed: figure?.gap.contributed ?? 0,
        gap: figure?.gap.gap ?? goal.total,
        latest: latest?.value ?? null,
        latestPeriod: latest
          ? latest.period.month === undefined
            ? `${latest.period.year}`
            : `${latest.period.year}-${String(latest.period.month).padStart(2, '0')}`
          : null,
        percent: figure?.progress?.percent ?? null,
        status: figure?.progress?.status ?? null,
      });
    }
  }
  onProgress?.(plans.length, plans.length);
  return records;
}

// ------------------------------------------------------------------------------------ riesgo

interface RiskRecord {
  semester: string;
  entry: RiskMapEntry;
}

const RISK_COLUMNS: ReadonlyArray<TableColumn<RiskRecord>> = [
  {
    name: 'semestre',
    type: 'texto',
    unit: null,
    meaning: 'Semestre de corte.',
    get: (r) => r.semester,
  },
  {
    name: 'vigencia',
    type: 'entero',
    unit: 'año',
    meaning: 'Vigencia evaluada: la anterior al año del semestre (la que revisa el CTP).',
    get: (r) => r.entry.year,
  },
  {
    name: 'codigo_dane',
    type: 'texto',
    unit: null,
    meaning: 'Código DANE de la entidad territorial.',
    get: (r) => r.entry.entity.daneCode,
  },
  {
    name: 'municipio',
    type: 'texto',
    unit: null,
    meaning: 'Municipio o área no municipalizada.',
    get: (r) => r.entry.entity.name,
  },
  {
    name: 'codigo_departamento',
    type: 'texto',
    unit: null,
    meaning: 'Código DANE del departamento.',
    get: (r) => r.entry.entity.departmentCode,
  },
  {
    name: 'departamento',
    type: 'texto',
    unit: null,
    meaning: 'Departamento.',
    get: (r) => r.entry.entity.department,
  },
  {
    name: 'tiene_insumos',
    type: 'booleano',
    unit: null,
    meaning: 'Si había insumos registrados para la vigencia; sin insumos no hay puntaje (no es 0).',
    get: (r) => r.entry.hasInputs,
  },
  {
    name: 'puntaje_total',
    type: 'número',
    unit: 'puntos (0-100)',
    meaning: 'Resultado ponderado del monitoreo SGP-APSB.',
    get: (r) => r.entry.total,
  },
  {
    name: 'nivel_riesgo',
    type: 'texto',
    unit: null,
    meaning: 'Nivel de riesgo según las bandas de la metodología.',
    get: (r) => r.entry.level,
  },
  {
    name: 'priorizado',
    type: 'booleano',
    unit: null,
    meaning: 'Si la entidad quedó priorizada.',
    get: (r) => r.entry.prioritised,
  },
  ...CATEGORIES.map((category): TableColumn<RiskRecord> => ({
    name: `puntaje_${category}`,
    type: 'número',
    unit: 'puntos (0-100)',
    meaning: `Puntaje de los indicadores específicos ${category}.`,
    get: (r) =>
      r.entry.total === null
        ? null
        : (r.entry.categories.find((c) => c.category === category)?.score ?? null),
  })),
  {
    name: 'metodologia',
    type: 'texto',
    unit: null,
    meaning: 'Metodología aplicada.',
    get: (r) => r.entry.methodology.methodology.id,
  },
  {
    name: 'fuente_legal_metodologia',
    type: 'texto',
    unit: null,
    meaning: 'Norma de la metodología aplicada.',
    get: (r) => r.entry.methodology.methodology.legalSource,
  },
  {
    name: 'metodologia_vigente',
    type: 'booleano',
    unit: null,
    meaning: 'Si la metodología aplicada era la vigente para la vigencia.',
    get: (r) => r.entry.methodology.inForce,
  },
];

// ------------------------------------------------------------------------------ gestión social

interface SocialRecord {
  semester: string;
  planId: string;
  scope: string;
  figures: ExecutionFigures;
}

const participantColumns = (
  Object.entries(PARTICIPANT_GROUPS) as Array<[ParticipantDimension, readonly string[]]>
).flatMap(([dimension, groups]) =>
  groups.map((group): TableColumn<SocialRecord> => ({
    name: `participantes_${dimension === 'ethnicGroup' ? 'etnia' : dimension === 'age' ? 'edad' : dimension === 'sex' ? 'sexo' : 'condicion'}_${group.replace('-', '_a_').replace('+', '_o_mas')}`,
    type: 'entero',
    unit: 'personas',
    meaning: `Participantes de las actividades ejecutadas: ${group} (${dimension === 'ethnicGroup' ? 'pertenencia étnica' : dimension === 'age' ? 'edad' : dimension === 'sex' ? 'sexo' : 'condición'}). Solo conteos.`,
    get: (r) => r.figures.participants[dimension][group] ?? 0,
  })),
);

const count = (
  name: string,
  meaning: string,
  get: (f: ExecutionFigures) => number,
  unit = 'actividades',
): TableColumn<SocialRecord> => ({
  name,
  type: unit === 'pesos colombianos' ? 'número' : 'entero',
  unit,
  meaning,
  get: (r) => get(r.figures),
});

const SOCIAL_COLUMNS: ReadonlyArray<TableColumn<SocialRecord>> = [
  {
    name: 'semestre',
    type: 'texto',
    unit: null,
    meaning: 'Semestre de corte.',
    get: (r) => r.semester,
  },
  {
    name: 'plan_gestion_social',
    type: 'texto',
    unit: null,
    meaning: 'Plan de Gestión Social (socialplan-{ámbito}-{año inicial}).',
    get: (r) => r.planId,
  },
  {
    name: 'ambito',
    type: 'texto',
    unit: null,
    meaning: 'Código DANE del departamento (plan del PDA) o del municipio del plan.',
    get: (r) => r.scope,
  },
  {
    name: 'linea',
    type: 'texto',
    unit: null,
    meaning: 'Línea del plan (participación ciudadana, comunicación, capacitación...).',
    get: (r) => r.figures.line,
  },
  {
    name: 'semestre_planeado',
    type: 'texto',
    unit: null,
    meaning: 'Semestre en que se planearon las actividades.',
    get: (r) => r.figures.semester,
  },
  count('actividades_planeadas', 'Actividades planeadas (sin canceladas).', (f) => f.planned),
  count('actividades_ejecutadas', 'Actividades ejecutadas.', (f) => f.executed),
  count('actividades_canceladas', 'Actividades canceladas.', (f) => f.cancelled),
  count(
    'actividades_atrasadas',
    'Planeadas, no ejecutadas y con su semestre ya terminado al corte.',
    (f) => f.late,
  ),
  count(
    'presupuesto_planeado',
    'Presupuesto de las actividades planeadas.',
    (f) => f.budgetPlanned,
    'pesos colombianos',
  ),
  count(
    'presupuesto_ejecutado',
    'Costo real de las actividades ejecutadas.',
    (f) => f.budgetExecuted,
    'pesos colombianos',
  ),
  ...participantColumns,
];

async function socialRecords(
  sources: OpenDataSources,
  semester: string,
  time: Bitemporal,
): Promise<SocialRecord[]> {
  const docs = await sources.readStore
    .collection<SocialPlanDocument>('social_plans')
    .find({}, { sort: { _id: 1 } });
  return docs.flatMap((doc) => {
    const state = socialPlanAt(doc, time.knownAt);
    if (!state) return [];
    const activities = Object.fromEntries(
      Object.entries(state.activities).filter(([, a]) => a.plannedSemester <= semester),
    );
    return execution({ ...state, activities }, time.knownAt).map((figures) => ({
      semester,
      planId: doc._id,
      scope: doc.scope,
      figures,
    }));
  });
}

// ------------------------------------------------------------------------------- the release

export const OPEN_DATASETS = ['metas', 'riesgo', 'gestion-social'] as const;
export type OpenDatasetName = (typeof OPEN_DATASETS)[number];

interface Dataset {
  name: OpenDatasetName;
  title: string;
  description: string;
  columns: ReadonlyArray<TableColumn<never>>;
  rows: readonly unknown[];
}

export interface OpenDataRelease {
  semester: string;
  time: Bitemporal;
  seal: SealReference | null;
  generatedAt: Date;
  datasets: Dataset[];
}

export async function buildOpenData(
  sources: OpenDataSources,
  semester: string,
  onProgress?: (done: number, total: number) => void,
): Promise<OpenDataRelease> {
  const time = resolveBitemporal({ semester });
  const vigencia = riskVigenciaOf(semester);
  const methodologyDocs = await sources.readStore
    .collection<MethodologyDocument>('methodologies')
    .find({});
  const [goals, risk, social, seal] = await Promise.all([
    goalRecords(sources, semester, time, onProgress),
    riskMap(
      sources.readStore,
      {
        year: vigencia,
        knownAt: time.knownAt,
        entities: sources.territory.all,
        methodologyId: null,
        now: sources.now(),
      },
      methodologyDocs,
    ),
    socialRecords(sources, semester, time),
    sealOf(sources, semester),
  ]);
  const first = semesterStart(parseSemester(semester));
  const last = semesterEnd(parseSemester(semester));
  const span = `del ${bogotaIso(first).slice(0, 10)} al ${bogotaIso(last).slice(0, 10)}`;
  return {
    semester,
    time,
    seal,
    generatedAt: sources.now(),
    datasets: [
      {
        name: 'metas',
        title: `Metas y avance de los planes sectoriales de agua potable y saneamiento básico, semestre ${semester}`,
        description: `Por cada plan sectorial (Resolución 449 de 2013) y cada meta: línea base, metas por año, recursos a invertir, brecha frente a las contribuciones de los proyectos y último avance, tal como estaban registrados al cierre del semestre (${span}).`,
        columns: GOAL_COLUMNS as ReadonlyArray<TableColumn<never>>,
        rows: goals,
      },
      {
        name: 'riesgo',
        title: `Puntajes de riesgo SGP-APSB de la vigencia ${vigencia}, con corte al semestre ${semester}`,
        description: `Resultado del monitoreo del SGP de agua potable y saneamiento básico por entidad territorial, bajo la metodología vigente, tal como estaba registrado al cierre del semestre ${semester}.`,
        columns: RISK_COLUMNS as ReadonlyArray<TableColumn<never>>,
        rows: risk.map((entry) => ({ semester, entry })),
      },
      {
        name: 'gestion-social',
        title: `Ejecución de los Planes de Gestión Social, semestre ${semester}`,
        description: `Actividades planeadas, ejecutadas, canceladas y atrasadas, presupuesto y participantes por grupo poblacional (solo conteos), por plan, línea y semestre planeado, hasta el semestre ${semester}.`,
        columns: SOCIAL_COLUMNS as ReadonlyArray<TableColumn<never>>,
        rows: social,
      },
    ],
  };
}

export interface DictionaryRow {
  dataset: string;
  column: TableColumn<never>;
}

const DICTIONARY_COLUMNS: ReadonlyArray<TableColumn<DictionaryRow>> = [
  {
    name: 'conjunto',
    type: 'texto',
    unit: null,
    meaning: 'Archivo del conjunto de datos.',
    get: (r) => r.dataset,
  },
  {
    name: 'columna',
    type: 'texto',
    unit: null,
    meaning: 'Nombre de la columna.',
    get: (r) => r.column.name,
  },
  {
    name: 'tipo',
    type: 'texto',
    unit: null,
    meaning: 'texto, entero, número, fecha, fecha_hora o booleano.',
    get: (r) => r.column.type,
  },
  {
    name: 'unidad',
    type: 'texto',
    unit: null,
    meaning: 'Unidad de medida; vacío si no aplica.',
    get: (r) => r.column.unit,
  },
  {
    name: 'significado',
    type: 'texto',
    unit: null,
    meaning: 'Qué dice la columna.',
    get: (r) => r.column.meaning,
  },
];

/** Every file of the release, by name, with the metadata last (it carries the others' hashes). */
export async function renderOpenData(release: OpenDataRelease): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const counts = new Map<string, number>();
  for (const dataset of release.datasets) {
    files.set(`${dataset.name}.csv`, csvBytes(dataset.columns, dataset.rows as never[]));
    files.set(`${dataset.name}.json`, jsonBytes(dataset.columns, dataset.rows as never[]));
    counts.set(dataset.name, dataset.rows.length);
  }
  const dictionary = release.datasets.flatMap((d) =>
    d.columns.map((column) => ({ dataset: d.name, column })),
  );
  files.set('diccionario.csv', csvBytes(DICTIONARY_COLUMNS, dictionary));
  files.set('diccionario.json', jsonBytes(DICTIONARY_COLUMNS, dictionary));
  const seal = release.seal;
  const metadata = {
    titulo: `Planes sectoriales de agua potable y saneamiento básico: datos abiertos del semestre ${release.semester}`,
    descripcion:
      'Metas, avance, riesgo SGP-APSB y gestión social de los planes sectoriales (Resolución 449 de 2013), publicados desde la bitácora de eventos verificable de Bitácora.',
    entidad_publicadora: 'Bitácora (bitácora de los planes sectoriales APSB)',
    categoria: 'Vivienda, Ciudad y Territorio',
    etiquetas: [
      'agua potable',
      'saneamiento básico',
      'SGP-APSB',
      'planes sectoriales',
      'Resolución 449 de 2013',
    ],
    idioma: 'es',
    cobertura_geografica: 'Nacional (municipios y áreas no municipalizadas de la DIVIPOLA)',
    frecuencia_actualizacion: 'Semestral',
    licencia: 'Creative Commons Atribución-CompartirIgual 4.0 Internacional (CC BY-SA 4.0)',
    datos_personales:
      'No contiene datos personales: no se publican actores (ni nombres ni identificadores) y los participantes son conteos por grupo poblacional.',
    codificacion:
      'UTF-8 sin BOM; CSV separado por comas (RFC 4180); punto decimal; sin separador de miles',
    formato_fechas: 'ISO 8601; instantes en hora de Colombia (-05:00)',
    semestre: release.semester,
    corte: {
      cifras_hasta: release.time.validUntil ? bogotaIso(release.time.validUntil) : null,
      registrado_hasta: bogotaIso(release.time.knownAt),
    },
    sello: seal
      ? {
          semestre: seal.semester,
          id_evento: seal.eventId,
          eventos_cubiertos: seal.treeSize,
          raiz_merkle_sha256: seal.rootHash,
          firma_jws_ed25519: seal.signature,
          clave: seal.keyId,
          firmado_en: bogotaIso(new Date(seal.signedAt)),
        }
      : null,
    verificacion: seal
      ? `Cada archivo se verifica con su sha256 abajo. Las cifras son función de los eventos registrados hasta ${bogotaIso(release.time.knownAt)}, que el sello cubre: el sello (raíz de Merkle firmada, RFC 9162) permite comprobar con pruebas de inclusión y consistencia (consulta GraphQL integrity, npm run verify) que la bitácora no se reescribió.`
      : `El semestre ${release.semester} aún no tiene sello: estos archivos se podrán verificar contra la bitácora cuando se selle.`,
    archivos: [...files.entries()].map(([name, content]) => {
      const dataset = name.replace(/\.(csv|json)$/, '');
      const described = release.datasets.find((d) => d.name === dataset);
      return {
        nombre: name,
        titulo: described?.title ?? 'Diccionario de datos: columna, tipo, unidad y significado',
        descripcion: described?.description ?? null,
        formato: name.endsWith('.csv') ? 'text/csv' : 'application/json',
        filas: counts.get(dataset) ?? dictionary.length,
        bytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
      };
    }),
    generado_en: bogotaIso(release.generatedAt),
  };
  files.set('metadatos.json', Buffer.from(`${JSON.stringify(metadata, null, 2)}\n`));
  return files;
}

export const OPEN_DATA_FILES = [
  ...OPEN_DATASETS.flatMap((name) => [`${name}.csv`, `${name}.json`]),
  'diccionario.csv',
  'diccionario.json',
  'metadatos.json',
] as const;
