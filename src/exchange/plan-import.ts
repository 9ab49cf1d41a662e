/**
 * Reads a plan workbook back into the commands a planner would send, decided one after another
 * on the plan's current state: every problem (an unreadable cell, a missing column, a rule of the
 * domain) is named by sheet, row and column, in Spanish, and all of them are reported together.
 * A row equal to the record is no command at all, so an unchanged workbook decides nothing.
 *
 * Pure: the caller reads the stream before and appends the events after (`import-plan.ts`).
 */
import type ExcelJS from 'exceljs';
import { excelJs } from '../late-modules';
import type { Principal } from '../domain/access';
import { mayWritePlan } from '../domain/access';
import { findIndicator } from '../domain/catalogue/indicators';
import type { FundingTable } from '../domain/catalogue/funding';
import { citingTheAct, type PlanCommand } from '../domain/plan/commands';
import { decidePlan, type PlanContext } from '../domain/plan/decide';
import {
  adoptionCitation,
  contributionKey,
  fundingRowKey,
  periodKey,
  type AdoptionActKind,
  type Executor,
  type PlanEvent,
  type ProjectKind,
} from '../domain/plan/events';
import { evolvePlan, type PlanState } from '../domain/plan/state';
import {
  MUNICIPAL_MANAGEMENT_REQUIREMENTS,
  type MunicipalManagementChecklist,
} from '../domain/rules/municipal-management';
import {
  readDate,
  readInteger,
  readList,
  readNumber,
  readText,
  readYesNo,
  type Read,
} from './cells';
import {
  BASELINES,
  CHECKLIST_HEADERS,
  CONTRIBUTIONS,
  COVER_SHEET,
  FIRST_DATA_ROW,
  FUENTES,
  GESTION,
  GOALS,
  H,
  HEADER_ROW,
  NEEDS,
  OWN_PROJECTS,
  PROGRESS,
  THIRD_PARTY_PROJECTS,
  TOTAL_LABEL,
  USOS,
  YEAR_HEADERS,
  type ColumnSpec,
  type SheetSpec,
} from './plan-sheets';
import { COVER } from './plan-workbook';

/** One problem of a workbook, where a person finds it. */
export interface WorkbookProblem {
  sheet: string;
  /** Excel's row number; null for the sheet as a whole. */
  row: number | null;
  /** The column's header; null for the whole row. */
  column: string | null;
  message: string;
}

export const describeProblem = (p: WorkbookProblem): string =>
  `${p.sheet}${p.row === null ? '' : `, fila ${p.row}`}${p.column ? `, columna «${p.column}»` : ''}: ${p.message}`;

/** An event decided from a row, with the row it came from. */
export interface DecidedEvent {
  event: PlanEvent;
  command: PlanCommand;
  /** "archivo.xlsx › Tabla 11 Tablero de metas, fila 5". */
  source: string;
}

export interface WorkbookDecision {
  problems: WorkbookProblem[];
  events: DecidedEvent[];
  /** Data rows read (TOTAL and empty rows aside). */
  rows: number;
  /** Rows equal to the record: nothing to do. */
  unchanged: number;
}

export interface ImportOptions {
  daneCode: string;
  firstYear: number;
  fileName: string;
  /** Justification and legal basis for rows that need one and bring none (amendments). */
  reason?: string;
  legalBasis?: string;
  /** The importer: rows its role may not write are problems. Null: the command line (operator). */
  principal: Principal | null;
  departmentCode: string;
  onProgress?: (done: number, total: number) => void;
}

/** Beyond this, a workbook is not a sector plan (Ibagué's has fewer than 200 rows). */
export const MAX_ROWS_PER_SHEET = 5_000;
export const MAX_PROBLEMS = 1_000;

type Value = string | number | boolean | string[] | null;
type Record_ = Map<string, Value>;
interface SheetRow {
  row: number;
  values: Record_;
}

function readCell(kind: ColumnSpec<unknown>['kind'], value: ExcelJS.CellValue): Read<Value> {
  switch (kind) {
    case 'text':
      return readText(value);
    case 'integer':
      return readInteger(value);
    case 'number':
      return readNumber(value);
    case 'date':
      return readDate(value);
    case 'list':
      return readList(value);
    case 'yesno':
      return readYesNo(value);
  }
}

const headerText = (cell: ExcelJS.Cell): string =>
  String(cell.text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();

/** The data rows of one sheet, or the problems that keep it from being read. */
function readSheet(
  workbook: ExcelJS.Workbook,
  spec: SheetSpec<unknown>,
  problems: WorkbookProblem[],
): SheetRow[] {
  const sheet = workbook.getWorksheet(spec.name);
  if (!sheet) {
    problems.push({
      sheet: spec.name,
      row: null,
      column: null,
      message: `falta la hoja «${spec.name}» (déjela vacía si el plan no tiene filas en esa tabla).`,
    });
    return [];
  }
  const positions = new Map<string, number>();
  sheet.getRow(HEADER_ROW).eachCell((cell, col) => positions.set(headerText(cell), col));
  const inputs = spec.columns.filter((c) => c.input);
  let missing = false;
  for (const column of inputs) {
    if (!positions.has(column.header.toUpperCase())) {
      missing = true;
      problems.push({
        sheet: spec.name,
        row: HEADER_ROW,
        column: column.header,
        message: `falta la columna «${column.header}» en la fila de encabezados ${HEADER_ROW}.`,
      });
    }
  }
  if (missing) return [];
  if (sheet.rowCount - HEADER_ROW > MAX_ROWS_PER_SHEET) {
    problems.push({
      sheet: spec.name,
      row: null,
      column: null,
      message: `tiene ${sheet.rowCount - HEADER_ROW} filas; el máximo es ${MAX_ROWS_PER_SHEET}.`,
    });
    return [];
  }
  const rows: SheetRow[] = [];
  for (let r = FIRST_DATA_ROW; r <= sheet.rowCount; r++) {
    const excelRow = sheet.getRow(r);
    const first = readText(excelRow.getCell(1).value);
    if (first.ok && first.value?.toUpperCase() === TOTAL_LABEL) continue;
    const values: Record_ = new Map();
    const rowProblems: WorkbookProblem[] = [];
    let empty = true;
    for (const column of inputs) {
      const read = readCell(
        column.kind,
        excelRow.getCell(positions.get(column.header.toUpperCase())!).value,
      );
      if (!read.ok) {
        empty = false;
        rowProblems.push({
          sheet: spec.name,
          row: r,
          column: column.header,
          message: read.problem,
        });
        continue;
      }
      if (read.value !== null) empty = false;
      values.set(column.header, read.value);
    }
    if (empty) continue;
    for (const column of inputs) {
      if (column.required && values.get(column.header) === null)
        rowProblems.push({
          sheet: spec.name,
          row: r,
          column: column.header,
          message: 'está vacía y es obligatoria.',
        });
    }
    problems.push(...rowProblems);
    if (rowProblems.length === 0) rows.push({ row: r, values });
  }
  return rows;
}

/** The cover's label → value (column A → column B). */
function readCover(workbook: ExcelJS.Workbook): Map<string, ExcelJS.CellValue> | null {
  const sheet = workbook.getWorksheet(COVER_SHEET);
  if (!sheet) return null;
  const values = new Map<string, ExcelJS.CellValue>();
  sheet.eachRow((row) => {
    const label = readText(row.getCell(1).value);
    if (label.ok && label.value) values.set(label.value, row.getCell(2).value);
  });
  return values;
}

const str = (v: Value): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: Value): number => (typeof v === 'number' ? v : Number.NaN);
const years = (values: Record_) => YEAR_HEADERS.map((h) => num(values.get(h) ?? null));
const sameNumbers = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** Which column a field of a refused command came from, per sheet. */
function columnOf(sheet: string, field: string | null): string | null {
  if (field === null) return null;
  const year = /\[(\d)\]/.exec(field);
  const base = field.replace(/\[\d+\]$/, '').split('.')[0]!;
  const yearHeader = year ? (YEAR_HEADERS[Number(year[1])] ?? null) : null;
  const common: Record<string, string> = {
    reason: H.reason,
    legalBasis: sheet === GOALS.name ? H.legalBasis : H.reason,
  };
  const bySheet: Record<string, Record<string, string | null>> = {
    [BASELINES.name]: {
      indicator: H.indicatorCode,
      value: H.baseline,
      measuredAt: field.endsWith('month') ? H.month : H.year,
      source: H.source,
    },
    [NEEDS.name]: {
      needId: H.needId,
      need: H.need,
      investmentName: H.investment,
      estimatedValue: H.estimatedValue,
    },
    [GOALS.name]: {
      indicator: H.indicatorCode,
      targets: yearHeader ?? H.year1,
      total: H.total,
    },
    [CONTRIBUTIONS.name]: {
      projectId: H.projectId,
      indicator: CONTRIBUTIONS.columns[0]!.header,
      amount: CONTRIBUTIONS.columns[2]!.header,
      unit: CONTRIBUTIONS.columns[2]!.header,
    },
    [PROGRESS.name]: {
      indicator: H.indicatorCode,
      period: field.endsWith('month') ? H.progressMonth : H.progressYear,
      value: H.progressValue,
      source: H.source,
      checklist:
        CHECKLIST_HEADERS[
          MUNICIPAL_MANAGEMENT_REQUIREMENTS.findIndex((r) => field.endsWith(`.${r.key}`))
        ] ?? null,
    },
  };
  const funding = { row: H.rowCode, detail: H.detail, amounts: yearHeader ?? H.year1 };
  const projects = {
    projectId: H.projectId,
    name: sheet === OWN_PROJECTS.name ? H.investment : H.projectName,
    needId: H.needId,
    valueByYear: yearHeader ?? H.year1,
    endDate: H.endDate,
    fundingSources: H.fundingSources,
    executor: H.executor,
    executorDetail: H.executorDetail,
  };
  for (const name of [FUENTES.name, USOS.name, GESTION.name]) bySheet[name] = funding;
  for (const name of [OWN_PROJECTS.name, THIRD_PARTY_PROJECTS.name]) bySheet[name] = projects;
  return bySheet[sheet]?.[base] ?? common[base] ?? null;
}

/** Why and on what legal basis: the row's own columns, else the import's. */
function justification(values: Record_, options: ImportOptions, withLegalBasis: boolean) {
  const reason = str(values.get(H.reason) ?? null) ?? options.reason;
  const legalBasis =
    (withLegalBasis ? str(values.get(H.legalBasis) ?? null) : undefined) ?? options.legalBasis;
  return { ...(reason ? { reason } : {}), ...(legalBasis ? { legalBasis } : {}) };
}

type RowOutcome = PlanCommand | null | { problem: string; column: string | null };

function baselineCommand(values: Record_, state: PlanState, options: ImportOptions): RowOutcome {
  const indicator = str(values.get(H.indicatorCode)!)!;
  const month = values.get(H.month);
  const measuredAt = {
    year: num(values.get(H.year)!),
    ...(typeof month === 'number' ? { month } : {}),
  };
  const source = str(values.get(H.source)!)!;
  const value = num(values.get(H.baseline)!);
  const current = state.baselines[indicator];
  if (
    current &&
    current.value === value &&
    current.source === source &&
    periodKey(current.measuredAt) === periodKey(measuredAt)
  )
    return null;
  return {
    type: 'SetBaseline',
    indicator,
    value,
    measuredAt,
    source,
    ...justification(values, options, false),
  };
}

function needCommand(values: Record_, state: PlanState): RowOutcome {
  const needId = str(values.get(H.needId)!)!;
  const need = str(values.get(H.need)!)!;
  const investmentName = str(values.get(H.investment)!)!;
  const estimatedValue = num(values.get(H.estimatedValue)!);
  const current = state.needs[needId];
  if (!current) return { type: 'RegisterNeed', needId, need, investmentName, estimatedValue };
  const differs: Array<[string, unknown, unknown]> = [
    [H.need, current.need, need],
    [H.investment, current.investmentName, investmentName],
    [H.estimatedValue, current.estimatedValue, estimatedValue],
  ];
  const changed = differs.find(([, before, after]) => before !== after);
  return changed
    ? {
        column: changed[0],
        problem: `la necesidad ${needId} ya está registrada con «${String(changed[1])}»: una necesidad registrada no se modifica; registre otra con un id nuevo.`,
      }
    : null;
}

function fundingCommand(values: Record_, state: PlanState, table: FundingTable): RowOutcome {
  const row = str(values.get(H.rowCode)!)!.toUpperCase();
  const detail = str(values.get(H.detail) ?? null) ?? null;
  const amounts = years(values);
  const current = state.funding[table][fundingRowKey(row, detail)];
  if (current && sameNumbers(current.amounts, amounts)) return null;
  return { type: 'SetFundingRow', table, row, ...(detail ? { detail } : {}), amounts };
}

function projectCommand(values: Record_, state: PlanState, kind: ProjectKind): RowOutcome {
  const projectId = str(values.get(H.projectId)!)!;
  const name = str(values.get(kind === 'propio' ? H.investment : H.projectName)!)!;
  const needId = str(values.get(H.needId) ?? null);
  const valueByYear = years(values);
  const third =
    kind === 'tercero'
      ? {
          endDate: str(values.get(H.endDate)!)!,
          fundingSources: values.get(H.fundingSources) as string[],
          executor: (str(values.get(H.executor)!) ?? '').toUpperCase().replace('NACIÓN', 'NACION'),
          executorDetail: str(values.get(H.executorDetail) ?? null),
        }
      : null;
  const current = state.projects[projectId];
  if (!current)
    return {
      type: 'RegisterProject',
      projectId,
      kind,
      name,
      ...(needId ? { needId } : {}),
      valueByYear,
      ...(third
        ? {
            endDate: third.endDate,
            fundingSources: third.fundingSources,
            executor: third.executor as Executor,
            ...(third.executorDetail ? { executorDetail: third.executorDetail } : {}),
          }
        : {}),
    };
  const differs: Array<[string, unknown, unknown]> = [
    ['kind', current.kind, kind],
    [kind === 'propio' ? H.investment : H.projectName, current.name, name],
    [H.needId, current.needId, needId ?? null],
    [H.year1, current.valueByYear.join(' | '), valueByYear.join(' | ')],
    ...(third
      ? ([
          [H.endDate, current.endDate, third.endDate],
          [H.fundingSources, current.fundingSources.join('; '), third.fundingSources.join('; ')],
          [H.executor, current.executor, third.executor],
          [H.executorDetail, current.executorDetail, third.executorDetail ?? null],
        ] as Array<[string, unknown, unknown]>)
      : []),
  ];
  const changed = differs.find(([, before, after]) => before !== after);
  if (!changed) return null;
  if (changed[0] === 'kind')
    return {
      column: H.projectId,
      problem: `el proyecto ${projectId} ya está registrado como ${current.kind === 'propio' ? 'propio (Tabla 8)' : 'de terceros (Tabla 9)'}.`,
    };
  return {
    column: changed[0],
    problem: `el proyecto ${projectId} ya está registrado con «${String(changed[1])}»: un proyecto registrado no se modifica desde el libro; registre otro con un id nuevo.`,
  };
}

function goalCommand(values: Record_, state: PlanState, options: ImportOptions): RowOutcome {
  const indicator = str(values.get(H.indicatorCode)!)!;
  const targets = years(values);
  const total = num(values.get(H.total)!);
  const current = state.goals[indicator];
  if (current && current.total === total && sameNumbers(current.targets, targets)) return null;
  const why = justification(values, options, true);
  if (current && state.adoption) {
    if (!why.reason || !why.legalBasis)
      return {
        column: why.reason ? H.legalBasis : H.reason,
        problem: `la meta de ${indicator} cambia (de ${current.targets.join(', ')} a ${targets.join(', ')}) y el plan ya fue adoptado (${adoptionCitation(state.adoption)}): es una modificación; escriba la justificación en «${H.reason}» y el acto administrativo en «${H.legalBasis}» (o al importar: --reason y --legal-basis, o reason y legalBasis en la mutación).`,
      };
    return { type: 'AmendGoal', indicator, targets, total, ...why };
  }
  return { type: 'SetGoal', indicator, targets, total, ...why };
}

function contributionCommand(values: Record_, state: PlanState): RowOutcome {
  const indicator = str(values.get(CONTRIBUTIONS.columns[0]!.header)!)!;
  const projectId = str(values.get(H.projectId)!)!;
  const amount = num(values.get(CONTRIBUTIONS.columns[2]!.header)!);
  const unit = findIndicator(indicator)?.unit ?? '';
  const current = state.contributions[contributionKey(projectId, indicator)];
  if (current && current.amount === amount) return null;
  return {
    type: current ? 'ChangeContribution' : 'AttachContribution',
    projectId,
    indicator,
    amount,
    unit,
  };
}

function progressCommand(values: Record_, state: PlanState, options: ImportOptions): RowOutcome {
  const indicator = str(values.get(H.indicatorCode)!)!;
  const month = values.get(H.progressMonth);
  const period = {
    year: num(values.get(H.progressYear)!),
    ...(typeof month === 'number' ? { month } : {}),
  };
  const value = num(values.get(H.progressValue)!);
  const source = str(values.get(H.source)!)!;
  const answers = CHECKLIST_HEADERS.map((h) => values.get(h) ?? null);
  const checklist = answers.some((a) => a !== null)
    ? (Object.fromEntries(
        MUNICIPAL_MANAGEMENT_REQUIREMENTS.map((r, i) => [r.key, answers[i]]),
      ) as MunicipalManagementChecklist)
    : undefined;
  const current = state.progress[indicator]?.[periodKey(period)];
  const sameChecklist = MUNICIPAL_MANAGEMENT_REQUIREMENTS.every(
    (r) => (current?.checklist?.[r.key] ?? null) === (checklist?.[r.key] ?? null),
  );
  if (current && current.value === value && current.source === source && sameChecklist) return null;
  return {
    type: 'ReportProgress',
    indicator,
    period,
    value,
    source,
    ...(checklist ? { checklist } : {}),
    ...justification(values, options, false),
  };
}

const ROW_COMMANDS: Array<{
  spec: SheetSpec<unknown>;
  command(values: Record_, state: PlanState, options: ImportOptions): RowOutcome;
}> = [
  { spec: BASELINES as SheetSpec<unknown>, command: baselineCommand },
  { spec: NEEDS as SheetSpec<unknown>, command: needCommand },
  { spec: FUENTES as SheetSpec<unknown>, command: (v, s) => fundingCommand(v, s, 'fuentes') },
  { spec: USOS as SheetSpec<unknown>, command: (v, s) => fundingCommand(v, s, 'usos') },
  { spec: GESTION as SheetSpec<unknown>, command: (v, s) => fundingCommand(v, s, 'gestion') },
  { spec: OWN_PROJECTS as SheetSpec<unknown>, command: (v, s) => projectCommand(v, s, 'propio') },
  {
    spec: THIRD_PARTY_PROJECTS as SheetSpec<unknown>,
    command: (v, s) => projectCommand(v, s, 'tercero'),
  },
  { spec: GOALS as SheetSpec<unknown>, command: goalCommand },
  { spec: CONTRIBUTIONS as SheetSpec<unknown>, command: contributionCommand },
  { spec: PROGRESS as SheetSpec<unknown>, command: progressCommand },
];

const COMMAND_LABEL: Partial<Record<PlanCommand['type'], string>> = {
  OpenPlan: 'abrir el plan',
  AdoptPlan: 'registrar la adopción',
  SetBaseline: 'fijar líneas base',
  SetGoal: 'fijar metas',
  AmendGoal: 'modificar metas',
  RegisterNeed: 'registrar necesidades',
  RegisterProject: 'registrar proyectos',
  AttachContribution: 'vincular contribuciones',
  ChangeContribution: 'cambiar contribuciones',
  SetFundingRow: 'fijar fuentes y usos',
  ReportProgress: 'reportar avances',
};

/** Opens the file as a workbook, or says why it is not one. */
export async function loadWorkbook(
  content: Uint8Array,
): Promise<ExcelJS.Workbook | WorkbookProblem> {
  const workbook = new (excelJs().Workbook)();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
    return workbook;
  } catch {
    return {
      sheet: '(archivo)',
      row: null,
      column: null,
      message:
        'el archivo no es un libro de Excel .xlsx legible (¿es .xls, .ods o CSV? guárdelo como «Libro de Excel (.xlsx)»).',
    };
  }
}

/**
 * Decides every row of the workbook against `state` (the plan as recorded now, possibly not yet
 * opened), in the order of the sheets; then the adoption on the cover, after the goals (adopting
 * first would turn each goal of the workbook into an amendment).
 */
export function decideWorkbook(
  workbook: ExcelJS.Workbook,
  initial: PlanState,
  context: PlanContext,
  options: ImportOptions,
): WorkbookDecision {
  const problems: WorkbookProblem[] = [];
  const decided: DecidedEvent[] = [];
  let state = initial;
  let rowsRead = 0;
  let unchanged = 0;
  const scope = { daneCode: options.daneCode, departmentCode: options.departmentCode };
  const apply = (command: PlanCommand, sheet: string, row: number | null): void => {
    if (options.principal && !mayWritePlan(options.principal, command.type, scope)) {
      problems.push({
        sheet,
        row,
        column: null,
        message: `su rol ${options.principal.role} (${options.principal.entity}) no puede ${COMMAND_LABEL[command.type] ?? command.type} en este plan.`,
      });
      return;
    }
    const decision = decidePlan(command, state, context);
    if (!decision.ok) {
      problems.push({
        sheet,
        row,
        column: columnOf(sheet, decision.error.field),
        message: decision.error.message,
      });
      return;
    }
    const source = `${options.fileName} › ${sheet}${row === null ? '' : `, fila ${row}`}`;
    for (const event of decision.events) {
      state = evolvePlan(state, event);
      decided.push({ event, command, source });
    }
  };

  const cover = readCover(workbook);
  if (!cover) {
    problems.push({
      sheet: COVER_SHEET,
      row: null,
      column: null,
      message: `falta la hoja «${COVER_SHEET}» con el código DANE y el cuatrienio del plan.`,
    });
  } else {
    const dane = readText(cover.get(COVER.daneCode) ?? null);
    const firstYear = readInteger(cover.get(COVER.firstYear) ?? null);
    if (dane.ok && dane.value !== null && dane.value !== options.daneCode)
      problems.push({
        sheet: COVER_SHEET,
        row: null,
        column: COVER.daneCode,
        message: `el libro es del municipio ${dane.value} y se está importando en el plan de ${options.daneCode}.`,
      });
    if (firstYear.ok && firstYear.value !== null && firstYear.value !== options.firstYear)
      problems.push({
        sheet: COVER_SHEET,
        row: null,
        column: COVER.firstYear,
        message: `el libro es del cuatrienio que empieza en ${firstYear.value} y se está importando en el de ${options.firstYear}.`,
      });
  }
  if (state.planId === null)
    apply(
      { type: 'OpenPlan', daneCode: options.daneCode, firstYear: options.firstYear },
      COVER_SHEET,
      null,
    );

  const sheets = ROW_COMMANDS.map(({ spec, command }) => ({
    spec,
    command,
    rows: readSheet(workbook, spec, problems),
  }));
  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  for (const { spec, command, rows } of sheets) {
    for (const { row, values } of rows) {
      options.onProgress?.(rowsRead, total);
      rowsRead += 1;
      if (problems.length >= MAX_PROBLEMS) break;
      const outcome = command(values, state, options);
      if (outcome === null) unchanged += 1;
      else if ('problem' in outcome)
        problems.push({ sheet: spec.name, row, column: outcome.column, message: outcome.problem });
      else apply(outcome, spec.name, row);
    }
  }
  options.onProgress?.(total, total);

  if (cover) {
    const act = readText(cover.get(COVER.act) ?? null);
    const number = readText(cover.get(COVER.actNumber) ?? null);
    const date = readDate(cover.get(COVER.actDate) ?? null);
    if (!date.ok)
      problems.push({
        sheet: COVER_SHEET,
        row: null,
        column: COVER.actDate,
        message: date.problem,
      });
    const given = act.ok && act.value !== null ? act.value.toUpperCase() : null;
    if (given && date.ok) {
      const wanted = {
        act: given as AdoptionActKind,
        number: number.ok ? (number.value ?? '') : '',
        date: date.value ?? '',
      };
      if (!state.adoption) apply(citingTheAct({ type: 'AdoptPlan', ...wanted }), COVER_SHEET, null);
      else if (
        state.adoption.act !== wanted.act ||
        state.adoption.number !== wanted.number ||
        state.adoption.date !== wanted.date
      )
        problems.push({
          sheet: COVER_SHEET,
          row: null,
          column: COVER.act,
          message: `el plan ya fue adoptado por ${adoptionCitation(state.adoption)} del ${state.adoption.date}; el libro dice ${given} ${wanted.number} del ${wanted.date}. La adopción no se cambia.`,
        });
    }
  }
  if (problems.length > MAX_PROBLEMS) problems.length = MAX_PROBLEMS;
  return { problems, events: problems.length > 0 ? [] : decided, rows: rowsRead, unchanged };
}
