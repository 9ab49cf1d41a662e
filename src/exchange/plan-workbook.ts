/**
 * Writes a plan's state as the workbook a municipal planner knows: a cover sheet naming the
 * instants, the source and the semester's seal, then one sheet per table of the resolution
 * (see `plan-sheets.ts`). Numbers are numbers with their unit's format; dates are dates.
 */
import type ExcelJS from 'exceljs';
import { excelJs } from '../late-modules';
import type { SealReference } from '../domain/review/events';
import { adoptionCitation } from '../domain/plan/events';
import { planFigures } from '../domain/plan/figures';
import type { PlanState } from '../domain/plan/state';
import { bogotaCell, dateCell } from './cells';
import {
  COVER_SHEET,
  FIRST_DATA_ROW,
  FORMAT,
  HEADER_ROW,
  PLAN_SHEETS,
  TITLE_ROW,
  type CellOut,
  type ColumnSpec,
  type SheetSpec,
} from './plan-sheets';

/** Labels of the cover sheet the importer reads back (column A), in the order shown. */
export const COVER = {
  municipality: 'Municipio',
  daneCode: 'Código DANE',
  department: 'Departamento',
  planId: 'Plan sectorial',
  firstYear: 'Año inicial del cuatrienio',
  lastYear: 'Año final del cuatrienio',
  status: 'Estado del plan',
  act: 'Acto de adopción (ACUERDO o DECRETO)',
  actNumber: 'Número del acto de adopción',
  actDate: 'Fecha del acto de adopción',
  semester: 'Semestre de corte (asOf)',
  validUntil: 'Cifras referidas hasta (hora de Colombia)',
  knownAt: 'Registrado en la bitácora hasta (hora de Colombia)',
  knownAtIso: 'Registrado hasta (ISO 8601, UTC)',
  revision: 'Revisión del plan incluida',
  lastEventHash: 'Hash del último evento del plan incluido',
  source: 'Fuente',
  sealSemester: 'Sello del semestre',
  sealTreeSize: 'Eventos cubiertos por el sello (tamaño del árbol de Merkle)',
  sealRoot: 'Raíz del árbol de Merkle (SHA-256)',
  sealSignedAt: 'Sello firmado en (hora de Colombia)',
  sealKeyId: 'Clave del sello (kid)',
  sealSignature: 'Firma del sello (JWS Ed25519)',
  generatedAt: 'Libro generado en (hora de Colombia)',
} as const;

export interface PlanCover {
  semester: string | null;
  validUntil: Date | null;
  knownAt: Date;
  /** The plan's last event included: its revision and hash (the record the workbook shows). */
  lastEvent: { revision: number; hash: string } | null;
  seal: SealReference | null;
  generatedAt: Date;
  source: string;
}

const HEADER_FILL = 'FF1F4E79';
const DERIVED_FILL = 'FFD9D9D9';
export const DERIVED_NOTE =
  'Columna calculada por Bitácora a partir de la bitácora: se muestra para leer la tabla y se ignora al importar.';

function toCell(kind: ColumnSpec<unknown>['kind'], value: CellOut): ExcelJS.CellValue {
  if (value === null) return null;
  if (kind === 'date' && typeof value === 'string') return dateCell(value);
  if (kind === 'list' && Array.isArray(value)) return value.join('; ');
  if (kind === 'yesno' && typeof value === 'boolean') return value ? 'SÍ' : 'NO';
  return value as ExcelJS.CellValue;
}

function writeSheet<Row>(
  workbook: ExcelJS.Workbook,
  spec: SheetSpec<Row>,
  rows: Row[],
  subtitle: string,
): void {
  const sheet = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
  });
  sheet.getCell(TITLE_ROW, 1).value = spec.title;
  sheet.getCell(TITLE_ROW, 1).font = { bold: true, size: 13 };
  sheet.getCell(TITLE_ROW + 1, 1).value = subtitle;
  sheet.getCell(TITLE_ROW + 1, 1).font = { italic: true };
  spec.columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width;
    const cell = sheet.getCell(HEADER_ROW, index + 1);
    cell.value = column.header;
    cell.font = { bold: true, color: { argb: column.input ? 'FFFFFFFF' : 'FF000000' } };
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: column.input ? HEADER_FILL : DERIVED_FILL },
    };
    cell.alignment = { wrapText: true, vertical: 'middle' };
    if (!column.input) cell.note = DERIVED_NOTE;
  });
  sheet.getRow(HEADER_ROW).height = 45;
  rows.forEach((row, r) => {
    spec.columns.forEach((column, c) => {
      const cell = sheet.getCell(FIRST_DATA_ROW + r, c + 1);
      cell.value = toCell(column.kind, column.get(row));
      const format =
        typeof column.numFmt === 'function'
          ? column.numFmt(row)
          : (column.numFmt ?? (column.kind === 'date' ? FORMAT.date : undefined));
      if (format) cell.numFmt = format;
    });
  });
  if (spec.totals) {
    const totalRow = sheet.getRow(FIRST_DATA_ROW + rows.length);
    spec.totals(rows).forEach((value, c) => {
      const cell = totalRow.getCell(c + 1);
      cell.value = value as ExcelJS.CellValue;
      const column = spec.columns[c];
      if (typeof value === 'number' && column?.numFmt)
        cell.numFmt = typeof column.numFmt === 'string' ? column.numFmt : FORMAT.pesos;
    });
    totalRow.font = { bold: true };
  }
}

function writeCover(workbook: ExcelJS.Workbook, state: PlanState, cover: PlanCover): void {
  const sheet = workbook.addWorksheet(COVER_SHEET);
  sheet.getColumn(1).width = 58;
  sheet.getColumn(2).width = 70;
  sheet.getCell(1, 1).value =
    'Plan sectorial de agua potable y saneamiento básico (Resolución 449 de 2013)';
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value =
    'Libro exportado por Bitácora. Las hojas siguen las tablas del anexo de la resolución; las columnas de encabezado gris son calculadas y se ignoran al importar. Para importar de nuevo, conserve los encabezados y los códigos.';
  sheet.getCell(2, 1).alignment = { wrapText: true };
  sheet.mergeCells(2, 1, 2, 2);
  sheet.getRow(2).height = 45;
  const seal = cover.seal;
  const adoption = state.adoption;
  const lines: Array<[string, ExcelJS.CellValue, string?]> = [
    [COVER.municipality, state.municipality],
    [COVER.daneCode, state.daneCode],
    [COVER.department, state.department],
    [COVER.planId, state.planId],
    [COVER.firstYear, state.firstYear, FORMAT.integer],
    [COVER.lastYear, state.lastYear, FORMAT.integer],
    [COVER.status, adoption ? `ADOPTADO (${adoptionCitation(adoption)})` : 'BORRADOR'],
    [COVER.act, adoption?.act ?? null],
    [COVER.actNumber, adoption?.number ?? null],
    [COVER.actDate, adoption ? dateCell(adoption.date) : null, FORMAT.date],
    [COVER.semester, cover.semester ?? 'actual (sin corte)'],
    [COVER.validUntil, cover.validUntil ? bogotaCell(cover.validUntil) : null, FORMAT.dateTime],
    [COVER.knownAt, bogotaCell(cover.knownAt), FORMAT.dateTime],
    [COVER.knownAtIso, cover.knownAt.toISOString()],
    [COVER.revision, cover.lastEvent?.revision ?? null, FORMAT.integer],
    [COVER.lastEventHash, cover.lastEvent?.hash ?? null],
    [COVER.source, cover.source],
    [
      COVER.sealSemester,
      seal
        ? seal.semester
        : cover.semester
          ? `sin sello: el semestre ${cover.semester} aún no se ha sellado`
          : 'sin sello (exportación sin corte de semestre)',
    ],
    [COVER.sealTreeSize, seal?.treeSize ?? null, '#,##0'],
    [COVER.sealRoot, seal?.rootHash ?? null],
    [COVER.sealSignedAt, seal ? bogotaCell(new Date(seal.signedAt)) : null, FORMAT.dateTime],
    [COVER.sealKeyId, seal?.keyId ?? null],
    [COVER.sealSignature, seal?.signature ?? null],
    [COVER.generatedAt, bogotaCell(cover.generatedAt), FORMAT.dateTime],
  ];
  lines.forEach(([label, value, format], index) => {
    const row = sheet.getRow(4 + index);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = value;
    row.getCell(2).alignment = { wrapText: true, horizontal: 'left' };
    if (format) row.getCell(2).numFmt = format;
  });
}

/** The whole workbook, ready for `workbook.xlsx.write(stream)`. */
export function planWorkbook(state: PlanState, cover: PlanCover): ExcelJS.Workbook {
  const workbook = new (excelJs().Workbook)();
  workbook.creator = 'Bitácora';
  workbook.created = cover.generatedAt;
  workbook.modified = cover.generatedAt;
  writeCover(workbook, state, cover);
  const figures = planFigures(state);
  const subtitle = `${state.municipality} (${state.daneCode}), ${state.department} — plan ${state.firstYear}-${state.lastYear}${cover.semester ? `, con corte al semestre ${cover.semester}` : ''}`;
  for (const spec of PLAN_SHEETS) {
    const sheet = spec as SheetSpec<unknown>;
    writeSheet(workbook, sheet, sheet.rows(state, figures), subtitle);
  }
  return workbook;
}

/**
 * The file's bytes. DEFLATE at level 1: a plan's workbook compresses to about the same size as at
 * JSZip's default level, in a fraction of the time (measured by `npm run bench:exports`).
 */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const options = { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } };
  return Buffer.from(await workbook.xlsx.writeBuffer(options as Partial<ExcelJS.XlsxWriteOptions>));
}
