/**
 * Tables of rows written as UTF-8 CSV (csv-stringify), JSON or an Excel sheet (exceljs), streamed
 * so that a national table never sits whole in memory. Columns are declared once, with the type,
 * unit and meaning the open-data dictionary publishes.
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { excelJs } from '../late-modules';
import { bogotaCell } from './cells';

export type ColumnType = 'texto' | 'entero' | 'número' | 'fecha' | 'fecha_hora' | 'booleano';

export interface TableColumn<Row> {
  /** snake_case, no accents (datos.gov.co column names). */
  name: string;
  type: ColumnType;
  /** Unit of the numbers: "pesos colombianos", "personas", "%"...; null when none. */
  unit: string | null;
  meaning: string;
  get(row: Row): string | number | boolean | Date | null;
}

const BOGOTA_OFFSET_MS = 5 * 3_600_000;

/** An instant as ISO 8601 in Colombian time, e.g. 2025-06-30T23:59:59.999-05:00. */
export const bogotaIso = (instant: Date): string =>
  `${new Date(instant.getTime() - BOGOTA_OFFSET_MS).toISOString().slice(0, 23)}-05:00`;

/** A cell as CSV and JSON carry it: dates ISO 8601, numbers with a dot, booleans true/false. */
function plain(type: ColumnType, value: string | number | boolean | Date | null) {
  if (value === null) return null;
  if (value instanceof Date)
    return type === 'fecha' ? bogotaIso(value).slice(0, 10) : bogotaIso(value);
  return value;
}

async function write(stream: Writable, chunk: string | Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

const CSV_OPTIONS = { cast: { boolean: (b: boolean) => String(b) } };

/** The cells of a row as CSV and JSON carry them, in column order. */
const cellsOf = <Row>(columns: ReadonlyArray<TableColumn<Row>>, row: Row) =>
  columns.map((c) => plain(c.type, c.get(row)));

/** A whole table in memory as CSV (the same bytes `writeCsv` streams). */
export function csvBytes<Row>(
  columns: ReadonlyArray<TableColumn<Row>>,
  rows: readonly Row[],
): Buffer {
  return Buffer.from(
    stringifySync(
      rows.map((row) => cellsOf(columns, row)),
      { header: true, columns: columns.map((c) => c.name), ...CSV_OPTIONS },
    ),
  );
}

/** A whole table in memory as JSON (the same bytes `writeJson` streams). */
export function jsonBytes<Row>(
  columns: ReadonlyArray<TableColumn<Row>>,
  rows: readonly Row[],
): Buffer {
  const lines = rows.map((row) => {
    const cells = cellsOf(columns, row);
    return JSON.stringify(Object.fromEntries(columns.map((c, i) => [c.name, cells[i]])));
  });
  return Buffer.from(`[${lines.length ? `\n${lines.join(',\n')}` : ''}\n]\n`);
}

/** CSV: header row of column names, comma separated, RFC 4180 quoting, UTF-8, "\n" lines. */
export async function writeCsv<Row>(
  columns: ReadonlyArray<TableColumn<Row>>,
  rows: AsyncIterable<Row> | Iterable<Row>,
  out: Writable,
): Promise<number> {
  const csv = stringify({ header: true, columns: columns.map((c) => c.name), ...CSV_OPTIONS });
  csv.on('data', (chunk: Buffer) => void out.write(chunk));
  let count = 0;
  for await (const row of rows) {
    if (!csv.write(cellsOf(columns, row))) await once(csv, 'drain');
    count += 1;
  }
  csv.end();
  await once(csv, 'end');
  return count;
}

/** JSON: an array of objects keyed by column name (written as it goes). */
export async function writeJson<Row>(
  columns: ReadonlyArray<TableColumn<Row>>,
  rows: AsyncIterable<Row> | Iterable<Row>,
  out: Writable,
): Promise<number> {
  let count = 0;
  await write(out, '[');
  for await (const row of rows) {
    const cells = cellsOf(columns, row);
    const record = Object.fromEntries(columns.map((c, i) => [c.name, cells[i]]));
    await write(out, `${count === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`);
    count += 1;
  }
  await write(out, '\n]\n');
  return count;
}

const NUMBER_FORMAT: Partial<Record<ColumnType, string>> = {
  entero: '#,##0',
  fecha: 'yyyy-mm-dd',
  fecha_hora: 'yyyy-mm-dd hh:mm:ss',
};

/**
 * One sheet, streamed (exceljs's WorkbookWriter): numbers as numbers, instants as dates in
 * Colombian time (the header says so), a bold frozen header.
 */
export async function writeXlsx<Row>(
  sheetName: string,
  columns: ReadonlyArray<TableColumn<Row>>,
  rows: AsyncIterable<Row> | Iterable<Row>,
  out: Writable,
): Promise<number> {
  const workbook = new (excelJs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true });
  workbook.creator = 'Bitácora';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.type === 'fecha_hora' ? `${c.name} (hora de Colombia)` : c.name,
    key: c.name,
    width: Math.max(12, Math.min(40, c.name.length + 4)),
    ...(NUMBER_FORMAT[c.type] ? { style: { numFmt: NUMBER_FORMAT[c.type]! } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const row of rows) {
    const values = columns.map((c) => {
      const value = c.get(row);
      return value instanceof Date ? bogotaCell(value) : value;
    });
    sheet.addRow(values).commit();
    count += 1;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
