/**
 * The sheets of a plan workbook: one per table of Resolución 449 de 2013's annex (Tablas 1, 3,
 * 4, 5, 6, 8, 9, 10 and 11) plus the progress reports, each with the resolution's columns first,
 * in its order and with its headers, then the columns Bitácora needs to import a row (codes, ids,
 * years). Export and import read the same definitions, so a column cannot be written one way and
 * read another.
 *
 * A column is an input (read back on import) or derived (computed from the record, shown with a
 * grey header and ignored on import: the resolution's totals, "recursos a invertir", the gap).
 */
import { FUNDING_ROWS, findFundingRow, type FundingTable } from '../domain/catalogue/funding';
import {
  findIndicator,
  INDICATORS,
  type Indicator,
  type SectorComponent,
  type Service,
  type Unit,
} from '../domain/catalogue/indicators';
import type { PlanFigures } from '../domain/plan/figures';
import type { Project, ProgressEntry, PlanState } from '../domain/plan/state';
import { MUNICIPAL_MANAGEMENT_REQUIREMENTS } from '../domain/rules/municipal-management';
import { UNIT_LABEL } from '../domain/rules/units';

export type ColumnKind = 'text' | 'integer' | 'number' | 'date' | 'list' | 'yesno';
export type CellOut = string | number | boolean | string[] | null;

export interface ColumnSpec<Row> {
  header: string;
  kind: ColumnKind;
  /** Read back on import; derived columns are computed and ignored. */
  input: boolean;
  required?: boolean;
  width: number;
  /** Excel number format: fixed, or per row (a level is in its indicator's unit). */
  numFmt?: string | ((row: Row) => string);
  get(row: Row): CellOut;
}

export interface SheetSpec<Row> {
  name: string;
  title: string;
  columns: ReadonlyArray<ColumnSpec<Row>>;
  rows(state: PlanState, figures: PlanFigures): Row[];
  /** A TOTAL row under the table, as the resolution draws it: the derived sums per column. */
  totals?: (rows: Row[]) => CellOut[];
}

export const TITLE_ROW = 1;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;
/** The label a TOTAL row carries in its first column (skipped on import). */
export const TOTAL_LABEL = 'TOTAL';

export const FORMAT = {
  pesos: '"$" #,##0',
  date: 'yyyy-mm-dd',
  dateTime: 'yyyy-mm-dd hh:mm:ss',
  integer: '0',
} as const;

const UNIT_FORMAT: Record<Unit, string> = {
  poblacion: '#,##0',
  porcentaje: '0.00',
  horas: '0.0',
};
export const unitFormat = (indicator: string): string =>
  UNIT_FORMAT[findIndicator(indicator)?.unit ?? 'porcentaje'];

/** Componente sectorial as Tabla 1 writes it. */
export const COMPONENT_LABEL: Record<SectorComponent, string> = {
  cobertura: 'Cobertura de los servicios públicos',
  calidad_agua: 'Calidad del agua para consumo humano',
  gestion_ambiental: 'Gestión ambiental en la prestación de los servicios de agua y saneamiento',
  estado_prestacion: 'Estado de la prestación de los servicios públicos',
  continuidad: 'Continuidad en la prestación de los servicios públicos',
};

/** SECTOR as Tabla 11 writes it. */
export const SECTOR_LABEL: Record<Service, string> = {
  acueducto: 'ACUEDUCTO',
  alcantarillado: 'ALCANTARILLADO',
  aseo: 'ASEO',
  transversal: 'TRANSVERSAL',
};

const catalogueOrder = (code: string) => {
  const index = INDICATORS.findIndex((i) => i.code === code);
  return index === -1 ? INDICATORS.length : index;
};
const byIndicator = (a: { indicator: string }, b: { indicator: string }) =>
  catalogueOrder(a.indicator) - catalogueOrder(b.indicator) ||
  a.indicator.localeCompare(b.indicator);

const indicatorName = (code: string) => findIndicator(code)?.name ?? code;
const unitName = (code: string) => {
  const indicator = findIndicator(code);
  return indicator ? UNIT_LABEL[indicator.unit] : null;
};
const sum = (values: readonly number[]) =>
  Math.round(values.reduce((a, b) => a + b, 0) * 1e6) / 1e6;

// ------------------------------------------------------------------- headers the importer reads

export const H = {
  indicatorCode: 'CÓDIGO DEL INDICADOR',
  baseline: 'LÍNEA BASE',
  year: 'AÑO DE MEDICIÓN',
  month: 'MES DE MEDICIÓN',
  source: 'FUENTE',
  reason: 'JUSTIFICACIÓN DEL CAMBIO',
  legalBasis: 'ACTO ADMINISTRATIVO DEL CAMBIO',
  need: 'NECESIDAD',
  investment: 'NOMBRE DE LA INVERSIÓN (OBRA, ESTUDIO O PROYECTO)',
  estimatedValue: 'VALOR ESTIMADO',
  needId: 'ID DE LA NECESIDAD',
  rowCode: 'CÓDIGO DE LA FILA',
  detail: 'DETALLE (ENTIDAD O PRESTADOR)',
  year1: 'Año 1',
  year2: 'Año 2',
  year3: 'Año 3',
  year4: 'Año 4',
  projectId: 'ID DEL PROYECTO',
  projectName: 'NOMBRE DEL PROYECTO',
  endDate: 'FECHA DE FINALIZACIÓN',
  fundingSources: 'FUENTES DE RECURSOS',
  executor: 'RESPONSABLE DE LA EJECUCIÓN (PDA, CAR, NACIÓN, OTRO)',
  executorDetail: 'RESPONSABLE CUANDO ES OTRO',
  contribution: 'CONTRIBUCIÓN AL INDICADOR (%, PERSONAS, HORAS, ETC.)',
  total: 'META TOTAL',
  progressValue: 'VALOR MEDIDO',
  progressYear: 'AÑO',
  progressMonth: 'MES',
} as const;

export const YEAR_HEADERS = [H.year1, H.year2, H.year3, H.year4] as const;

const yearColumns = <Row>(
  values: (row: Row) => readonly number[],
  numFmt: ColumnSpec<Row>['numFmt'],
): ColumnSpec<Row>[] =>
  YEAR_HEADERS.map((header, index) => ({
    header,
    kind: 'number',
    input: true,
    required: true,
    width: 16,
    numFmt,
    get: (row: Row) => values(row)[index] ?? null,
  }));

// ------------------------------------------------------------------------------------ Tabla 1

export interface BaselineRow {
  indicator: string;
  value: number;
  year: number;
  month: number | null;
  source: string;
}

export const BASELINES: SheetSpec<BaselineRow> = {
  name: 'Tabla 1 Línea base',
  title: 'TABLA NÚMERO 1 — Línea Base',
  columns: [
    {
      header: 'COMPONENTE SECTORIAL',
      kind: 'text',
      input: false,
      width: 34,
      get: (r) => {
        const indicator = findIndicator(r.indicator);
        return indicator ? COMPONENT_LABEL[indicator.component] : null;
      },
    },
    {
      header: 'INDICADORES SECTORIALES',
      kind: 'text',
      input: false,
      width: 44,
      get: (r) => indicatorName(r.indicator),
    },
    {
      header: H.baseline,
      kind: 'number',
      input: true,
      required: true,
      width: 14,
      numFmt: (r) => unitFormat(r.indicator),
      get: (r) => r.value,
    },
    {
      header: H.indicatorCode,
      kind: 'text',
      input: true,
      required: true,
      width: 16,
      get: (r) => r.indicator,
    },
    { header: 'UNIDAD', kind: 'text', input: false, width: 22, get: (r) => unitName(r.indicator) },
    {
      header: H.year,
      kind: 'integer',
      input: true,
      required: true,
      width: 12,
      numFmt: FORMAT.integer,
      get: (r) => r.year,
    },
    {
      header: H.month,
      kind: 'integer',
      input: true,
      width: 10,
      numFmt: FORMAT.integer,
      get: (r) => r.month,
    },
    {
      header: H.source,
      kind: 'text',
      input: true,
      required: true,
      width: 30,
      get: (r) => r.source,
    },
    { header: H.reason, kind: 'text', input: true, width: 30, get: () => null },
  ],
  rows: (state) =>
    Object.values(state.baselines)
      .map((b) => ({
        indicator: b.indicator,
        value: b.value,
        year: b.measuredAt.year,
        month: b.measuredAt.month ?? null,
        source: b.source,
      }))
      .sort(byIndicator),
};

// ------------------------------------------------------------------------------------ Tabla 3

export interface NeedRow {
  needId: string;
  need: string;
  investmentName: string;
  estimatedValue: number;
}

export const NEEDS: SheetSpec<NeedRow> = {
  name: 'Tabla 3 Necesidades',
  title: 'TABLA NÚMERO 3 — Banco o Listado de Necesidades',
  columns: [
    { header: H.need, kind: 'text', input: true, required: true, width: 40, get: (r) => r.need },
    {
      header: H.investment,
      kind: 'text',
      input: true,
      required: true,
      width: 44,
      get: (r) => r.investmentName,
    },
    {
      header: H.estimatedValue,
      kind: 'number',
      input: true,
      required: true,
      width: 18,
      numFmt: FORMAT.pesos,
      get: (r) => r.estimatedValue,
    },
    {
      header: H.needId,
      kind: 'text',
      input: true,
      required: true,
      width: 16,
      get: (r) => r.needId,
    },
  ],
  rows: (state) =>
    Object.values(state.needs)
      .map((n) => ({ ...n }))
      .sort((a, b) => a.needId.localeCompare(b.needId)),
  totals: (rows) => [TOTAL_LABEL, null, sum(rows.map((r) => r.estimatedValue)), null],
};

// ------------------------------------------------------------------------------ Tablas 4, 5, 6

export interface FundingSheetRow {
  table: FundingTable;
  row: string;
  detail: string | null;
  amounts: readonly number[];
}

function fundingSheet(
  table: FundingTable,
  name: string,
  title: string,
  firstHeader: string,
): SheetSpec<FundingSheetRow> {
  return {
    name,
    title,
    columns: [
      {
        header: firstHeader,
        kind: 'text',
        input: false,
        width: 48,
        get: (r) => {
          const label = findFundingRow(r.table, r.row)?.label ?? r.row;
          return r.detail ? `${label} ${r.detail}` : label;
        },
      },
      ...yearColumns<FundingSheetRow>((r) => r.amounts, FORMAT.pesos),
      {
        header: 'TOTAL PERIODO',
        kind: 'number',
        input: false,
        width: 18,
        numFmt: FORMAT.pesos,
        get: (r) => sum(r.amounts),
      },
      {
        header: H.rowCode,
        kind: 'text',
        input: true,
        required: true,
        width: 22,
        get: (r) => r.row,
      },
      { header: H.detail, kind: 'text', input: true, width: 28, get: (r) => r.detail },
    ],
    rows: (state) => {
      const order = (code: string) => FUNDING_ROWS[table].findIndex((row) => row.code === code);
      return Object.values(state.funding[table])
        .map((r) => ({ table, row: r.row, detail: r.detail, amounts: [...r.amounts] }))
        .sort(
          (a, b) => order(a.row) - order(b.row) || (a.detail ?? '').localeCompare(b.detail ?? ''),
        );
    },
    totals: (rows) => [
      TOTAL_LABEL,
      ...[0, 1, 2, 3].map((i) => sum(rows.map((r) => r.amounts[i] ?? 0))),
      sum(rows.flatMap((r) => r.amounts)),
      null,
      null,
    ],
  };
}

export const FUENTES = fundingSheet(
  'fuentes',
  'Tabla 4 Fuentes',
  'TABLA NÚMERO 4 — Total Fuentes',
  'FUENTES',
);
export const USOS = fundingSheet(
  'usos',
  'Tabla 5 Usos',
  'TABLA NÚMERO 5 — Total Usos',
  'COMPROMISOS Y USOS',
);
export const GESTION = fundingSheet(
  'gestion',
  'Tabla 6 Gestión',
  'TABLA NÚMERO 6 — Recursos de Gestión',
  'COMPROMISOS',
);

// ---------------------------------------------------------------------------------- Tablas 8, 9

export interface ProjectRow extends Project {
  /** "ACU-COB-URB: 1.200" per indicator the project contributes to (derived columns). */
  baselines: string | null;
  contributions: string | null;
}

function projectRows(state: PlanState, kind: Project['kind']): ProjectRow[] {
  return Object.values(state.projects)
    .filter((p) => p.kind === kind)
    .sort((a, b) => a.projectId.localeCompare(b.projectId))
    .map((project) => {
      const lines = Object.values(state.contributions)
        .filter((c) => c.projectId === project.projectId)
        .sort(byIndicator);
      const join = (parts: string[]) => (parts.length ? parts.join('; ') : null);
      return {
        ...project,
        baselines: join(
          lines.map(
            (c) => `${c.indicator}: ${state.baselines[c.indicator]?.value ?? 'sin línea base'}`,
          ),
        ),
        contributions: join(lines.map((c) => `${c.indicator}: ${c.amount}`)),
      };
    });
}

const projectIdColumn: ColumnSpec<ProjectRow> = {
  header: H.projectId,
  kind: 'text',
  input: true,
  required: true,
  width: 16,
  get: (r) => r.projectId,
};
const needIdColumn: ColumnSpec<ProjectRow> = {
  header: H.needId,
  kind: 'text',
  input: true,
  width: 16,
  get: (r) => r.needId,
};
const derivedText = (header: string, get: (r: ProjectRow) => CellOut): ColumnSpec<ProjectRow> => ({
  header,
  kind: 'text',
  input: false,
  width: 30,
  get,
});

export const OWN_PROJECTS: SheetSpec<ProjectRow> = {
  name: 'Tabla 8 Inversiones',
  title: 'TABLA NÚMERO 8 — Formato para Relacionar las Inversiones a Realizar',
  columns: [
    {
      header: H.investment,
      kind: 'text',
      input: true,
      required: true,
      width: 44,
      get: (r) => r.name,
    },
    {
      header: H.estimatedValue,
      kind: 'number',
      input: false,
      width: 18,
      numFmt: FORMAT.pesos,
      get: (r) => r.estimatedValue,
    },
    derivedText('LÍNEA BASE DEL INDICADOR SECTORIAL AL QUE APUNTA (1 AL 9)', (r) => r.baselines),
    derivedText(H.contribution, (r) => r.contributions),
    projectIdColumn,
    needIdColumn,
    ...yearColumns<ProjectRow>((r) => r.valueByYear, FORMAT.pesos),
  ],
  rows: (state) => projectRows(state, 'propio'),
  totals: (rows) => [TOTAL_LABEL, sum(rows.map((r) => r.estimatedValue))],
};

export const THIRD_PARTY_PROJECTS: SheetSpec<ProjectRow> = {
  name: 'Tabla 9 Proyectos en curso',
  title: 'TABLA NÚMERO 9 — Identificación de Proyectos en Curso',
  columns: [
    {
      header: H.projectName,
      kind: 'text',
      input: true,
      required: true,
      width: 44,
      get: (r) => r.name,
    },
    {
      header: 'VALOR',
      kind: 'number',
      input: false,
      width: 18,
      numFmt: FORMAT.pesos,
      get: (r) => r.estimatedValue,
    },
    derivedText(H.baseline, (r) => r.baselines),
    derivedText(H.contribution, (r) => r.contributions),
    {
      header: H.endDate,
      kind: 'date',
      input: true,
      required: true,
      width: 14,
      numFmt: FORMAT.date,
      get: (r) => r.endDate,
    },
    {
      header: H.fundingSources,
      kind: 'list',
      input: true,
      required: true,
      width: 30,
      get: (r) => r.fundingSources,
    },
    {
      header: H.executor,
      kind: 'text',
      input: true,
      required: true,
      width: 20,
      get: (r) => r.executor,
    },
    {
      header: H.executorDetail,
      kind: 'text',
      input: true,
      width: 24,
      get: (r) => r.executorDetail,
    },
    projectIdColumn,
    needIdColumn,
    ...yearColumns<ProjectRow>((r) => r.valueByYear, FORMAT.pesos),
  ],
  rows: (state) => projectRows(state, 'tercero'),
};

// ----------------------------------------------------------------------------------- Tabla 10

export interface ContributionRow {
  indicator: string;
  projectId: string;
  projectName: string;
  amount: number;
  goalTotal: number | null;
  contributed: number;
  gap: number | null;
}

export const CONTRIBUTIONS: SheetSpec<ContributionRow> = {
  name: 'Tabla 10 Metas',
  title: 'TABLA NÚMERO 10 — Modelo para Fijar las Metas',
  columns: [
    {
      header: 'INDICADOR PRIORITARIO A CALCULAR',
      kind: 'text',
      input: true,
      required: true,
      width: 18,
      get: (r) => r.indicator,
    },
    {
      header: 'Nombre de la Inversión (obra, estudio o proyecto)',
      kind: 'text',
      input: false,
      width: 44,
      get: (r) => r.projectName,
    },
    {
      header: 'Contribución al Indicador (%, personas, horas, etc.)',
      kind: 'number',
      input: true,
      required: true,
      width: 16,
      numFmt: (r) => unitFormat(r.indicator),
      get: (r) => r.amount,
    },
    {
      header: H.projectId,
      kind: 'text',
      input: true,
      required: true,
      width: 16,
      get: (r) => r.projectId,
    },
    { header: 'UNIDAD', kind: 'text', input: false, width: 22, get: (r) => unitName(r.indicator) },
    {
      header: 'META TOTAL DEL INDICADOR',
      kind: 'number',
      input: false,
      width: 16,
      numFmt: (r) => unitFormat(r.indicator),
      get: (r) => r.goalTotal,
    },
    {
      header: 'SUMA DE CONTRIBUCIONES',
      kind: 'number',
      input: false,
      width: 16,
      numFmt: (r) => unitFormat(r.indicator),
      get: (r) => r.contributed,
    },
    {
      header: 'BRECHA (META − CONTRIBUCIONES)',
      kind: 'number',
      input: false,
      width: 16,
      numFmt: (r) => unitFormat(r.indicator),
      get: (r) => r.gap,
    },
  ],
  rows: (state, figures) =>
    Object.values(state.contributions)
      .map((c) => {
        const gap = figures.goals[c.indicator]?.gap ?? null;
        const contributed = sum(
          Object.values(state.contributions)
            .filter((other) => other.indicator === c.indicator)
            .map((other) => other.amount),
        );
        return {
          indicator: c.indicator,
          projectId: c.projectId,
          projectName: state.projects[c.projectId]?.name ?? c.projectId,
          amount: c.amount,
          goalTotal: gap?.total ?? null,
          contributed,
          gap: gap?.gap ?? null,
        };
      })
      .sort((a, b) => byIndicator(a, b) || a.projectId.localeCompare(b.projectId)),
};

// ----------------------------------------------------------------------------------- Tabla 11

export interface GoalRow {
  indicator: Indicator;
  baseline: number | null;
  resources: number;
  targets: readonly number[];
  total: number;
  latest: ProgressEntry | null;
  percent: number | null;
  status: string | null;
}

const periodLabel = (entry: ProgressEntry) =>
  entry.period.month === undefined
    ? `${entry.period.year}`
    : `${entry.period.year}-${String(entry.period.month).padStart(2, '0')}`;

export const GOALS: SheetSpec<GoalRow> = {
  name: 'Tabla 11 Tablero de metas',
  title: 'TABLA NÚMERO 11 — Meta Sectorial (tablero de metas)',
  columns: [
    {
      header: 'SECTOR',
      kind: 'text',
      input: false,
      width: 16,
      get: (r) => SECTOR_LABEL[r.indicator.service],
    },
    { header: 'INDICADOR', kind: 'text', input: false, width: 40, get: (r) => r.indicator.name },
    {
      header: H.baseline,
      kind: 'number',
      input: false,
      width: 14,
      numFmt: (r) => UNIT_FORMAT[r.indicator.unit],
      get: (r) => r.baseline,
    },
    {
      header: 'RECURSOS A INVERTIR',
      kind: 'number',
      input: false,
      width: 18,
      numFmt: FORMAT.pesos,
      get: (r) => r.resources,
    },
    ...yearColumns<GoalRow>(
      (r) => r.targets,
      (r) => UNIT_FORMAT[r.indicator.unit],
    ),
    {
      header: H.total,
      kind: 'number',
      input: true,
      required: true,
      width: 14,
      numFmt: (r) => UNIT_FORMAT[r.indicator.unit],
      get: (r) => r.total,
    },
    {
      header: H.indicatorCode,
      kind: 'text',
      input: true,
      required: true,
      width: 16,
      get: (r) => r.indicator.code,
    },
    {
      header: 'UNIDAD',
      kind: 'text',
      input: false,
      width: 22,
      get: (r) => UNIT_LABEL[r.indicator.unit],
    },
    {
      header: 'ÚLTIMO AVANCE',
      kind: 'number',
      input: false,
      width: 14,
      numFmt: (r) => UNIT_FORMAT[r.indicator.unit],
      get: (r) => r.latest?.value ?? null,
    },
    {
      header: 'PERIODO DEL AVANCE',
      kind: 'text',
      input: false,
      width: 12,
      get: (r) => (r.latest ? periodLabel(r.latest) : null),
    },
    {
      header: 'CUMPLIMIENTO DE LA META (%)',
      kind: 'number',
      input: false,
      width: 14,
      numFmt: '0.0',
      get: (r) => r.percent,
    },
    { header: 'ESTADO', kind: 'text', input: false, width: 16, get: (r) => r.status },
    { header: H.reason, kind: 'text', input: true, width: 30, get: () => null },
    { header: H.legalBasis, kind: 'text', input: true, width: 26, get: () => null },
  ],
  rows: (state, figures) =>
    Object.values(state.goals)
      .sort(byIndicator)
      .flatMap((goal) => {
        const indicator = findIndicator(goal.indicator);
        if (!indicator) return [];
        const goalFigure = figures.goals[goal.indicator];
        return [
          {
            indicator,
            baseline: state.baselines[goal.indicator]?.value ?? null,
            resources: figures.resources[goal.indicator]?.total ?? 0,
            targets: [...goal.targets],
            total: goal.total,
            latest: goalFigure?.latestProgress ?? null,
            percent: goalFigure?.progress?.percent ?? null,
            status: goalFigure?.progress?.status ?? null,
          },
        ];
      }),
  totals: (rows) => [TOTAL_LABEL, null, null, sum(rows.map((r) => r.resources))],
};

// ---------------------------------------------------------------------------- progress reports

export const CHECKLIST_HEADERS = MUNICIPAL_MANAGEMENT_REQUIREMENTS.map(
  (requirement) => `GES-MUN: ${requirement.label.replace(/\.$/, '')}`,
);

export const PROGRESS: SheetSpec<ProgressEntry> = {
  name: 'Avance',
  title: 'AVANCE DE LOS INDICADORES — valores medidos por periodo (seguimiento de la Tabla 11)',
  columns: [
    {
      header: H.indicatorCode,
      kind: 'text',
      input: true,
      required: true,
      width: 16,
      get: (r) => r.indicator,
    },
    {
      header: 'INDICADOR',
      kind: 'text',
      input: false,
      width: 40,
      get: (r) => indicatorName(r.indicator),
    },
    {
      header: H.progressYear,
      kind: 'integer',
      input: true,
      required: true,
      width: 8,
      numFmt: FORMAT.integer,
      get: (r) => r.period.year,
    },
    {
      header: H.progressMonth,
      kind: 'integer',
      input: true,
      width: 6,
      numFmt: FORMAT.integer,
      get: (r) => r.period.month ?? null,
    },
    {
      header: H.progressValue,
      kind: 'number',
      input: true,
      required: true,
      width: 14,
      numFmt: (r) => unitFormat(r.indicator),
      get: (r) => r.value,
    },
    { header: 'UNIDAD', kind: 'text', input: false, width: 22, get: (r) => unitName(r.indicator) },
    {
      header: H.source,
      kind: 'text',
      input: true,
      required: true,
      width: 34,
      get: (r) => r.source,
    },
    ...MUNICIPAL_MANAGEMENT_REQUIREMENTS.map((requirement, index): ColumnSpec<ProgressEntry> => ({
      header: CHECKLIST_HEADERS[index]!,
      kind: 'yesno',
      input: true,
      width: 18,
      get: (r) => (r.checklist ? r.checklist[requirement.key] : null),
    })),
    { header: H.reason, kind: 'text', input: true, width: 30, get: () => null },
  ],
  rows: (state) =>
    Object.values(state.progress)
      .flatMap((byPeriod) => Object.values(byPeriod))
      .sort(
        (a, b) =>
          byIndicator(a, b) ||
          a.period.year - b.period.year ||
          (a.period.month ?? 0) - (b.period.month ?? 0),
      ),
};

/** The sheets in the order a workbook shows them and an import applies them. */
export const PLAN_SHEETS = [
  BASELINES,
  NEEDS,
  FUENTES,
  USOS,
  GESTION,
  OWN_PROJECTS,
  THIRD_PARTY_PROJECTS,
  GOALS,
  CONTRIBUTIONS,
  PROGRESS,
] as const;

export const COVER_SHEET = 'Portada';
