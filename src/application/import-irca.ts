/**
 * Imports INS's yearly IRCA file (columns dane_code, year, irca, risk_level, irca_urban, ...,
 * irca_rural, ...) as progress of the IRCA indicators of each municipality's sector plan, with
 * the dataset as source and a system actor. Each row is one append (urban and rural together),
 * so a row is imported whole or not at all; a row already imported with the same values appends
 * nothing; a malformed row is reported with its line number and skipped.
 */
import { parse } from 'csv-parse/sync';
import { decidePlan } from '../domain/plan/decide';
import { periodKey, planStreamId, type PlanEvent } from '../domain/plan/events';
import type { PlanCommand } from '../domain/plan/commands';
import { evolvePlan } from '../domain/plan/state';
import { periodContaining } from '../domain/time';
import type { Territory } from '../domain/territory';
import { CURRENT_SCHEMA_VERSION } from '../domain/upcasting';
import type { Actor, EventStore, JsonObject } from '../eventstore/port';
import { sectorPlan } from '../domain/plan/aggregate';
import { foldStream } from './command-handler';

export const IRCA_SOURCE =
  'INS - Calidad del Agua para Consumo Humano (datos.gov.co nxt2-39c3), IRCA anual';
export const IRCA_IMPORTER: Actor = {
  id: 'sistema-importador-irca',
  name: 'Importador IRCA del INS',
  role: 'SYSTEM',
  entity: 'INS',
};

export interface ImportReport {
  rows: number;
  /** Rows whose values were appended. */
  imported: number;
  /** Rows already in the plan with the same values. */
  unchanged: number;
  /** Rows of municipalities or years with no sector plan opened. */
  withoutPlan: number;
  malformed: Array<{ line: number; message: string }>;
  events: number;
}

const COLUMNS = {
  urban: ['irca_urban', 'ACU-IRCA-URB'],
  rural: ['irca_rural', 'ACU-IRCA-RUR'],
} as const;

function parseIrca(raw: string | undefined, column: string): number | null {
  if (raw === undefined || raw.trim() === '' || raw.trim().toUpperCase() === 'ND') return null;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 100)
    throw new Error(`${column}: "${raw}" no es un IRCA entre 0 y 100`);
  return value;
}

/** The columns a row needs; the others (risk levels) are the INS's reading of the same values. */
const REQUIRED_COLUMNS = ['dane_code', 'year', 'irca', 'irca_urban', 'irca_rural'];

const CSV_PROBLEMS: Record<string, string> = {
  CSV_INVALID_OPENING_QUOTE: 'una comilla abre un campo a mitad de valor',
  CSV_QUOTE_NOT_CLOSED: 'una comilla no se cierra',
  CSV_INVALID_CLOSING_QUOTE: 'hay texto después de la comilla que cierra un campo',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'hay texto después de la comilla que cierra un campo',
};

type Line = { line: number; record: Record<string, string> } | { line: number; problem: string };

/**
 * The file's lines, each parsed on its own, so that whatever is wrong with one line (a wrong
 * number of columns, bytes that are not UTF-8, an unbalanced quote, nothing at all) is reported
 * with its number and the others go on. Fields spanning lines are not part of the INS format.
 */
export function readIrcaLines(file: string | Uint8Array): { columns: string[]; lines: Line[] } {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const raw: Array<string | null> = [];
  if (typeof file === 'string') raw.push(...file.split('\n'));
  else {
    let start = 0;
    for (let i = 0; i <= file.length; i++) {
      if (i < file.length && file[i] !== 0x0a) continue;
      try {
        raw.push(utf8.decode(file.subarray(start, i)));
      } catch {
        raw.push(null);
      }
      start = i + 1;
    }
  }
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop(); // the file's final newline
  const [head, ...rest] = raw;
  const columns = (head ?? '')
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '')
    .split(',')
    .map((c) => c.trim());
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (head === null || missing.length > 0)
    throw new Error(
      `la primera línea debe traer las columnas ${REQUIRED_COLUMNS.join(', ')}${missing.length ? `; faltan ${missing.join(', ')}` : ''}.`,
    );
  const lines = rest.map((text, index): Line => {
    const line = index + 2;
    if (text === null)
      return {
        line,
        problem: 'la línea no es UTF-8 válido (¿el archivo está en Latin-1? conviértalo a UTF-8).',
      };
    const content = text.replace(/\r$/, '');
    if (content.trim() === '') return { line, problem: 'línea vacía.' };
    let fields: string[];
    try {
      [fields = []] = parse(content, { trim: true, relax_column_count: true }) as string[][];
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      return {
        line,
        problem: `CSV mal formado: ${CSV_PROBLEMS[code] ?? 'no se pudo leer la línea'}.`,
      };
    }
    if (fields.length !== columns.length)
      return {
        line,
        problem: `tiene ${fields.length} columnas y el encabezado ${columns.length} (${columns.join(', ')}).`,
      };
    return { line, record: Object.fromEntries(columns.map((column, i) => [column, fields[i]!])) };
  });
  return { columns, lines };
}

export async function importIrca(
  events: EventStore,
  territory: Territory,
  file: string | Uint8Array,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ImportReport> {
  const { lines } = readIrcaLines(file);
  const report: ImportReport = {
    rows: lines.length,
    imported: 0,
    unchanged: 0,
    withoutPlan: 0,
    malformed: [],
    events: 0,
  };
  for (const [index, entry] of lines.entries()) {
    onProgress(index, lines.length);
    if ('problem' in entry) {
      report.malformed.push({ line: entry.line, message: entry.problem });
      continue;
    }
    const { record } = entry;
    const info = { lines: entry.line };
    try {
      const daneCode = record.dane_code ?? '';
      if (!/^\d{5}$/.test(daneCode) || !territory.municipality(daneCode))
        throw new Error(`dane_code: "${daneCode}" no está en la DIVIPOLA`);
      const year = Number(record.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100)
        throw new Error(`year: "${record.year}" no es un año`);
      parseIrca(record.irca, 'irca');
      const values = Object.entries(COLUMNS).flatMap(([, [column, indicator]]) => {
        const value = parseIrca(record[column], column);
        return value === null ? [] : [{ indicator, value }];
      });
      const stream = planStreamId(daneCode, periodContaining(year).firstYear);
      const history = await events.readStream(stream);
      if (history.length === 0) {
        report.withoutPlan += 1;
        continue;
      }
      let state = foldStream(sectorPlan, history);
      const decided: PlanEvent[] = [];
      for (const { indicator, value } of values) {
        const period = { year };
        const existing = state.progress[indicator]?.[periodKey(period)];
        if (existing && existing.value === value && existing.source === IRCA_SOURCE) continue;
        const command: PlanCommand = {
          type: 'ReportProgress',
          indicator,
          period,
          value,
          source: IRCA_SOURCE,
          ...(existing ? { reason: 'Dato actualizado en el archivo anual del INS' } : {}),
        };
        const decision = decidePlan(command, state, { territory });
        if (!decision.ok)
          throw new Error(`${decision.error.field ?? ''}: ${decision.error.message}`);
        for (const event of decision.events) {
          state = evolvePlan(state, event);
          decided.push(event);
        }
      }
      if (decided.length === 0) {
        report.unchanged += 1;
        continue;
      }
      await events.append(
        stream,
        decided.map((event) => ({
          type: event.type,
          data: event.data as unknown as JsonObject,
          metadata: {
            actor: IRCA_IMPORTER,
            correlationId: `import-irca-${daneCode}-${year}`,
            schemaVersion: CURRENT_SCHEMA_VERSION,
            reason: 'Importación del IRCA anual del INS',
          },
        })),
        { expectedRevision: history[history.length - 1]!.revision },
      );
      report.imported += 1;
      report.events += decided.length;
    } catch (error) {
      report.malformed.push({
        line: info.lines,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  onProgress(lines.length, lines.length);
  return report;
}
