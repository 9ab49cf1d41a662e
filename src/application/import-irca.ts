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

export async function importIrca(
  events: EventStore,
  territory: Territory,
  csv: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ImportReport> {
  const records = parse(csv, {
    columns: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  }) as Array<{
    record: Record<string, string>;
    info: { lines: number };
  }>;
  const report: ImportReport = {
    rows: records.length,
    imported: 0,
    unchanged: 0,
    withoutPlan: 0,
    malformed: [],
    events: 0,
  };
  for (const [index, { record, info }] of records.entries()) {
    onProgress(index, records.length);
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
  onProgress(records.length, records.length);
  return report;
}
